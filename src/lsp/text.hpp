// Positions and names as LSP speaks them: line and UTF-16 character positions, file URIs.
//
// Exports: Position, LineIndex (byte offsets <-> positions of one text), uri_to_path,
// path_to_uri, apply_change (an incremental edit of a document).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tenet::lsp {

struct Position {
    uint32_t line = 0;       // 0-based
    uint32_t character = 0;  // 0-based, in UTF-16 code units (the protocol's default)
};

class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    Position position(uint32_t offset) const;
    // The byte offset of a position; a character past the end of its line is the line's end, a
    // line past the end of the text is the text's end.
    uint32_t offset(Position p) const;

private:
    std::string_view text_;
    std::vector<uint32_t> line_starts_;
};

// "file:///home/a%20b/weld.tenet" -> "/home/a b/weld.tenet", lexically normal; false for
// other schemes.
bool uri_to_path(const std::string& uri, std::string* path);
std::string path_to_uri(const std::string& path);

// Replaces the text between two positions (a `contentChanges` entry with a range).
void apply_change(std::string* text, Position from, Position to, const std::string& replacement);

}  // namespace tenet::lsp
