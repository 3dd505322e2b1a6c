// Evaluation semantics: exact arithmetic, three-valued logic with missing facts, optional values,
// aggregates and windows, tables, collect, limit, ladders, dates, effective-dated parameters,
// and the JSON output encodings of CONTRACT.md §2.
#include <gtest/gtest.h>

#include <functional>

#include "support/support.hpp"

namespace tenet {
namespace {

using testing::compile_text;
using testing::diagnostics_text;
using testing::evaluate;

std::shared_ptr<const Ruleset> must_compile(const std::string& text) {
    auto r = compile_text(text, {}, false);
    EXPECT_TRUE(r.ok()) << diagnostics_text(r);
    return r.ruleset;
}

const char* const kArithmetic = R"(
ruleset t
facts h {
  grant: money
  count: int
  rate: percent
  ratio: decimal
}
decision reduced: money cite "x" = round_down(h.grant * (100% - h.rate), cent)
decision reduced_up: money cite "x" = round_up(h.grant * (100% - h.rate), cent)
decision per_third: money cite "x" = round_half_up(h.grant / 3, cent)
decision doubled: money cite "x" = h.grant * 2 + 1
decision months: int cite "x" = ceil(h.grant / $100.00)
decision third: decimal cite "x" = round_half_even(1 / 3 + h.ratio, 4)
decision quotient: decimal cite "x" = round_half_up(h.count / 8, 3)
decision rate_points: decimal cite "x" = percent_points(h.rate)
decision county_target: percent cite "x" = max(0%, h.rate - 67%)
)";

TEST(Evaluator, MoneyIsExactAndRoundedAsWritten) {
    auto rs = must_compile(kArithmetic);
    std::string out =
        evaluate(rs, R"({"as_of":"1999-06-01","h":{"grant":"303.01","count":3,"rate":25,"ratio":"0.1"}})");
    // 303.01 * 0.75 = 227.2575: down 227.25, up 227.26; 303.01 / 3 = 101.003..: 101.00
    EXPECT_NE(out.find("\"reduced\":\"227.25\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"reduced_up\":\"227.26\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"per_third\":\"101.00\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"doubled\":\"607.02\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"months\":4"), std::string::npos) << out;
    EXPECT_NE(out.find("\"third\":0.4333"), std::string::npos) << out;
    EXPECT_NE(out.find("\"quotient\":0.375"), std::string::npos) << out;
    EXPECT_NE(out.find("\"rate_points\":25"), std::string::npos) << out;
    EXPECT_NE(out.find("\"county_target\":0"), std::string::npos) << out;
}

TEST(Evaluator, MoneyReadFromTextNotThroughADouble) {
    auto rs = must_compile(kArithmetic);
    // 0.1 + 0.2 style values and a large amount keep every cent
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","h":{"grant":999999999.99,"count":1,"rate":0,"ratio":0}})");
    EXPECT_NE(out.find("\"doubled\":\"2000000000.98\""), std::string::npos) << out;
}

TEST(Evaluator, MissingFactsMakeOnlyTheirDecisionsUnresolved) {
    auto rs = must_compile(kArithmetic);
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","h":{"grant":"100.00","rate":10}})");
    EXPECT_NE(out.find("\"reduced\":\"90.00\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"quotient\":[\"h.count\"]"), std::string::npos) << out;
    EXPECT_NE(out.find("\"third\":[\"h.ratio\"]"), std::string::npos) << out;
}

TEST(Evaluator, StrictRequestMakesAMissingFactAnError) {
    auto rs = must_compile(kArithmetic);
    Request req;
    req.decisions = {rs->find_decision("quotient")};
    req.strict = true;
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","h":{"grant":"100.00"}})", req);
    EXPECT_EQ(out, "ERROR $.h.count: missing fact, needed by decision `quotient`");
}

// CONTRACT.md §1 (amended 2026-12-02): one error model. A decision is a value, absent, unresolved
// (a missing fact, or a parameter without a value on the case's day) or failed (under "errors").
const char* const kOutcomes = R"(
ruleset t
facts h {
  income: money
  grant: money
}
parameter bonus: money cite "p" {
  from 1998-03-01 = $10
}
parameter old_rate: percent cite "q" {
  from 1990-01-01 to 1995-12-31 = 10%
}
rule ratio: decimal cite "6.1 A" = h.income / h.grant
decision share: decimal cite "6.1 B" = round_down(ratio, 2)
decision share_plus: decimal cite "6.1 C" = share + 1
decision with_bonus: money cite "6.2" = h.income + bonus
decision old: money cite "6.3" = round_down(h.income * old_rate, cent)
decision total: money cite "6.4" = h.income + h.grant
)";

TEST(Evaluator, AFailureIsUnderErrorsNeverUnresolved) {
    auto rs = must_compile(kOutcomes);
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","h":{"income":"10.00","grant":"0"}})");
    // a decision that needs a failed one fails with the same message, which names the rule
    EXPECT_EQ(
        out,
        R"({"decisions":{"with_bonus":"20.00","total":"10.00"},"unresolved":{"old":["parameter old_rate has no value after 1995-12-31"]},)"
        R"("errors":{"share":"division by zero in rule `ratio` [6.1 A]","share_plus":"division by zero in rule `ratio` [6.1 A]"}})");
}

TEST(Evaluator, ErrorsIsLeftOutWhenNothingFailed) {
    auto rs = must_compile(kOutcomes);
    Request req;
    req.decisions = {rs->find_decision("share"), rs->find_decision("total")};
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","h":{"income":"10.00","grant":"4.00"}})", req);
    EXPECT_EQ(out, R"({"decisions":{"share":2.5,"total":"14.00"},"unresolved":{}})");
}

TEST(Evaluator, AParameterWithoutAValueIsUnresolvedNamingItsFirstDay) {
    auto rs = must_compile(kOutcomes);
    Request req;
    req.decisions = {rs->find_decision("with_bonus"), rs->find_decision("total")};
    std::string out = evaluate(rs, R"({"as_of":"1998-02-10","h":{"income":"10.00","grant":"4.00"}})", req);
    EXPECT_EQ(
        out,
        R"({"decisions":{"total":"14.00"},"unresolved":{"with_bonus":["parameter bonus has no value before 1998-03-01"]}})");
    // the same through Session::result and result_message
    Session session(rs);
    Case c;
    std::vector<InputError> errors;
    ASSERT_TRUE(session.decode(R"({"as_of":"1998-02-10","h":{"income":"10.00","grant":"0"}})", &c, &errors));
    session.evaluate(c);
    int bonus = rs->find_decision("with_bonus"), share = rs->find_decision("share"), total = rs->find_decision("total");
    EXPECT_EQ(session.result(bonus).state, DecisionValue::State::Unresolved);
    EXPECT_EQ(session.result_message(bonus), "parameter bonus has no value before 1998-03-01");
    EXPECT_EQ(session.result(share).state, DecisionValue::State::Error);
    EXPECT_EQ(session.result_message(share), "division by zero in rule `ratio` [6.1 A]");
    EXPECT_EQ(session.result(total).state, DecisionValue::State::Ok);
    EXPECT_EQ(session.result_message(total), "");
}

TEST(Evaluator, AMissingFactAndAParameterWithoutAValueAreBothNamed) {
    // whichever operand comes first, and through `and`
    auto rs = must_compile(std::string(kOutcomes) + R"(
decision bonus_first: money cite "6.5" = bonus + h.income
decision both_needed: bool cite "6.6" = bonus > $0 and h.grant > $0
)");
    Request req;
    req.decisions = {rs->find_decision("with_bonus"), rs->find_decision("bonus_first"),
                     rs->find_decision("both_needed")};
    std::string out = evaluate(rs, R"({"as_of":"1998-02-10","h":{}})", req);
    EXPECT_EQ(
        out,
        R"({"decisions":{},"unresolved":{"with_bonus":["h.income","parameter bonus has no value before 1998-03-01"],)"
        R"("bonus_first":["h.income","parameter bonus has no value before 1998-03-01"],)"
        R"("both_needed":["h.grant","parameter bonus has no value before 1998-03-01"]}})");
    // a failure after the parameter still does not replace it: the decision stays unresolved
    Session session(rs);
    Case c;
    std::vector<InputError> errors;
    ASSERT_TRUE(session.decode(R"({"as_of":"1998-02-10","h":{"grant":"4.00"}})", &c, &errors));
    session.evaluate(c);
    EXPECT_EQ(session.result_message(rs->find_decision("with_bonus")),
              "h.income, parameter bonus has no value before 1998-03-01");
}

TEST(Evaluator, StrictRequestReportsAFailureAsAnError) {
    auto rs = must_compile(kOutcomes);
    Request req;
    req.decisions = {rs->find_decision("share")};
    req.strict = true;
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","h":{"income":"10.00","grant":"0"}})", req);
    EXPECT_EQ(out, "ERROR $: decision `share` failed: division by zero in rule `ratio` [6.1 A]");
}

TEST(Evaluator, InLanguageTestsTellAFailureFromAnUnresolvedDecision) {
    auto r = compile_text(std::string(kOutcomes) + R"(
test zero_grant {
  as_of = 1999-06-01
  h.income = $10
  h.grant = $0
  expect share is failed
  expect share is unresolved
}
test before_the_bonus {
  as_of = 1998-02-10
  h.income = $10
  h.grant = $4
  expect with_bonus is unresolved
  expect with_bonus is failed
}
)");
    ASSERT_TRUE(r.ok()) << diagnostics_text(r);
    auto results = run_tests(*r.ruleset);
    ASSERT_EQ(results.size(), 2u);
    // each test has one right and one wrong expectation: only the wrong one fails
    ASSERT_EQ(results[0].failures.size(), 1u);
    EXPECT_NE(results[0].failures[0].message.find(
                  "expected share to be unresolved, got failed (division by zero in rule `ratio` [6.1 A])"),
              std::string::npos)
        << results[0].failures[0].message;
    ASSERT_EQ(results[1].failures.size(), 1u);
    EXPECT_NE(results[1].failures[0].message.find(
                  "expected with_bonus to fail, got unresolved (parameter bonus has no value before 1998-03-01)"),
              std::string::npos)
        << results[1].failures[0].message;
}

TEST(Evaluator, PrunedRequestHoldsOnlyWhatItNeeds) {
    auto rs = must_compile(kArithmetic);
    Request req;
    req.decisions = {rs->find_decision("doubled")};
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","h":{"grant":"1.00"}})", req);
    EXPECT_EQ(out, R"({"decisions":{"doubled":"3.00"},"unresolved":{}})");
}

const char* const kLogic = R"(
ruleset t
facts f {
  a: bool
  b: bool
  d: int
  convicted: date?
}
decision a_or_b: bool cite "x" = f.a or f.b
decision a_and_b: bool cite "x" = f.a and f.b
decision guarded: bool cite "x" = f.convicted is present and f.convicted > 1997-07-01
decision safe_div: decimal cite "x" = if f.d == 0 then 0 else round_half_up(10 / f.d, 2)
decision unsafe_div: decimal cite "x" = round_half_up(10 / f.d, 2)
decision defaulted: date cite "x" = f.convicted otherwise 1800-01-01
decision chained: bool cite "x" = 1 <= f.d < 10
)";

TEST(Evaluator, ThreeValuedLogicShortCircuitsOverMissingFacts) {
    auto rs = must_compile(kLogic);
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","f":{"b":true,"d":0}})");
    EXPECT_NE(out.find("\"a_or_b\":true"), std::string::npos) << out;        // missing or true
    EXPECT_NE(out.find("\"a_and_b\":[\"f.a\"]"), std::string::npos) << out;  // missing and true
    out = evaluate(rs, R"({"as_of":"1999-06-01","f":{"b":false,"d":0}})");
    EXPECT_NE(out.find("\"a_and_b\":false"), std::string::npos) << out;  // missing and false
}

TEST(Evaluator, UntakenBranchesAreNotEvaluated) {
    auto rs = must_compile(kLogic);
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","f":{"d":0}})");
    EXPECT_NE(out.find("\"safe_div\":0"), std::string::npos) << out;
    EXPECT_NE(out.find("\"errors\":{\"unsafe_div\":\"division by zero in decision `unsafe_div` [x]\"}"),
              std::string::npos)
        << out;
}

TEST(Evaluator, OptionalValuesAreNarrowedAndDefaulted) {
    auto rs = must_compile(kLogic);
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","f":{"d":5}})");
    EXPECT_NE(out.find("\"guarded\":false"), std::string::npos) << out;
    EXPECT_NE(out.find("\"defaulted\":\"1800-01-01\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"chained\":true"), std::string::npos) << out;
    out = evaluate(rs, R"({"as_of":"1999-06-01","f":{"d":10,"convicted":"1997-07-02"}})");
    EXPECT_NE(out.find("\"guarded\":true"), std::string::npos) << out;
    EXPECT_NE(out.find("\"chained\":false"), std::string::npos) << out;
}

const char* const kWindows = R"(
ruleset t
record Payment { date: date, amount: money, kind: Kind }
enum Kind { transportation, start_to_work }
facts history { payments: list<Payment> }
decision paid_12: money cite "x" = sum(p.amount for p in history.payments where p.date within 12 months before as_of)
decision count_stw: int cite "x" = count(p in history.payments where p.kind == start_to_work)
decision last_stw: date? cite "x" = max(p.date for p in history.payments where p.kind == start_to_work)
decision any_big: bool cite "x" = any(p in history.payments where p.amount > $500)
decision all_small: bool cite "x" = all(p in history.payments where p.amount < $1,000)
decision amounts: list<money> cite "x" = [p.amount for p in history.payments where p.amount > $0]
decision latest: Payment? cite "x" = last(p in history.payments where p.kind == transportation)
)";

TEST(Evaluator, AggregatesOverRollingWindows) {
    auto rs = must_compile(kWindows);
    // a payment exactly 12 months old is outside "the 12 months before as_of"
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","history":{"payments":[
        {"date":"1998-06-01","amount":"100.00","kind":"transportation"},
        {"date":"1998-06-02","amount":"200.00","kind":"start_to_work"},
        {"date":"1999-06-01","amount":"300.00","kind":"transportation"}]}})");
    EXPECT_NE(out.find("\"paid_12\":\"500.00\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"count_stw\":1"), std::string::npos) << out;
    EXPECT_NE(out.find("\"last_stw\":\"1998-06-02\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"any_big\":false"), std::string::npos) << out;
    EXPECT_NE(out.find("\"all_small\":true"), std::string::npos) << out;
    EXPECT_NE(out.find("\"amounts\":[\"100.00\",\"200.00\",\"300.00\"]"), std::string::npos) << out;
    EXPECT_NE(out.find("\"latest\":{\"date\":\"1999-06-01\",\"amount\":\"300.00\",\"kind\":\"transportation\"}"),
              std::string::npos)
        << out;
}

TEST(Evaluator, EmptyListsMeanNoEvents) {
    auto rs = must_compile(kWindows);
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","history":{"payments":[]}})");
    EXPECT_NE(out.find("\"paid_12\":\"0.00\""), std::string::npos) << out;
    EXPECT_EQ(out.find("\"last_stw\""), std::string::npos) << out;  // none: omitted
    EXPECT_NE(out.find("\"any_big\":false"), std::string::npos) << out;
    EXPECT_NE(out.find("\"all_small\":true"), std::string::npos) << out;
}

// A ruleset with one ladder `sanction` of these levels, and decisions reading it.
std::string ladder_ruleset(const std::string& levels) {
    return "ruleset t\nrecord Episode { start: date, cured: date? }\nfacts history { episodes: list<Episode> }\n"
           "ladder sanction\n  episodes history.episodes from start until cured\n  carry highest\n  cite \"6.011.11 "
           "A\"\n{\n" +
           levels +
           "}\ndecision level: int cite \"x\" = sanction.level\ndecision percent: percent cite \"x\" = "
           "sanction.percent\n"
           "decision ends: date? cite \"x\" = sanction.level_ends\n";
}

const std::string kLadder = ladder_ruleset(
    "  level 1: 25%  for 30 days\n  level 2: 50%  for 30 days\n  level 3: 100% for at least 90 days until cured\n");

std::string ladder_at(const std::shared_ptr<const Ruleset>& rs, const std::string& as_of, const std::string& episodes) {
    return evaluate(rs, "{\"as_of\":\"" + as_of + "\",\"history\":{\"episodes\":" + episodes + "}}");
}

TEST(Evaluator, LadderFollowsTheContractsWorkedExample) {
    auto rs = must_compile(kLadder);
    const std::string never = R"([{"start":"1999-03-01"}])";
    // L1 1999-03-01..03-30, L2 03-31..04-29, L3 from 04-30, at least to 07-28, open-ended
    EXPECT_NE(ladder_at(rs, "1999-03-30", never).find("\"level\":1,\"percent\":25,\"ends\":\"1999-03-30\""),
              std::string::npos);
    EXPECT_NE(ladder_at(rs, "1999-03-31", never).find("\"level\":2,\"percent\":50,\"ends\":\"1999-04-29\""),
              std::string::npos);
    std::string l3 = ladder_at(rs, "1999-04-30", never);
    EXPECT_NE(l3.find("\"level\":3,\"percent\":100}"), std::string::npos) << l3;  // open-ended: no end
    // cured during L2: L2 runs to its end, no L3
    const std::string cured = R"([{"start":"1999-03-01","cured":"1999-04-10"}])";
    EXPECT_NE(ladder_at(rs, "1999-04-29", cured).find("\"level\":2"), std::string::npos);
    EXPECT_NE(ladder_at(rs, "1999-04-30", cured).find("\"level\":0,\"percent\":0"), std::string::npos);
    // cured on the last day of L1: no escalation; cured the day after: L2 starts
    EXPECT_NE(ladder_at(rs, "1999-03-31", R"([{"start":"1999-03-01","cured":"1999-03-30"}])").find("\"level\":0"),
              std::string::npos);
    EXPECT_NE(ladder_at(rs, "1999-03-31", R"([{"start":"1999-03-01","cured":"1999-03-31"}])").find("\"level\":2"),
              std::string::npos);
    // L3 cured late: runs to the day before the cure
    std::string late = ladder_at(rs, "1999-08-01", R"([{"start":"1999-03-01","cured":"1999-09-15"}])");
    EXPECT_NE(late.find("\"level\":3,\"percent\":100,\"ends\":\"1999-09-14\""), std::string::npos) << late;
}

TEST(Evaluator, LadderCountsSanctionsOverTheCasesLife) {
    auto rs = must_compile(kLadder);
    // the first episode reached level 2; the next one starts at level 3
    std::string out =
        ladder_at(rs, "1999-09-01", R"([{"start":"1999-01-01","cured":"1999-02-15"},{"start":"1999-08-20"}])");
    EXPECT_NE(out.find("\"level\":3"), std::string::npos) << out;
}

// LANGUAGE.md §8: a level can say what a cure does; kLadder above is Weld's reading (a cure
// only stops the escalation), this one ends levels on the cure.
const std::string kCuredLadder = ladder_ruleset(
    "  level 1: 25%  for at most 45 days until cured\n"
    "  level 2: 50%  for at least 10 days at most 45 days until cured\n"
    "  level 3: 100% until cured\n");

TEST(Evaluator, ACureEndsTheLevelsThatSaySo) {
    auto rs = must_compile(kCuredLadder);
    auto episode = [](const std::string& cured) {
        return "[{\"start\":\"1999-03-01\"" + (cured.empty() ? std::string() : ",\"cured\":\"" + cured + "\"") + "}]";
    };
    // at most 45 days: L1 1999-03-01..04-14 uncured, then L2 04-15..05-29, then L3 open-ended
    EXPECT_NE(ladder_at(rs, "1999-04-14", episode("")).find("\"level\":1,\"percent\":25,\"ends\":\"1999-04-14\""),
              std::string::npos);
    EXPECT_NE(ladder_at(rs, "1999-04-15", episode("")).find("\"level\":2,\"percent\":50,\"ends\":\"1999-05-29\""),
              std::string::npos);
    std::string l3 = ladder_at(rs, "1999-06-10", episode(""));
    EXPECT_NE(l3.find("\"level\":3,\"percent\":100}"), std::string::npos) << l3;
    // a cure during L1 ends it at once: the day before the cure is its last
    EXPECT_NE(
        ladder_at(rs, "1999-03-19", episode("1999-03-20")).find("\"level\":1,\"percent\":25,\"ends\":\"1999-03-19\""),
        std::string::npos);
    EXPECT_NE(ladder_at(rs, "1999-03-20", episode("1999-03-20")).find("\"level\":0"), std::string::npos);
    // two days into L2: it still lasts its minimum of 10 days (04-15..04-24)
    EXPECT_NE(
        ladder_at(rs, "1999-04-24", episode("1999-04-17")).find("\"level\":2,\"percent\":50,\"ends\":\"1999-04-24\""),
        std::string::npos);
    EXPECT_NE(ladder_at(rs, "1999-04-25", episode("1999-04-17")).find("\"level\":0"), std::string::npos);
    // plain `until cured` (no minimum): L3 from 05-30 ends the day before a cure on 06-01
    EXPECT_NE(
        ladder_at(rs, "1999-05-31", episode("1999-06-01")).find("\"level\":3,\"percent\":100,\"ends\":\"1999-05-31\""),
        std::string::npos);
    EXPECT_NE(ladder_at(rs, "1999-06-01", episode("1999-06-01")).find("\"level\":0"), std::string::npos);
}

const char* const kTables = R"(
ruleset t
enum Family { single_parent, two_parent }
table hours(fy: int, family: Family) -> (weekly: int, rate: percent) hit unique cite "6.013.1" {
  ..1998  | single_parent => 20 | 30%
  1999    | single_parent => 25 | 35%
  2000..  | single_parent => 30 | 40%
  any     | two_parent    => 35 | 90%
}
table band(x: int) -> int hit first cite "x" {
  < 10  => 1
  < 20  => 2
  any   => 3
}
table tags(x: int) -> int hit collect cite "x" {
  >= 0  => 1
  >= 5  => 2
  >= 10 => 3
}
fact family: Family
fact x: int
decision weekly: int cite "x" = hours(federal_fiscal_year(as_of), family).weekly
decision rate: percent cite "x" = hours(federal_fiscal_year(as_of), family).rate
decision banded: int cite "x" = band(x)
decision tagged: list<int> cite "x" = tags(x)
)";

TEST(Evaluator, TablesByHitPolicyAndFiscalYearEdges) {
    auto rs = must_compile(kTables);
    // 1998-09-30 is FY1998; 1998-10-01 is FY1999
    std::string a = evaluate(rs, R"({"as_of":"1998-09-30","family":"single_parent","x":5})");
    std::string b = evaluate(rs, R"({"as_of":"1998-10-01","family":"single_parent","x":15})");
    EXPECT_NE(a.find("\"weekly\":20,\"rate\":30,\"banded\":1,\"tagged\":[1,2]"), std::string::npos) << a;
    EXPECT_NE(b.find("\"weekly\":25,\"rate\":35,\"banded\":2,\"tagged\":[1,2,3]"), std::string::npos) << b;
}

TEST(Evaluator, EffectiveDatedParametersChangeOnTheirDay) {
    auto rs = must_compile(R"(
ruleset t
parameter cap: money cite "6.007.2" {
  before 1998-12-01 = $1,650
  from 1998-12-01 = $3,300
}
decision yearly_cap: money cite "x" = cap
)");
    EXPECT_NE(evaluate(rs, R"({"as_of":"1998-11-30"})").find("\"yearly_cap\":\"1650.00\""), std::string::npos);
    EXPECT_NE(evaluate(rs, R"({"as_of":"1998-12-01"})").find("\"yearly_cap\":\"3300.00\""), std::string::npos);
}

TEST(Evaluator, CollectAndLimitExplainTheirSteps) {
    auto rs = must_compile(R"(
ruleset t
enum Reason { no_care, remote }
facts h {
  care: bool
  remote: bool
  request: money
  paid: money
}
parameter cap: money = $1,650 cite "6.007.4"
decision reasons: list<Reason> cite "6.005.1" = collect {
  no_care when not h.care  cite "6.005.1 A"
  remote  when h.remote    cite "6.005.1 B"
}
decision approved: money cite "6.007" = limit h.request {
  at most cap                cite "6.007.4"
  at most $3,300 - h.paid    cite "6.007.2"
  at least $0
}
)");
    Request req;
    req.explain = true;
    std::string out = evaluate(
        rs, R"({"as_of":"1999-06-01","h":{"care":false,"remote":true,"request":"2000.00","paid":"2500.00"}})", req);
    EXPECT_NE(out.find("\"reasons\":[\"no_care\",\"remote\"]"), std::string::npos) << out;
    EXPECT_NE(out.find("\"approved\":\"800.00\""), std::string::npos) << out;
    EXPECT_NE(
        out.find(
            "{\"rule\":\"at most\",\"kind\":\"limit\",\"cite\":\"6.007.4\",\"type\":\"money\",\"value\":\"1650.00\"}"),
        std::string::npos)
        << out;
    EXPECT_NE(
        out.find(
            "{\"rule\":\"at most\",\"kind\":\"limit\",\"cite\":\"6.007.2\",\"type\":\"money\",\"value\":\"800.00\"}"),
        std::string::npos)
        << out;
    EXPECT_NE(out.find("\"cite\":\"6.005.1 B\",\"type\":\"Reason\",\"value\":\"remote\""), std::string::npos) << out;
}

TEST(Evaluator, DatesClampMonthEndsAndForeverIsWrittenAsTheDecisionSays) {
    auto rs = must_compile(R"(
ruleset t
fact d: date
fact lifetime: bool
decision plus_month: date cite "x" = d + 1 month
decision minus_day: date cite "x" = d - 1 day
decision gap: int cite "x" = days_between(1999-01-01, d)
decision disqualified_until: date cite "x" forever as "lifetime" = if lifetime then forever else d + 12 months - 1 day
)");
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","d":"2000-01-31","lifetime":true})");
    EXPECT_NE(out.find("\"plus_month\":\"2000-02-29\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"minus_day\":\"2000-01-30\""), std::string::npos) << out;
    EXPECT_NE(out.find("\"gap\":395"), std::string::npos) << out;
    EXPECT_NE(out.find("\"disqualified_until\":\"lifetime\""), std::string::npos) << out;
    out = evaluate(rs, R"({"as_of":"1999-06-01","d":"1999-03-15","lifetime":false})");
    EXPECT_NE(out.find("\"disqualified_until\":\"2000-03-14\""), std::string::npos) << out;
}

TEST(Evaluator, OverflowIsAnErrorNeverAWrap) {
    auto rs = must_compile(R"(
ruleset t
fact n: int
decision big: int cite "x" = n * n
)");
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","n":4000000000})");
    EXPECT_NE(out.find("\"errors\":{\"big\":\"arithmetic overflow"), std::string::npos) << out;
}

}  // namespace
}  // namespace tenet

#include <pthread.h>

namespace tenet {
namespace {

// Runs f on a thread with a stack of `bytes`.
void on_small_stack(size_t bytes, const std::function<void()>& f) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, bytes);
    pthread_t t;
    auto job = new std::function<void()>(f);
    pthread_create(
        &t, &attr,
        [](void* p) -> void* {
            auto* fn = static_cast<std::function<void()>*>(p);
            (*fn)();
            delete fn;
            return nullptr;
        },
        job);
    pthread_join(t, nullptr);
    pthread_attr_destroy(&attr);
}

TEST(Evaluator, DeepRuleChainsOnASmallStackFailCleanly) {
    std::string text = "ruleset t\nfact a: int\nrule r0: int cite \"x\" = a\n";
    for (int i = 1; i <= 1900; ++i) {
        text += "rule r" + std::to_string(i) + ": int cite \"x\" = r" + std::to_string(i - 1) + " + 1\n";
    }
    text += "decision d: int cite \"x\" = r1900\n";
    std::string out;
    // compiling recurses along the chain: it runs on a stack of its own, so a host thread with
    // 256 KiB is enough; evaluating recurses on the host's stack, and reports when it runs out
    on_small_stack(256 * 1024, [&] {
        auto r = testing::compile_text(text, {}, false);
        if (!r.ok()) {
            out = "compile failed: " + testing::diagnostics_text(r);
            return;
        }
        out = testing::evaluate(r.ruleset, R"({"as_of":"1999-06-01","a":1})");
    });
    EXPECT_TRUE(out == R"({"decisions":{"d":1901},"unresolved":{}})" ||
                out.find("evaluation nested too deeply") != std::string::npos)
        << out;
    // with a normal stack the chain evaluates
    auto r = testing::compile_text(text, {}, false);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(testing::evaluate(r.ruleset, R"({"as_of":"1999-06-01","a":1})"),
              R"({"decisions":{"d":1901},"unresolved":{}})");
}

TEST(Evaluator, ChainsPastTheLimitAreACheckerError) {
    std::string text = "ruleset t\nfact a: int\nrule r0: int cite \"x\" = a\n";
    for (int i = 1; i <= 5000; ++i) {
        text += "rule r" + std::to_string(i) + ": int cite \"x\" = r" + std::to_string(i - 1) + " + 1\n";
    }
    text += "decision d: int cite \"x\" = r5000\n";
    auto r = testing::compile_text(text, {}, false);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(testing::diagnostics_text(r).find("test.tenet:5004:10: error: decision `d` depends on other rules too "
                                                "deeply: a chain of 10003 operations, the limit is 10000"),
              std::string::npos)
        << testing::diagnostics_text(r).substr(0, 500);
}

}  // namespace
}  // namespace tenet
