// Decoding JSON cases: every class of bad input is an error naming the JSON path, with the exact
// message; nothing is read through a double; nothing crashes or hangs.
#include <gtest/gtest.h>

#include "support/support.hpp"

namespace tenet {
namespace {

using testing::compile_text;
using testing::evaluate;

std::shared_ptr<const Ruleset> schema() {
    auto r = compile_text(R"(
ruleset t
enum Family { single_parent, two_parent }
record Payment { date: date, amount: money, cured: date? }
facts household {
  size: int in 1..30
  family_type: Family
  income: money in $0..
  share: percent
  hours: decimal
  alone: bool
}
facts history {
  payments: list<Payment>
  conviction: date?
}
decision size: int cite "x" = household.size
decision total: money cite "x" = sum(p.amount for p in history.payments)
decision hours: decimal cite "x" = household.hours
decision has_conviction: bool cite "x" = history.conviction is present
)",
                          {}, false);
    EXPECT_TRUE(r.ok()) << testing::diagnostics_text(r);
    return r.ruleset;
}

std::string decode_error(const std::string& json) { return evaluate(schema(), json); }

TEST(CaseJson, UnknownKeyNamesThePathAndTheKnownKeys) {
    EXPECT_EQ(
        decode_error(R"({"as_of":"1999-06-01","household":{"sise":3}})"),
        "ERROR $.household.sise: unknown key `sise` (expected one of: size, family_type, income, share, hours, alone)");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","extra":1})"),
              "ERROR $.extra: unknown key `extra` (expected one of: as_of, household, history)");
}

TEST(CaseJson, WrongTypes) {
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"size":"3"}})"),
              "ERROR $.household.size: expected a whole number, got a string");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"size":3.5}})"),
              "ERROR $.household.size: `3.5` is not a whole number");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"alone":1}})"),
              "ERROR $.household.alone: expected true or false, got a number");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"family_type":"single"}})"),
              "ERROR $.household.family_type: `single` is not a Family (one of: single_parent, two_parent)");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":5})"),
              "ERROR $.household: expected an object of facts, got a number");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","history":{"payments":{}}})"),
              "ERROR $.history.payments: expected an array, got an object");
}

TEST(CaseJson, MoneyWithThreeDecimalsIsAnError) {
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"income":303.005}})"),
              "ERROR $.household.income: money has at most 2 decimals (cents): `303.005`");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"income":"303.005"}})"),
              "ERROR $.household.income: money has at most 2 decimals (cents): `303.005`");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","history":{"payments":[{"date":"1999-01-01","amount":1.001}]}})"),
              "ERROR $.history.payments[0].amount: money has at most 2 decimals (cents): `1.001`");
}

TEST(CaseJson, AbsurdDatesAndNumbers) {
    EXPECT_EQ(
        decode_error(R"({"as_of":"1999-02-30"})"),
        "ERROR $.as_of: `1999-02-30` is not a date: write YYYY-MM-DD, a real day between 1800-01-01 and 2299-12-31");
    EXPECT_EQ(
        decode_error(R"({"as_of":"9999-01-01"})"),
        "ERROR $.as_of: `9999-01-01` is not a date: write YYYY-MM-DD, a real day between 1800-01-01 and 2299-12-31");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"size":0}})"),
              "ERROR $.household.size: value is below the smallest allowed, 1");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"income":-5}})"),
              "ERROR $.household.income: value is below the smallest allowed, 0.00");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"income":1e300}})"),
              "ERROR $.household.income: `1e300` is too large an amount");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"size":99999999999999999999}})"),
              "ERROR $.household.size: `99999999999999999999` is too large for an integer");
}

TEST(CaseJson, RecordsNeedTheirRequiredFields) {
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","history":{"payments":[{"date":"1999-01-01"}]}})"),
              "ERROR $.history.payments[0].amount: missing required field `amount`");
}

TEST(CaseJson, DuplicateKeysNullsAndMissingAsOf) {
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"size":3,"size":4}})"),
              "ERROR $.household.size: key `size` appears twice");
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"size":null}})"),
              "ERROR $.household.size: null is not a valid int; leave the key out if the fact is unknown");
    EXPECT_EQ(decode_error(R"({"household":{"size":3}})"),
              "ERROR $.as_of: missing `as_of`, the day the decisions are for (or pass --as-of)");
}

TEST(CaseJson, SeveralErrorsAreAllReported) {
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","bogus":{"a":[1,2,{"b":3}]},"household":{"size":"x","alone":2}})"),
              "ERROR $.bogus: unknown key `bogus` (expected one of: as_of, household, history) "
              "$.household.size: expected a whole number, got a string "
              "$.household.alone: expected true or false, got a number");
}

TEST(CaseJson, InvalidJsonAndDepth) {
    std::string out = decode_error(R"({"as_of":"1999-06-01",)");
    EXPECT_EQ(out.rfind("ERROR $: invalid JSON at offset 22 (column 23)", 0), 0u) << out;
    std::string deep = "{\"as_of\":\"1999-06-01\",\"household\":" + std::string(600, '[') + std::string(600, ']') + "}";
    out = decode_error(deep);
    EXPECT_NE(out.find("nested more than 512 levels deep"), std::string::npos) << out;
    // under a rejected key too, with the same words
    EXPECT_EQ(decode_error("{\"as_of\":\"1999-06-01\",\"bogus\":" + std::string(600, '[')),
              "ERROR $.bogus: unknown key `bogus` (expected one of: as_of, household, history) "
              "$.bogus: JSON nested more than 512 levels deep");
}

TEST(CaseJson, OptionalFactsAndExactDecimals) {
    auto rs = schema();
    std::string out = evaluate(
        rs,
        R"({"as_of":"1999-06-01","household":{"hours":"20.125"},"history":{"conviction":null,"payments":[{"date":"1999-01-01","amount":0.1},{"date":"1999-01-02","amount":"0.20","cured":null}]}})");
    EXPECT_NE(out.find("\"total\":\"0.30\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"hours\":20.125"), std::string::npos) << out;
    EXPECT_NE(out.find("\"has_conviction\":false"), std::string::npos) << out;
    EXPECT_NE(out.find("\"size\":[\"household.size\"]"), std::string::npos) << out;
}

TEST(CaseJson, AsOfOverride) {
    auto rs = schema();
    std::string out = evaluate(rs, R"({"household":{"size":2}})", {}, "1999-06-01");
    EXPECT_NE(out.find("\"size\":2"), std::string::npos) << out;
    out = evaluate(rs, R"({"household":{"size":2}})", {}, "1999-13-01");
    EXPECT_EQ(out, "ERROR --as-of: `1999-13-01` is not a date YYYY-MM-DD between 1800 and 2299");
}

}  // namespace
}  // namespace tenet

namespace tenet {
namespace {

// Found by the case_json fuzzer: an array where the case should be was reported, then closed as
// if a frame had been opened for it.
TEST(CaseJson, ATopLevelArrayIsAnErrorNotACrash) {
    for (const char* text : {"[]", "[[1], {\"a\": 2}]", "[]z"}) {
        std::string out = decode_error(text);
        EXPECT_NE(out.find("ERROR $"), std::string::npos) << text << ": " << out;
    }
    EXPECT_NE(decode_error("[]").find("a case is a JSON object, not an array"), std::string::npos);
}

}  // namespace
}  // namespace tenet

// ---- JSON conformance (issue 12): the kinds of input of nst/JSONTestSuite, written here. y_: valid
// JSON; n_: not JSON; i_: what the standard leaves to the reader (huge and tiny numbers).
namespace tenet {
namespace {

std::vector<InputError> decode_errors(const std::string& json) {
    Session s(schema());
    Case c;
    std::vector<InputError> errors;
    s.decode(json, &c, &errors, "");
    return errors;
}

// The text with its control characters and non-ASCII bytes as \xNN, for a failure message.
std::string printable(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        static const char* hex = "0123456789abcdef";
        if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
        else out += std::string("\\x") + hex[c >> 4] + hex[c & 15];
    }
    return out;
}

// The text is not JSON: one error, at `$`, at byte `offset`, whose message says so and where.
void expect_malformed(const std::string& text, int64_t offset, const std::string& why = "") {
    SCOPED_TRACE(printable(text));
    std::vector<InputError> errors = decode_errors(text);
    ASSERT_EQ(errors.size(), 1u) << decode_error(text);
    EXPECT_EQ(errors[0].path, "$");
    EXPECT_EQ(errors[0].offset, offset) << errors[0].message;
    EXPECT_EQ(errors[0].message.rfind("invalid JSON at offset " + std::to_string(offset) + " (", 0), 0u)
        << errors[0].message;
    EXPECT_NE(errors[0].message.find(why), std::string::npos) << errors[0].message;
}

const char kNul[] = "a NUL byte (0x00) is not allowed in JSON text";

// nlohmann's lexer takes a NUL for the end of the text: what followed one was never read.
TEST(JsonInput, ANulByteIsRejectedAtItsOffsetWhateverFollowsIt) {
    // `before` NUL `after`: rejected at the NUL
    auto expect_nul = [](const std::string& before, const std::string& after) {
        expect_malformed(before + '\0' + after, static_cast<int64_t>(before.size()), kNul);
    };
    expect_nul(R"({"as_of":"1999-06-01"})", "garbage");
    expect_nul(R"({"as_of":"1999-06-01"})", R"({"as_of":"1999-06-02"})");
    expect_nul(R"({"as_of":"1999-06-01"}  )", "");
    expect_nul("123", "");  // n_multidigit_number_then_00
    expect_nul("", "");
    expect_nul(R"({"as_of":"1999-06-01","household":{"family_type":"x)", R"(y"}})");  // raw, in a string
    expect_nul(R"({"as_of":"1999-06-01","household":{"size":)", "}}");
    expect_nul(R"({"as_of":"1999-06-01","household":{"size":1e400}})", "");
    // a case error does not hide the NUL
    expect_nul(R"({"as_of":"1999-06-01","household":{"size":"x"}})", "");
    // an error before the NUL is the first one
    expect_malformed(std::string(R"({"as_of":"1999-06-01",})") + '\0', 22, "unexpected '}'");
}

// n_ texts: before, most of them gave "a case is a JSON object, not an array" and the syntax
// error second, without an offset.
TEST(JsonInput, MalformedTextIsOneErrorWithItsOffsetAndNothingElse) {
    expect_malformed("[1,]", 3, "unexpected ']'");
    expect_malformed("[\"x\"", 4, "unexpected end of input");
    expect_malformed("[-]", 2, "invalid number");
    expect_malformed("[.123]", 1, "invalid literal");
    expect_malformed("[1.]", 3, "invalid number");
    expect_malformed("[0x1]", 2, "invalid literal");
    expect_malformed("[NaN]", 1, "invalid literal");
    expect_malformed("[Infinity]", 1, "invalid literal");
    expect_malformed("['single']", 1, "invalid literal");
    expect_malformed("[tru]", 4, "invalid literal");
    expect_malformed("[1]]", 3, "expected end of input");
    expect_malformed("[]x", 2, "expected end of input");
    expect_malformed("[,1]", 1, "unexpected ','");
    expect_malformed("[1e]", 3, "after exponent");
    expect_malformed("[-01]", 3, "unexpected number literal");
    expect_malformed("[+1]", 1, "invalid literal");
    expect_malformed("[\f]", 1, "last read: '[<U+000C>'");         // form feed is not JSON white space
    expect_malformed("[\xe2\x81\xa0]", 1, "last read: '[\\xe2'");  // U+2060 word joiner
    expect_malformed("[\"a\x01\"]", 3, "control character U+0001");
    expect_malformed("{\"a\":\"\\x\"}", 7, "forbidden character after backslash");
    expect_malformed("[\"\\uD800\\u\"]", 10, "4 hex digits");
    expect_malformed("{\"a\" 1}", 5, "expected ':'");
    expect_malformed("{1:1}", 1, "expected string literal");
    expect_malformed("{\"a\":1 \"b\":2}", 9, "expected '}'");
    expect_malformed("/* */ {}", 0, "invalid literal");
    expect_malformed("{\"as_of\":\"1999-06-01\"} // x", 23, "expected end of input");
    expect_malformed("{\"as_of\":\"1999-06-01\"}}", 22, "unexpected '}'");
    // case errors found before the fault are dropped: the text is not a case at all
    expect_malformed("{\"household\":{\"size\":\"x\"},", 26, "unexpected end of input");
    expect_malformed("{\"as_of\":\"1999-06-01\",\"bogus\":1,\"household\":{\"size\":\"x\",\"alone\":2,}}", 66,
                     "unexpected '}'");
    // no value at all
    expect_malformed("", 0, "there is no JSON value");
    expect_malformed(" \t\r\n ", 5, "there is no JSON value");
    expect_malformed("\xef\xbb\xbf", 3, "unexpected end of input");  // a byte order mark alone
}

TEST(JsonInput, TheMessageGivesLineAndColumnOfAFileOfSeveralLines) {
    EXPECT_EQ(decode_error("{\n  \"as_of\": \"1999-06-01\",\n  \"household\": {\"size\": 3,}\n}"),
              "ERROR $: invalid JSON at offset 53 (line 3, column 27): syntax error while parsing object key - "
              "unexpected '}'; "
              "expected string literal");
    EXPECT_EQ(decode_error("[1,]"),
              "ERROR $: invalid JSON at offset 3 (column 4): syntax error while parsing value - unexpected ']'; "
              "expected '[', '{', or a literal");
}

// Ill-formed UTF-8 inside a string: rejected at the byte, like any text that is not JSON.
TEST(JsonInput, IllFormedUtf8IsRejectedAtItsOffset) {
    const std::string head = "{\"as_of\":\"1999-06-01\",\"household\":{\"family_type\":\"";
    int64_t at = static_cast<int64_t>(head.size());
    expect_malformed(head + "\xe9t\xe9\"}}", at, "ill-formed UTF-8 byte");                   // Latin-1
    expect_malformed(head + "\xc0\xaf\"}}", at, "ill-formed UTF-8 byte");                    // overlong '/'
    expect_malformed(head + "\xed\xa0\x80\"}}", at, "ill-formed UTF-8 byte");                // an encoded surrogate
    expect_malformed(head + "ab\xe2\x82", at + 2, "ill-formed UTF-8 byte");                  // cut short at the end
    expect_malformed("{\"as_of\":\"1999-06-01\",\"\xff\":1}", 23, "ill-formed UTF-8 byte");  // in a key
    // a long string is quoted by its end, where the fault is
    std::vector<InputError> errors = decode_errors(head + std::string(5000, 'x') + "\xff\"}}");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_LT(errors[0].message.size(), 300u) << errors[0].message;
}

// i_ numbers: beyond a double's range (nlohmann stops there with its out_of_range.406), or
// smaller than a double's smallest. Each is reported at its path as too large or too precise
// for its fact, like any other number that does not fit.
TEST(JsonInput, HugeAndTinyNumbersAreReportedAtTheirPath) {
    auto field = [](const std::string& key, const std::string& number) {
        return decode_error("{\"as_of\":\"1999-06-01\",\"household\":{\"" + key + "\":" + number + "}}");
    };
    EXPECT_EQ(field("size", "1.5e+9999"), "ERROR $.household.size: `1.5e+9999` is too large for an integer");
    EXPECT_EQ(field("size", "1e400"), "ERROR $.household.size: `1e400` is too large for an integer");
    EXPECT_EQ(field("size", "-1e400"), "ERROR $.household.size: `-1e400` is too large for an integer");
    EXPECT_EQ(field("size", "1e-400"), "ERROR $.household.size: `1e-400` is not a whole number");
    EXPECT_EQ(field("income", "1e400"), "ERROR $.household.income: `1e400` is too large an amount");
    EXPECT_EQ(field("income", "\"1e400\""), "ERROR $.household.income: `1e400` is too large an amount");
    EXPECT_EQ(field("income", "1e-400"), "ERROR $.household.income: money has at most 2 decimals (cents): `1e-400`");
    EXPECT_EQ(field("income", "\"1e-400\""),
              "ERROR $.household.income: money has at most 2 decimals (cents): `1e-400`");
    EXPECT_EQ(field("hours", "1.5e+9999"),
              "ERROR $.household.hours: `1.5e+9999` is too large a number to hold exactly");
    EXPECT_EQ(field("hours", "1e-400"),
              "ERROR $.household.hours: `1e-400` has more decimal places than a number can hold exactly");
    EXPECT_EQ(field("hours", "123456789012.123456789012345"),
              "ERROR $.household.hours: `123456789012.123456789012345` has more decimal places than a number can hold "
              "exactly");
    EXPECT_EQ(field("share", "1e400"), "ERROR $.household.share: `1e400` is too large for a percent");
    EXPECT_EQ(field("alone", "1e400"), "ERROR $.household.alone: expected true or false, got a number");
    // several, in lists, in records and under a rejected key: each where it is, in order
    EXPECT_EQ(decode_error("{\"as_of\":\"1999-06-01\",\"bogus\":[1e999,{\"a\":-2e999}],\"household\":{\"size\":1e400,"
                           "\"hours\":-1e999},"
                           "\"history\":{\"payments\":[{\"date\":\"1999-01-01\",\"amount\":9e999}]}}"),
              "ERROR $.bogus: unknown key `bogus` (expected one of: as_of, household, history) "
              "$.household.size: `1e400` is too large for an integer "
              "$.household.hours: `-1e999` is too large a number to hold exactly "
              "$.history.payments[0].amount: `9e999` is too large an amount");
    // a huge number does not hide a fault after it, and is quoted as written
    expect_malformed("{\"as_of\":\"1999-06-01\",\"household\":{\"size\":1e400 x}}", 48, "last read: '1e400 x'");
}

TEST(JsonInput, WholeNumbersWithExponentsAreExactInts) {
    auto size = [](const std::string& number) {
        return evaluate(schema(), "{\"as_of\":\"1999-06-01\",\"household\":{\"size\":" + number + "}}", {});
    };
    for (const char* twenty : {"20", "2e1", "2E+1", "2.0e1", "20e0", "200e-1", "20.0", "0.2e2"}) {
        EXPECT_NE(size(twenty).find("\"size\":20"), std::string::npos) << twenty << ": " << size(twenty);
    }
    EXPECT_NE(size("3e0").find("\"size\":3"), std::string::npos) << size("3e0");
    EXPECT_EQ(size("25e-1"), "ERROR $.household.size: `25e-1` is not a whole number");
    EXPECT_EQ(size("1E+2"), "ERROR $.household.size: value is above the largest allowed, 30");
    // money and decimals read from the text stay exact
    std::string out = evaluate(
        schema(),
        R"({"as_of":"1999-06-01","household":{"hours":1.25e-1},"history":{"payments":[{"date":"1999-01-01","amount":1.5e2},{"date":"1999-01-02","amount":"1E-2"},{"date":"1999-01-03","amount":12345678901.23}]}})");
    EXPECT_NE(out.find("\"hours\":0.125"), std::string::npos) << out;
    EXPECT_NE(out.find("\"total\":\"12345679051.24\""), std::string::npos) << out;
}

// A key or a value holding an escaped control character is quoted escaped: a raw NUL in a
// message cuts it short in C (tenet_errmsg) and garbles a terminal.
TEST(JsonInput, EchoedKeysAndValuesAreEscaped) {
    std::vector<InputError> errors =
        decode_errors(R"({"as_of":"1999-06-01","a\u0000b":1,"household":{"family_type":"x\u0001\"y\\"}})");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].path, R"($["a\u0000b"])");
    EXPECT_EQ(errors[0].message, R"(unknown key `a\u0000b` (expected one of: as_of, household, history))");
    EXPECT_EQ(errors[1].path, "$.household.family_type");
    EXPECT_EQ(errors[1].message, R"(`x\u0001\"y\\` is not a Family (one of: single_parent, two_parent))");
    for (const auto& e : errors) {
        for (char c : e.path + e.message) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << e.path << ": " << e.message;
    }
    // keys that are not names are written as JSON strings in the path, so that it is unambiguous
    EXPECT_EQ(decode_errors(R"({"as_of":"1999-06-01","a.b":1})").at(0).path, R"($["a.b"])");
    EXPECT_EQ(decode_errors(R"({"as_of":"1999-06-01","":1})").at(0).path, R"($[""])");
    EXPECT_EQ(decode_errors(R"({"as_of":"1999-06-01","household":{"size":3,"size":4}})").at(0).path,
              "$.household.size");
    // a long value is cut short
    std::string message = decode_errors("{\"as_of\":\"" + std::string(5000, '9') + "\"}").at(0).message;
    EXPECT_EQ(message, "`" + std::string(100, '9') +
                           "...` is not a date: write YYYY-MM-DD, a real day between 1800-01-01 and 2299-12-31");
    // and --as-of, which comes from a command line or a host program
    std::vector<InputError> as_of;
    Session s(schema());
    Case c;
    s.decode("{}", &c, &as_of, std::string("1999\0-01", 8));
    ASSERT_EQ(as_of.size(), 1u);
    EXPECT_EQ(as_of[0].message, "`1999\\u0000-01` is not a date YYYY-MM-DD between 1800 and 2299");
}

}  // namespace
}  // namespace tenet
