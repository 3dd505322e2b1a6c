// util UTF-8: ill-formed sequences by kind, NFC of identifiers, grapheme columns, XID classes.
#include <gtest/gtest.h>

#include <string>

#include "util/utf8.hpp"

namespace tenet::util {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
    EXPECT_EQ(find_invalid_utf8(""), kValidUtf8);
    EXPECT_EQ(find_invalid_utf8("ruleset weld"), kValidUtf8);
    EXPECT_EQ(find_invalid_utf8("pensión ñ € 𝄞 \xEF\xBF\xBF"), kValidUtf8);
    EXPECT_EQ(find_invalid_utf8("\xF4\x8F\xBF\xBF"), kValidUtf8);  // U+10FFFF
}

TEST(Utf8, ReportsTheFirstIllFormedByte) {
    struct Bad {
        std::string text;
        size_t at;
    };
    const Bad cases[] = {
        {"ab\x80", 2},            // lone continuation byte
        {"a\xC3", 1},             // truncated two-byte sequence
        {"a\xC3(", 1},            // bad continuation
        {"\xC0\xAF", 0},          // overlong '/'
        {"\xE0\x80\xAF", 0},      // overlong three-byte
        {"xx\xED\xA0\x80", 2},    // UTF-16 surrogate U+D800
        {"\xF4\x90\x80\x80", 0},  // above U+10FFFF
        {"\xF5\x80\x80\x80", 0},  // never a lead byte
        {"\xFF", 0},
        {std::string("ok\0\xFE", 4), 3},
        {"0123456789abcdef0123456789\xE2\x82", 26},  // past the ASCII fast path
    };
    for (const auto& c : cases) EXPECT_EQ(find_invalid_utf8(c.text), c.at) << c.text;
}

TEST(Utf8, NormalisesToNfcSoTwoSpellingsAreOneName) {
    const std::string composed = "pensi\xC3\xB3n";     // ó as U+00F3
    const std::string decomposed = "pensio\xCC\x81n";  // o + U+0301
    EXPECT_NE(composed, decomposed);
    EXPECT_EQ(to_nfc(decomposed), composed);
    EXPECT_EQ(to_nfc(composed), composed);
    EXPECT_EQ(to_nfc("plain_ascii"), "plain_ascii");
    EXPECT_EQ(to_nfc("\xE2\x84\xAB"), "\xC3\x85");  // Angstrom sign -> Å
}

TEST(Utf8, CountsUserPerceivedCharacters) {
    EXPECT_EQ(grapheme_count(""), 0u);
    EXPECT_EQ(grapheme_count("abc"), 3u);
    EXPECT_EQ(grapheme_count("e\xCC\x81t\xC3\xA9"), 3u);                            // e+acute, t, é
    EXPECT_EQ(grapheme_count("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"), 1u);  // ZWJ sequence
    EXPECT_EQ(grapheme_count("\r\n"), 1u);
    EXPECT_EQ(grapheme_prefix_bytes("e\xCC\x81tx", 1), 3u);
    EXPECT_EQ(grapheme_prefix_bytes("e\xCC\x81tx", 2), 4u);
    EXPECT_EQ(grapheme_prefix_bytes("ab", 5), 2u);
}

TEST(Utf8, ClassifiesIdentifierCharacters) {
    size_t len = 0;
    EXPECT_TRUE(is_identifier_start("ñ", 0, &len));
    EXPECT_EQ(len, 2u);
    EXPECT_TRUE(is_identifier_start("_x", 0, &len));
    EXPECT_FALSE(is_identifier_start("9x", 0, &len));
    EXPECT_TRUE(is_identifier_continue("a9", 1, &len));
    EXPECT_TRUE(is_identifier_continue("e\xCC\x81", 1, &len));  // combining mark continues
    EXPECT_EQ(len, 2u);
    EXPECT_FALSE(is_identifier_start("\xCC\x81", 0, &len));  // but does not start
    EXPECT_FALSE(is_identifier_continue("a-", 1, &len));
    EXPECT_FALSE(is_identifier_start("\xE2\x82\xAC", 0, &len));  // €
    EXPECT_TRUE(is_identifier_start("\xD0\x96", 0, &len));       // Cyrillic Ж
}

}  // namespace
}  // namespace tenet::util
