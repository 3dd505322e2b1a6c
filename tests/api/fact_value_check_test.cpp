// Ruleset::check_fact_value refuses a column's value of a scalar fact as the JSON decoder
// refuses the same value (its words, its limits, the fact's declared range), and takes the rest.
#include <gtest/gtest.h>

#include <string>

#include "tenet/tenet.hpp"

namespace tenet {
namespace {

std::shared_ptr<const Ruleset> rules() {
    static std::shared_ptr<const Ruleset> rs = [] {
        auto r = compile_source("check.tenet", R"(ruleset check.values "fact values"
enum FamilyType { single_parent, two_parent }
fact as_of: date
facts household {
  size: int in 1..30
  family_type: FamilyType
  income: money in $0..
  disabled: bool
  hours: decimal in 0..168
  share: percent in 0%..50%
  review: date? in 2000-01-01..2010-12-31
  payments: list<money>
}
decision members: int = household.size
)");
        EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : format_diagnostic(r.diagnostics[0]));
        return r.ruleset;
    }();
    return rs;
}

// The message for `value` (at `scale`) of fact `path`, or "" when it is taken.
std::string refusal(const std::string& path, int64_t value, int scale = 0) {
    int fact = rules()->find_fact(path);
    EXPECT_GE(fact, 0) << path;
    return rules()->check_fact_value(fact, value, scale).value_or("");
}

TEST(FactValueCheck, TakesValuesInRange) {
    EXPECT_EQ(refusal("household.size", 30), "");
    EXPECT_EQ(refusal("household.family_type", 1), "");
    EXPECT_EQ(refusal("household.income", 123456, 2), "");
    EXPECT_EQ(refusal("household.disabled", 1), "");
    EXPECT_EQ(refusal("household.hours", 1605, 1), "");
    EXPECT_EQ(refusal("household.share", 50), "");      // points: 50%
    EXPECT_EQ(refusal("household.review", 10957), "");  // 2000-01-01
}

TEST(FactValueCheck, RefusesInTheDecodersWords) {
    EXPECT_EQ(refusal("household.size", 31), "value is above the largest allowed, 30");
    EXPECT_EQ(refusal("household.size", 0), "value is below the smallest allowed, 1");
    EXPECT_EQ(refusal("household.family_type", 2), "enum index 2 is not in 0..1");
    EXPECT_EQ(refusal("household.family_type", -1), "enum index -1 is not in 0..1");
    EXPECT_EQ(refusal("household.disabled", 2), "a bool is 0 or 1, not 2");
    EXPECT_EQ(refusal("household.income", 1005, 3), "money has at most 2 decimals (cents): `1.005`");
    EXPECT_EQ(refusal("household.income", -1, 2), "value is below the smallest allowed, 0.00");
    EXPECT_EQ(refusal("household.income", 100000000000000, 2),
              "`1000000000000` is beyond the largest amount allowed ($999,999,999,999.99)");
    EXPECT_EQ(refusal("household.hours", 1681, 1), "value is above the largest allowed, 168");
    EXPECT_EQ(refusal("household.share", 51), "value is above the largest allowed, 50");
    EXPECT_EQ(refusal("household.review", 10956), "value is below the smallest allowed, 2000-01-01");
    EXPECT_EQ(refusal("as_of", 200000), "day 200000 is not a date between 1800-01-01 and 2299-12-31");
}

TEST(FactValueCheck, RefusesWhatAColumnCannotCarry) {
    EXPECT_EQ(refusal("household.income", 1, 19), "scale 19 is not in 0..18");
    EXPECT_EQ(refusal("household.size", 1, 2), "scale 2 is not 0 (only numbers are scaled)");
    EXPECT_EQ(refusal("household.payments", 0), "a list<money> fact has no value of one number: give it through JSON");
    EXPECT_EQ(rules()->check_fact_value(99, 0).value_or(""), "fact 99 is not one of the ruleset's 9");
}

}  // namespace
}  // namespace tenet
