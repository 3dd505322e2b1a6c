// The compiler: shared sub-expressions, parameters folded per period, functions expanded,
// pruning to the requested decisions, the depth limit, and the DOT output.
#include <gtest/gtest.h>

#include "check/checker.hpp"
#include "compile/builder.hpp"
#include "support/support.hpp"

namespace tenet {
namespace {

std::shared_ptr<const check::Model> model_of(const std::string& text) {
    std::vector<Diagnostic> diags;
    check::CheckOptions options;
    options.warnings = false;
    auto m = check::check_source("test.tenet", text, &diags, options);
    std::string all;
    for (const auto& d : diags) all += format_diagnostic(d);
    EXPECT_TRUE(m) << all;
    return m;
}

size_t count_ops(const compile::Program& p, compile::Op op) {
    size_t n = 0;
    for (const auto& node : p.nodes) n += node.op == op;
    return n;
}

uint32_t rule_index(const check::Model& m, const std::string& name) { return m.symbols.at(name).index; }

TEST(Compiler, IdenticalSubExpressionsAreShared) {
    auto m = model_of(R"(ruleset t
fact a: int
fact b: int
decision x: int cite "x" = (a + b) * 2
decision y: int cite "x" = (a + b) * 3
)");
    std::string error;
    auto p = compile::build_program(*m, util::min_date(), m->decisions, &error);
    ASSERT_TRUE(p) << error;
    EXPECT_EQ(count_ops(*p, compile::Op::Add), 1u);  // a + b once
    EXPECT_EQ(count_ops(*p, compile::Op::Mul), 2u);
    EXPECT_EQ(count_ops(*p, compile::Op::Fact), 2u);
}

TEST(Compiler, ParametersAreFoldedForThePeriod) {
    auto m = model_of(R"(ruleset t
parameter cap: money cite "x" {
  before 1998-12-01 = $1,650
  from 1998-12-01 = $3,300
}
parameter half: money = cap / 2 cite "x"
function yearly(n: int) -> money cite "x" = half * n
decision d: money cite "x" = round_down(yearly(2) + 0.004, cent)
)");
    auto breaks = check::parameter_breaks(*m);
    ASSERT_EQ(breaks.size(), 2u);
    std::string error;
    auto before = compile::build_program(*m, breaks[0], m->decisions, &error);
    auto after = compile::build_program(*m, breaks[1], m->decisions, &error);
    ASSERT_TRUE(before && after) << error;
    // everything folds: no arithmetic is left, only the named parameter and rule nodes
    EXPECT_EQ(count_ops(*after, compile::Op::Mul), 0u);
    EXPECT_EQ(count_ops(*after, compile::Op::Builtin), 0u);
    const auto& root = after->nodes[after->rule_nodes[m->decisions[0]]];
    const auto& value = after->nodes[root.a];
    ASSERT_EQ(value.op, compile::Op::Const);
    EXPECT_EQ(util::to_decimal_string(after->constants[value.aux].r, 2), "3300.00");
    const auto& root_before = before->nodes[before->rule_nodes[m->decisions[0]]];
    EXPECT_EQ(util::to_decimal_string(before->constants[before->nodes[root_before.a].aux].r, 2), "1650.00");
}

TEST(Compiler, OnlyWhatTheRequestedDecisionsNeedIsBuilt) {
    auto m = model_of(R"(ruleset t
fact a: int
fact b: int
rule heavy: int cite "x" = sum(x for x in [a, b, a * b, a - b])
decision small: int cite "x" = a + 1
decision big: int cite "x" = heavy * 2
)");
    std::string error;
    auto all = compile::build_program(*m, util::min_date(), m->decisions, &error);
    auto pruned = compile::build_program(*m, util::min_date(), {rule_index(*m, "small")}, &error);
    ASSERT_TRUE(all && pruned) << error;
    EXPECT_LT(pruned->nodes.size(), all->nodes.size());
    EXPECT_EQ(pruned->rule_nodes[rule_index(*m, "big")], compile::kNoNode);
    EXPECT_EQ(count_ops(*pruned, compile::Op::Aggregate), 0u);
}

TEST(Compiler, ChainsDeeperThanTheLimitAreACompileError) {
    std::string text = "ruleset t\nfact a: int\nrule r0: int cite \"x\" = a\n";
    for (int i = 1; i <= 5100; ++i) {
        text += "rule r" + std::to_string(i) + ": int cite \"x\" = r" + std::to_string(i - 1) + " + 1\n";
    }
    text += "decision d: int cite \"x\" = r5100\n";
    auto r = testing::compile_text(text, {}, false);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_NE(r.diagnostics[0].message.find("the limit is 10000 (about 2000 rules)"), std::string::npos)
        << r.diagnostics[0].message;
}

TEST(Compiler, GraphAsDot) {
    auto r = testing::compile_text(R"(ruleset t
fact a: int
parameter resource_limit: int = 10 cite "6.002.1 B"
decision d: bool cite "6.002.1" = a <= resource_limit
)",
                                   {}, false);
    ASSERT_TRUE(r.ok());
    std::string dot = r.ruleset->graph_dot({}, "");
    EXPECT_NE(dot.find("digraph \"t\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"d\\n[6.002.1]\", shape=box"), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"resource_limit = 10\", shape=note"), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"a\", shape=invhouse"), std::string::npos) << dot;
}

// Inner nodes say what they are (the field read, the function called, the condition, the
// aggregate and its list, the element), and the title gives the days on which the parameters
// the graph reads hold, not the ruleset's latest period (here `other` changes on 1999-01-01).
TEST(Compiler, GraphLabelsInnerNodesAndTitlesThePeriodOfItsParameters) {
    auto r = testing::compile_text(R"(ruleset t
record Payment { date: date, amount: money }
fact history.payments: list<Payment>
fact household.remote: bool
parameter cap: money cite "6.007.2" {
  before 1998-12-01 = $1,650
  from 1998-12-01   = $3,300
}
parameter other: int cite "x" {
  before 1999-01-01 = 1
  from 1999-01-01   = 2
}
decision paid: money cite "6.007.2"
  = if household.remote then $0 else round_down(min(sum(p.amount for p in history.payments), cap), cent)
decision o: int cite "x" = other
)",
                                   {}, false);
    ASSERT_TRUE(r.ok());
    std::string dot = r.ruleset->graph_dot({r.ruleset->find_decision("paid")}, "1999-06-01");
    EXPECT_NE(dot.find("label=\"t — parameters in force from 1998-12-01\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"if household.remote\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"round_down(…)\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"min(…)\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"sum over history.payments\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"p in history.payments\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("label=\"p.amount\""), std::string::npos) << dot;
    for (const char* vague : {"\"field\"", "\"element\"", "\"call\"", "\"if\"", "\"aggregate\""}) {
        EXPECT_EQ(dot.find(std::string("label=") + vague), std::string::npos) << vague << "\n" << dot;
    }
    std::string before = r.ruleset->graph_dot({r.ruleset->find_decision("paid")}, "1998-06-01");
    EXPECT_NE(before.find("label=\"t — parameters in force before 1998-12-01\""), std::string::npos) << before;
    std::string none = r.ruleset->graph_dot({}, "1999-06-01");
    EXPECT_NE(none.find("parameters in force from 1999-01-01\""), std::string::npos) << none;
}

}  // namespace
}  // namespace tenet
