// The generated C against the graph evaluator: every shipped ruleset's own tests, the sample
// caseload and the differential generator's random rulesets, every decision compared (state,
// value, and for a failure its fault). Skips when there is no C compiler.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/ruleset_impl.hpp"
#include "compile/ops.hpp"
#include "differential.hpp"
#include "emit/native_code.hpp"
#include "generator.hpp"

namespace tenet {
namespace {

using emit_test::CompiledResult;
using emit_test::NativeCode;

struct Tally {
    size_t compared = 0, interpreted = 0;
    std::vector<std::string> mismatches;
};

std::string work_dir(const std::string& name) {
    std::string dir = ::testing::TempDir() + "/tenet_emit_" + name;
    std::filesystem::create_directories(dir);
    return dir;
}

// Whether every number in a value is in normal form (den > 0, gcd 1), as the evaluator's are and
// the generated code promises for its results (it keeps numbers unreduced inside).
bool normalised(const check::Model& m, check::TypeId t, const eval::Value& v) {
    t = m.types.strip_optional(t);
    switch (m.types.kind(t)) {
        case check::TypeKind::Decimal:
        case check::TypeKind::Money:
        case check::TypeKind::Percent: {
            util::Rational r;
            return v.r.den > 0 && util::Rational::make(v.r.num, v.r.den, &r) && r.num == v.r.num && r.den == v.r.den;
        }
        case check::TypeKind::List:
            for (uint32_t i = 0; i < v.list.size; ++i) {
                const eval::Cell& c = v.list.items[i];
                if (c.s == eval::State::Ok && !normalised(m, m.types.element(t), c.v)) return false;
            }
            return true;
        case check::TypeKind::Record: {
            const auto& fields = m.records[m.types.get(t).ref].fields;
            for (size_t i = 0; i < fields.size(); ++i) {
                if (v.rec[i].s == eval::State::Ok && !normalised(m, fields[i].type, v.rec[i].v)) return false;
            }
            return true;
        }
        default: return true;
    }
}

// Every decision of one case through the evaluator and the compiled code.
void compare_case(const Ruleset& rs, const NativeCode& native, const eval::CaseData& data, const std::string& where,
                  Tally* t) {
    const Ruleset::Impl& impl = rs.impl();
    const check::Model& m = *impl.model;
    const compile::Program& program = impl.program(impl.period_of(data.values[0].d));
    eval::Evaluator ev(m);
    ev.begin(program, data, false);
    for (size_t d = 0; d < impl.decision_rules.size(); ++d) {
        uint32_t rule = impl.decision_rules[d];
        const eval::Slot& want = ev.force(program.rule_nodes[rule]);
        CompiledResult got{};
        if (native.decide(static_cast<int>(d), data.values.data(), data.states.data(), &got) != 0) {
            ++t->interpreted;
            continue;
        }
        ++t->compared;
        bool same = got.s == want.s;
        if (same && want.s == eval::State::Ok)
            same = eval::cell_equal(m, m.rules[rule].type, eval::Cell{got.v, got.s}, eval::Cell{want.v, want.s});
        if (same && want.s == eval::State::Ok && !normalised(m, m.rules[rule].type, got.v)) {
            t->mismatches.push_back(where + ": " + m.rules[rule].name + ": a number not in normal form");
            continue;
        }
        if (same && want.s == eval::State::Error)
            same = got.fault == static_cast<uint8_t>(ev.errors()[want.error].fault);
        if (!same) {
            t->mismatches.push_back(where + ": " + m.rules[rule].name + ": compiled state " +
                                    std::to_string(static_cast<int>(got.s)) + " fault " + std::to_string(got.fault) +
                                    ", evaluator state " + std::to_string(static_cast<int>(want.s)));
        }
    }
}

bool build(const Ruleset& rs, const std::string& name, NativeCode* native) {
    Ruleset::CSource c = rs.emit_c("", name);
    std::string error;
    // -O0: what is checked is the meaning of the code, and Weld's thirteen periods take minutes at -O2
    if (!native->build(c.text, work_dir(name), name, &error, "-O0")) {
        ADD_FAILURE() << name << ": " << error.substr(0, 4000);
        return false;
    }
    for (const auto& [decision, reason] : c.not_compiled)
        std::cout << name << ": not compiled: " << decision << ": " << reason << "\n";
    return true;
}

void check_shipped(const std::string& path, const std::string& name, const std::string& caseload, bool all_compiled) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    CompileResult r = compile_file(std::string(TENET_SOURCE_DIR) + "/" + path);
    ASSERT_TRUE(r.ok()) << path;
    NativeCode native;
    if (!build(*r.ruleset, name, &native)) return;
    Tally t;
    size_t tests = 0;
    differential::for_each_test_case(*r.ruleset, [&](const std::string& test, const eval::CaseData& data) {
        compare_case(*r.ruleset, native, data, "test " + test, &t);
        ++tests;
    });
    EXPECT_GT(tests, 0u);
    if (!caseload.empty()) {
        Session session(r.ruleset);
        std::ifstream in(std::string(TENET_SOURCE_DIR) + "/" + caseload);
        std::string line;
        size_t row = 0;
        while (std::getline(in, line)) {
            Case c;
            std::vector<InputError> errors;
            if (!session.decode(line, &c, &errors)) continue;
            compare_case(*r.ruleset, native, c.impl().data, "case " + std::to_string(++row), &t);
        }
        EXPECT_GT(row, 0u);
    }
    std::cout << name << ": " << tests << " tests, " << t.compared << " decisions compared, " << t.interpreted
              << " left to the interpreter\n";
    EXPECT_TRUE(t.mismatches.empty()) << t.mismatches.size() << " mismatches, first: " << t.mismatches[0];
    if (all_compiled) EXPECT_EQ(t.interpreted, 0u);
    EXPECT_GT(t.compared, 0u);
}

TEST(CompiledC, StylisedDecisionMatchesTheEvaluator) {
    check_shipped("bench/peers/colorado_works_weld.tenet", "stylised", "", true);
}

TEST(CompiledC, WeldMatchesTheEvaluator) {
    check_shipped("rulesets/colorado/weld.tenet", "weld", "rulesets/colorado/caseload/weld_sample.jsonl", false);
}

TEST(CompiledC, ColoradoWorksMatchesTheEvaluator) {
    check_shipped("rulesets/colorado/works.tenet", "works", "", false);
}

TEST(CompiledC, KentuckyMatchesTheEvaluator) { check_shipped("rulesets/kentucky/kwp.tenet", "kwp", "", false); }

// Numbers stay unreduced inside the generated code: an operation fails exactly when the evaluator's
// normalised result does not fit, and whatever leaves the code (a result, a list or record cell)
// comes out normalised.
TEST(CompiledC, UnreducedNumbersOverflowAndLeaveNormalisedAsTheEvaluatorSays) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    const char* source = R"(ruleset t "unreduced numbers"
record Pair { a: money, b: decimal }
facts h {
  m: money
  x: decimal
  y: decimal
}
decision doubled: money = h.m + h.m
decision product: decimal = h.x * h.y
decision quotient: decimal = round_half_up((h.x * h.y) / h.y, 4)
decision cents: money = round_down(h.m * 3 / 2, cent)
decision pair: Pair = {a: h.m + h.m, b: h.x * h.y}
decision amounts: list<money> = [h.m + h.m, h.m - h.m, h.m * 4]
)";
    CompileOptions options;
    options.warnings = false;
    CompileResult r = compile_source("unreduced.tenet", source, options);
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
    NativeCode native;
    if (!build(*r.ruleset, "unreduced", &native)) return;
    Session session(r.ruleset);
    const std::string product = std::to_string(r.ruleset->find_decision("product"));
    Tally t;
    // 3/2 * 2^62: 3 * 2^62 / 2 does not fit, its normal form 3 * 2^61 does; 7/2 * 2^62 does not
    for (const char* x : {"1.5", "3.5", "0.25", "-1.5"}) {
        for (const char* m : {"0.50", "0.05", "12.34", "999999999999.99"}) {
            std::string json = std::string(R"({"as_of": "2000-01-01", "h": {"m": ")") + m + R"(", "x": ")" + x +
                               R"(", "y": "4611686018427387904"}})";
            Case c;
            std::vector<InputError> errors;
            ASSERT_TRUE(session.decode(json, &c, &errors)) << json << ": " << errors[0].message;
            compare_case(*r.ruleset, native, c.impl().data, json, &t);
        }
    }
    EXPECT_TRUE(t.mismatches.empty()) << t.mismatches.size() << " mismatches, first: " << t.mismatches[0];
    EXPECT_EQ(t.interpreted, 0u);
    // the boundary itself, stated outright
    auto decide = [&](const char* x, CompiledResult* got) {
        Case c;
        std::vector<InputError> errors;
        std::string json = std::string(R"({"as_of": "2000-01-01", "h": {"m": "1", "x": ")") + x +
                           R"(", "y": "4611686018427387904"}})";
        ASSERT_TRUE(session.decode(json, &c, &errors));
        ASSERT_EQ(native.decide(std::stoi(product), c.impl().data.values.data(), c.impl().data.states.data(), got), 0);
    };
    CompiledResult fits{}, overflows{};
    decide("1.5", &fits);
    EXPECT_EQ(fits.s, eval::State::Ok);
    EXPECT_EQ(fits.v.r.num, INT64_C(3) << 61);
    EXPECT_EQ(fits.v.r.den, 1);
    decide("3.5", &overflows);
    EXPECT_EQ(overflows.s, eval::State::Error);
    EXPECT_EQ(overflows.fault, static_cast<uint8_t>(eval::Fault::Overflow));
}

TEST(CompiledC, GeneratedRulesetsMatchTheEvaluator) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    differential::Entropy entropy(20261202);
    Tally t;
    for (int k = 0; k < 8; ++k) {
        differential::Generator generator(entropy);
        std::string source = generator.ruleset(12);
        CompileOptions options;
        options.warnings = false;
        CompileResult r = compile_source("generated.tenet", source, options);
        if (!r.ok()) continue;
        NativeCode native;
        if (!build(*r.ruleset, "generated" + std::to_string(k), &native)) {
            std::cout << source << "\n";
            continue;
        }
        Session session(r.ruleset);
        size_t before = t.mismatches.size();
        for (int c = 0; c < 60; ++c) {
            std::string json = generator.case_json();
            Case decoded;
            std::vector<InputError> errors;
            if (!session.decode(json, &decoded, &errors)) continue;
            compare_case(*r.ruleset, native, decoded.impl().data, "ruleset " + std::to_string(k) + " case " + json, &t);
        }
        if (t.mismatches.size() > before) std::cout << source << "\n";
    }
    std::cout << t.compared << " decisions compared, " << t.interpreted << " left to the interpreter\n";
    EXPECT_TRUE(t.mismatches.empty()) << t.mismatches.size() << " mismatches, first: " << t.mismatches[0];
    EXPECT_GT(t.compared, 0u);
}

}  // namespace
}  // namespace tenet
