// evaluate_columns with the ruleset's compiled code (FrameOptions::compiled_code) gives what it
// gives without, byte for byte: the Weld sample caseload as typed, text and list columns, every
// decision and row (states, values, JSON texts, messages), on one thread and two; rows with
// absent facts, in other periods, with long lists; a decision the code leaves to the
// interpreter; and code of another ruleset refused. Skips when there is no C compiler.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/compiled_code.hpp"
#include "api/sample_frame.hpp"
#include "emit/native_code.hpp"
#include "tenet/columns.hpp"

namespace tenet {
namespace {

using json = nlohmann::json;
using namespace sample_frame;  // the Weld sample caseload as frames

// Built at -O0 (what is checked is the meaning; Weld's 12.7 MB take gcc most of an hour to
// optimise) into the build tree's cache, shared with tenet_engine_tests: reruns load it.
std::shared_ptr<const CompiledCode> build(const std::shared_ptr<const Ruleset>& rs) {
    CompiledCodeOptions o;
    o.flags = "-O0";
    o.cache_dir = TENET_NATIVE_CACHE;
    std::string error;
    auto code = CompiledCode::build(rs, o, &error);
    EXPECT_TRUE(code) << error.substr(0, 4000);
    return code;
}

std::shared_ptr<const CompiledCode> weld_code() {
    static std::shared_ptr<const CompiledCode> code = build(weld());
    return code;
}

// Every column of `got` is that of `want`: states, the values of its type, texts, messages.
void expect_same_frames(const FrameResult& want, const FrameResult& got, const std::string& where) {
    ASSERT_EQ(got.rows, want.rows) << where;
    ASSERT_EQ(got.columns.size(), want.columns.size()) << where;
    for (size_t c = 0; c < want.columns.size(); ++c) {
        const OutputColumn& a = want.columns[c];
        const OutputColumn& b = got.columns[c];
        std::string at = where + ", decision " + a.decision;
        EXPECT_EQ(b.decision, a.decision) << at;
        for (size_t row = 0; row < want.rows; ++row) {
            ASSERT_EQ(static_cast<int>(b.states[row]), static_cast<int>(a.states[row])) << at << ", row " << row;
        }
        EXPECT_EQ(b.bools, a.bools) << at;
        EXPECT_EQ(b.int64s, a.int64s) << at;
        EXPECT_EQ(b.int32s, a.int32s) << at;
        EXPECT_EQ(b.numerators, a.numerators) << at;
        EXPECT_EQ(b.denominators, a.denominators) << at;
        EXPECT_EQ(b.json_offsets, a.json_offsets) << at;
        EXPECT_EQ(b.json_text, a.json_text) << at;
        EXPECT_EQ(b.messages, a.messages) << at;
    }
}

// `rows` rows of `columns` interpreted and compiled, with and without messages; the compiled
// results must be the interpreter's. Returns how many (row, decision) were not Ok or Absent.
size_t expect_compiled_is_interpreted(const std::shared_ptr<const Ruleset>& rs,
                                      const std::shared_ptr<const CompiledCode>& code, size_t rows,
                                      const std::vector<InputColumn>& columns, FrameOptions options,
                                      const std::string& where) {
    size_t failed = 0;
    for (bool messages : {true, false}) {
        for (unsigned threads : {1u, 2u}) {
            options.messages = messages;
            options.threads = threads;
            std::string at = where + (messages ? ", messages" : "") + ", " + std::to_string(threads) + " thread(s)";
            FrameResult interpreted, compiled;
            InputError error;
            options.compiled_code = nullptr;
            EXPECT_TRUE(evaluate_columns(*rs, rows, columns, options, &interpreted, &error))
                << error.path << ": " << error.message;
            options.compiled_code = code;
            EXPECT_TRUE(evaluate_columns(*rs, rows, columns, options, &compiled, &error))
                << error.path << ": " << error.message;
            EXPECT_EQ(compiled.columnar_decisions, 0u) << at;  // every decision went to the code
            EXPECT_EQ(compiled.compiled_decisions, compiled.columns.size()) << at;
            expect_same_frames(interpreted, compiled, at);
            if (messages || threads != 1) continue;
            for (const auto& col : compiled.columns) {
                for (RowState s : col.states) failed += s == RowState::Unresolved || s == RowState::Error;
            }
        }
    }
    return failed;
}

class CompiledColumns : public ::testing::Test {
protected:
    void SetUp() override {
        if (emit::NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc or $CC) on PATH";
        code_ = weld_code();
        if (!code_) GTEST_FAIL() << "Weld's C did not build";
    }
    std::shared_ptr<const CompiledCode> code_;
};

// Histories in the Arrow layout: the compiled code reads them as the cells evaluate_columns builds.
TEST_F(CompiledColumns, TheSampleCaseloadWithListColumnsGivesTheInterpretersColumns) {
    auto cases = sample_cases();
    ASSERT_GT(cases.size(), 100u);
    // past two chunks of rows, so that two threads each answer some with a context of their own
    const size_t sample = cases.size();
    while (cases.size() < 2 * 2048 + 300) cases.push_back(cases[cases.size() % sample]);
    Frame f = frame_of(*weld(), cases, Style::Arrow);
    EXPECT_GE(sample_frame::list_columns(f), 5u);
    size_t failed = expect_compiled_is_interpreted(weld(), code_, cases.size(), f.columns, {}, "arrow");
    EXPECT_GT(failed, 0u);  // some decisions are unresolved: their states are compared too
}

// Typed scalars with histories as JSON texts, and every fact as text.
TEST_F(CompiledColumns, TypedAndTextColumnsGiveTheInterpretersColumns) {
    auto cases = sample_cases();
    cases.resize(120);
    for (Style style : {Style::Typed, Style::Text}) {
        Frame f = frame_of(*weld(), cases, style);
        expect_compiled_is_interpreted(weld(), code_, cases.size(), f.columns, {},
                                       style == Style::Typed ? "typed" : "text");
    }
}

// Rows without facts: unresolved decisions with the interpreter's states, and its reasons.
TEST_F(CompiledColumns, AbsentFactsGiveTheInterpretersStatesAndReasons) {
    FrameOptions options;
    options.as_of = "1999-06-01";
    EXPECT_GT(expect_compiled_is_interpreted(weld(), code_, 3, {}, options, "no columns"), 0u);
    auto cases = sample_cases();
    cases.resize(40);
    for (size_t i = 0; i < cases.size(); i += 2) cases[i]["household"].erase("size");
    Frame f = frame_of(*weld(), cases, Style::Arrow);
    EXPECT_GT(expect_compiled_is_interpreted(weld(), code_, cases.size(), f.columns, {}, "no household.size"), 0u);
}

// Rows of one batch in three periods of parameter values, one without a value for some
// parameters (unresolved, not failed: CONTRACT.md §1), each answered with its own period's.
TEST_F(CompiledColumns, RowsInDifferentPeriodsUseTheirOwnParameters) {
    auto cases = sample_cases();
    cases.resize(90);
    const char* days[] = {"1998-02-10", "1998-06-15", "1999-06-01"};
    for (size_t i = 0; i < cases.size(); ++i) {
        cases[i]["as_of"] = days[i % 3];
        cases[i]["history"]["employment_termination_date"] = "1998-01-15";
        cases[i]["history"]["job_refusals"] = i % 4 == 1 ? json::parse(R"([{"date": "1998-02-01"}])") : json::array();
    }
    Frame f = frame_of(*weld(), cases, Style::Arrow);
    EXPECT_GT(expect_compiled_is_interpreted(weld(), code_, cases.size(), f.columns, {}, "periods"), 0u);
}

// Rows whose lists hold more than kColumnarElements elements: the code leaves them to the
// interpreter, which counts the evaluation budget.
TEST_F(CompiledColumns, RowsWithLongListsAreLeftToTheInterpreter) {
    auto cases = sample_cases();
    cases.resize(30);
    sample_frame::lengthen_lists(&cases, 3);
    Frame f = frame_of(*weld(), cases, Style::Arrow);
    expect_compiled_is_interpreted(weld(), code_, cases.size(), f.columns, {}, "long lists");
}

// A ruleset whose code leaves a decision to the interpreter for some rows (`heavy` passes the
// evaluation budget of LANGUAGE.md §12 over 250 amounts) and answers the others itself,
// failures included.
TEST(CompiledColumnsSmall, ADecisionLeftToTheInterpreterGetsTheInterpretersAnswer) {
    if (emit::NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc or $CC) on PATH";
    CompileOptions quiet;
    quiet.warnings = false;
    CompileResult r = compile_source("frames.tenet", R"(ruleset engine.frames
fact as_of: date
facts household {
  size: int
  income: money
  amounts: list<int>
  bonus: money?
}
decision per_person: money = round_down(household.income / household.size, cent)
decision paid: int = sum(a for a in household.amounts)
decision heavy: int = sum(sum(sum(a + b + c for c in household.amounts) for b in household.amounts) for a in household.amounts)
decision bonus: money? = household.bonus
decision big: list<int> = [a for a in household.amounts where a > 248]
)",
                                     quiet);
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
    auto code = build(r.ruleset);
    ASSERT_TRUE(code);
    // row 0: 250 amounts; row 1: size 0 (division by zero), 3 amounts; row 2: no size, no amounts
    const size_t rows = 3;
    std::vector<int64_t> size{2, 0, 0}, income{90000, 1000, 500}, bonus{1250, 0, 0};
    std::vector<uint8_t> size_present{1, 1, 0}, bonus_present{1, 0, 1};
    std::vector<int64_t> offsets{0, 250, 253, 253}, amounts;
    for (int64_t a = 0; a < 250; ++a) amounts.push_back(a);
    for (int64_t a : {7, 8, 9}) amounts.push_back(a);
    std::vector<InputColumn> columns{
        InputColumn::integers("household.size", size.data(), size_present.data()),
        InputColumn::scaled("household.income", income.data(), 2),
        InputColumn::scaled("household.bonus", bonus.data(), 2, bonus_present.data()),
        InputColumn::list("household.amounts", offsets.data(), {InputColumn::integers("", amounts.data())})};
    FrameOptions options;
    options.as_of = "2000-01-01";
    options.decisions = {"per_person", "paid", "bonus", "big"};
    EXPECT_GT(expect_compiled_is_interpreted(r.ruleset, code, rows, columns, options, "small"), 0u);

    // `heavy` in row 0 passes the budget: the code leaves the case to the interpreter, which fails
    // it as the interpreted columns do (they send the row row by row: evaluate_columns' tests)
    options.decisions = {"heavy"};
    options.messages = true;
    FrameResult interpreted, result;
    InputError error;
    ASSERT_TRUE(evaluate_columns(*r.ruleset, rows, columns, options, &interpreted, &error)) << error.message;
    options.compiled_code = code;
    ASSERT_TRUE(evaluate_columns(*r.ruleset, rows, columns, options, &result, &error)) << error.message;
    expect_same_frames(interpreted, result, "heavy");
    EXPECT_EQ(result.columns[0].states[0], RowState::Error);
    EXPECT_NE(result.columns[0].messages[0].find("too many steps"), std::string::npos) << result.columns[0].messages[0];
    EXPECT_EQ(result.columns[0].states[1], RowState::Ok);         // 3 amounts: the code's own answer
    EXPECT_EQ(result.columns[0].int64s[1], 3 * 9 * (7 + 8 + 9));  // each of a, b, c over 9 pairs of the others

    // what the code itself says: row 0 left to the interpreter, row 1 answered
    CompiledRun run(code);
    eval::CaseData data;
    data.reset(r.ruleset->facts().size());
    data.values[0] = eval::Value::of_date(10957);  // 2000-01-01
    data.states[0] = eval::State::Ok;
    std::vector<eval::Cell> cells(250);
    for (size_t k = 0; k < cells.size(); ++k)
        cells[k] = eval::Cell{eval::Value::of_int(static_cast<int64_t>(k)), eval::State::Ok};
    size_t amounts_fact = static_cast<size_t>(r.ruleset->find_fact("household.amounts"));
    size_t heavy_decision = static_cast<size_t>(r.ruleset->find_decision("heavy"));
    data.values[amounts_fact] = eval::Value::of_list(cells.data(), 250);
    data.states[amounts_fact] = eval::State::Ok;
    run.run(data);
    EXPECT_TRUE(run.left_to_interpreter(heavy_decision));
    data.values[amounts_fact] = eval::Value::of_list(cells.data(), 3);
    run.run(data);
    EXPECT_TRUE(run.answered(heavy_decision));
}

TEST(CompiledColumnsSmall, CodeOfAnotherRulesetIsAnErrorOfTheCall) {
    if (emit::NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc or $CC) on PATH";
    const char* text = "ruleset other\nfact as_of: date\nfact n: int\ndecision twice: int = n * 2\n";
    CompileResult a = compile_source("a.tenet", text), b = compile_source("b.tenet", text);
    ASSERT_TRUE(a.ok() && b.ok());
    auto code = build(a.ruleset);
    ASSERT_TRUE(code);
    std::vector<int64_t> n{1, 2};
    FrameOptions options;
    options.as_of = "2000-01-01";
    options.compiled_code = code;
    FrameResult result;
    InputError error;
    EXPECT_FALSE(evaluate_columns(*b.ruleset, 2, {InputColumn::integers("n", n.data())}, options, &result, &error));
    EXPECT_EQ(error.path, "compiled_code");
    EXPECT_NE(error.message.find("another Ruleset"), std::string::npos) << error.message;
    ASSERT_TRUE(evaluate_columns(*a.ruleset, 2, {InputColumn::integers("n", n.data())}, options, &result, &error))
        << error.message;
    EXPECT_EQ(result.columns[0].int64s, (std::vector<int64_t>{2, 4}));
}

// A bad value fails the call as without the code, naming the first bad row, whichever part of
// which chunk and thread it is in.
TEST(CompiledColumnsSmall, ABadValueIsTheSameErrorAsWithoutTheCode) {
    if (emit::NativeCode::compiler().empty()) GTEST_SKIP() << "no C compiler (cc or $CC) on PATH";
    CompileResult r = compile_source("flag.tenet",
                                     "ruleset flagged\nfact as_of: date\nfact flag: bool\n"
                                     "decision shown: bool = not flag\n");
    ASSERT_TRUE(r.ok());
    auto code = build(r.ruleset);
    ASSERT_TRUE(code);
    std::vector<uint8_t> flags(5000, 1);
    flags[4500] = 7;
    flags[3001] = 2;
    for (unsigned threads : {1u, 2u}) {
        FrameOptions options;
        options.as_of = "2000-01-01";
        options.threads = threads;
        FrameResult result;
        InputError interpreted, compiled;
        std::vector<InputColumn> columns{InputColumn::booleans("flag", flags.data())};
        EXPECT_FALSE(evaluate_columns(*r.ruleset, flags.size(), columns, options, &result, &interpreted));
        options.compiled_code = code;
        EXPECT_FALSE(evaluate_columns(*r.ruleset, flags.size(), columns, options, &result, &compiled));
        EXPECT_EQ(compiled.path, "flag[3001]");
        EXPECT_EQ(compiled.path, interpreted.path);
        EXPECT_EQ(compiled.message, interpreted.message);
    }
}

}  // namespace
}  // namespace tenet
