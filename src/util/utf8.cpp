// UTF-8 validation, NFC normalisation and grapheme clusters, with ICU.
#include "util/utf8.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstring>
#include <memory>

namespace tenet::util {

size_t find_invalid_utf8(std::string_view text) {
    const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size(), i = 0;
    while (i < n) {
        // ASCII, the usual case, eight bytes at a time
        while (i + 8 <= n) {
            uint64_t word;
            std::memcpy(&word, s + i, 8);
            if (word & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;  // continuation byte, overlong lead (C0, C1) or beyond U+10FFFF
        }
        if (i + len > n) return i;
        for (size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return i;
        }
        i += len;
    }
    return kValidUtf8;
}

std::string to_nfc(std::string_view text) {
    bool ascii = true;
    for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(text);
    icu::UnicodeString in =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::UnicodeString out = nfc->normalize(in, status);
    if (U_FAILURE(status)) return std::string(text);
    std::string result;
    out.toUTF8String(result);
    return result;
}

namespace {

// Calls f(boundary byte offset) for each grapheme boundary after the start, in order; stops when
// f returns false.
template <typename F>
void graphemes(std::string_view text, F f) {
    bool ascii = true;
    for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80 && c != '\r';
    if (ascii) {
        for (size_t i = 1; i <= text.size(); ++i) {
            if (!f(i)) return;
        }
        return;
    }
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !it) {
        if (ut) utext_close(ut);
        for (size_t i = 1; i <= text.size(); ++i) {
            if (!f(i)) return;
        }
        return;
    }
    it->setText(ut, status);
    it->first();
    for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
        if (!f(static_cast<size_t>(b))) break;
    }
    utext_close(ut);
}

}  // namespace

size_t grapheme_count(std::string_view text) {
    size_t n = 0;
    graphemes(text, [&](size_t) {
        ++n;
        return true;
    });
    return n;
}

size_t grapheme_prefix_bytes(std::string_view text, size_t n) {
    if (n == 0) return 0;
    size_t count = 0, bytes = text.size();
    graphemes(text, [&](size_t b) {
        if (++count == n) {
            bytes = b;
            return false;
        }
        return true;
    });
    return bytes;
}

static bool code_point_at(std::string_view text, size_t i, UChar32* cp, size_t* length) {
    if (i >= text.size()) return false;
    int32_t offset = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), offset, static_cast<int32_t>(text.size()), c);
    if (c < 0) return false;
    *cp = c;
    *length = static_cast<size_t>(offset) - i;
    return true;
}

bool is_identifier_start(std::string_view text, size_t i, size_t* length) {
    if (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            *length = 1;
            return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }
    UChar32 cp;
    if (!code_point_at(text, i, &cp, length)) return false;
    return u_hasBinaryProperty(cp, UCHAR_XID_START);
}

bool is_identifier_continue(std::string_view text, size_t i, size_t* length) {
    if (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            *length = 1;
            return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }
    UChar32 cp;
    if (!code_point_at(text, i, &cp, length)) return false;
    return u_hasBinaryProperty(cp, UCHAR_XID_CONTINUE);
}

}  // namespace tenet::util
