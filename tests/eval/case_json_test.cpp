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
    EXPECT_EQ(decode_error(R"({"as_of":"1999-06-01","household":{"sise":3}})"),
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
    EXPECT_EQ(decode_error(R"({"as_of":"1999-02-30"})"),
              "ERROR $.as_of: `1999-02-30` is not a date: write YYYY-MM-DD, a real day between 1800-01-01 and 2299-12-31");
    EXPECT_EQ(decode_error(R"({"as_of":"9999-01-01"})"),
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
    EXPECT_EQ(out.rfind("ERROR $: invalid JSON at byte", 0), 0u) << out;
    std::string deep = "{\"as_of\":\"1999-06-01\",\"household\":" + std::string(600, '[') + std::string(600, ']') + "}";
    out = decode_error(deep);
    EXPECT_NE(out.find("nested more than 512 levels deep"), std::string::npos) << out;
}

TEST(CaseJson, OptionalFactsAndExactDecimals) {
    auto rs = schema();
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","household":{"hours":"20.125"},"history":{"conviction":null,"payments":[{"date":"1999-01-01","amount":0.1},{"date":"1999-01-02","amount":"0.20","cured":null}]}})");
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
