// Session::use_compiled_code: the JSON of every shipped ruleset's own tests and of cases built to
// be unresolved, failed, absent and list-valued is the interpreter's, byte for byte, while the
// compiled code answers what it can. Skips when there is no C compiler.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "api/compiled_code.hpp"
#include "api/ruleset_impl.hpp"
#include "differential.hpp"
#include "emit/native_code.hpp"

namespace tenet {
namespace {

// The libraries are cached in the build tree (shared with tests/cli/engine_test.sh): Weld's takes
// minutes to build the first time.
CompiledCodeOptions options(const std::string& flags = "-O2") {
    CompiledCodeOptions o;
    o.flags = flags;
    o.cache_dir = TENET_NATIVE_CACHE;
    return o;
}

std::shared_ptr<const CompiledCode> build(const std::shared_ptr<const Ruleset>& rs, const std::string& flags) {
    std::string error;
    auto code = CompiledCode::build(rs, options(flags), &error);
    EXPECT_TRUE(code) << error.substr(0, 4000);
    return code;
}

// The JSON of one case from the interpreter and from the compiled code; the number of decisions
// the code answered itself is added to *answered.
void compare(const std::shared_ptr<const CompiledCode>& code, Session& interpreted, Session& compiled, const Case& c,
             const Request& request, const std::string& where, size_t* answered) {
    std::string want, got;
    std::vector<InputError> errors;
    interpreted.evaluate_json(c, request, &want, &errors);
    compiled.evaluate_json(c, request, &got, &errors);
    EXPECT_EQ(got, want) << where;
    // and without JSON: evaluate() and the results read back, decision by decision
    const std::vector<int>& ds = request.decisions;
    size_t n = code->ruleset().decisions().size();
    for (bool after_json : {true, false}) {
        if (!after_json) {
            interpreted.evaluate(c, request);
            compiled.evaluate(c, request);
        }
        for (size_t i = 0; i < (ds.empty() ? n : ds.size()); ++i) {
            int d = ds.empty() ? static_cast<int>(i) : ds[i];
            std::string at = where + (after_json ? ", after evaluate_json" : ", after evaluate") + ", decision " +
                             code->ruleset().decisions()[static_cast<size_t>(d)].name;
            DecisionValue a = interpreted.result(d), b = compiled.result(d);
            EXPECT_EQ(static_cast<int>(b.state), static_cast<int>(a.state)) << at;
            EXPECT_EQ(b.boolean, a.boolean) << at;
            EXPECT_EQ(b.integer, a.integer) << at;
            EXPECT_EQ(b.numerator, a.numerator) << at;
            EXPECT_EQ(b.denominator, a.denominator) << at;
            EXPECT_EQ(b.days, a.days) << at;
            EXPECT_EQ(compiled.result_message(d), interpreted.result_message(d)) << at;
            std::string ja, jb;
            interpreted.result_json(d, &ja);
            compiled.result_json(d, &jb);
            EXPECT_EQ(jb, ja) << at;
        }
    }
    CompiledRun run(code);
    run.run(c.impl().data);
    for (size_t d = 0; d < code->ruleset().decisions().size(); ++d) *answered += run.answered(d);
}

class CompiledEngine : public ::testing::Test {
protected:
    void SetUp() override {
        if (emit::NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc or $CC) on PATH";
    }

    // Every test of the ruleset as a case, all decisions and then each decision alone.
    void check_shipped(const std::string& path, const std::string& flags = "-O2") {
        CompileResult r = compile_file(std::string(TENET_SOURCE_DIR) + "/" + path);
        ASSERT_TRUE(r.ok()) << path;
        auto code = build(r.ruleset, flags);
        if (!code) return;
        Session interpreted(r.ruleset), compiled(r.ruleset);
        ASSERT_TRUE(compiled.use_compiled_code(code));
        size_t tests = 0, answered = 0;
        differential::for_each_test_case(*r.ruleset, [&](const std::string& name, const eval::CaseData& data) {
            Case c;  // the test's lists live in for_each_test_case's constants until it returns
            c.impl().data.values = data.values;
            c.impl().data.states = data.states;
            compare(code, interpreted, compiled, c, {}, path + ": test " + name, &answered);
            Request one;
            one.decisions = {static_cast<int>(tests % r.ruleset->decisions().size())};
            compare(code, interpreted, compiled, c, one, path + ": test " + name + ", one decision", &answered);
            ++tests;
        });
        EXPECT_GT(tests, 0u) << path;
        EXPECT_GT(answered, 0u) << path << ": the compiled code answered nothing";
    }
};

TEST_F(CompiledEngine, TheStylisedDecisionsTestsGiveTheInterpretersJson) {
    check_shipped("bench/peers/colorado_works_weld.tenet");
}

TEST_F(CompiledEngine, ColoradoWorksTestsGiveTheInterpretersJson) { check_shipped("rulesets/colorado/works.tenet"); }

TEST_F(CompiledEngine, KentuckyTestsGiveTheInterpretersJson) { check_shipped("rulesets/kentucky/kwp.tenet"); }

// -O0: what is checked is the meaning; Weld's thirteen periods take minutes to optimise
TEST_F(CompiledEngine, WeldTestsGiveTheInterpretersJson) { check_shipped("rulesets/colorado/weld.tenet", "-O0"); }

const char* const kRuleset = R"(ruleset engine.cases

record Payment { amount: money, paid_on: date }

fact as_of: date
facts household {
  size: int
  income: money
  payments: list<Payment>
  bonus: money?
}

decision per_person: money = round_down(household.income / household.size, cent)
decision large: bool = household.size > 4
decision paid: money = sum(p.amount for p in household.payments)
decision big_payments: list<money> = [p.amount for p in household.payments where p.amount > $100]
decision bonus: money? = household.bonus
)";

TEST_F(CompiledEngine, UnresolvedFailedAbsentAndListDecisionsGiveTheInterpretersJson) {
    CompileOptions quiet;
    quiet.warnings = false;
    CompileResult r = compile_source("engine.tenet", kRuleset, quiet);
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
    auto code = build(r.ruleset, "-O2");
    if (!code) return;
    Session interpreted(r.ruleset), compiled(r.ruleset);
    ASSERT_TRUE(compiled.use_compiled_code(code));
    const char* cases[] = {
        // all there
        R"({"as_of":"2000-01-01","household":{"size":3,"income":"900","bonus":"12.50","payments":[
            {"amount":"150","paid_on":"1999-12-01"},{"amount":"50","paid_on":"1999-12-02"}]}})",
        // division by zero: the message names the rule
        R"({"as_of":"2000-01-01","household":{"size":0,"income":"900","payments":[]}})",
        // missing facts: the reasons name them
        R"({"as_of":"2000-01-01","household":{"income":"900"}})",
        // an absent optional, an empty list
        R"({"as_of":"2000-01-01","household":{"size":5,"income":"1","payments":[]}})",
    };
    size_t answered = 0;
    for (const char* json : cases) {
        Case c;
        std::vector<InputError> errors;
        ASSERT_TRUE(interpreted.decode(json, &c, &errors)) << json;
        compare(code, interpreted, compiled, c, {}, json, &answered);
        Request explain;
        explain.explain = true;
        compare(code, interpreted, compiled, c, explain, std::string("explained: ") + json, &answered);
    }
    EXPECT_GT(answered, 0u);
    // back to the interpreter alone
    EXPECT_TRUE(compiled.use_compiled_code(nullptr));
}

TEST_F(CompiledEngine, CodeOfAnotherRulesetIsRefused) {
    CompileResult a = compile_source("a.tenet", kRuleset);
    CompileResult b = compile_source("b.tenet", kRuleset);
    ASSERT_TRUE(a.ok() && b.ok());
    auto code = build(a.ruleset, "-O2");
    if (!code) return;
    Session session(b.ruleset);
    EXPECT_FALSE(session.use_compiled_code(code));
    // b's text is a's, whose library the cache now holds (built just above, or earlier)
    auto same = build(b.ruleset, "-O2");
    ASSERT_TRUE(same);
    EXPECT_FALSE(same->compiled_now());
    EXPECT_TRUE(session.use_compiled_code(same));
}

// Without flags a small ruleset's C is built at -O2 (a large one's at -O1, in pieces: minutes).
TEST_F(CompiledEngine, WithoutFlagsSmallCIsBuiltAtO2) {
    CompileResult r = compile_source("engine.tenet", kRuleset);
    ASSERT_TRUE(r.ok());
    ASSERT_LT(r.ruleset->emit_c("", "engine.tenet").text.size(), CompiledCodeOptions::kLargeC);
    CompiledCodeOptions o = options("");
    o.cache_dir = ::testing::TempDir() + "tenet-default-flags-" + std::to_string(::getpid());
    std::string used, error;
    o.before_compiling = [&](const std::string&, size_t, const std::string& flags) { used = flags; };
    EXPECT_TRUE(CompiledCode::build(r.ruleset, o, &error)) << error;
    EXPECT_EQ(used, "-O2");
    std::filesystem::remove_all(o.cache_dir);
}

TEST(CompiledEngineErrors, NoCompilerIsAClearError) {
    CompileResult r = compile_source("engine.tenet", kRuleset);
    ASSERT_TRUE(r.ok());
    CompiledCodeOptions o = options();
    o.compiler = "/nonexistent/cc";
    std::string error;
    EXPECT_EQ(CompiledCode::build(r.ruleset, o, &error), nullptr);
    EXPECT_EQ(error, "no C compiler: `/nonexistent/cc` is not on PATH (set $CC to one)");
}

}  // namespace
}  // namespace tenet
