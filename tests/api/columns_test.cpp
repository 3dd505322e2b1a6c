// Columnar evaluation gives what the JSON path gives: the Weld sample caseload as columns of every
// kind (typed, text, dictionary, list facts as JSON text), decision by decision, value, state and
// reason; rows in two periods of parameter values; threads; and clear errors for bad columns.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "api/ruleset_impl.hpp"
#include "api/sample_frame.hpp"
#include "tenet/columns.hpp"
#include "util/date.hpp"
#include "util/rational.hpp"

namespace tenet {
namespace {

using json = nlohmann::json;
using namespace sample_frame;  // the Weld sample caseload as frames

// Every row and decision of `result` against Session::evaluate_json on the same case.
void expect_same_as_json(const std::shared_ptr<const Ruleset>& rs, const std::vector<json>& cases,
                         const FrameResult& result, const std::vector<std::string>& as_of) {
    Session session(rs);
    size_t compared = 0, unresolved = 0;
    for (size_t i = 0; i < cases.size(); ++i) {
        Case c;
        std::vector<InputError> errors;
        ASSERT_TRUE(session.decode(cases[i].dump(), &c, &errors, as_of.empty() ? "" : as_of[i]));
        std::string out;
        Request request;
        for (const auto& col : result.columns) request.decisions.push_back(rs->find_decision(col.decision));
        session.evaluate_json(c, request, &out, &errors);
        json expected = json::parse(out);
        for (const auto& col : result.columns) {
            const json& decisions = expected["decisions"];
            const json& reasons = expected["unresolved"];
            const json failures = expected.value("errors", json::object());
            RowState st = col.states[i];
            if (decisions.contains(col.decision)) {
                ASSERT_EQ(st, RowState::Ok) << "row " << i << " " << col.decision;
                ASSERT_EQ(value_json(col, i), decisions[col.decision]) << "row " << i << " " << col.decision;
            } else if (reasons.contains(col.decision)) {
                ASSERT_EQ(st, RowState::Unresolved) << "row " << i << " " << col.decision;
                ++unresolved;
                if (!col.messages.empty()) {
                    std::string joined;
                    for (const auto& r : reasons[col.decision])
                        joined += (joined.empty() ? "" : ", ") + r.get<std::string>();
                    ASSERT_EQ(col.messages[i], joined) << "row " << i << " " << col.decision;
                }
            } else if (failures.contains(col.decision)) {
                ASSERT_EQ(st, RowState::Error) << "row " << i << " " << col.decision;
                if (!col.messages.empty())
                    ASSERT_EQ(col.messages[i], failures[col.decision].get<std::string>()) << "row " << i;
            } else {
                ASSERT_EQ(st, RowState::Absent) << "row " << i << " " << col.decision;
            }
            ++compared;
        }
    }
    EXPECT_GT(unresolved, 0u);
    std::printf("compared %zu values (%zu unresolved) with the JSON path\n", compared, unresolved);
}

// Every decision for `cases` given as columns of `style`, checked against the JSON path; every
// decision goes through the columnar kernels, those over histories included.
void expect_columns_agree(const std::vector<json>& cases, Style style, unsigned threads) {
    auto rs = weld();
    Frame f = frame_of(*rs, cases, style);
    FrameOptions options;
    options.messages = true;
    options.threads = threads;
    FrameResult result;
    InputError error;
    ASSERT_TRUE(evaluate_columns(*rs, cases.size(), f.columns, options, &result, &error))
        << error.path << ": " << error.message;
    EXPECT_EQ(result.columns.size(), rs->decisions().size());
    EXPECT_EQ(result.columnar_decisions, rs->decisions().size());
    expect_same_as_json(rs, cases, result, {});
}

TEST(Columns, TypedColumnsAgreeWithTheJsonPathOnTheSampleCaseload) {
    auto cases = sample_cases();
    ASSERT_GT(cases.size(), 100u);
    expect_columns_agree(cases, Style::Typed, 1);
}

// The first `rows` cases of the sample caseload as typed columns (histories in the Arrow
// layout), evaluated for `decisions`.
FrameResult evaluate_sample(size_t rows, std::vector<std::string> decisions, unsigned threads,
                            std::vector<json>* cases) {
    *cases = sample_cases();
    cases->resize(rows);
    Frame f = frame_of(*weld(), *cases, Style::Arrow);
    FrameOptions options;
    options.decisions = std::move(decisions);
    options.threads = threads;
    FrameResult result;
    InputError error;
    EXPECT_TRUE(evaluate_columns(*weld(), rows, f.columns, options, &result, &error)) << error.message;
    return result;
}

// Money decisions come back at their natural width, 8 bytes a row: whole cents, no fraction.
TEST(Columns, MoneyDecisionsAreWholeCents) {
    std::vector<json> cases;
    FrameResult result = evaluate_sample(50, {"adjusted_grant", "sanction_percent"}, 1, &cases);
    const OutputColumn& grant = result.columns[0];
    EXPECT_EQ(grant.type, OutputColumn::Type::Money);
    EXPECT_TRUE(grant.money);
    EXPECT_EQ(grant.int64s.size(), cases.size());
    EXPECT_TRUE(grant.numerators.empty() && grant.denominators.empty());
    EXPECT_EQ(result.columns[1].type, OutputColumn::Type::Number);  // a percent stays an exact fraction
    expect_same_as_json(weld(), cases, result, {});
}

// Dates and enums come back at 4 bytes a row (days as util::Days, enum indices), bools at 1.
TEST(Columns, DatesAndEnumsAreFourBytesARow) {
    std::vector<json> cases;
    FrameResult result = evaluate_sample(
        50, {"exemption_redetermine_by", "disqualified_until", "sanction_grounds", "eligible", "adjusted_grant"}, 1,
        &cases);
    for (const OutputColumn& col : result.columns) {
        if (col.type == OutputColumn::Type::Money) continue;
        if (col.type == OutputColumn::Type::Bool) {
            EXPECT_EQ(col.bools.size(), cases.size()) << col.decision;
        } else {
            EXPECT_TRUE(col.type == OutputColumn::Type::Date || col.type == OutputColumn::Type::Enum) << col.decision;
            EXPECT_EQ(col.int32s.size(), cases.size()) << col.decision;
        }
        EXPECT_TRUE(col.int64s.empty()) << col.decision;
    }
    static_assert(sizeof(OutputColumn{}.int32s[0]) == 4, "4 bytes a row");
    expect_same_as_json(weld(), cases, result, {});
}

// List decisions come back as one text buffer with offsets, each row's JSON text in place.
TEST(Columns, ListDecisionsAreOneTextBufferWithOffsets) {
    std::vector<json> cases;
    FrameResult result =
        evaluate_sample(40, {"ineligibility_reasons", "exemption_reasons", "adjusted_grant"}, 2, &cases);
    for (const OutputColumn& col : result.columns) {
        if (col.decision == "adjusted_grant") continue;  // some rows unresolved, for the comparison below
        ASSERT_EQ(col.type, OutputColumn::Type::Json);
        ASSERT_EQ(col.json_offsets.size(), cases.size() + 1);
        EXPECT_EQ(col.json_offsets.front(), 0);
        EXPECT_EQ(static_cast<size_t>(col.json_offsets.back()), col.json_text.size());
        for (size_t row = 0; row < cases.size(); ++row) {
            EXPECT_EQ(col.json(row).empty(), col.states[row] != RowState::Ok) << row;
            if (col.states[row] == RowState::Ok) EXPECT_EQ(col.json(row).front(), '[') << row;
        }
    }
    expect_same_as_json(weld(), cases, result, {});
}

// History lists in the Arrow layout (offsets and one column per record field) give what their
// JSON texts give, on one thread and two.
TEST(Columns, ListColumnsAgreeWithTheJsonPathOnTheSampleCaseload) {
    auto cases = sample_cases();
    Frame f = frame_of(*weld(), cases, Style::Arrow);
    EXPECT_GE(sample_frame::list_columns(f), 5u);
    expect_columns_agree(cases, Style::Arrow, 2);
}

// A row whose lists are longer than kColumnarElements in all goes row by row, with the same
// results as the rows beside it that go through the kernels.
TEST(Columns, RowsWithLongListsGiveTheSameResults) {
    auto cases = sample_cases();
    cases.resize(60);
    sample_frame::lengthen_lists(&cases, 3);
    expect_columns_agree(cases, Style::Arrow, 1);
}

// Aggregates nested in aggregates over one list of amounts (LANGUAGE.md §12: the budget counts
// every list an aggregate or `in` goes through, each time it is recomputed).
const char* kNestedAggregates = R"(ruleset nested
fact as_of: date
facts household {
  amounts: list<int>
}
decision total: int = sum(a for a in household.amounts)
decision pairs: int = sum(sum(a + b for b in household.amounts) for a in household.amounts)
decision triples: int = sum(sum(sum(a + b + c for c in household.amounts) for b in household.amounts) for a in household.amounts)
decision pairs_in: int = sum(count(b in household.amounts where a + b in household.amounts) for a in household.amounts)
decision inner_in: int = sum(count(c in household.amounts where c in household.amounts and b > 0) for b in household.amounts)
)";

// Rows of the amounts 0, 1, ... of the given lengths (-1: no amounts: the decisions unresolved),
// evaluated for `decisions` as a list column and compared with the JSON path.
FrameResult expect_nested_as_json(const std::vector<int64_t>& lengths, std::vector<std::string> decisions) {
    CompileResult r = compile_source("nested.tenet", kNestedAggregates, CompileOptions{{}, false});
    EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
    if (!r.ok()) return {};
    std::vector<int64_t> offsets{0}, amounts;
    std::vector<uint8_t> present;
    std::vector<json> cases;
    for (int64_t length : lengths) {
        json c{{"as_of", "2000-01-01"}, {"household", json::object()}};
        if (length >= 0) c["household"]["amounts"] = json::array();
        for (int64_t a = 0; a < length; ++a) {
            amounts.push_back(a);
            c["household"]["amounts"].push_back(a);
        }
        offsets.push_back(static_cast<int64_t>(amounts.size()));
        present.push_back(length >= 0);
        cases.push_back(std::move(c));
    }
    FrameOptions options;
    options.as_of = "2000-01-01";
    options.decisions = std::move(decisions);
    options.messages = true;
    FrameResult result;
    InputError error;
    EXPECT_TRUE(evaluate_columns(*r.ruleset, lengths.size(),
                                 {InputColumn::list("household.amounts", offsets.data(),
                                                    {InputColumn::integers("", amounts.data())}, present.data())},
                                 options, &result, &error))
        << error.path << ": " << error.message;
    EXPECT_EQ(result.columnar_decisions, result.columns.size());
    expect_same_as_json(r.ruleset, cases, result, {});
    return result;
}

// A row of 250 amounts is within kColumnarElements, but an aggregate three deep over it (or an
// `in` two deep, or in an aggregate recomputed for each element of another) goes through 15.6
// million: it fails as in JSON, with the same message, and the rows beside it have their values.
TEST(Columns, ARowNestedAggregatesTakePastTheBudgetFailsAsInJson) {
    for (const char* decision : {"triples", "pairs_in", "inner_in"}) {
        FrameResult result = expect_nested_as_json({3, -1, 250, 2}, {decision});
        ASSERT_EQ(result.columns.size(), 1u);
        const OutputColumn& col = result.columns[0];
        EXPECT_EQ(col.states[0], RowState::Ok) << decision;
        EXPECT_EQ(col.states[2], RowState::Error) << decision;
        EXPECT_NE(col.messages[2].find("too many steps"), std::string::npos) << decision << ": " << col.messages[2];
        EXPECT_EQ(col.states[3], RowState::Ok) << decision;
        EXPECT_EQ(result.budget_rows, 1u) << decision;  // the row of 250, row by row
    }
}

// Lists whose nested aggregates stay within the budget, and long lists without nesting, go
// through the columnar kernels: 900 amounts two deep are 810,000 steps.
TEST(Columns, RowsNestedAggregatesKeepWithinTheBudgetStayColumnar) {
    FrameResult result = expect_nested_as_json({3, -1, 900, 2, 250}, {"total", "pairs"});
    EXPECT_EQ(result.budget_rows, 0u);
    EXPECT_EQ(result.columns[0].int64s[2], 899 * 900 / 2);
    EXPECT_EQ(result.columns[1].int64s[2], 2 * 900 * (899 * 900 / 2));
    result = expect_nested_as_json({3, -1, 900}, {"total"});
    EXPECT_EQ(result.budget_rows, 0u);
    result = expect_nested_as_json({3, -1, 10, 2}, {"triples", "pairs_in", "inner_in"});
    EXPECT_EQ(result.budget_rows, 0u);
    EXPECT_EQ(result.columns[0].int64s[3], 3 * 4 * 1);  // each of a, b, c is 1 in 4 of the 8 triples
}

// A long list only flat aggregates go through leaves the row in the kernels: the bound takes each
// list fact's own length, and the three-deep aggregate's list is short.
TEST(Columns, ALongListOnlyFlatAggregatesReadStaysColumnar) {
    CompileResult r = compile_source("two.tenet", R"(ruleset two
fact as_of: date
facts household {
  amounts: list<int>
  others: list<int>
}
decision triples: int = sum(sum(sum(a + b + c for c in household.amounts) for b in household.amounts) for a in household.amounts)
decision others_total: int = sum(o for o in household.others)
)",
                                     CompileOptions{{}, false});
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
    // row 0: 2 amounts and 300 others; row 1: 250 amounts, no others; row 2: no amounts
    std::vector<int64_t> amounts_offsets{0, 2, 252, 252}, others_offsets{0, 300, 300, 300}, amounts, others;
    std::vector<uint8_t> amounts_present{1, 1, 0};
    std::vector<json> cases(3, json{{"as_of", "2000-01-01"}, {"household", json::object()}});
    cases[0]["household"]["amounts"] = cases[0]["household"]["others"] = json::array();
    cases[1]["household"]["amounts"] = cases[1]["household"]["others"] = cases[2]["household"]["others"] =
        json::array();
    for (int64_t a : {4, 5}) amounts.push_back(a), cases[0]["household"]["amounts"].push_back(a);
    for (int64_t a = 0; a < 250; ++a) amounts.push_back(a), cases[1]["household"]["amounts"].push_back(a);
    for (int64_t o = 0; o < 300; ++o) others.push_back(o), cases[0]["household"]["others"].push_back(o);
    FrameOptions options;
    options.as_of = "2000-01-01";
    options.messages = true;
    FrameResult result;
    InputError error;
    ASSERT_TRUE(evaluate_columns(
        *r.ruleset, 3,
        {InputColumn::list("household.amounts", amounts_offsets.data(), {InputColumn::integers("", amounts.data())},
                           amounts_present.data()),
         InputColumn::list("household.others", others_offsets.data(), {InputColumn::integers("", others.data())})},
        options, &result, &error))
        << error.path << ": " << error.message;
    expect_same_as_json(r.ruleset, cases, result, {});
    EXPECT_EQ(result.columns[0].states[0], RowState::Ok);
    EXPECT_EQ(result.columns[0].int64s[0], 3 * 4 * (4 + 5));
    EXPECT_EQ(result.columns[0].states[1], RowState::Error);
    EXPECT_EQ(result.budget_rows, 1u);  // only the row of 250 amounts
}

// Lists inside the records of a list, from a JSON text column, count: one group of 250 amounts
// is one element at the top but 250 for the nested aggregates, as in JSON.
TEST(Columns, ListsNestedInRecordsCountTowardsTheBudget) {
    CompileResult r = compile_source("groups.tenet", R"(ruleset groups
fact as_of: date
record Group { amounts: list<int> }
facts household {
  groups: list<Group>
}
decision triples: int = sum(sum(sum(sum(a + b + c for c in g.amounts) for b in g.amounts) for a in g.amounts) for g in household.groups)
)",
                                     CompileOptions{{}, false});
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
    std::vector<json> cases;
    for (int64_t length : {250, 2}) {
        json amounts = json::array();
        for (int64_t a = 0; a < length; ++a) amounts.push_back(a);
        cases.push_back(json{{"as_of", "2000-01-01"}, {"household", {{"groups", {{{"amounts", amounts}}}}}}});
    }
    cases.push_back(json{{"as_of", "2000-01-01"}});  // unresolved
    std::vector<std::string> texts;
    for (const json& c : cases) texts.push_back(c.contains("household") ? c["household"]["groups"].dump() : "");
    std::vector<std::string_view> views(texts.begin(), texts.end());
    std::vector<uint8_t> present{1, 1, 0};
    FrameOptions options;
    options.as_of = "2000-01-01";
    options.messages = true;
    FrameResult result;
    InputError error;
    ASSERT_TRUE(evaluate_columns(*r.ruleset, cases.size(),
                                 {InputColumn::text("household.groups", views.data(), present.data())}, options,
                                 &result, &error))
        << error.path << ": " << error.message;
    expect_same_as_json(r.ruleset, cases, result, {});
    EXPECT_EQ(result.columns[0].states[0], RowState::Error);
    EXPECT_EQ(result.columns[0].states[1], RowState::Ok);
    EXPECT_EQ(result.budget_rows, 1u);
}

// Lists the ruleset makes itself count too: with 250 amounts in a literal (and in a list made
// from it), every row takes the three-deep aggregates past the budget, with no list column at all.
TEST(Columns, ListsOfTheRulesetCountTowardsTheBudget) {
    std::string amounts;
    for (int a = 0; a < 250; ++a) amounts += (a ? ", " : "") + std::to_string(a);
    CompileResult r = compile_source("literal.tenet", R"(ruleset literal
fact as_of: date
fact size: int
rule amounts: list<int> = [)" + amounts + R"(]
rule copied: list<int> = [a + size - size for a in amounts]
decision size_again: int = size
decision triples: int = sum(sum(sum(a + b + c for c in amounts) for b in amounts) for a in amounts)
decision triples_copied: int = sum(sum(sum(a + b + c for c in copied) for b in copied) for a in copied)
)",
                                     CompileOptions{{}, false});
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
    std::vector<int64_t> size{1, 2};
    std::vector<uint8_t> present{1, 0};
    std::vector<json> cases{json{{"as_of", "2000-01-01"}, {"size", 1}}, json{{"as_of", "2000-01-01"}}};
    for (const char* decision : {"triples", "triples_copied"}) {
        FrameOptions options;
        options.as_of = "2000-01-01";
        options.messages = true;
        options.decisions = {"size_again", decision};
        FrameResult result;
        InputError error;
        ASSERT_TRUE(evaluate_columns(*r.ruleset, 2, {InputColumn::integers("size", size.data(), present.data())},
                                     options, &result, &error))
            << error.path << ": " << error.message;
        expect_same_as_json(r.ruleset, cases, result, {});
        EXPECT_EQ(result.columns[1].states[0], RowState::Error) << decision;
        EXPECT_EQ(result.budget_rows, 2u) << decision;
    }
}

TEST(Columns, BadListColumnsAreErrorsNamingTheColumnRowAndElement) {
    auto rs = weld();
    FrameOptions options;
    options.as_of = "1999-06-01";
    options.decisions = {"caretaker_disqualified"};
    FrameResult result;
    InputError error;
    std::vector<int64_t> offsets{0, 1, 3}, days{10000, 10100, 10200};
    std::vector<uint8_t> present{1, 1, 0};
    auto fraud = [&](std::vector<InputColumn> fields, const int64_t* o = nullptr) {
        return std::vector<InputColumn>{
            InputColumn::list("history.fraud_convictions", o ? o : offsets.data(), std::move(fields))};
    };
    ASSERT_TRUE(evaluate_columns(*rs, 2, fraud({InputColumn::days("date", days.data())}), options, &result, &error))
        << error.message;

    EXPECT_FALSE(evaluate_columns(*rs, 2, fraud({InputColumn::days("date", days.data(), present.data())}), options,
                                  &result, &error));
    EXPECT_EQ(error.path, "history.fraud_convictions[1][1].date");
    EXPECT_NE(error.message.find("missing required field `date`"), std::string::npos) << error.message;

    EXPECT_FALSE(evaluate_columns(*rs, 2, fraud({}), options, &result, &error));
    EXPECT_EQ(error.path, "history.fraud_convictions");
    EXPECT_NE(error.message.find("no column for field `date`"), std::string::npos) << error.message;

    EXPECT_FALSE(
        evaluate_columns(*rs, 2, fraud({InputColumn::days("date", days.data()), InputColumn::days("day", days.data())}),
                         options, &result, &error));
    EXPECT_NE(error.message.find("no field `day`"), std::string::npos) << error.message;

    EXPECT_FALSE(
        evaluate_columns(*rs, 2, fraud({InputColumn::integers("date", days.data())}), options, &result, &error));
    EXPECT_NE(error.message.find("cannot hold field `date`"), std::string::npos) << error.message;

    std::vector<int64_t> decreasing{0, 2, 1};
    EXPECT_FALSE(evaluate_columns(*rs, 2, fraud({InputColumn::days("date", days.data())}, decreasing.data()), options,
                                  &result, &error));
    EXPECT_NE(error.message.find("offsets[2] is below offsets[1]"), std::string::npos) << error.message;

    std::vector<int64_t> far{10000, 1000000, 10200};
    EXPECT_FALSE(evaluate_columns(*rs, 2, fraud({InputColumn::days("date", far.data())}), options, &result, &error));
    EXPECT_EQ(error.path, "history.fraud_convictions[1][0].date");
    EXPECT_NE(error.message.find("day 1000000 is not a date between 1800-01-01 and 2299-12-31"), std::string::npos)
        << error.message;

    EXPECT_FALSE(
        evaluate_columns(*rs, 2, {InputColumn::list("household.size", offsets.data(), {})}, options, &result, &error));
    EXPECT_NE(error.message.find("a list column cannot hold fact `household.size`"), std::string::npos)
        << error.message;
}

// Every column of two results the same: states, values of each type, list texts, messages.
void expect_same_columns(const FrameResult& a, const FrameResult& b) {
    ASSERT_EQ(a.columns.size(), b.columns.size());
    for (size_t k = 0; k < a.columns.size(); ++k) {
        const auto& x = a.columns[k];
        const auto& y = b.columns[k];
        EXPECT_EQ(x.states, y.states) << x.decision;
        EXPECT_EQ(x.bools, y.bools) << x.decision;
        EXPECT_EQ(x.int64s, y.int64s) << x.decision;
        EXPECT_EQ(x.int32s, y.int32s) << x.decision;
        EXPECT_EQ(x.numerators, y.numerators) << x.decision;
        EXPECT_EQ(x.denominators, y.denominators) << x.decision;
        EXPECT_EQ(x.json_text, y.json_text) << x.decision;
        EXPECT_EQ(x.json_offsets, y.json_offsets) << x.decision;
        EXPECT_EQ(x.messages, y.messages) << x.decision;
    }
}

TEST(Columns, TextColumnsAndThreadsGiveTheSameResults) {
    auto rs = weld();
    auto cases = sample_cases();
    Frame typed = frame_of(*rs, cases, Style::Typed);
    Frame text = frame_of(*rs, cases, Style::Text);
    // in any order: list facts of one group need not be adjacent columns
    std::mt19937 rng(7);
    std::shuffle(text.columns.begin(), text.columns.end(), rng);
    FrameOptions one, two;
    two.threads = 2;
    FrameResult a, b;
    InputError error;
    ASSERT_TRUE(evaluate_columns(*rs, cases.size(), typed.columns, one, &a, &error)) << error.message;
    ASSERT_TRUE(evaluate_columns(*rs, cases.size(), text.columns, two, &b, &error))
        << error.path << ": " << error.message;
    expect_same_columns(a, b);
}

// From 65,536 rows the result's columns are sized by the evaluating threads (columns.cpp,
// kSpreadRows): every column's states and values as one thread's, with messages, and each row's
// as its inputs say (a missing fact unresolved, a division by zero an error, the rest values).
TEST(Columns, ManyRowsOnTwoThreadsGiveTheSameColumnsAsOne) {
    CompileResult r = compile_source("spread.tenet", R"(ruleset spread
fact as_of: date
fact n: int
fact m: money
decision doubled: int = n * 2
decision half: money = round_down(m / 2, cent)
decision rate: percent = if n > 10 then 25% else 50%
decision large: bool = m > $100
decision per: money = round_down(m / n, cent)
)",
                                     CompileOptions{{}, false});
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
    const size_t rows = 70000;
    std::vector<int64_t> n(rows), cents(rows);
    std::vector<uint8_t> present(rows);
    for (size_t i = 0; i < rows; ++i) {
        n[i] = static_cast<int64_t>(i % 23);  // 0: `per` divides by zero
        cents[i] = static_cast<int64_t>(i * 37 % 50000);
        present[i] = i % 101 != 0;  // n missing
    }
    std::vector<InputColumn> columns{InputColumn::integers("n", n.data(), present.data()),
                                     InputColumn::scaled("m", cents.data(), 2)};
    FrameOptions one, two;
    one.as_of = two.as_of = "2000-01-01";
    one.messages = two.messages = true;
    two.threads = 2;
    FrameResult a, b;
    InputError error;
    ASSERT_TRUE(evaluate_columns(*r.ruleset, rows, columns, one, &a, &error)) << error.message;
    ASSERT_TRUE(evaluate_columns(*r.ruleset, rows, columns, two, &b, &error)) << error.message;
    ASSERT_EQ(b.columns.size(), 5u);
    ASSERT_EQ(b.columns[0].states.size(), rows);
    expect_same_columns(a, b);
    const OutputColumn& doubled = b.columns[0];
    const OutputColumn& half = b.columns[1];
    const OutputColumn& per = b.columns[4];
    for (size_t i : {size_t{1}, size_t{101}, size_t{23 * 3}, rows - 1}) {
        if (!present[i]) {
            EXPECT_EQ(doubled.states[i], RowState::Unresolved) << i;
        } else {
            EXPECT_EQ(doubled.states[i], RowState::Ok) << i;
            EXPECT_EQ(doubled.int64s[i], n[i] * 2) << i;
        }
        EXPECT_EQ(half.int64s[i], cents[i] / 2) << i;
        if (present[i] && n[i] == 0) {
            EXPECT_EQ(per.states[i], RowState::Error) << i;
            EXPECT_FALSE(per.messages[i].empty()) << i;
        }
    }
}

TEST(Columns, RowsInDifferentPeriodsUseTheirOwnParameters) {
    // the yearly diversion cap is $1,650 before 1998-12-01 and $3,300 from it
    auto rs = weld();
    auto cases = sample_cases();
    cases.resize(600);
    std::vector<std::string> as_of;
    for (size_t i = 0; i < cases.size(); ++i) {
        as_of.push_back(i % 3 == 0 ? "1998-06-15" : "1999-06-01");
        cases[i]["as_of"] = as_of.back();
    }
    Frame f = frame_of(*rs, cases, Style::Typed);
    FrameOptions options;
    options.decisions = {"diversion_approved", "sanction_percent", "eligible", "fiscal_year", "required_weekly_hours"};
    options.messages = true;
    FrameResult result;
    InputError error;
    ASSERT_TRUE(evaluate_columns(*rs, cases.size(), f.columns, options, &result, &error)) << error.message;
    expect_same_as_json(rs, cases, result, {});
    // and one as_of for the whole batch overrides the column
    options.as_of = "1998-06-15";
    ASSERT_TRUE(evaluate_columns(*rs, cases.size(), f.columns, options, &result, &error)) << error.message;
    expect_same_as_json(rs, cases, result, std::vector<std::string>(cases.size(), "1998-06-15"));
}

TEST(Columns, BadColumnsAndValuesAreErrorsNamingTheColumnAndRow) {
    auto rs = weld();
    FrameOptions options;
    options.as_of = "1999-06-01";
    options.decisions = {"eligible"};
    FrameResult result;
    InputError error;
    std::vector<int64_t> sizes{3, 31, 2};
    std::vector<int64_t> cents{100, 12345, 999};
    std::vector<uint8_t> flags{1, 0, 2};
    std::vector<std::string_view> providers{"licensed_center", "daycare", "exempt"};

    EXPECT_FALSE(
        evaluate_columns(*rs, 3, {InputColumn::integers("household.sise", sizes.data())}, options, &result, &error));
    EXPECT_EQ(error.path, "household.sise");
    EXPECT_NE(error.message.find("no fact"), std::string::npos);

    EXPECT_FALSE(evaluate_columns(
        *rs, 3,
        {InputColumn::integers("household.size", sizes.data()), InputColumn::integers("household.size", sizes.data())},
        options, &result, &error));
    EXPECT_NE(error.message.find("two columns"), std::string::npos);

    EXPECT_FALSE(
        evaluate_columns(*rs, 3, {InputColumn::integers("household.size", sizes.data())}, options, &result, &error));
    EXPECT_EQ(error.path, "household.size[1]");
    EXPECT_NE(error.message.find("above the largest allowed, 30"), std::string::npos) << error.message;

    EXPECT_FALSE(evaluate_columns(*rs, 3, {InputColumn::scaled("household.countable_resources", cents.data(), 3)},
                                  options, &result, &error));
    EXPECT_EQ(error.path, "household.countable_resources[1]");
    EXPECT_NE(error.message.find("cents"), std::string::npos) << error.message;

    EXPECT_FALSE(
        evaluate_columns(*rs, 3, {InputColumn::booleans("caretaker.married", flags.data())}, options, &result, &error));
    EXPECT_EQ(error.path, "caretaker.married[2]");

    EXPECT_FALSE(evaluate_columns(*rs, 3, {InputColumn::text("child_care.provider", providers.data())}, options,
                                  &result, &error));
    EXPECT_EQ(error.path, "child_care.provider[1]");
    EXPECT_NE(error.message.find("one of: licensed_center"), std::string::npos) << error.message;

    EXPECT_FALSE(
        evaluate_columns(*rs, 3, {InputColumn::booleans("household.size", flags.data())}, options, &result, &error));
    EXPECT_NE(error.message.find("cannot hold"), std::string::npos);

    std::vector<std::string_view> payments{"[]", "[{\"date\":\"1999-01-01\",\"item\":\"tools\",\"amount\":\"1.234\"}]",
                                           "[]"};
    options.decisions = {"diversion_approved"};  // a decision that reads the payments
    EXPECT_FALSE(evaluate_columns(*rs, 3, {InputColumn::text("history.diversion_payments", payments.data())}, options,
                                  &result, &error));
    EXPECT_EQ(error.path, "history.diversion_payments[1]");
    EXPECT_NE(error.message.find("$[0].amount"), std::string::npos) << error.message;

    options.decisions = {"no_such_decision"};
    EXPECT_FALSE(evaluate_columns(*rs, 3, {}, options, &result, &error));
    EXPECT_EQ(error.path, "no_such_decision");

    FrameOptions no_day;
    EXPECT_FALSE(evaluate_columns(*rs, 3, {}, no_day, &result, &error));
    EXPECT_EQ(error.path, "as_of");
    std::vector<int64_t> days{10000, INT64_MIN, 10000};
    EXPECT_FALSE(evaluate_columns(*rs, 3, {InputColumn::days("as_of", days.data())}, no_day, &result, &error));
    EXPECT_EQ(error.path, "as_of[1]");
}

// A row's list texts are spliced into one JSON object: a text that is not one JSON value must not
// close its key and set facts the frame has no column for.
// A bad value is refused with the same words whether it comes in a case's JSON or in a column:
// both call the checks of eval/fact_value.hpp (once, the column path said "`1.234` is money has
// at most 2 decimals (cents)").
TEST(Columns, ABadValueHasTheSameMessageInAColumnAsInJson) {
    auto rs = weld();
    FrameOptions options;
    options.as_of = "1999-06-01";
    options.decisions = {"eligible"};
    struct Bad {
        const char* fact;
        const char* json_value;  // as the case's JSON writes it
        std::string_view text;   // as a text column holds it
    };
    const Bad bad[] = {
        {"countable_resources", "\"1.234\"", "1.234"}, {"countable_resources", "\"1000000000000\"", "1000000000000"},
        {"countable_resources", "\"-5\"", "-5"},       {"size", "31", "31"},
        {"family_type", "\"triple\"", "triple"},
    };
    for (const Bad& b : bad) {
        Session session(rs);
        Case c;
        std::vector<InputError> errors;
        std::string json =
            std::string("{\"as_of\":\"1999-06-01\",\"household\":{\"") + b.fact + "\":" + b.json_value + "}}";
        EXPECT_FALSE(session.decode(json, &c, &errors, ""));
        ASSERT_EQ(errors.size(), 1u) << json;

        FrameResult result;
        InputError error;
        std::string fact = std::string("household.") + b.fact;
        std::vector<std::string_view> texts{b.text};
        EXPECT_FALSE(evaluate_columns(*rs, 1, {InputColumn::text(fact, texts.data())}, options, &result, &error));
        EXPECT_EQ(error.path, fact + "[0]");
        EXPECT_EQ(error.message, errors[0].message) << fact;
    }
}

TEST(Columns, AListTextIsOneJsonValue) {
    auto rs = weld();
    FrameOptions options;
    options.as_of = "1999-06-01";
    FrameResult result;
    InputError error;
    std::vector<std::string_view> escaping{"[]", "[]},\"caretaker\":{\"age\":30", "[]"};
    EXPECT_FALSE(evaluate_columns(*rs, 3, {InputColumn::text("history.diversion_payments", escaping.data())}, options,
                                  &result, &error));
    EXPECT_EQ(error.path, "history.diversion_payments[1]");
    EXPECT_NE(error.message.find("not one JSON value"), std::string::npos) << error.message;
    std::vector<std::string_view> cut{"[]", "[]", "[{"};
    EXPECT_FALSE(evaluate_columns(*rs, 3, {InputColumn::text("history.diversion_payments", cut.data())}, options,
                                  &result, &error));
    EXPECT_EQ(error.path, "history.diversion_payments[2]");
    EXPECT_NE(error.message.find("not one JSON value"), std::string::npos) << error.message;
}

// A list column no requested decision reads is left unread, whatever it holds; the decisions
// that read it still see every bad value.
TEST(Columns, AListNoRequestedDecisionReadsIsNotDecoded) {
    std::vector<std::string_view> cut{"[]", "[{", "[]"};
    std::vector<int64_t> offsets{0, 1, 1, 2}, far{10000, 1000000};
    std::vector<InputColumn> in{
        InputColumn::text("history.sanction_episodes", cut.data()),
        InputColumn::list("history.fraud_convictions", offsets.data(), {InputColumn::days("date", far.data())})};
    InputError error;
    auto fails_for = [&](const std::string& decision, const std::vector<InputColumn>& columns) {
        FrameOptions options;
        options.as_of = "1999-06-01";
        options.decisions = {decision};
        FrameResult result;
        return !evaluate_columns(*weld(), 3, columns, options, &result, &error);
    };
    EXPECT_FALSE(fails_for("fiscal_year", in)) << error.path << ": " << error.message;
    EXPECT_TRUE(fails_for("sanction_level", in));
    EXPECT_EQ(error.path, "history.sanction_episodes[1]");
    EXPECT_TRUE(fails_for("caretaker_disqualified", in));
    EXPECT_EQ(error.path, "history.fraud_convictions[2][0].date");
    // a column that cannot hold its fact is still an error
    EXPECT_TRUE(fails_for("fiscal_year", {InputColumn::integers("history.fraud_convictions", far.data())}));
    EXPECT_EQ(error.path, "history.fraud_convictions");
}

TEST(Columns, AbsentFactsAreMissingOrNoneAsInJson) {
    auto rs = weld();
    FrameOptions options;
    options.as_of = "1999-06-01";
    options.decisions = {"caretaker_disqualified", "eligible"};
    options.messages = true;
    FrameResult result;
    InputError error;
    ASSERT_TRUE(evaluate_columns(*rs, 2, {}, options, &result, &error)) << error.message;
    std::vector<json> cases(2, json{{"as_of", "1999-06-01"}});
    expect_same_as_json(rs, cases, result, {});
    EXPECT_EQ(result.columns[1].states[0], RowState::Unresolved);
    EXPECT_NE(result.columns[1].messages[0].find("household."), std::string::npos) << result.columns[1].messages[0];
}

// CONTRACT.md §1: a parameter with no value on the row's day leaves its decisions unresolved (not
// failed), in the columnar kernels and row by row; a division by zero is a failure, RowState::Error.
TEST(Columns, AParameterWithoutAValueIsUnresolvedAndAFailureIsAnError) {
    auto rs = weld();
    auto cases = sample_cases();
    cases.resize(40);
    for (size_t i = 0; i < cases.size(); ++i) {
        // 6.008.1 C was "Revised 7/1/98" and 6.006.2 B "Revised 3/98": before those days the 185%
        // test and the job refusal's 100% have no value
        cases[i]["as_of"] = i % 2 ? "1998-02-10" : "1998-07-15";
        cases[i]["history"]["employment_termination_date"] = "1998-01-15";
        cases[i]["history"]["job_refusals"] = i % 4 == 1 ? json::parse(R"([{"date": "1998-02-01"}])") : json::array();
    }
    Frame f = frame_of(*rs, cases, Style::Typed);
    FrameOptions options;
    options.decisions = {"retention_eligible", "adjusted_grant"};
    options.messages = true;
    FrameResult result;
    InputError error;
    ASSERT_TRUE(evaluate_columns(*rs, cases.size(), f.columns, options, &result, &error)) << error.message;
    EXPECT_GE(result.columnar_decisions, 1u);  // retention_eligible runs in the block kernels
    expect_same_as_json(rs, cases, result, {});
    EXPECT_EQ(result.columns[0].states[1], RowState::Unresolved);
    EXPECT_EQ(result.columns[0].messages[1], "parameter retention_poverty_percent has no value before 1998-07-01");
    EXPECT_EQ(result.columns[0].messages[3], "parameter retention_poverty_percent has no value before 1998-07-01");
    EXPECT_NE(result.columns[0].states[0], RowState::Unresolved);
    EXPECT_EQ(result.columns[1].states[1], RowState::Unresolved);
    EXPECT_EQ(result.columns[1].messages[1], "parameter job_refusal_sanction_percent has no value before 1998-03-01");
    EXPECT_EQ(result.columns[1].states[3], RowState::Ok);  // no refusal: the parameter is not needed

    CompileResult small = compile_source("ratio.tenet", R"(ruleset ratio
fact as_of: date
fact income: money
fact grant: money
rule ratio: decimal cite "6.1 A" = income / grant
decision share: decimal cite "6.1 B" = round_down(ratio, 2)
)",
                                         CompileOptions{{}, false});
    ASSERT_TRUE(small.ok());
    std::vector<int64_t> income{1000, 1000}, grant{0, 400};
    FrameOptions day;
    day.as_of = "1999-06-01";
    day.messages = true;
    ASSERT_TRUE(evaluate_columns(
        *small.ruleset, 2,
        {InputColumn::scaled("income", income.data(), 2), InputColumn::scaled("grant", grant.data(), 2)}, day, &result,
        &error));
    EXPECT_EQ(result.columns[0].states[0], RowState::Error);
    EXPECT_EQ(result.columns[0].messages[0], "division by zero in rule `ratio` [6.1 A]");
    EXPECT_EQ(result.columns[0].states[1], RowState::Ok);
}

// An amount exact as a fraction but of more cents than an int64 holds fails its row, never wraps.
TEST(Columns, AnAmountTooLargeForInt64CentsIsAnError) {
    CompileResult small = compile_source("scaled.tenet", R"(ruleset scaled
fact as_of: date
fact income: money
decision total: money cite "6.1 A" = income * 1000000
)",
                                         CompileOptions{{}, false});
    ASSERT_TRUE(small.ok());
    // the largest amount a fact takes, $999,999,999,999, x 1,000,000: about $10^18 fits 64 bits as a
    // fraction, its 10^20 cents do not
    std::vector<int64_t> income{99999999999900, 1234};
    FrameOptions day;
    day.as_of = "1999-06-01";
    day.messages = true;
    FrameResult result;
    InputError error;
    ASSERT_TRUE(
        evaluate_columns(*small.ruleset, 2, {InputColumn::scaled("income", income.data(), 2)}, day, &result, &error))
        << error.message;
    EXPECT_EQ(result.columns[0].states[0], RowState::Error);
    EXPECT_EQ(result.columns[0].messages[0], "the amount is too large for the column's int64 cents");
    EXPECT_EQ(result.columns[0].states[1], RowState::Ok);
    EXPECT_EQ(result.columns[0].int64s[1], 1234000000);
}

}  // namespace
}  // namespace tenet
