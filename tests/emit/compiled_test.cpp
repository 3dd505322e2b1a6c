// The generated C against the graph evaluator: every shipped ruleset's own tests, the sample
// caseload and the differential generator's random rulesets, every decision compared (state,
// value, and for a failure its fault). Skips when there is no C compiler.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "api/ruleset_impl.hpp"
#include "compile/ops.hpp"
#include "differential.hpp"
#include "emit/native_code.hpp"
#include "generator.hpp"
#include "tenet/columns.hpp"

namespace tenet {
namespace {

using emit::CompiledResult;
using emit::NativeCode;

struct Tally {
    size_t compared = 0, interpreted = 0;
    std::vector<std::string> mismatches;
};

std::string work_dir(const std::string& name) {
    std::string dir = ::testing::TempDir() + "/tenet_emit_" + name;
    std::filesystem::create_directories(dir);
    return dir;
}

// The tests' seeded values: next(bound) is in [0, bound), the same sequence for a seed on every run.
struct Seeded {
    uint64_t state;
    uint64_t operator()(uint64_t bound) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        return (state >> 33) % bound;
    }
};

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
        // a failure names the node of the evaluator's program that failed, whichever period's table
        // the compiled code read it from
        if (same && want.s == eval::State::Error)
            same = got.fault == static_cast<uint8_t>(ev.errors()[want.error].fault) &&
                   got.node == ev.errors()[want.error].node;
        if (!same) {
            t->mismatches.push_back(where + ": " + m.rules[rule].name + ": compiled state " +
                                    std::to_string(static_cast<int>(got.s)) + " fault " + std::to_string(got.fault) +
                                    " node " + std::to_string(got.node) + ", evaluator state " +
                                    std::to_string(static_cast<int>(want.s)));
        }
    }
}

// `optimise`: at -O2, as NativeCode::build builds a ruleset's C (only there does the dense batch run
// the strict program first, see c_emitter.cpp); else -O0.
// `pieces_above` as Ruleset::emit_c's (0: every program in pieces, as a large ruleset's are).
// `flags`: more of the C compiler's. Optimised builds run the dense batch's fast path
// (c_fast_rows.cpp) whatever the target (TN_FAST_PATH=1), so that its meaning is checked where it
// is not vectorised too.
bool build(const Ruleset& rs, const std::string& name, NativeCode* native, bool optimise = false,
           size_t pieces_above = Ruleset::kPiecesAbove, const std::string& flags = "") {
    Ruleset::CSource c = rs.emit_c("", name, pieces_above);
    if (pieces_above == 0 && c.text.find("static TN_NOINLINE int g0_all_0(") == std::string::npos) {
        ADD_FAILURE() << name << ": not in pieces";
        return false;
    }
    std::string error;
    // -O0 for the shipped rulesets: what is checked is the meaning of the code, and Weld's nine functions
    // take many minutes at -O2. gcc's -Wmisleading-indentation (in -Wall) looks up the source line of
    // every `if`, which in a file of Weld's size (7 MB) costs minutes of its own; the layout is the
    // emitter's anyway.
    // TN_FRAME_POISON: a program in pieces finds its frame full of 0xA5 bytes at every call, where
    // it would otherwise find the last call's slots, so that a slot read before it is written shows
    if (!native->build(c.text, work_dir(name), name, &error,
                       std::string(optimise ? "-O2 -DTN_FAST_PATH=1" : "-O0") +
                           " -Wno-misleading-indentation -DTN_FRAME_POISON " + flags)) {
        ADD_FAILURE() << name << ": " << error.substr(0, 4000);
        return false;
    }
    for (const auto& [decision, reason] : c.not_compiled)
        std::cout << name << ": not compiled: " << decision << ": " << reason << "\n";
    return true;
}

// A ruleset written in the test, compiled and its C built at -O2 (small: a second or so); false (with
// a failure) when either fails.
bool build_source(const std::string& name, const char* source, CompileResult* r, NativeCode* native) {
    CompileOptions options;
    options.warnings = false;
    *r = compile_source(name + ".tenet", source, options);
    if (!r->ok()) {
        ADD_FAILURE() << name << ": " << (r->diagnostics.empty() ? "" : r->diagnostics[0].message);
        return false;
    }
    return build(*r->ruleset, name, native, true);
}

void check_shipped(const std::string& path, const std::string& name, const std::string& caseload, bool all_compiled,
                   bool in_pieces = false) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    CompileResult r = compile_file(std::string(TENET_SOURCE_DIR) + "/" + path);
    ASSERT_TRUE(r.ok()) << path;
    NativeCode native;
    if (!build(*r.ruleset, name, &native, in_pieces, in_pieces ? 0 : Ruleset::kPiecesAbove)) return;
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

// In pieces (c_emitter.cpp, pieces(): every slot a frame's, the program cut into functions), built
// at -O2. Weld's programs are in pieces at any size limit, so WeldMatchesTheEvaluator checks them
// unoptimised.
TEST(CompiledC, StylisedDecisionInPiecesMatchesTheEvaluator) {
    check_shipped("bench/peers/colorado_works_weld.tenet", "stylised_pieces", "", true, true);
}

TEST(CompiledC, WeldMatchesTheEvaluator) {
    check_shipped("rulesets/colorado/weld.tenet", "weld", "rulesets/colorado/caseload/weld_sample.jsonl", true);
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
    CompileResult r;
    NativeCode native;
    if (!build_source("unreduced", source, &r, &native)) return;
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
        std::string json =
            std::string(R"({"as_of": "2000-01-01", "h": {"m": "1", "x": ")") + x + R"(", "y": "4611686018427387904"}})";
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

// The compiled batch over `cols` against evaluate_columns over `in` (the same values as the
// columns API takes them), every decision row by row: the state byte, and the value where the state
// is Ok (zero otherwise: docs/COMPILED.md; the columns API leaves the wrapped cents of an amount too
// large for an int64 in its column). Rows the batch leaves to the interpreter are not compared.
// With `every_other`, only every other decision has output columns, and those are compared; the
// others are not asked for (null columns, which a write would crash on).
struct BatchComparison {
    FrameResult want;
    std::vector<uint8_t> fallback;
    size_t left = 0, mismatches = 0;
    size_t by_state[4] = {0, 0, 0, 0};
    size_t inexact = 0;  // (number_scale) rows whose number is not whole at that scale: TN_ROW_INEXACT
};
// The value tenet_output's `scaled` holds for num/den at `scale` (a percent in points), as tenet.h's
// columns write it; false where it is not whole there or does not fit (TN_ROW_INEXACT).
bool scaled_value(int64_t num, int64_t den, int scale, bool percent, int64_t* out) {
    __int128 n = num;
    for (int k = 0; k < scale + (percent ? 2 : 0); ++k) {
        if (__builtin_mul_overflow(n, static_cast<__int128>(10), &n)) return false;
    }
    if (n % den != 0 || n / den > INT64_MAX || n / den < INT64_MIN) return false;
    *out = static_cast<int64_t>(n / den);
    return true;
}

constexpr int kFractions = -1;
constexpr uint8_t kRowInexact = 4;  // TN_ROW_INEXACT

// `values`: through tenet_row_values, the facts converted first, instead of tenet_batch_all.
// `number_scale`: decimals and percents as integers at that scale (tenet_output's scaled), not fractions.
BatchComparison compare_batch(const Ruleset& rs, const NativeCode& native, size_t rows,
                              const std::vector<InputColumn>& in, const std::vector<emit::CColumn>& cols,
                              bool every_other = false, bool values = false, int number_scale = kFractions) {
    BatchComparison b;
    auto batch = reinterpret_cast<size_t (*)(void*, const emit::CColumn*, size_t, emit::COutput*, uint8_t*)>(
        native.symbol("tenet_batch_all"));
    InputError error;
    EXPECT_NE(batch, nullptr);
    EXPECT_TRUE(evaluate_columns(rs, rows, in, FrameOptions{}, &b.want, &error)) << error.path << ": " << error.message;
    size_t nd = rs.decisions().size();
    if (!batch || b.want.columns.size() != nd) return b;
    std::vector<std::vector<uint8_t>> states(nd, std::vector<uint8_t>(rows, 9)), bools(nd, std::vector<uint8_t>(rows));
    std::vector<std::vector<int64_t>> int64s(nd, std::vector<int64_t>(rows)), nums(nd, std::vector<int64_t>(rows)),
        dens(nd, std::vector<int64_t>(rows));
    std::vector<std::vector<int32_t>> int32s(nd, std::vector<int32_t>(rows));
    std::vector<emit::COutput> out(nd);
    auto asked = [&](size_t d) { return !every_other || d % 2 == 0; };
    for (size_t d = 0; d < nd; ++d) {
        if (asked(d)) {
            out[d] = emit::COutput{states[d].data(), bools[d].data(), int64s[d].data(),
                                   int32s[d].data(), nums[d].data(),  dens[d].data()};
            if (number_scale != kFractions && b.want.columns[d].type == OutputColumn::Type::Number) {
                out[d].scaled = nums[d].data();
                out[d].scale = number_scale;
                out[d].numerators = out[d].denominators = nullptr;
            }
        }
    }
    b.fallback.assign(rows, 9);
    if (!values) {
        b.left = batch(native.context(), cols.data(), rows, out.data(), b.fallback.data());
    } else {
        // the same facts as values, as a host that has converted them holds them (tenet_row_values):
        // a column of values and one of states per fact
        const check::Model& m = *rs.impl().model;
        std::vector<std::vector<eval::Value>> fact_values(m.facts.size(), std::vector<eval::Value>(rows));
        std::vector<std::vector<eval::State>> fact_states(m.facts.size(), std::vector<eval::State>(rows));
        std::vector<const eval::Value*> value_columns;
        std::vector<const eval::State*> state_columns;
        for (size_t f = 0; f < m.facts.size(); ++f) {
            const emit::CColumn& c = cols[f];
            check::TypeId t = m.facts[f].type;
            check::TypeKind kind = m.types.kind(m.types.strip_optional(t));
            eval::State absent = m.types.is_optional(t) ? eval::State::None : eval::State::Missing;
            const int64_t* ints = static_cast<const int64_t*>(c.values);  // these tests' columns are int64s
            for (size_t i = 0; i < rows; ++i) {
                eval::Value& v = fact_values[f][i];
                eval::State& st = fact_states[f][i];
                st = eval::State::Ok;
                if ((!c.values && !c.bools) || (c.present && !c.present[i])) {
                    st = absent;
                    continue;
                }
                switch (kind) {
                    case check::TypeKind::Bool: v = eval::Value::of_bool(c.bools[i] != 0); break;
                    case check::TypeKind::Int: v = eval::Value::of_int(ints[i]); break;
                    case check::TypeKind::Enum: v = eval::Value::of_enum(static_cast<uint32_t>(ints[i])); break;
                    case check::TypeKind::Date:
                        if (ints[i] == INT64_MIN) st = absent;
                        else v = eval::Value::of_date(static_cast<util::Days>(ints[i]));
                        break;
                    default: {  // decimal, money, percent: the scaled integer as the exact fraction (percent in points)
                        int64_t den = 1;
                        for (int32_t k = 0; k < c.scale; ++k) den *= 10;
                        if (kind == check::TypeKind::Percent) den *= 100;
                        util::Rational r;
                        EXPECT_TRUE(util::Rational::make(ints[i], den, &r));
                        v = eval::Value::of_number(r);
                        break;
                    }
                }
            }
            value_columns.push_back(fact_values[f].data());
            state_columns.push_back(fact_states[f].data());
        }
        std::vector<CompiledResult> res(nd + 1);
        for (size_t i = 0; i < rows; ++i) {
            b.fallback[i] = static_cast<uint8_t>(native.row_values(native.context(), value_columns.data(),
                                                                   state_columns.data(), i, out.data(), res.data()));
            b.left += b.fallback[i];
        }
    }
    for (size_t d = 0; d < nd; ++d) {
        if (!asked(d)) continue;
        const OutputColumn& w = b.want.columns[d];
        for (size_t i = 0; i < rows; ++i) {
            EXPECT_LE(b.fallback[i], 1) << "row " << i;
            if (b.fallback[i]) continue;
            bool same = states[d][i] == static_cast<uint8_t>(w.states[i]);
            bool ok = w.states[i] == RowState::Ok;
            switch (w.type) {
                case OutputColumn::Type::Bool: same = same && bools[d][i] == (ok ? w.bools[i] : 0); break;
                case OutputColumn::Type::Integer:
                case OutputColumn::Type::Money: same = same && int64s[d][i] == (ok ? w.int64s[i] : 0); break;
                case OutputColumn::Type::Date:
                case OutputColumn::Type::Enum: same = same && int32s[d][i] == (ok ? w.int32s[i] : 0); break;
                case OutputColumn::Type::Number: {
                    if (number_scale == kFractions) {
                        same = same && nums[d][i] == (ok ? w.numerators[i] : 0) &&
                               dens[d][i] == (ok ? w.denominators[i] : 1);
                        break;
                    }
                    int64_t want = 0;
                    if (ok && !scaled_value(w.numerators[i], w.denominators[i], number_scale, w.percent, &want)) {
                        same = states[d][i] == kRowInexact && nums[d][i] == 0;
                        ++b.inexact;
                        break;
                    }
                    same = same && nums[d][i] == want;
                    break;
                }
                case OutputColumn::Type::Json: break;
            }
            ++b.by_state[static_cast<size_t>(w.states[i])];
            if (!same && ++b.mismatches <= 5) {
                ADD_FAILURE() << w.decision << " row " << i << ": compiled state " << int(states[d][i]) << " value "
                              << int64s[d][i] << ", columns API " << int(w.states[i]) << " value "
                              << (w.int64s.empty() ? 0 : w.int64s[i]);
            }
        }
    }
    return b;
}

// The column of fact `path` among one per fact of the model.
emit::CColumn& fact_column(const check::Model& m, std::vector<emit::CColumn>& cols, const std::string& path) {
    for (size_t f = 0; f < m.facts.size(); ++f) {
        if (m.facts[f].path == path) return cols[f];
    }
    ADD_FAILURE() << "no fact " << path;
    return cols[0];
}

// tenet_batch_all (and tenet_row_values, from facts already converted) writes typed output columns
// exactly as evaluate_columns (src/api/columns.cpp)
// does: each decision's state byte (tenet::RowState) and its value at its natural width, money in
// whole cents, a parameter without a value unresolved, a failure an error, a value zero unless Ok;
// rows of different parameter periods in one batch.
TEST(CompiledC, BatchWritesTheColumnsOfTheColumnsApi) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    const char* source = R"(ruleset cols "typed output columns"
enum Kind { low, mid, high }
record Pair { a: money, b: decimal }
facts h {
  n: int
  m: money
  x: decimal
  p: percent
  d: date
  k: Kind
  o: int?
  flag: bool
}
parameter rate: percent {
  from 2000-01-01 to 2000-12-31 = 10%
  from 2001-01-01 = 20%
}
decision big: bool = h.n > 2 and h.flag
decision twice: int = h.n * 2
decision paid: money = round_down(h.m * rate, cent)
decision share: decimal = round_half_up(h.x / h.n, 4)
decision doubled: percent = h.p * 2
decision later: date = h.d + days(h.n)
decision kind: Kind = if h.flag then h.k else low
decision present_o: int = h.o otherwise -1
decision maybe_o: int? = h.o
decision plain: money = h.m + h.m
decision huge: money = h.m * 1000000
rule pair: Pair = {a: h.m, b: h.x}
decision picked: decimal = pair.b
)";
    CompileResult r;
    NativeCode native;
    if (!build_source("cols", source, &r, &native)) return;
    const check::Model& m = *r.ruleset->impl().model;

    // rows: days before the first period (rate undefined), in each period; absent values; n = 0
    const size_t rows = 600;
    std::vector<int64_t> as_of(rows), n(rows), cents(rows), x(rows), points(rows), day(rows), o(rows);
    std::vector<int32_t> kind(rows);
    std::vector<uint8_t> flag(rows), n_present(rows), o_present(rows), m_present(rows);
    Seeded next{20261202};
    const int64_t days[] = {10592, 10957, 11200, 11323, 11500};  // 1999-01-01 .. 2001-06-27
    for (size_t i = 0; i < rows; ++i) {
        as_of[i] = days[(i / 40) % 5];  // runs of rows in one period
        n[i] = static_cast<int64_t>(next(7)) - 1;
        // and now and then the largest amount a fact takes, of which `huge` is more cents than an int64 holds
        cents[i] = i % 29 == 0 ? INT64_C(99999999999900) : static_cast<int64_t>(next(100000)) - 20000;
        x[i] = static_cast<int64_t>(next(10000));
        points[i] = static_cast<int64_t>(next(200));
        day[i] = i % 17 == 0 ? INT64_MIN : 10957 + static_cast<int64_t>(next(400));
        kind[i] = static_cast<int32_t>(next(3));
        o[i] = static_cast<int64_t>(next(50));
        flag[i] = static_cast<uint8_t>(next(2));
        n_present[i] = i % 13 != 0;
        o_present[i] = i % 3 != 0;
        m_present[i] = i % 11 != 0;
    }
    // the same ruleset in pieces (as a large ruleset's programs are, c_emitter.cpp pieces())
    NativeCode in_pieces;
    if (!build(*r.ruleset, "cols_pieces", &in_pieces, true, 0)) return;
    // with `present` arrays (the general loop), and without (the loop for dense batches)
    auto compare = [&](const NativeCode& code, bool with_present, bool every_other = false, bool values = false) {
        const uint8_t* np = with_present ? n_present.data() : nullptr;
        const uint8_t* mp = with_present ? m_present.data() : nullptr;
        const uint8_t* op = with_present ? o_present.data() : nullptr;
        std::vector<InputColumn> in{InputColumn::days("as_of", as_of.data()),
                                    InputColumn::integers("h.n", n.data(), np),
                                    InputColumn::scaled("h.m", cents.data(), 2, mp),
                                    InputColumn::scaled("h.x", x.data(), 2),
                                    InputColumn::scaled("h.p", points.data(), 1),
                                    InputColumn::days("h.d", day.data()),
                                    InputColumn::dictionary_coded("h.k", kind.data(), {"low", "mid", "high"}),
                                    InputColumn::integers("h.o", o.data(), op),
                                    InputColumn::booleans("h.flag", flag.data())};
        // the same columns for the compiled code, by fact index
        std::vector<int64_t> kinds(kind.begin(), kind.end());
        std::vector<emit::CColumn> cols(m.facts.size());
        auto fact = [&](const std::string& path) -> emit::CColumn& { return fact_column(m, cols, path); };
        fact("as_of").values = as_of.data();
        fact("h.n") = emit::CColumn{n.data(), nullptr, 0, np};
        fact("h.m") = emit::CColumn{cents.data(), nullptr, 2, mp};
        fact("h.x") = emit::CColumn{x.data(), nullptr, 2, nullptr};
        fact("h.p") = emit::CColumn{points.data(), nullptr, 1, nullptr};
        fact("h.d").values = day.data();
        fact("h.k").values = kinds.data();
        fact("h.o") = emit::CColumn{o.data(), nullptr, 0, op};
        fact("h.flag").bools = flag.data();
        BatchComparison b = compare_batch(*r.ruleset, code, rows, in, cols, every_other, values);
        EXPECT_EQ(b.left, 0u);
        for (size_t i = 0; i < b.fallback.size(); ++i) EXPECT_EQ(b.fallback[i], 0) << "row " << i;
        int huge = r.ruleset->find_decision("huge");
        if (!b.want.columns.empty()) EXPECT_EQ(b.want.columns[static_cast<size_t>(huge)].states[29], RowState::Error);
        EXPECT_EQ(b.mismatches, 0u);
        return std::vector<size_t>(b.by_state, b.by_state + 4);
    };
    // the dense loop runs the strict program first: rows where it stops (division by zero, cents
    // that overflow, an undefined rate, absent dates) are computed again by the full one
    Ruleset::CSource c = r.ruleset->emit_c("", "cols");
    EXPECT_NE(c.text.find("strict = g0_strict(ctx, fv, fs, res, 0, K, N);"), std::string::npos);
    std::vector<size_t> by_state = compare(native, true);
    ASSERT_EQ(by_state.size(), 4u);
    for (size_t s = 0; s < 4; ++s) EXPECT_GT(by_state[s], 0u) << "RowState " << s;  // every state came up
    compare(native, false);
    compare(native, false, true);  // the dense loop when some decisions are not asked for
    by_state = compare(in_pieces, true);
    for (size_t s = 0; s < 4; ++s) EXPECT_GT(by_state[s], 0u) << "RowState " << s << ", in pieces";
    compare(in_pieces, false);
    // a row of facts already converted (what frames with the code use), whole and in pieces
    by_state = compare(native, true, false, true);
    for (size_t s = 0; s < 4; ++s) EXPECT_GT(by_state[s], 0u) << "RowState " << s << ", from values";
    compare(native, true, true, true);
    compare(in_pieces, true, false, true);
}

// A column of 1, 2 or 4-byte integers is read at its width and sign (`width` in tenet_column):
// negative int32 dates, int8 enum indices, int16 and int32 ints at their limits, int32 cents, the
// smallest value of a date column as absent. Read at another width, the values would differ from
// the columns API's on the same values as int64s; a width that is none of 1, 2, 4, 8 leaves every
// row to the interpreter.
TEST(CompiledC, NarrowColumnsAreReadAtTheirWidthAndSign) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    const char* source = R"(ruleset narrow "narrow columns"
enum Kind { low, mid, high }
facts h {
  d: date
  k: Kind
  s: int
  l: int
  m: money
}
decision later: date = h.d + days(1)
decision kind: Kind = h.k
decision small: int = h.s * 2
decision large: int = h.l - 1
decision plus: money = h.m + $0.01
)";
    CompileResult r;
    NativeCode native;
    if (!build_source("narrow", source, &r, &native)) return;
    const check::Model& m = *r.ruleset->impl().model;
    const size_t rows = 300;  // two whole blocks of the dense loop's widened columns (TN_BLOCK) and a part
    const int32_t days[] = {-3653, -62091, 0, INT32_MIN, 120528, 10957};  // 1960-01-01, 1800-01-01, ..., absent
    const int16_t smalls[] = {INT16_MIN, INT16_MAX, -1, 0, 1};
    const int32_t larges[] = {INT32_MIN, INT32_MAX, -1, 0};
    const int32_t cents[] = {INT32_MIN, INT32_MAX, -1, -250, 12345, 0, 7};
    std::vector<int32_t> as_of(rows, 10957), d(rows), l(rows), c(rows), codes(rows);
    std::vector<int8_t> k(rows);
    std::vector<int16_t> sm(rows);
    std::vector<int64_t> as_of64(rows, 10957), d64(rows), s64(rows), l64(rows), c64(rows);
    for (size_t i = 0; i < rows; ++i) {
        d[i] = days[i % 6];
        d64[i] = d[i] == INT32_MIN ? INT64_MIN : d[i];
        k[i] = static_cast<int8_t>(i % 3);
        codes[i] = k[i];
        sm[i] = smalls[i % 5];
        s64[i] = sm[i];
        l[i] = larges[i % 4];
        l64[i] = l[i];
        c[i] = cents[i % 7];
        c64[i] = c[i];
    }
    std::vector<InputColumn> in{InputColumn::days("as_of", as_of64.data()),
                                InputColumn::days("h.d", d64.data()),
                                InputColumn::dictionary_coded("h.k", codes.data(), {"low", "mid", "high"}),
                                InputColumn::integers("h.s", s64.data()),
                                InputColumn::integers("h.l", l64.data()),
                                InputColumn::scaled("h.m", c64.data(), 2)};
    std::vector<emit::CColumn> cols(m.facts.size());
    fact_column(m, cols, "as_of") = emit::CColumn{as_of.data(), nullptr, 0, nullptr, 4};
    fact_column(m, cols, "h.d") = emit::CColumn{d.data(), nullptr, 0, nullptr, 4};
    fact_column(m, cols, "h.k") = emit::CColumn{k.data(), nullptr, 0, nullptr, 1};
    fact_column(m, cols, "h.s") = emit::CColumn{sm.data(), nullptr, 0, nullptr, 2};
    fact_column(m, cols, "h.l") = emit::CColumn{l.data(), nullptr, 0, nullptr, 4};
    fact_column(m, cols, "h.m") = emit::CColumn{c.data(), nullptr, 2, nullptr, 4};
    BatchComparison b = compare_batch(*r.ruleset, native, rows, in, cols);
    EXPECT_EQ(b.left, 0u);
    EXPECT_EQ(b.mismatches, 0u);
    EXPECT_GT(b.by_state[static_cast<size_t>(RowState::Unresolved)], 0u);  // the absent dates
    // with `present` arrays, the general loop reads the same widths
    std::vector<uint8_t> present(rows, 1);
    fact_column(m, cols, "h.s").present = present.data();
    b = compare_batch(*r.ruleset, native, rows, in, cols);
    EXPECT_EQ(b.left, 0u);
    EXPECT_EQ(b.mismatches, 0u);
    // money at other scales than cents: whole dollars, and thousandths (a row that is not whole
    // cents goes to the interpreter)
    in.back() = InputColumn::scaled("h.m", c64.data(), 0);
    fact_column(m, cols, "h.m").scale = 0;
    b = compare_batch(*r.ruleset, native, rows, in, cols);
    EXPECT_EQ(b.left, 0u);
    EXPECT_EQ(b.mismatches, 0u);
    // (the columns API refuses a batch with such an amount: it takes the whole cents, the compiled
    // code the same amounts with a thousandth added to the odd rows)
    std::vector<int64_t> thousandths(rows), odd(rows);
    for (size_t i = 0; i < rows; ++i) {
        thousandths[i] = c64[i] * 10;
        odd[i] = thousandths[i] + static_cast<int64_t>(i % 2);
    }
    in.back() = InputColumn::scaled("h.m", thousandths.data(), 3);
    fact_column(m, cols, "h.m") = emit::CColumn{odd.data(), nullptr, 3, nullptr, 8};
    b = compare_batch(*r.ruleset, native, rows, in, cols);
    EXPECT_EQ(b.mismatches, 0u);
    EXPECT_EQ(b.left, rows / 2);
    fact_column(m, cols, "h.l").width = 3;
    b = compare_batch(*r.ruleset, native, rows, in, cols);
    EXPECT_EQ(b.left, rows);
}

// Money that is provably whole cents is computed in int64 cents (c_emitter.cpp, cents()). Where
// the cents overflow but the evaluator's fraction may not (10^19 cents is $10^17), the case or the
// row goes to the interpreter: never an error the evaluator does not give. A money decision whose
// own cents overflow is the error the columns API writes for more cents than an int64 holds. Sums,
// differences, products by ints, negation and min at the int64 limits in cents, and the four
// roundings to the cent on half cents, against the evaluator (one case) and the columns API (batch).
TEST(CompiledC, CentsOverflowOnlyWhereTheEvaluatorFailsAndRoundAsItDoes) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    const char* source = R"(ruleset cents "money in cents"
facts h {
  m: money
  n: money
  k: int
  r: percent
}
decision total: money = h.m * h.k + h.n
decision back: money = (h.m * h.k + h.n) - h.n
decision times: money = h.m * h.k
decision negated: money = -(h.m * h.k)
decision least: money = min(h.m * h.k, h.n, $5)
decision half_even: money = round_half_even(h.m * h.r, cent)
decision half_up: money = round_half_up(h.m * h.r, cent)
decision down: money = round_down(h.m * h.r, cent)
decision up: money = round_up(h.m * h.r, cent)
decision more: bool = h.m * h.k + h.n > h.n
decision as_decimal: decimal = round_half_up((h.m - h.n) / $1, 2)
)";
    CompileResult r;
    NativeCode native;
    if (!build_source("cents", source, &r, &native)) return;
    const check::Model& m = *r.ruleset->impl().model;
    // the most a case's amount may be ($999,999,999,999.99) and products by ints up to INT64_MAX:
    // 99999999999999 * 92233 cents fit an int64, adding 99999999999999 more does not
    const int64_t most = INT64_C(99999999999999);
    const int64_t amounts[] = {most, -most, most - 1, -1, 1, 3, 5, 15, -15, 25, -25, 0, 50};
    const int64_t factors[] = {2, -1, 0, 92233, -92233, 100000, INT64_MAX};
    const int64_t percents[] = {50, 10, 25, 150, -50};
    const size_t rows = 13 * 13 * 7;
    std::vector<int64_t> as_of(rows, 10957), mc(rows), nc(rows), k(rows), p(rows);
    for (size_t i = 0; i < rows; ++i) {
        mc[i] = amounts[i % 13];
        nc[i] = amounts[(i / 13) % 13];
        k[i] = factors[(i / 169) % 7];
        p[i] = percents[i % 5];
    }
    // one case at a time, from the fractions the JSON gives, against the evaluator
    Session session(r.ruleset);
    Tally t;
    auto money = [](int64_t c) {
        std::string s = std::to_string(c < 0 ? -(c / 100) : c / 100), f = std::to_string(c < 0 ? -(c % 100) : c % 100);
        return std::string(c < 0 ? "-" : "") + s + "." + (f.size() < 2 ? "0" : "") + f;
    };
    for (size_t i = 0; i < rows; ++i) {
        std::string json = R"({"as_of": "2000-01-01", "h": {"m": ")" + money(mc[i]) + R"(", "n": ")" + money(nc[i]) +
                           R"(", "k": )" + std::to_string(k[i]) + R"(, "r": )" + std::to_string(p[i]) + "}}";
        Case c;
        std::vector<InputError> errors;
        ASSERT_TRUE(session.decode(json, &c, &errors)) << json << ": " << errors[0].message;
        compare_case(*r.ruleset, native, c.impl().data, json, &t);
    }
    EXPECT_TRUE(t.mismatches.empty()) << t.mismatches.size() << " mismatches, first: " << t.mismatches[0];
    EXPECT_GT(t.interpreted, 0u);  // the cases whose cents overflow
    EXPECT_GT(t.compared, t.interpreted);
    // the batch, against the columns API
    std::vector<InputColumn> in{InputColumn::days("as_of", as_of.data()), InputColumn::scaled("h.m", mc.data(), 2),
                                InputColumn::scaled("h.n", nc.data(), 2), InputColumn::integers("h.k", k.data()),
                                InputColumn::scaled("h.r", p.data(), 0)};
    std::vector<emit::CColumn> cols(m.facts.size());
    fact_column(m, cols, "as_of").values = as_of.data();
    fact_column(m, cols, "h.m") = emit::CColumn{mc.data(), nullptr, 2, nullptr};
    fact_column(m, cols, "h.n") = emit::CColumn{nc.data(), nullptr, 2, nullptr};
    fact_column(m, cols, "h.k").values = k.data();
    fact_column(m, cols, "h.r").values = p.data();
    BatchComparison b = compare_batch(*r.ruleset, native, rows, in, cols);
    EXPECT_EQ(b.mismatches, 0u);
    EXPECT_GT(b.left, 0u);
    EXPECT_LT(b.left, rows / 2);
    // m = n = the most, k = 92233: `back` overflows on the way (the interpreter answers the row: m * k
    // cents), and `total`'s own cents overflow: the columns API's error, which the batch writes
    size_t row = 3 * 169;
    ASSERT_EQ(mc[row], most);
    ASSERT_EQ(nc[row], most);
    ASSERT_EQ(k[row], 92233);
    ASSERT_EQ(b.fallback.size(), rows);
    EXPECT_EQ(b.fallback[row], 1);
    EXPECT_EQ(b.want.columns[static_cast<size_t>(r.ruleset->find_decision("back"))].int64s[row], most * 92233);
    EXPECT_EQ(b.want.columns[static_cast<size_t>(r.ruleset->find_decision("total"))].states[row], RowState::Error);
}

// The facts of the fast path's tests (c_fast_rows.cpp), and a batch of them as the columns API and
// the compiled code take it: every column given (the dense loop), decimals at `x_scale`.
const char* const kFastFacts = R"(enum Kind { low, mid, high }
facts h {
  n: int
  m: money
  x: decimal
  p: percent
  d: date
  k: Kind
  flag: bool
  o: int?
}
)";
struct FastBatch {
    explicit FastBatch(size_t rows)
        : as_of(rows, 10957), n(rows), cents(rows), x(rows), points(rows), day(rows), o(rows), k(rows), flag(rows) {}
    std::vector<int64_t> as_of, n, cents, x, points, day, o, k;  // points: tenths of a point
    std::vector<uint8_t> flag;
    int32_t x_scale = 2;
    int number_scale = kFractions;  // the decimal and percent decisions' (tenet_output's scaled)
    BatchComparison compare(const Ruleset& rs, const NativeCode& native) {
        size_t rows = n.size();
        std::vector<int32_t> kind(k.begin(), k.end());
        std::vector<InputColumn> in{InputColumn::days("as_of", as_of.data()),
                                    InputColumn::integers("h.n", n.data()),
                                    InputColumn::scaled("h.m", cents.data(), 2),
                                    InputColumn::scaled("h.x", x.data(), x_scale),
                                    InputColumn::scaled("h.p", points.data(), 1),
                                    InputColumn::days("h.d", day.data()),
                                    InputColumn::dictionary_coded("h.k", kind.data(), {"low", "mid", "high"}),
                                    InputColumn::booleans("h.flag", flag.data()),
                                    InputColumn::integers("h.o", o.data())};
        const check::Model& m = *rs.impl().model;
        std::vector<emit::CColumn> cols(m.facts.size());
        fact_column(m, cols, "as_of").values = as_of.data();
        fact_column(m, cols, "h.n").values = n.data();
        fact_column(m, cols, "h.m") = emit::CColumn{cents.data(), nullptr, 2, nullptr};
        fact_column(m, cols, "h.x") = emit::CColumn{x.data(), nullptr, x_scale, nullptr};
        fact_column(m, cols, "h.p") = emit::CColumn{points.data(), nullptr, 1, nullptr};
        fact_column(m, cols, "h.d").values = day.data();
        fact_column(m, cols, "h.k").values = k.data();
        fact_column(m, cols, "h.flag").bools = flag.data();
        fact_column(m, cols, "h.o").values = o.data();
        return compare_batch(rs, native, rows, in, cols, false, false, number_scale);
    }
};

// The dense batch's fast path: a block of rows as int64 selects, numbers at a scale fixed in the
// C, where every row whose value may not be the interpreter's (an overflow, no table row, an absent
// date, a number beyond what the double division is exact for) is flagged and computed again row
// by row. Every construct it writes, against the columns API: tables of records and of values
// (first and unique hits, no row), the four roundings at scales the inputs and constants make
// (12.5% of cents is a scale of 5), products by known and unknown bounds, limits with `unless`,
// Kleene and/or, dates, optional facts given, decimal and percent outcomes in lowest terms;
// decimal columns at a coarser scale (multiplied up) and a finer one (the batch goes row by row).
const char* const kFastPathRules = R"(parameter cap: money = $500
parameter rate: percent = 12.5%
table band(n: int, k: Kind) -> (level: Kind, share: percent)
  hit first
{
  ..0  | any      => low  | 0%
  1..3 | low, mid => mid  | 12.5%
  1..3 | any      => high | 33%
  4..  | high     => high | 100%
}
table hours(x: decimal) -> int
  hit unique
{
  < 1.5  => 1
  1.5..2 => 2
  > 2.25 => 3
}
table tier(n: int) -> money
  hit first
{
  ..2 => $1
  ..4 => $2.50
  any => h.m + $1
}
decision level: Kind = band(h.n, h.k).level
decision tiered: money = tier(h.n)
decision share: percent = band(h.n, h.k).share
decision kept: money = round_down(h.m * (100% - band(h.n, h.k).share), cent)
decision half_up: money = round_half_up(h.m * rate, cent)
decision half_even: money = round_half_even(h.m * rate, cent)
decision up: money = round_up(h.m * rate, cent)
decision scaled: percent = round_half_even(h.x * h.p, 3)
decision product: percent = h.x * h.p
decision total: money = h.m * h.n + cap
decision fewer: int = h.n - 7
decision negated: money = -h.m
decision distance: money = abs(h.m - cap)
decision least: money = min(h.m, cap, $12.34)
decision most: decimal = max(h.x, 1.5)
decision clamped: int = clamp(h.n, 0, 5)
decision limited: money = limit h.m {
  at most cap unless h.flag
  at least $0
}
decision big: bool = h.n > 2 and h.flag
decision either: bool = h.n < 0 or not h.flag
decision chosen: Kind = if h.flag then h.k else low
decision early: bool = h.d < 2000-06-01
decision o_or: int = h.o otherwise -1
decision needed: int = hours(h.x)
decision meets: bool = h.x >= hours(h.x)
decision day: date = h.d
decision plain: decimal = h.x
)";

TEST(CompiledC, FastPathOfTheDenseBatchMatchesTheColumnsApi) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    std::string source = std::string("ruleset fast \"the dense batch's fast path\"\n") + kFastFacts + kFastPathRules;
    CompileResult r;
    NativeCode native;
    if (!build_source("fast", source.c_str(), &r, &native)) return;
    Ruleset::CSource c = r.ruleset->emit_c("", "fast");
    ASSERT_TRUE(c.not_compiled.empty());
    // in parts that share no fact: a row flagged by one part and not by another goes the slow way
    EXPECT_NE(c.text.find("static TN_NOINLINE size_t g0_fast_1("), std::string::npos);
    EXPECT_NE(c.text.find("flagged += g0_fast_0(blk1 - blk0"), std::string::npos);
    const size_t rows = 700;  // a block of the dense loop (TN_WIDE_BLOCK) and a part
    FastBatch batch(rows);
    Seeded next{20261203};
    for (size_t i = 0; i < rows; ++i) {
        batch.n[i] = static_cast<int64_t>(next(8)) - 1;
        // and now and then the largest amounts a fact takes, whose products pass 2^52 (the fast
        // path's flag: the row goes the slow way)
        batch.cents[i] = i % 37 == 0   ? INT64_C(-99999999999999)
                         : i % 41 == 0 ? INT64_C(99999999999999)
                                       : static_cast<int64_t>(next(200000)) - 60000;
        batch.x[i] = static_cast<int64_t>(next(320));
        batch.points[i] = static_cast<int64_t>(next(1600)) - 100;
        batch.day[i] = i % 19 == 0 ? INT64_MIN : 10957 + static_cast<int64_t>(next(400));
        batch.k[i] = static_cast<int64_t>(next(3));
        batch.o[i] = static_cast<int64_t>(next(50));
        batch.flag[i] = static_cast<uint8_t>(next(2));
    }
    auto compare = [&](int32_t scale) {
        batch.x_scale = scale;
        BatchComparison b = batch.compare(*r.ruleset, native);
        EXPECT_EQ(b.mismatches, 0u) << "decimals at scale " << scale;
        EXPECT_LT(b.left, rows / 10) << "decimals at scale " << scale;
        return b;
    };
    BatchComparison b = compare(2);
    // the same rows without the fast path (the strict program), and as AVX-512 vectors where this
    // machine has them (the division by 10^k through doubles: TN_FX_DIV)
    NativeCode slow, vectors;
    if (build(*r.ruleset, "fast_off", &slow, true, Ruleset::kPiecesAbove, "-UTN_FAST_PATH -DTN_FAST_PATH=0")) {
        BatchComparison s = batch.compare(*r.ruleset, slow);
        EXPECT_EQ(s.mismatches, 0u);
        EXPECT_EQ(s.left, b.left);
    }
    // ... and as AVX2 vectors, and built by clang (another vectoriser), where they are here
    NativeCode avx2, by_clang;
    std::vector<NativeCode*> others;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        build(*r.ruleset, "fast_vectors", &vectors, true, Ruleset::kPiecesAbove, "-march=x86-64-v4"))
        others.push_back(&vectors);
    else std::cout << "no AVX-512 here: the fast path checked without its vectors\n";
    if (__builtin_cpu_supports("avx2") &&
        build(*r.ruleset, "fast_avx2", &avx2, true, Ruleset::kPiecesAbove, "-march=x86-64-v3"))
        others.push_back(&avx2);
    if (std::system("command -v clang >/dev/null 2>&1") == 0) {
        emit::NativeOptions o;
        o.compiler = "clang";
        o.flags = "-O2 -Wall -Werror -march=native";
        o.cache_dir = work_dir("fast_clang");
        o.name = "fast_clang";
        std::string error;
        if (by_clang.load(c.text, o, &error)) others.push_back(&by_clang);
        else ADD_FAILURE() << "clang: " << error.substr(0, 2000);
    } else {
        std::cout << "no clang here: the fast path checked as gcc's code only\n";
    }
    for (NativeCode* other : others) {
        BatchComparison o = batch.compare(*r.ruleset, *other);
        EXPECT_EQ(o.mismatches, 0u);
        EXPECT_EQ(o.left, b.left);
    }
    // every state a decision can have here came up
    EXPECT_GT(b.by_state[static_cast<size_t>(RowState::Ok)], 0u);
    EXPECT_GT(b.by_state[static_cast<size_t>(RowState::Error)], 0u);       // no table row, overflow
    EXPECT_GT(b.by_state[static_cast<size_t>(RowState::Unresolved)], 0u);  // the absent dates
    // hours in whole hours and in tenths (multiplied up to hundredths), and in thousandths: finer
    // than hundredths, every row through the slot program
    std::vector<int64_t> hundredths = batch.x;
    for (size_t i = 0; i < rows; ++i) batch.x[i] = hundredths[i] / 100;
    compare(0);
    for (size_t i = 0; i < rows; ++i) batch.x[i] = hundredths[i] / 10;
    compare(1);
    for (size_t i = 0; i < rows; ++i) batch.x[i] = hundredths[i] * 10 + static_cast<int64_t>(i % 3);
    compare(3);
    // decimals and percents as integers at the scale the batch asks for (the fast path has a
    // function for it): whole there, not whole (12.5% in points), beyond an int64 at 18 decimals,
    // and at a scale coarser than the C's (the batch goes row by row)
    EXPECT_NE(c.text.find("_scaled(blk1 - blk0"), std::string::npos);
    batch.x = hundredths;
    for (int scale : {4, 1, 0, 18}) {
        batch.number_scale = scale;
        BatchComparison in_points = compare(2);
        if (scale != 4) EXPECT_GT(in_points.inexact, 0u) << "scale " << scale;
        for (NativeCode* other : others)
            EXPECT_EQ(batch.compare(*r.ruleset, *other).mismatches, 0u) << "scale " << scale;
    }
}

// The stylised decision's batch (bench/peers: the figure against the floor is this path's) through
// its fast path, against the columns API: 1,100 random households at the columns' natural widths
// (int32 ints and hundredths of an hour, int8 enum indices, int64 cents), every decision.
TEST(CompiledC, StylisedBatchTakesTheFastPathAndMatchesTheColumnsApi) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    CompileResult r = compile_file(std::string(TENET_SOURCE_DIR) + "/bench/peers/colorado_works_weld.tenet");
    ASSERT_TRUE(r.ok());
    NativeCode native;
    if (!build(*r.ruleset, "stylised_batch", &native, true)) return;
    // its three parts (the sanction, the hours, the diversion), each a pass of its own
    std::string text = r.ruleset->emit_c("", "stylised").text;
    EXPECT_NE(text.find("flagged += g0_fast_2("), std::string::npos);
    EXPECT_EQ(text.find("g0_fast_3("), std::string::npos);
    const check::Model& m = *r.ruleset->impl().model;
    const size_t rows = 1100;
    std::vector<int32_t> as_of(rows, 10957), prior(rows), months(rows), fiscal_year(rows), hours(rows);
    std::vector<int8_t> reason(rows), family(rows), item(rows);
    std::vector<uint8_t> cured(rows), good_cause(rows);
    std::vector<int64_t> grant(rows), paid(rows), request(rows);
    Seeded next{42};
    for (size_t i = 0; i < rows; ++i) {
        prior[i] = static_cast<int32_t>(next(4));
        months[i] = static_cast<int32_t>(next(6));
        fiscal_year[i] = 1997 + static_cast<int32_t>(next(6));
        hours[i] = static_cast<int32_t>(next(5000));
        reason[i] = static_cast<int8_t>(next(7));
        family[i] = static_cast<int8_t>(next(2));
        item[i] = static_cast<int8_t>(next(5));
        cured[i] = static_cast<uint8_t>(next(2));
        good_cause[i] = static_cast<uint8_t>(next(2));
        grant[i] = static_cast<int64_t>(next(800)) * 100;
        paid[i] = static_cast<int64_t>(next(4000)) * 100;
        request[i] = static_cast<int64_t>(next(2000)) * 100 + static_cast<int64_t>(next(100));
    }
    // the columns API's columns (int64s; enums by name), the same values
    auto wide = [](const auto& v) { return std::vector<int64_t>(v.begin(), v.end()); };
    std::vector<int64_t> as_of64 = wide(as_of), prior64 = wide(prior), months64 = wide(months),
                         fiscal_year64 = wide(fiscal_year), hours64 = wide(hours);
    std::vector<int32_t> reason32(reason.begin(), reason.end()), family32(family.begin(), family.end()),
        item32(item.begin(), item.end());
    auto names = [&](const char* type) {
        for (const auto& e : m.enums) {
            if (e.name == type) return e.values;
        }
        ADD_FAILURE() << "no enum " << type;
        return std::vector<std::string>{};
    };
    std::vector<InputColumn> in{
        InputColumn::days("as_of", as_of64.data()),
        InputColumn::integers("h.sanction_count_prior", prior64.data()),
        InputColumn::integers("h.months_in_current_sanction", months64.data()),
        InputColumn::booleans("h.cured", cured.data()),
        InputColumn::scaled("h.monthly_grant", grant.data(), 2),
        InputColumn::booleans("h.has_good_cause_exemption", good_cause.data()),
        InputColumn::dictionary_coded("h.exemption_reason", reason32.data(), names("ExemptionReason")),
        InputColumn::dictionary_coded("h.family_type", family32.data(), names("FamilyType")),
        InputColumn::integers("h.fiscal_year", fiscal_year64.data()),
        InputColumn::scaled("h.weekly_hours_participated", hours64.data(), 2),
        InputColumn::scaled("h.diversion_paid_last_12_months", paid.data(), 2),
        InputColumn::scaled("h.diversion_request", request.data(), 2),
        InputColumn::dictionary_coded("h.diversion_item", item32.data(), names("DiversionItem"))};
    std::vector<emit::CColumn> cols(m.facts.size());
    auto column = [&](const char* path, const void* values, int32_t width, int32_t scale = 0) {
        fact_column(m, cols, path) = emit::CColumn{values, nullptr, scale, nullptr, width};
    };
    column("as_of", as_of.data(), 4);
    column("h.sanction_count_prior", prior.data(), 4);
    column("h.months_in_current_sanction", months.data(), 4);
    fact_column(m, cols, "h.cured").bools = cured.data();
    column("h.monthly_grant", grant.data(), 8, 2);
    fact_column(m, cols, "h.has_good_cause_exemption").bools = good_cause.data();
    column("h.exemption_reason", reason.data(), 1);
    column("h.family_type", family.data(), 1);
    column("h.fiscal_year", fiscal_year.data(), 4);
    column("h.weekly_hours_participated", hours.data(), 4, 2);
    column("h.diversion_paid_last_12_months", paid.data(), 8, 2);
    column("h.diversion_request", request.data(), 8, 2);
    column("h.diversion_item", item.data(), 1);
    BatchComparison b = compare_batch(*r.ruleset, native, rows, in, cols);
    EXPECT_EQ(b.left, 0u);
    EXPECT_EQ(b.mismatches, 0u);
    EXPECT_EQ(b.by_state[static_cast<size_t>(RowState::Ok)], rows * r.ruleset->decisions().size());
}

// Random rulesets of what the fast path writes, over kFastFacts, their batches against the columns
// API: sums, differences and products at every pair of scales, the roundings, min/max/clamp/abs,
// comparisons, Kleene logic and `if`, on values that reach the limits of int64 (where the fast path
// flags and the slot program answers).
class FastPathRulesets {
public:
    explicit FastPathRulesets(uint64_t seed) : seed_{seed} {}
    std::string ruleset(int decisions) {
        std::string s = std::string("ruleset gen \"fast path\"\n") + kFastFacts;
        const char* types[] = {"money", "int", "decimal", "percent", "bool"};
        for (int i = 0; i < decisions; ++i) {
            int t = static_cast<int>(below(5));
            s += "decision v" + std::to_string(i) + ": " + types[t] + " = " + expr(t, 3) + "\n";
        }
        return s;
    }

private:
    uint64_t below(uint64_t bound) { return seed_(bound); }
    // 0 money, 1 int, 2 decimal, 3 percent, 4 bool
    std::string expr(int t, int depth) {
        if (depth == 0 || below(4) == 0) return leaf(t);
        std::string a = expr(t, depth - 1), b = expr(t, depth - 1);
        const char* rounding[] = {"round_down", "round_up", "round_half_up", "round_half_even"};
        switch (t) {
            case 4: {
                switch (below(6)) {
                    case 0: return "(" + a + " and " + b + ")";
                    case 1: return "(" + a + " or " + b + ")";
                    case 2: return "not " + a;
                    default: {
                        int u = static_cast<int>(below(4));
                        const char* ops[] = {" < ", " <= ", " == ", " != ", " > ", " >= "};
                        return "(" + expr(u, depth - 1) + ops[below(6)] + expr(u, depth - 1) + ")";
                    }
                }
            }
            case 0:
                switch (below(8)) {
                    case 0: return "(" + a + " + " + b + ")";
                    case 1: return "(" + a + " - " + b + ")";
                    case 2: return "(" + a + " * " + expr(1, depth - 1) + ")";
                    case 3: return std::string(rounding[below(4)]) + "(" + a + " * " + expr(3, depth - 1) + ", cent)";
                    case 4: return std::string(below(2) ? "min(" : "max(") + a + ", " + b + ")";
                    case 5: return "abs(" + a + ")";
                    case 6: return "(if " + expr(4, depth - 1) + " then " + a + " else " + b + ")";
                    default: return "-" + a;
                }
            case 1:
                switch (below(6)) {
                    case 0: return "(" + a + " + " + b + ")";
                    case 1: return "(" + a + " - " + b + ")";
                    case 2: return "(" + a + " * " + b + ")";
                    case 3: return "clamp(" + a + ", -3, 40)";
                    case 4: return "(if " + expr(4, depth - 1) + " then " + a + " else " + b + ")";
                    default: return "abs(" + a + ")";
                }
            case 2:
                switch (below(6)) {
                    case 0: return "(" + a + " + " + b + ")";
                    case 1: return "(" + a + " - " + b + ")";
                    case 2: return "(" + a + " * " + b + ")";
                    case 3: return std::string(rounding[below(4)]) + "(" + a + ", " + std::to_string(below(4)) + ")";
                    case 4: return std::string(below(2) ? "min(" : "max(") + a + ", " + b + ")";
                    default: return "(" + a + " * " + expr(1, depth - 1) + ")";
                }
            default:  // percent
                switch (below(4)) {
                    case 0: return "(" + a + " + " + b + ")";
                    case 1: return "(" + a + " - " + b + ")";
                    case 2: return "(" + expr(2, depth - 1) + " * " + a + ")";
                    default: return std::string(rounding[below(4)]) + "(" + a + ", " + std::to_string(below(6)) + ")";
                }
        }
    }
    std::string leaf(int t) {
        bool fact = below(2) == 0;
        switch (t) {
            case 0: {
                const char* v[] = {"$0", "$1.25", "$500", "$0.01", "$999999999.99"};
                return fact ? "h.m" : v[below(5)];
            }
            case 1: {
                const char* v[] = {"0", "1", "-7", "3", "1000000000000"};
                return fact ? "h.n" : v[below(5)];
            }
            case 2: {
                const char* v[] = {"0.5", "1.25", "3", "0.001", "2.125"};
                return fact ? "h.x" : v[below(5)];
            }
            case 3: {
                const char* v[] = {"12.5%", "100%", "0%", "33%", "150%"};
                return fact ? "h.p" : v[below(5)];
            }
            default:
                switch (below(4)) {
                    case 0: return "h.flag";
                    case 1: return "(h.k == mid)";
                    case 2: return "(h.d < 2000-06-01)";
                    default: return below(2) ? "true" : "false";
                }
        }
    }
    Seeded seed_;
};

TEST(CompiledC, FastPathOfGeneratedRulesetsMatchesTheColumnsApi) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    FastPathRulesets generator(20261203);
    const size_t rows = 300;
    FastBatch batch(rows);
    Seeded next{7};
    const int64_t ints[] = {0, 1, -1, 7, 40, INT64_C(4611686018427387904), INT64_MAX, INT64_MIN + 1};
    const int64_t amounts[] = {0, 1, -1, 125, 50000, INT64_C(99999999999999), INT64_C(-99999999999999)};
    for (size_t i = 0; i < rows; ++i) {
        bool extreme = next(6) == 0;
        batch.n[i] = extreme ? ints[next(8)] : static_cast<int64_t>(next(20)) - 5;
        batch.cents[i] = extreme ? amounts[next(7)] : static_cast<int64_t>(next(100000)) - 30000;
        batch.x[i] = extreme ? ints[next(5)] / 10 : static_cast<int64_t>(next(10000)) - 2000;
        batch.points[i] = static_cast<int64_t>(next(3000)) - 500;
        batch.day[i] = 10957 + static_cast<int64_t>(next(400));
        batch.k[i] = static_cast<int64_t>(next(3));
        batch.o[i] = static_cast<int64_t>(next(50));
        batch.flag[i] = static_cast<uint8_t>(next(2));
    }
    size_t compiled = 0, compared = 0;
    for (int i = 0; i < 16; ++i) {
        std::string source = generator.ruleset(6);
        CompileOptions options;
        options.warnings = false;
        CompileResult r = compile_source("gen.tenet", source, options);
        if (!r.ok()) continue;  // a generated expression the checker refuses (a type it does not give)
        ++compiled;
        Ruleset::CSource c = r.ruleset->emit_c("", "gen");
        if (c.text.find("flagged += g0_fast") == std::string::npos) {
            ADD_FAILURE() << "no fast path for:\n" << source;
            continue;
        }
        NativeCode native;
        if (!build(*r.ruleset, "fast_gen" + std::to_string(i), &native, true)) continue;
        BatchComparison b = batch.compare(*r.ruleset, native);
        EXPECT_EQ(b.mismatches, 0u) << source;
        compared += rows - b.left;
        // and the decimals and percents as integers at 3 decimals (the fast path's second function)
        batch.number_scale = 3;
        EXPECT_EQ(batch.compare(*r.ruleset, native).mismatches, 0u) << source;
        batch.number_scale = kFractions;
    }
    std::cout << compiled << " rulesets compiled, " << compared << " rows compared\n";
    EXPECT_GE(compiled, 8u);
    EXPECT_GT(compared, 0u);
}

// Periods whose programs compute the same way share one function and read what differs (the
// parameters' values, what the builder folded from them, a parameter without a value, the node a
// failure names) from the period's row of a table. Here: before 2000 nothing is defined and
// nothing folds; 2000-2002 fold `strict or h.flag` to h.flag and differ in values only (rate,
// cap, the list's length, `cap - $100` zero in 2000-2001 so that `share` divides by zero there);
// 2003 (rate undefined) and 2004- (30%) fold it to true and differ in rate alone, but the code keeps
// a constant of whole cents in cents and an undefined parameter as a fraction: two more structures.
// `per` divides by zero in every period, at a node whose id moves with the constants before it.
const char* const kPeriodsSource = R"(ruleset periods "parameters over periods"
facts h {
  m: money
  n: int
  flag: bool
}
parameter rate: percent {
  from 2000-01-01 to 2000-12-31 = 10%
  from 2001-01-01 to 2001-12-31 = 20%
  from 2002-01-01 to 2002-12-31 = 25%
  from 2004-01-01 = 30%
}
parameter cap: money {
  from 2000-01-01 to 2001-12-31 = $100
  from 2002-01-01 = $250
}
parameter strict: bool {
  from 2000-01-01 to 2002-12-31 = false
  from 2003-01-01 = true
}
parameter amounts: list<money> {
  from 2000-01-01 to 2001-12-31 = [$1, $2]
  from 2002-01-01 = [$1, $2, $3]
}
table band(n: int) -> money
  hit first
{
  ..0 => $0
  1..3 => cap
  4.. => cap + $1
}
decision paid: money = round_down(h.m * rate, cent)
decision capped: money = min(paid, cap)
decision over: bool = h.m > cap
decision eligible: bool = strict or h.flag
decision share: decimal = round_half_up(h.m / (cap - $100), 2)
decision banded: money = band(h.n)
decision listed: bool = h.m in amounts
decision total: money = sum(a for a in amounts)
decision per: decimal = round_half_up(cap / h.m, 2)
)";

TEST(CompiledC, PeriodsOfOneStructureShareAFunctionAndMatchTheEvaluator) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    CompileResult r;
    NativeCode native;
    if (!build_source("periods", kPeriodsSource, &r, &native)) return;
    Session session(r.ruleset);
    Tally t;
    size_t errors_seen = 0;
    // a day in each of the six periods (before 2000, 2000, ..., 2003, from 2004), and at their edges
    for (const char* day : {"1999-06-01", "1999-12-31", "2000-01-01", "2000-07-01", "2001-03-01", "2001-12-31",
                            "2002-05-01", "2003-01-01", "2003-08-01", "2004-01-01", "2010-01-01"}) {
        for (const char* m : {"0", "1", "2", "3", "99.99", "100", "180.55", "250", "1000"}) {
            for (int n : {-1, 0, 2, 5}) {
                for (const char* flag : {"true", "false"}) {
                    std::string json = std::string(R"({"as_of": ")") + day + R"(", "h": {"m": ")" + m + R"(", "n": )" +
                                       std::to_string(n) + R"(, "flag": )" + flag + "}}";
                    Case c;
                    std::vector<InputError> errors;
                    ASSERT_TRUE(session.decode(json, &c, &errors)) << json << ": " << errors[0].message;
                    size_t before = t.compared;
                    compare_case(*r.ruleset, native, c.impl().data, json, &t);
                    CompiledResult share{};
                    int d = static_cast<int>(r.ruleset->find_decision("share"));
                    if (t.compared > before &&
                        native.decide(d, c.impl().data.values.data(), c.impl().data.states.data(), &share) == 0 &&
                        share.s == eval::State::Error)
                        ++errors_seen;
                }
            }
        }
    }
    EXPECT_TRUE(t.mismatches.empty()) << t.mismatches.size() << " mismatches, first: " << t.mismatches[0];
    EXPECT_EQ(t.interpreted, 0u);
    EXPECT_GT(errors_seen, 0u);  // the division by zero of 2000-2001 and the undefined cap before 2000 came up
}

// How many functions over one case the C has: one per structure, not one per period.
// the programs' functions (gK_all), not their strict variants (gK_strict)
size_t program_functions(const std::string& c) {
    size_t count = 0;
    for (size_t at = c.find("static TN_INLINE int g"); at != std::string::npos;
         at = c.find("static TN_INLINE int g", at + 1))
        count += c.compare(c.find('(', at) - 4, 4, "_all") == 0;
    for (size_t at = c.find("static int g"); at != std::string::npos; at = c.find("static int g", at + 1))
        count += c.compare(c.find('(', at) - 4, 4, "_all") == 0;
    return count;
}

TEST(CompiledC, PeriodsGetAFunctionPerStructure) {
    CompileOptions options;
    options.warnings = false;
    CompileResult r = compile_source("periods.tenet", kPeriodsSource, options);
    ASSERT_TRUE(r.ok());
    Ruleset::CSource c = r.ruleset->emit_c("", "periods");
    EXPECT_EQ(program_functions(c.text), 4u);
    EXPECT_NE(c.text.find("static const int tn_group_of[6] = { 0, 1, 1, 1, 2, 3 };"), std::string::npos);
    // one period alone: one function, every value written in it
    Ruleset::CSource one = r.ruleset->emit_c("2001-03-01", "periods");
    EXPECT_EQ(program_functions(one.text), 1u);
    EXPECT_EQ(one.text.find("K["), std::string::npos);
    // Weld's thirteen periods: nine structures (2026-12-02)
    CompileResult weld = compile_file(std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/weld.tenet");
    ASSERT_TRUE(weld.ok());
    Ruleset::CSource w = weld.ruleset->emit_c("", "weld");
    EXPECT_GE(program_functions(w.text), 1u);
    EXPECT_LE(program_functions(w.text), 9u);
    EXPECT_LT(w.text.size(), size_t{11} << 20);
    // each in pieces: many of them, of which the largest is one node, a loop over a history whose
    // body holds some 1,800 lines (230 KB of C; a loop's body is not cut)
    size_t pieces = 0, largest = 0;
    for (size_t at = w.text.find("static TN_NOINLINE int g"); at != std::string::npos; ++pieces) {
        size_t next = w.text.find("static TN_NOINLINE int g", at + 1);
        largest = std::max(largest, w.text.find("\n}\n", at) - at);  // the piece's body is indented
        at = next;
    }
    EXPECT_GT(pieces, 9u * 10);
    EXPECT_LT(largest, size_t{320} << 10);
}

// Tables whose outcomes are all constants pick their row from a bit mask of the rows that hold and
// load the value from static cells (c_emitter.cpp, table()); the period's own cells where a
// parameter's value is an outcome. Every outcome path against the evaluator: the first row that
// holds, ranges at their edges, no row (an error, in both hit policies), a missing input, a record
// outcome. (Rows of a `unique` table that overlap are the checker's error.)
const char* const kConstantTablesSource = R"(ruleset tables "tables of constant outcomes"
enum Kind { a, b, c }
facts h {
  n: int
  k: Kind
  d: decimal
}
parameter top: money {
  from 2000-01-01 to 2000-12-31 = $10
  from 2001-01-01 = $20.50
}
table first_band(n: int, k: Kind) -> money
  hit first
{
  ..0   | any  => $0
  1..3  | a, b => $1.25
  1..3  | any  => top
  4..   | c    => $7
}
table unique_band(d: decimal) -> int
  hit unique
{
  < 1.5   => 1
  1.5..2  => 2
  > 2.25  => 3
}
table pair(k: Kind) -> (x: int, y: bool)
  hit first
{
  a => 1 | true
  b => 2 | false
}
decision banded: money = first_band(h.n, h.k)
decision uniquely: int = unique_band(h.d)
decision paired: int = pair(h.k).x
decision flagged: bool = pair(h.k).y
)";

TEST(CompiledC, TablesOfConstantOutcomesMatchTheEvaluator) {
    if (NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc) on PATH";
    CompileResult r;
    NativeCode native;
    if (!build_source("constant_tables", kConstantTablesSource, &r, &native)) return;
    EXPECT_NE(native.symbol("tenet_decide_all"), nullptr);
    Session session(r.ruleset);
    Tally t;
    size_t errors = 0, oks = 0;
    for (const char* day : {"2000-06-01", "2001-06-01"}) {
        for (const char* n : {"-1", "0", "1", "3", "4", "9", "null"}) {
            for (const char* k : {"\"a\"", "\"b\"", "\"c\"", "null"}) {
                for (const char* d : {"\"1.49\"", "\"1.5\"", "\"2\"", "\"2.25\"", "\"2.26\""}) {
                    std::string json = std::string(R"({"as_of": ")") + day + R"(", "h": {)";
                    std::string fields;
                    if (std::string(n) != "null") fields += std::string(R"("n": )") + n;
                    if (std::string(k) != "null") fields += std::string(fields.empty() ? "" : ", ") + R"("k": )" + k;
                    fields += std::string(fields.empty() ? "" : ", ") + R"("d": )" + d;
                    json += fields + "}}";
                    Case c;
                    std::vector<InputError> input_errors;
                    ASSERT_TRUE(session.decode(json, &c, &input_errors)) << json << ": " << input_errors[0].message;
                    compare_case(*r.ruleset, native, c.impl().data, json, &t);
                    for (const char* name : {"banded", "uniquely"}) {
                        CompiledResult out{};
                        int d = static_cast<int>(r.ruleset->find_decision(name));
                        if (native.decide(d, c.impl().data.values.data(), c.impl().data.states.data(), &out) != 0)
                            continue;
                        errors += out.s == eval::State::Error;
                        oks += out.s == eval::State::Ok;
                    }
                }
            }
        }
    }
    EXPECT_TRUE(t.mismatches.empty()) << t.mismatches.size() << " mismatches, first: " << t.mismatches[0];
    EXPECT_EQ(t.interpreted, 0u);
    EXPECT_GT(errors, 0u);  // no row: first_band for 4.. | a, unique_band for 2 < d <= 2.25
    EXPECT_GT(oks, 0u);
    // the outcomes are static cells, the row found without a branch on the data
    Ruleset::CSource c = r.ruleset->emit_c("", "constant_tables");
    EXPECT_NE(c.text.find("m_ |= (uint64_t)("), std::string::npos);
    EXPECT_NE(c.text.find("{ { .i = INT64_C(125) }, TN_OK }"), std::string::npos);  // $1.25 in cents
    EXPECT_NE(c.text.find("const tn_cell* c_ = K["), std::string::npos);            // 2000 and 2001: `top` differs
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
        // and each in pieces too (c_emitter.cpp pieces())
        NativeCode native, in_pieces;
        std::string name = "generated" + std::to_string(k);
        if (!build(*r.ruleset, name, &native, true) || !build(*r.ruleset, name + "_pieces", &in_pieces, true, 0)) {
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
            std::string where = "ruleset " + std::to_string(k) + " case " + json;
            compare_case(*r.ruleset, native, decoded.impl().data, where, &t);
            compare_case(*r.ruleset, in_pieces, decoded.impl().data, where + ", in pieces", &t);
        }
        if (t.mismatches.size() > before) std::cout << source << "\n";
    }
    std::cout << t.compared << " decisions compared, " << t.interpreted << " left to the interpreter\n";
    EXPECT_TRUE(t.mismatches.empty()) << t.mismatches.size() << " mismatches, first: " << t.mismatches[0];
    EXPECT_GT(t.compared, 0u);
}

}  // namespace
}  // namespace tenet
