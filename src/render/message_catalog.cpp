// Reading `.properties` catalogues of MessageFormat patterns, keeping source positions.
#include "render/message_catalog.hpp"

#include <unicode/utf8.h>

#include "util/utf8.hpp"

namespace tenet::render {

const CatalogMessage* MessageCatalog::find(const std::string& key) const {
    for (const auto& m : messages) {
        if (m.key == key) return &m;
    }
    return nullptr;
}

namespace {

bool is_key_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'; }

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Appends the code point at text[i] to `pattern`, recording its offset for each UTF-16 unit.
size_t append_code_point(const std::string& text, size_t i, CatalogMessage* m) {
    UChar32 c = 0;
    int32_t at = static_cast<int32_t>(i);
    U8_NEXT(text.data(), at, static_cast<int32_t>(text.size()), c);
    m->pattern.append(c);
    for (int n = U16_LENGTH(c); n > 0; --n) m->unit_offsets.push_back(static_cast<uint32_t>(i));
    return static_cast<size_t>(at) - i;
}

}  // namespace

bool read_catalog(const syntax::SourceFile& file, std::string lang, MessageCatalog* out, syntax::DiagnosticSink* sink) {
    const std::string& text = file.text();
    out->file = file.id();
    out->lang = std::move(lang);
    size_t errors = sink->error_count();
    auto error = [&](size_t at, std::string message) {
        sink->error(syntax::Span{file.id(), static_cast<uint32_t>(at), static_cast<uint32_t>(at + 1)},
                    std::move(message));
    };
    size_t bad = util::find_invalid_utf8(text);
    if (bad != util::kValidUtf8) {
        error(bad, "invalid UTF-8: a catalogue is UTF-8 text");
        return false;
    }
    size_t i = 0;
    while (i < text.size()) {
        size_t line_end = text.find('\n', i);
        if (line_end == std::string::npos) line_end = text.size();
        size_t p = i;
        while (p < line_end && is_space(text[p])) ++p;
        if (p == line_end || text[p] == '#' || text[p] == '\r') {
            i = line_end + 1;
            continue;
        }
        CatalogMessage m;
        m.key_offset = static_cast<uint32_t>(p);
        size_t key_begin = p;
        while (p < line_end && is_key_char(text[p])) ++p;
        m.key = text.substr(key_begin, p - key_begin);
        while (p < line_end && is_space(text[p])) ++p;
        if (m.key.empty() || p == line_end || text[p] != '=') {
            error(m.key.empty() ? key_begin : p,
                  m.key.empty() ? "expected a message key (lower-case letters, digits, `_` and `.`)"
                                : "expected `=` after the message key `" + m.key + "`");
            i = line_end + 1;
            continue;
        }
        ++p;
        while (p < line_end && is_space(text[p])) ++p;
        // the pattern, with escapes and continuation lines
        bool ok = true;
        for (;;) {
            if (p >= line_end || text[p] == '\r') {
                break;
            }
            if (text[p] != '\\') {
                p += append_code_point(text, p, &m);
                continue;
            }
            size_t escape = p;
            char next = p + 1 < text.size() ? text[p + 1] : '\n';
            if (next == '\n' || (next == '\r' && p + 2 < text.size() && text[p + 2] == '\n') || p + 1 == line_end) {
                // continuation: the next line's leading blanks are not part of the text
                i = line_end + 1;
                line_end = text.find('\n', i);
                if (line_end == std::string::npos) line_end = text.size();
                p = i;
                while (p < line_end && is_space(text[p])) ++p;
                continue;
            }
            if (next == 'n') {
                m.pattern.append(static_cast<UChar>('\n'));
            } else if (next == '\\') {
                m.pattern.append(static_cast<UChar>('\\'));
            } else {
                error(
                    escape,
                    "unknown escape `\\" + std::string(1, next) +
                        "`: use `\\n` for a line break, `\\\\` for a backslash, `\\` at the end of a line to continue");
                ok = false;
                break;
            }
            m.unit_offsets.push_back(static_cast<uint32_t>(escape));
            p += 2;
        }
        m.unit_offsets.push_back(static_cast<uint32_t>(p));
        if (ok) {
            if (const CatalogMessage* earlier = out->find(m.key)) {
                error(m.key_offset, "message `" + m.key + "` is defined twice");
                sink->note(syntax::Span{file.id(), earlier->key_offset, earlier->key_offset + 1}, "first defined here");
            } else {
                out->messages.push_back(std::move(m));
            }
        }
        i = line_end + 1;
    }
    return sink->error_count() == errors;
}

}  // namespace tenet::render
