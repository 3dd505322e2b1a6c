// The reference interpreter against the graph evaluators: on every in-language test of every
// shipped ruleset, on a short run of generated rulesets, and on the cases that once disagreed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "run.hpp"
#include "tenet/tenet.hpp"
#include "util/stack.hpp"

namespace tenet::differential {
namespace {

std::shared_ptr<const Ruleset> compile_or_fail(const std::string& path) {
    CompileOptions options;
    options.warnings = false;
    CompileResult r = compile_file(path, options);
    std::string errors;
    for (const auto& d : r.diagnostics) errors += format_diagnostic(d);
    EXPECT_TRUE(r.ok()) << errors;
    return r.ruleset;
}

std::shared_ptr<const Ruleset> compile_text(const std::string& text) {
    CompileOptions options;
    options.warnings = false;
    CompileResult r = compile_source("inline.tenet", text, options);
    std::string errors;
    for (const auto& d : r.diagnostics) errors += format_diagnostic(d);
    EXPECT_TRUE(r.ok()) << errors;
    return r.ruleset;
}

std::string report(const std::vector<Mismatch>& mismatches) {
    std::string s;
    for (size_t i = 0; i < mismatches.size() && i < 20; ++i) s += describe(mismatches[i]) + "\n";
    return s;
}

class ShippedRulesets : public testing::TestWithParam<const char*> {};

TEST_P(ShippedRulesets, EveryTestAgreesRuleByRule) {
    auto ruleset = compile_or_fail(std::string(TENET_SOURCE_DIR) + "/" + GetParam());
    ASSERT_TRUE(ruleset);
    std::vector<Mismatch> mismatches;
    size_t tests = compare_ruleset_tests(ruleset, &mismatches);
    EXPECT_GT(tests, 0u);
    EXPECT_TRUE(mismatches.empty()) << mismatches.size() << " mismatches in " << tests << " tests:\n"
                                    << report(mismatches);
}

INSTANTIATE_TEST_SUITE_P(All, ShippedRulesets,
                         testing::Values("rulesets/colorado/works.tenet", "rulesets/colorado/weld.tenet",
                                         "rulesets/kentucky/kwp.tenet", "rulesets/kentucky/kwp_dated_test.tenet",
                                         "tests/rulesets/tour/state.tenet", "tests/rulesets/tour/county.tenet",
                                         "tests/rulesets/ladders/cures.tenet"));

// A short, deterministic version of the long run (tenet_differential): seconds, not minutes.
TEST(GeneratedRulesets, AgreeOnAShortRun) {
    RunReport total;
    for (uint64_t k = 0; k < 40; ++k) {
        Entropy entropy(20261130u + k);
        run_generated_ruleset(entropy, 12, 40, &total);
    }
    EXPECT_EQ(total.rejected, 0u) << total.first_rejection;
    EXPECT_EQ(total.undecodable, 0u) << total.first_rejection;
    EXPECT_TRUE(total.mismatches.empty()) << total.summary() << "\n"
                                          << report(total.mismatches) << total.first_mismatch;
    EXPECT_GT(total.cases, 1000u);
    EXPECT_GT(total.batch_cases, 0u);
}

TEST(GeneratedRulesets, FuzzBytesMakeWellTypedRulesets) {
    // the fuzz target's entropy: any bytes, including none, give a ruleset the checker accepts
    std::vector<uint8_t> bytes;
    for (int n = 0; n < 64; ++n) {
        RunReport r;
        Entropy entropy(bytes.data(), bytes.size());
        run_generated_ruleset(entropy, 6, 4, &r);
        EXPECT_EQ(r.rejected, 0u) << r.first_rejection;
        EXPECT_TRUE(r.mismatches.empty()) << report(r.mismatches) << r.first_mismatch;
        for (int k = 0; k < 7; ++k) bytes.push_back(static_cast<uint8_t>(n * 37 + k * 11));
    }
}

// ---- the reference on its own: semantics read from LANGUAGE.md --------------------------------

eval::RefOutcome reference_rule(const std::string& text, const std::string& json, const std::string& rule) {
    auto ruleset = compile_text(text);
    if (!ruleset) return eval::RefOutcome::failure(eval::RefFault::Overflow);
    Session session(ruleset);
    Case c;
    std::vector<InputError> errors;
    EXPECT_TRUE(session.decode(json, &c, &errors)) << (errors.empty() ? "" : errors[0].message);
    const check::Model& m = *ruleset->impl().model;
    eval::RefFacts facts = facts_of(m, c.impl().data);
    eval::ReferenceInterpreter ref(m);
    ref.begin(facts);
    return ref.rule(m.symbols.at(rule).index);
}

const char* kHeader =
    "ruleset t.ref \"reference semantics\"\n"
    "facts h {\n  a: int\n  b: int\n  flag: bool\n  m: money\n  d: date\n}\n";

TEST(Reference, FalseAndMissingIsFalseTrueOrMissingIsTrue) {
    std::string text = std::string(kHeader) + "rule x: bool = h.flag and h.a > 1\nrule y: bool = h.flag or h.a > 1\n";
    auto x = reference_rule(text, R"({"as_of": "1999-06-01", "h": {"flag": false}})", "x");
    ASSERT_TRUE(x.ok());
    EXPECT_FALSE(x.value.boolean);
    auto y = reference_rule(text, R"({"as_of": "1999-06-01", "h": {"flag": true}})", "y");
    ASSERT_TRUE(y.ok());
    EXPECT_TRUE(y.value.boolean);
    auto z = reference_rule(text, R"({"as_of": "1999-06-01", "h": {"flag": false}})", "y");
    EXPECT_EQ(z.state, eval::RefOutcome::State::Missing);
    EXPECT_EQ(z.missing.size(), 1u);
}

TEST(Reference, AStrictOperationReportsEveryMissingFactAndErrorsWin) {
    std::string text = std::string(kHeader) + "rule x: int = h.a + h.b\nrule y: decimal = h.a + 1 / 0\n";
    auto x = reference_rule(text, R"({"as_of": "1999-06-01", "h": {}})", "x");
    EXPECT_EQ(x.state, eval::RefOutcome::State::Missing);
    EXPECT_EQ(x.missing.size(), 2u);
    auto y = reference_rule(text, R"({"as_of": "1999-06-01", "h": {}})", "y");
    EXPECT_EQ(y.state, eval::RefOutcome::State::Error);
    EXPECT_EQ(y.fault, eval::RefFault::DivisionByZero);
}

TEST(Reference, RoundingModesAndMonthClamping) {
    std::string text =
        std::string(kHeader) +
        "rule even: money = round_half_even($4.69 / 2, cent)\nrule up: money = round_half_up(($0 - $4.69) / 2, cent)\n"
        "rule feb: date = 1999-01-31 + 1 month\nrule over: int = 9223372036854775807 + h.a\n";
    std::string json = R"({"as_of": "1999-06-01", "h": {"a": 1}})";
    auto even = reference_rule(text, json, "even");
    EXPECT_EQ(even.value.number, (util::Rational{117, 50}));  // 2.34
    auto up = reference_rule(text, json, "up");
    EXPECT_EQ(up.value.number, (util::Rational{-47, 20}));  // -2.35: halves away from zero
    auto feb = reference_rule(text, json, "feb");
    EXPECT_EQ(util::format_iso_date(feb.value.date), "1999-02-28");
    auto over = reference_rule(text, json, "over");
    EXPECT_EQ(over.state, eval::RefOutcome::State::Error);
    EXPECT_EQ(over.fault, eval::RefFault::Overflow);
}

TEST(Reference, ALongChainOfRulesIsComputedOrTooDeepNeverACrash) {
    // 2,000 rules (LANGUAGE.md §12), the last declared first, so evaluating it nests the whole chain
    std::string text = "ruleset t.chain \"a chain\"\nfact x: int\n";
    for (int k = 1999; k > 0; --k)
        text += "rule r" + std::to_string(k) + ": int = r" + std::to_string(k - 1) + " + 1\n";
    text += "rule r0: int = x\n";
    std::string json = R"({"as_of": "1999-06-01", "x": 1})";
    eval::RefOutcome on_a_large_stack;
    util::run_with_large_stack([&] { on_a_large_stack = reference_rule(text, json, "r1999"); });
    ASSERT_TRUE(on_a_large_stack.ok());
    EXPECT_EQ(on_a_large_stack.value.integer, 2000);
    std::thread small([&] {
        // std::thread's default stack: computed, or too deep, but never an overflow
        eval::RefOutcome o = reference_rule(text, json, "r1999");
        EXPECT_TRUE(o.ok() || (o.state == eval::RefOutcome::State::Error && o.fault == eval::RefFault::TooDeep));
    });
    small.join();
}

}  // namespace
}  // namespace tenet::differential
