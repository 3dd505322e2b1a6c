// Disagreements the differential runs found, one test each: the graph evaluators (scalar and
// columnar) must give what the reference gives, and what LANGUAGE.md says.
#include <gtest/gtest.h>

#include <map>

#include "differential.hpp"
#include "tenet/tenet.hpp"

namespace tenet::differential {
namespace {

const char* kFacts =
    "ruleset t.regressions \"regressions found by differential testing\"\n"
    "enum Color { red, green, blue }\n"
    "record Item { amount: money, qty: int }\n"
    "facts f {\n  i: int\n  j: int\n  k: int\n  flag: bool\n  color: Color\n  dt: date\n  items: list<Item>\n}\n";

struct Outcome {
    std::shared_ptr<const Ruleset> ruleset;
    std::vector<Mismatch> mismatches;
    std::map<std::string, std::string> scalar;  // rule -> what the scalar evaluator gave
};

// Compiles kFacts + rules, decodes the cases, and compares every rule on every case with both
// engines. `scalar` holds the last case's values, as the reference describes them.
Outcome run_both(const std::string& rules, const std::vector<std::string>& cases) {
    Outcome r;
    CompileOptions options;
    options.warnings = false;
    CompileResult compiled = compile_source("regression.tenet", std::string(kFacts) + rules, options);
    std::string errors;
    for (const auto& d : compiled.diagnostics) errors += format_diagnostic(d);
    EXPECT_TRUE(compiled.ok()) << errors;
    if (!compiled.ok()) return r;
    r.ruleset = compiled.ruleset;
    Session session(compiled.ruleset);
    Comparer comparer(compiled.ruleset);
    std::vector<Case> decoded(cases.size());
    std::vector<const eval::CaseData*> data;
    for (size_t k = 0; k < cases.size(); ++k) {
        std::vector<InputError> input_errors;
        EXPECT_TRUE(session.decode(cases[k], &decoded[k], &input_errors)) << cases[k];
        comparer.compare(decoded[k].impl().data, "case " + std::to_string(k), &r.mismatches);
        data.push_back(&decoded[k].impl().data);
    }
    comparer.compare_batch(data, &r.mismatches);
    // the scalar values, as "name: value" lines of the dump
    std::string dump = comparer.dump(decoded.back().impl().data);
    size_t at = 0;
    while ((at = dump.find("# ", at)) != std::string::npos) {
        size_t colon = dump.find(':', at), end = dump.find('\n', at);
        std::string name = dump.substr(at + 2, colon - at - 2);
        std::string line = dump.substr(colon + 2, end - colon - 2);
        r.scalar[name] = line.substr(6, line.find(", reference") - 6);  // after "graph "
        at = end;
    }
    return r;
}

std::string listed(const std::vector<Mismatch>& ms) {
    std::string s;
    for (const auto& m : ms) s += describe(m) + "\n";
    return s;
}

TEST(Regression, RowIndexFindsTheRowOfTheLargestAndSmallestInts) {
    // key - base overflowed in the row index (scalar and columnar): 2^63-1 matched `..1`
    Outcome r = run_both(
        "table t(x: int) -> int\n  hit unique\n{\n  ..1 => 1\n  2..3 => 2\n  4.. => 3\n}\n"
        "rule of_i: int = t(f.i)\n",
        {R"({"as_of": "1999-06-01", "f": {"i": 9223372036854775807}})",
         R"({"as_of": "1999-06-01", "f": {"i": -9223372036854775808}})",
         R"({"as_of": "1999-06-01", "f": {"i": 9223372036854775806}})"});
    EXPECT_TRUE(r.mismatches.empty()) << listed(r.mismatches);
    EXPECT_EQ(r.scalar["of_i"], "3");
}

TEST(Regression, ATableInputInErrorOutranksAMissingOne) {
    // strict operations report the first error before missing facts; table inputs did not
    Outcome r = run_both(
        "table t(a: int, b: int) -> int\n  hit first\n{\n  any | any => 1\n}\n"
        "rule either: int = t(f.i, f.j * 0 + 9223372036854775807 + 1)\n",
        {R"({"as_of": "1999-06-01", "f": {"j": 1}})"});
    EXPECT_TRUE(r.mismatches.empty()) << listed(r.mismatches);
    EXPECT_EQ(r.scalar["either"], "error (overflow)");
}

TEST(Regression, UnresolvedNamesOnlyTheFactsTheDecisionWaitedOn) {
    // an untaken branch, default or filter that another rule computed as missing was named too
    Outcome r = run_both(
        "rule uses_color: bool = f.color == red\n"
        "rule branch: Color = if f.i > 0 then f.color else blue\n"
        "rule fallback: int = if f.flag then 1 else f.j\n"
        "rule over_items: int = count(x in f.items where f.color == red)\n",
        {R"({"as_of": "1999-06-01", "f": {"j": 1}})"});
    EXPECT_TRUE(r.mismatches.empty()) << listed(r.mismatches);
    EXPECT_EQ(r.scalar["branch"], "unresolved (missing f.i)");
    EXPECT_EQ(r.scalar["fallback"], "unresolved (missing f.flag)");
    EXPECT_EQ(r.scalar["over_items"], "unresolved (missing f.items)");
}

TEST(Regression, CountPastAnUndecidedElementStillNamesItsFacts) {
    // `count` goes on after an element whose filter is missing; the last element's filter was
    // decided, and the missing fact went unnamed
    Outcome r = run_both(
        "rule counted: int = count(x in f.items where x.qty > 2 and f.i > 0)\n",
        {R"({"as_of": "1999-06-01", "f": {"items": [{"amount": "1", "qty": 5}, {"amount": "1", "qty": 1}]}})"});
    EXPECT_TRUE(r.mismatches.empty()) << listed(r.mismatches);
    EXPECT_EQ(r.scalar["counted"], "unresolved (missing f.i)");
}

TEST(Regression, OperandsFailInSourceOrderWhenTheCountComesFirst) {
    // `n * 30 days` and `30 days + d` were built duration first, so the right operand's error
    // was reported instead of the left's
    Outcome r = run_both(
        "rule n_times: duration = (f.i * 9223372036854775807) * (days(f.j) - months(f.j))\n"
        "rule plus_date: date = days(f.i * 9223372036854775807) + date(1999, 2, f.j)\n",
        {R"({"as_of": "1999-06-01", "f": {"i": 2, "j": 30}})"});
    EXPECT_TRUE(r.mismatches.empty()) << listed(r.mismatches);
    EXPECT_EQ(r.scalar["n_times"], "error (overflow)");
    EXPECT_EQ(r.scalar["plus_date"], "error (overflow)");
}

TEST(Regression, ACollectTableIsNotColumnar) {
    // the columnar kernels treated `hit collect` like `hit unique`: several rows were an error
    Outcome r = run_both(
        "table t(a: int) -> int\n  hit collect\n{\n  < 5 => 1\n  any => 2\n}\n"
        "rule rows: int = length(t(f.i))\n",
        {R"({"as_of": "1999-06-01", "f": {"i": 1}})", R"({"as_of": "1999-06-01", "f": {"i": 9}})"});
    EXPECT_TRUE(r.mismatches.empty()) << listed(r.mismatches);
    EXPECT_EQ(r.scalar["rows"], "1");
}

TEST(Regression, ClampComparesOneStepAtATime) {
    // clamp(x, lo, hi) is min(max(x, lo), hi): a zero lower bound absorbs x before hi is compared
    Outcome r = run_both("rule clamped: duration = clamp(days(f.i), days(0), months(f.j))\n",
                         {R"({"as_of": "1999-06-01", "f": {"i": -5, "j": 3}})"});
    EXPECT_TRUE(r.mismatches.empty()) << listed(r.mismatches);
    EXPECT_EQ(r.scalar["clamped"], "0 days");
}

TEST(Regression, CeilingOfAPercentNeedsOnlyTheResultToFit) {
    // ceil(p) counts points: p * 100 as a 64-bit fraction overflowed although the whole number of
    // points fits (found by the 1,000,000-case run)
    Outcome r = run_both(
        "rule points_up: int = ceil((f.j * 1%) * 100 / 3)\nrule points_down: int = floor((f.j * 1%) * -100 / 3)\n",
        {R"({"as_of": "1999-06-01", "f": {"j": 100000000000000000}})"});
    EXPECT_TRUE(r.mismatches.empty()) << listed(r.mismatches);
    EXPECT_EQ(r.scalar["points_up"], "3333333333333333334");
    EXPECT_EQ(r.scalar["points_down"], "-3333333333333333334");
}

}  // namespace
}  // namespace tenet::differential
