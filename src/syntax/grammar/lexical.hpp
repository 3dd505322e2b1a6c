// The grammar's characters and words (LANGUAGE.md §1, §13): whitespace and comments, identifiers,
// whole keywords and reserved words. Plain functions over the text, no Spirit: the parsers of
// primitives.hpp and the driver (parse_module.cpp) are built on them.
//
// There is no lexer. Keywords are matched as whole words (`iffy` is a name, not `if` + `fy`),
// identifiers are Unicode (util::is_identifier_*) and NFC-normalised, and the skipper eats
// whitespace and `#` comments everywhere except inside a table body, whose rows end at the end of
// their line (§6). The small scanners are inline: they run at every token.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include "util/utf8.hpp"

namespace tenet::syntax::grammar {

// The grammar reads the text of one file in memory.
using It = const char*;

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whitespace and `#` comments (doc comments `##` included: they are read back from the text).
inline It skip_ws(It p, It last) {
    while (p != last) {
        if (is_space(*p)) {
            ++p;
        } else if (*p == '#') {
            while (p != last && *p != '\n') ++p;
        } else {
            break;
        }
    }
    return p;
}

// The same without crossing a line break: table rows end at the end of their line.
inline It skip_blank(It p, It last) {
    while (p != last) {
        if (is_blank(*p)) {
            ++p;
        } else if (*p == '#') {
            while (p != last && *p != '\n') ++p;
        } else {
            break;
        }
    }
    return p;
}

inline size_t ident_start_len(It p, It last) {
    if (p == last) return 0;
    unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x80) return (c == '_' || static_cast<unsigned>((c | 0x20) - 'a') < 26u) ? 1 : 0;
    size_t len = 0;
    return util::is_identifier_start(std::string_view(p, last - p), 0, &len) ? len : 0;
}

inline size_t ident_continue_len(It p, It last) {
    if (p == last) return 0;
    unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x80) return (c == '_' || static_cast<unsigned>((c | 0x20) - 'a') < 26u || is_digit(*p)) ? 1 : 0;
    size_t len = 0;
    return util::is_identifier_continue(std::string_view(p, last - p), 0, &len) ? len : 0;
}

// The end of the identifier starting at p, or p when none starts there.
inline It scan_ident(It p, It last) {
    size_t n = ident_start_len(p, last);
    if (n == 0) return p;
    p += n;
    while ((n = ident_continue_len(p, last)) != 0) p += n;
    return p;
}

inline bool word_ends(It p, It last) { return ident_continue_len(p, last) == 0; }

// True when the word w is at p as a whole word.
inline bool word_at(It p, It last, std::string_view w) {
    return static_cast<size_t>(last - p) >= w.size() && std::memcmp(p, w.data(), w.size()) == 0 &&
           word_ends(p + w.size(), last);
}

// Reads an identifier at p (already past whitespace) into *text, NFC-normalised; returns its end,
// or p if none starts there.
It read_ident(It p, It last, std::string* text);

// §13: reserved words are never names. (Contextual keywords such as `first`, `level` or the
// duration units are matched only where the grammar expects them.)
bool is_reserved(std::string_view w);

// The words that start a declaration: error recovery resumes at a line that begins with one.
bool starts_declaration(It p, It last);

}  // namespace tenet::syntax::grammar
