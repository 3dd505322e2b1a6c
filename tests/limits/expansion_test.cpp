// Functions and tables are expanded at every call (check::kMaxExpandedNodes): a ruleset whose
// functions each call the one below twice doubles the work per level. These tests run under a
// ctest TIMEOUT: before the limit, the first one compiled for about a day.
#include <gtest/gtest.h>

#include <string>

#include "check/checker.hpp"
#include "support/support.hpp"

namespace tenet {
namespace {

using testing::compile_text;
using testing::diagnostics_text;
using testing::evaluate;
using testing::headlines;

// `levels` functions, each calling the one below twice with the arguments `left` and `right`
// (in terms of x), and a decision calling the top one with the fact `a`.
std::string doubling_functions(int levels, const std::string& left, const std::string& right) {
    std::string text = "ruleset t\nfact a: int\nfunction f0(x: int) -> int cite \"a\" = x\n";
    for (int i = 1; i < levels; ++i) {
        std::string below = "f" + std::to_string(i - 1);
        text += "function f" + std::to_string(i) + "(x: int) -> int cite \"a\" = " + below + "(" + left + ") + " +
                below + "(" + right + ")\n";
    }
    return text + "decision d: int cite \"a\" = f" + std::to_string(levels - 1) + "(a)\n";
}

TEST(Expansion, FortyDoublingLevelsAreAPositionedErrorNotADaysWork) {
    CompileResult r = compile_text(doubling_functions(40, "x", "x + 1"), {}, false);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(headlines(r).size(), 1u) << diagnostics_text(r);
    // the first call that takes the ruleset past the limit: the second call in f16's body
    EXPECT_EQ(headlines(r)[0],
              "test.tenet:19:49: error: with this call, the ruleset expands to more than 1000000 expression "
              "nodes (the limit): every call of `f15` expands its body and the bodies of the functions it calls; "
              "compute a value once in a rule and refer to the rule");
}

TEST(Expansion, SixteenLevelsWithoutSharedArgumentsCompileAndEvaluate) {
    // x + 1 and x * 2 make every expansion a different graph: some 200,000 nodes, all built
    CompileResult r = compile_text(doubling_functions(16, "x + 1", "x * 2"), {}, false);
    ASSERT_TRUE(r.ok()) << diagnostics_text(r);
    EXPECT_NE(evaluate(r.ruleset, R"({"as_of":"1999-06-01","a":0})").find("\"d\":"), std::string::npos);
}

// Exactly `nodes` expanded nodes: 16 doubling levels (f_i has 6 * 2^i - 5 nodes; the bodies are
// counted once as they are checked), a list of `a`s, then three decisions calling f15.
std::string ruleset_expanding_to(uint64_t nodes) {
    const uint64_t functions = 6 * ((1u << 16) - 1) - 5 * 16;  // the sixteen bodies
    const uint64_t call = 2 + (6 * (1u << 15) - 5);            // `f15(a)`: the call, `a`, f15
    const uint64_t list = nodes - functions - 3 * call - 1;    // `[a, ...]` is 1 + its elements
    std::string text = doubling_functions(16, "x", "x");
    text = text.substr(0, text.rfind("decision"));
    text += "rule pad: list<int> cite \"a\" = [a";
    for (uint64_t i = 1; i < list; ++i) text += ", a";
    text += "]\n";
    for (int d = 1; d <= 3; ++d) text += "decision d" + std::to_string(d) + ": int cite \"a\" = f15(a)\n";
    return text;
}

TEST(Expansion, AMillionNodesAndOneMore) {
    CompileResult ok = compile_text(ruleset_expanding_to(check::kMaxExpandedNodes), {}, false);
    ASSERT_TRUE(ok.ok()) << diagnostics_text(ok).substr(0, 400);
    EXPECT_EQ(evaluate(ok.ruleset, R"({"as_of":"1999-06-01","a":1})"),
              R"({"decisions":{"d1":32768,"d2":32768,"d3":32768},"unresolved":{}})");
    CompileResult past = compile_text(ruleset_expanding_to(check::kMaxExpandedNodes + 1), {}, false);
    ASSERT_FALSE(past.ok());
    // the last call, in the third decision
    EXPECT_NE(headlines(past)[0].find("test.tenet:22:29: error: with this call, the ruleset expands to more than "
                                      "1000000 expression nodes (the limit)"),
              std::string::npos)
        << diagnostics_text(past).substr(0, 400);
}

TEST(Expansion, TablesCountEveryRowAtEveryCall) {
    // a table's rows are expanded at each call too: one calling f14 in each of its two rows,
    // called twice, passes the limit where one call does not
    std::string text = doubling_functions(15, "x", "x + 1");
    text = text.substr(0, text.rfind("decision"));
    text += "table t(n: int) -> int hit first cite \"a\" {\n  < 0 => f14(n)\n  any => f14(n + 1)\n}\n";
    CompileResult once = compile_text(text + "decision d: int cite \"a\" = t(a)\n", {}, false);
    EXPECT_TRUE(once.ok()) << diagnostics_text(once).substr(0, 400);
    CompileResult twice = compile_text(text + "decision d: int cite \"a\" = t(a) + t(a + 1)\n", {}, false);
    ASSERT_FALSE(twice.ok());
    EXPECT_NE(headlines(twice)[0].find("error: with this call, the ruleset expands to more than 1000000"),
              std::string::npos)
        << diagnostics_text(twice).substr(0, 400);
}

}  // namespace
}  // namespace tenet
