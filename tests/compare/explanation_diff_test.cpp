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
    ASSERT_EQ(changes.size(), 3u);  // the fact is the same on both sides
    auto why = causes(changes, before, after);
    ASSERT_EQ(why.size(), 1u);
    EXPECT_EQ(why[0].rule, "resource_limit");
    EXPECT_EQ(describe(why[0]), "resource_limit $2,000.00 -> $1,500.00 [6.003.1] (from 1998-12-01)");
}

TEST(ExplanationDiff, ALimitThatStoppedBindingIsNotTheCause) {
    json before = json::array({step("yearly_cap", "parameter", "3300.00"), step("at most", "limit", "200.00"),
                               step("approved", "decision", "200.00", {"yearly_cap"})});
    json after = json::array(
        {step("yearly_cap", "parameter", "4000.00"), step("approved", "decision", "800.00", {"yearly_cap"})});
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

TEST(ExplanationDiff, AStepAShortCircuitSkippedIsAConsequenceNotACause) {
    // eligible = not (over_limit or drug_bar): once over_limit is true, `or` never reads drug_bar
    json before = json::array(
        {step("resource_limit", "parameter", "2000.00"), step("over_limit", "rule", false, {"resource_limit"}),
         step("drug_cutoff", "parameter", "1997-07-01"), step("drug_bar", "rule", false, {"drug_cutoff"}),
         step("eligible", "decision", true, {"drug_bar", "over_limit"})});
    json after = json::array({step("resource_limit", "parameter", "1500.00"),
                              step("over_limit", "rule", true, {"resource_limit"}),
                              step("eligible", "decision", false, {"drug_bar", "over_limit"})});
    auto changes = changed_steps(before, after);
    EXPECT_EQ(changes.size(), 5u);  // every step differs or is on one side only
    auto why = causes(changes, before, after);
    ASSERT_EQ(why.size(), 1u);
    EXPECT_EQ(why[0].rule, "resource_limit");
}

TEST(ExplanationDiff, AStepOnlyTheNewVersionHasStaysACause) {
    json before = json::array({step("eligible", "decision", true)});
    json after = json::array({step("new_bar", "rule", true), step("eligible", "decision", false, {"new_bar"})});
    auto why = causes(changed_steps(before, after), before, after);
    ASSERT_EQ(why.size(), 1u);
    EXPECT_EQ(why[0].rule, "new_bar");
}

TEST(ExplanationDiff, TheLimitBoundThatGaveTheValue) {
    json steps = json::array({step("asked", "rule", "900.00"), step("at most", "limit", "1650.00"),
                              step("at most", "limit", "300.00"), step("at least", "limit", "0.00"),
                              step("approved", "decision", "300.00", {"asked"})});
    steps[2]["cite"] = "6.007.2";
    steps[1].erase("type");  // limit steps carry no type: the decision's is used
    steps[2].erase("type");
    EXPECT_EQ(binding_limit("approved", steps), "at most $300.00 [6.007.2]");
    steps[4]["value"] = "900.00";  // the amount asked stood
    EXPECT_EQ(binding_limit("approved", steps), "");
}

TEST(ExplanationDiff, ADecisionDiffOfOneCase) {
    json old_steps = json::array(
        {step("resource_limit", "parameter", "2000.00"), step("grant", "decision", "303.00", {"resource_limit"})});
    json new_steps = json::array(
        {step("resource_limit", "parameter", "1500.00"), step("grant", "decision", "0.00", {"resource_limit"})});
    json before = {
        {"decisions", {{"grant", "303.00"}}}, {"unresolved", json::object()}, {"explanation", {{"grant", old_steps}}}};
    json after = {
        {"decisions", {{"grant", "0.00"}}}, {"unresolved", json::object()}, {"explanation", {{"grant", new_steps}}}};
    json d = decision_diff("grant", "money", before, after);
    EXPECT_EQ(d["outcome"], "grant $303.00 -> $0.00");
    EXPECT_EQ(d["cause"], "resource_limit $2,000.00 -> $1,500.00 [6.003.1]");
    EXPECT_TRUE(decision_diff("grant", "money", before, before).is_null());
    json unresolved = {{"decisions", json::object()}, {"unresolved", {{"grant", {"household.size"}}}}};
    EXPECT_EQ(decision_diff("grant", "money", unresolved, after)["outcome"], "grant unresolved -> $0.00");
}

}  // namespace
}  // namespace tenet::compare
