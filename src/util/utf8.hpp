// UTF-8 text: validation, NFC normalisation of identifiers, user-perceived column counting.
//
// Built on ICU (normalisation and grapheme cluster boundaries). Used by the parser (identifiers),
// the diagnostics (columns) and the JSON reader (strings).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tenet::util {

constexpr size_t kValidUtf8 = static_cast<size_t>(-1);

// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are ill-formed), or kValidUtf8.
size_t find_invalid_utf8(std::string_view text);

// NFC form of valid UTF-8 text (returned unchanged when already NFC, which is the common
// ASCII case and costs no ICU call).
std::string to_nfc(std::string_view text);

// The number of user-perceived characters (extended grapheme clusters) in valid UTF-8 text:
// "é" written as e + U+0301 counts 1. Used for 1-based diagnostic columns: column =
// grapheme_count(text of the line before the offset) + 1.
size_t grapheme_count(std::string_view text);

// The byte length of the first n user-perceived characters of valid UTF-8 text (the whole text
// when it has fewer).
size_t grapheme_prefix_bytes(std::string_view text, size_t n);

// True when the code point starting at text[i] may appear in an identifier after the first
// character: letters, marks, digits, connector punctuation (Unicode XID_Continue).
// `length` receives the byte length of the code point.
bool is_identifier_continue(std::string_view text, size_t i, size_t* length);
// XID_Start or '_'.
bool is_identifier_start(std::string_view text, size_t i, size_t* length);

}  // namespace tenet::util
