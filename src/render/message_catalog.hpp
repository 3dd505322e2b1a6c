// A catalogue of ICU MessageFormat texts in one language, read from a `.properties` file.
//
// Exports: CatalogMessage, MessageCatalog, read_catalog. The file format is docs/NOTICES.md §2:
// `key = pattern` per line, `#` comments, a trailing `\` continues the pattern on the next line,
// `\n` is a line break and `\\` a backslash. Each message keeps, for every UTF-16 unit of its
// pattern, the byte offset it came from, so an ICU error offset becomes FILE:LINE:COL.
#pragma once

#include <unicode/unistr.h>

#include <cstdint>
#include <string>
#include <vector>

#include "syntax/source.hpp"

namespace tenet::render {

struct CatalogMessage {
    std::string key;
    uint32_t key_offset = 0;             // byte offset of the key in the file
    icu::UnicodeString pattern;          // unescaped, continuation lines joined
    std::vector<uint32_t> unit_offsets;  // byte offset of each UTF-16 unit, plus one past the end

    uint32_t offset_of(int32_t unit) const {
        if (unit < 0) return key_offset;
        size_t i = std::min(static_cast<size_t>(unit), unit_offsets.size() - 1);
        return unit_offsets[i];
    }
};

struct MessageCatalog {
    uint32_t file = 0;  // id in the SourceSet
    std::string lang;
    std::vector<CatalogMessage> messages;  // in file order
    const CatalogMessage* find(const std::string& key) const;
};

// Reads the catalogue in `file` (already validated UTF-8 is not assumed: invalid bytes are an
// error at their position). Errors go to `sink`; false when there were any.
bool read_catalog(const syntax::SourceFile& file, std::string lang, MessageCatalog* out, syntax::DiagnosticSink* sink);

}  // namespace tenet::render
