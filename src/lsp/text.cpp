// Line tables with UTF-16 columns, and file URIs (RFC 8089, percent-encoding of RFC 3986).
#include "lsp/text.hpp"

#include <algorithm>
#include <filesystem>

namespace tenet::lsp {

namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (uint32_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') line_starts_.push_back(i + 1);
    }
}

Position LineIndex::position(uint32_t offset) const {
    offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    uint32_t line = static_cast<uint32_t>(it - line_starts_.begin()) - 1;
    uint32_t units = 0;
    for (uint32_t i = line_starts_[line]; i < offset; ++i) {
        unsigned char c = static_cast<unsigned char>(text_[i]);
        if (continuation(c)) continue;
        units += c >= 0xF0 ? 2 : 1;  // a code point above U+FFFF is a surrogate pair
    }
    return Position{line, units};
}

uint32_t LineIndex::offset(Position p) const {
    if (p.line >= line_starts_.size()) return static_cast<uint32_t>(text_.size());
    uint32_t i = line_starts_[p.line];
    uint32_t end =
        p.line + 1 < line_starts_.size() ? line_starts_[p.line + 1] - 1 : static_cast<uint32_t>(text_.size());
    uint32_t units = 0;
    while (i < end && units < p.character) {
        unsigned char c = static_cast<unsigned char>(text_[i]);
        units += c >= 0xF0 ? 2 : 1;
        ++i;
        while (i < end && continuation(static_cast<unsigned char>(text_[i]))) ++i;
    }
    return i;
}

bool uri_to_path(const std::string& uri, std::string* path) {
    const std::string scheme = "file://";
    if (uri.compare(0, scheme.size(), scheme) != 0) return false;
    std::string decoded;
    for (size_t i = scheme.size(); i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && hex_value(uri[i + 1]) >= 0 && hex_value(uri[i + 2]) >= 0) {
            decoded += static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2]));
            i += 2;
        } else {
            decoded += uri[i];
        }
    }
    // "file://host/path": only the local host (empty or localhost) names a file here
    if (decoded.compare(0, 9, "localhost") == 0) decoded.erase(0, 9);
    if (decoded.empty() || decoded[0] != '/' || decoded.find('\0') != std::string::npos) return false;
    *path = std::filesystem::path(decoded).lexically_normal().string();
    return true;
}

std::string path_to_uri(const std::string& path) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string uri = "file://";
    for (unsigned char c : path) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                     c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            uri += static_cast<char>(c);
        } else {
            uri += '%';
            uri += kHex[c >> 4];
            uri += kHex[c & 15];
        }
    }
    return uri;
}

void apply_change(std::string* text, Position from, Position to, const std::string& replacement) {
    LineIndex index(*text);
    uint32_t begin = index.offset(from), end = index.offset(to);
    if (end < begin) std::swap(begin, end);
    text->replace(begin, end - begin, replacement);
}

}  // namespace tenet::lsp
