// The explanation diff shared by `tenet diff` and `tenet parity`: which steps changed, which of
// them explain the others, and how a change reads.
#include <gtest/gtest.h>

#include "compare/explanation_diff.hpp"

namespace tenet::compare {
namespace {

json step(const std::string& rule, const std::string& kind, json value, std::vector<std::string> reads = {},
          const std::string& effective = "") {
    json s = {{"rule", rule}, {"kind", kind}, {"cite", "6.003.1"}, {"type", "money"}, {"value", value}};
    if (!reads.empty()) s["reads"] = reads;
    if (!effective.empty()) s["effective"] = effective;
    return s;
}

TEST(ExplanationDiff, TheDeepestChangedStepExplainsTheDecision) {
    json before = json::array({step("household.resources", "fact", "1800.00"),
                               step("resource_limit", "parameter", "2000.00", {}, "from 1998-12-01"),
                               step("over_limit", "rule", false, {"household.resources", "resource_limit"}),
                               step("eligible", "decision", true, {"over_limit"})});
    json after = before;
    after[1]["value"] = "1500.00";
    after[2]["value"] = true;
    after[3]["value"] = false;
    auto changes = changed_steps(before, after);
    ASSERT_EQ(changes.size(), 3u);   // the fact is the same on both sides
    auto why = causes(changes, before, after);
    ASSERT_EQ(why.size(), 1u);
    EXPECT_EQ(why[0].rule, "resource_limit");
    EXPECT_EQ(describe(why[0]), "resource_limit $2,000.00 -> $1,500.00 [6.003.1] (from 1998-12-01)");
}

TEST(ExplanationDiff, ALimitThatStoppedBindingIsNotTheCause) {
    json before = json::array({step("yearly_cap", "parameter", "3300.00"), step("at most", "limit", "200.00"),
                               step("approved", "decision", "200.00", {"yearly_cap"})});
    json after = json::array({step("yearly_cap", "parameter", "4000.00"), step("approved", "decision", "800.00", {"yearly_cap"})});
    auto why = causes(changed_steps(before, after), before, after);
    ASSERT_EQ(why.size(), 1u);
    EXPECT_EQ(why[0].rule, "yearly_cap");
}

TEST(ExplanationDiff, AStepOnOneSideOnlyIsAChange) {
    json before = json::array({step("eligible", "decision", true)});
    json after = json::array({step("exempt", "rule", true), step("eligible", "decision", true, {"exempt"})});
    auto changes = changed_steps(before, after);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_FALSE(changes[0].on_old);
    EXPECT_EQ(describe(changes[0]), "exempt (not used before) -> true [6.003.1]");
}

TEST(ExplanationDiff, OutcomesReadAsGainedOrLost) {
    EXPECT_EQ(describe_outcome("eligible", "bool", true, false), "lost eligible");
    EXPECT_EQ(describe_outcome("work_exempt", "bool", false, true), "gained work_exempt");
    EXPECT_EQ(describe_outcome("adjusted_grant", "money", "192.00", "1144.00"), "adjusted_grant $192.00 -> $1,144.00");
    EXPECT_EQ(show_value("percent", 25), "25%");
}

}  // namespace
}  // namespace tenet::compare
