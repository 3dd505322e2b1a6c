// The checker: every class of ruleset error has a test with its exact message and position;
// warnings for uncited rules, unused facts, untested decisions, table gaps and unreachable rows.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/checker.hpp"
#include "support/support.hpp"

namespace tenet {
namespace {

using testing::compile_text;
using testing::diagnostics_text;
using testing::headlines;

// The first diagnostic's headline, for one-error tests.
std::string first_error(const std::string& text, const std::map<std::string, std::string>& files = {}) {
    auto r = compile_text(text, files, false);
    EXPECT_FALSE(r.ok()) << "expected an error";
    auto h = headlines(r);
    return h.empty() ? "" : h[0];
}

TEST(Checker, MoneyTimesMoneyIsAnError) {
    EXPECT_EQ(first_error("ruleset t\nfact a: money\ndecision d: money cite \"x\" = a * a\n"),
              "test.tenet:3:30: error: cannot multiply money by money: one side must be a number or a percent");
}

TEST(Checker, PercentPlusNumberIsAnError) {
    EXPECT_EQ(
        first_error("ruleset t\nfact p: percent\ndecision d: percent cite \"x\" = p - 67\n"),
        "test.tenet:3:32: error: cannot subtract a percent and an int: write the number as a percent, e.g. `67%`");
}

TEST(Checker, MoneyPlusIntAndDateMinusDateAreFine) {
    auto r = compile_text(R"(
ruleset t
fact a: money
fact d: date
decision m: money cite "x" = a + 5
decision span: duration cite "x" = d - 1999-01-01
decision later: bool cite "x" = d - 1999-01-01 > 30 days
)",
                          {}, false);
    EXPECT_TRUE(r.ok()) << diagnostics_text(r);
}

TEST(Checker, MoneyDecisionsMustBeRoundedToTheCent) {
    EXPECT_EQ(first_error("ruleset t\nfact a: money\ndecision d: money cite \"x\" = a * 25%\n"),
              "test.tenet:3:30: error: decision `d` is money and may hold fractions of a cent here; round it "
              "explicitly, e.g. `round_down(..., cent)` or `round_half_up(..., cent)`");
    auto ok = compile_text(
        "ruleset t\nfact a: money\nrule r: money cite \"x\" = a * 185% / 12\n"
        "decision d: bool cite \"x\" = a < r\n",
        {}, false);
    EXPECT_TRUE(ok.ok()) << diagnostics_text(ok);
}

TEST(Checker, OptionalValuesMustBeHandled) {
    EXPECT_EQ(
        first_error("ruleset t\nfact d: date?\ndecision x: bool cite \"x\" = d > 1997-07-01\n"),
        "test.tenet:3:29: error: this value may be none: test `is present` first, or give a default with `otherwise`");
    EXPECT_EQ(first_error("ruleset t\nfact d: date\ndecision x: bool cite \"x\" = d is present\n"),
              "test.tenet:3:29: error: this date is never none, so `is present` is always true");
}

TEST(Checker, UnknownNamesSuggestTheClosest) {
    EXPECT_EQ(
        first_error("ruleset t\nfacts household {\n  size: int\n}\ndecision x: int cite \"x\" = household.sise\n"),
        "test.tenet:5:28: error: no fact `household.sise` (did you mean `household.size`?)");
    EXPECT_EQ(first_error("ruleset t\nparameter cap: money = $2,000 cite \"x\"\ndecision x: money cite \"x\" = cpa\n"),
              "test.tenet:3:30: error: unknown name `cpa` (did you mean `cap`?)");
}

// A value's name is never "corrected" to a case's or a type's: `sanction` (a ladder that did not
// parse) once drew "did you mean `sanctions`?", the name of a case.
TEST(Checker, AValueIsSuggestedOnlyValues) {
    EXPECT_EQ(first_error("ruleset t\nrecord Sanction { start: date }\ndecision x: int cite \"x\" = sanction\n"
                          "case sanctions { as_of = 1999-01-01 }\n"),
              "test.tenet:3:28: error: unknown name `sanction`");
    EXPECT_EQ(first_error("ruleset t\nfact sanctions: int\ndecision x: int cite \"x\" = sanction\n"
                          "case sanctionz { as_of = 1999-01-01 }\n"),
              "test.tenet:3:28: error: unknown name `sanction` (did you mean `sanctions`?)");
}

TEST(Checker, CyclesAreReportedWithTheChain) {
    EXPECT_EQ(first_error(
                  "ruleset t\nrule a: int cite \"x\" = b + 1\nrule b: int cite \"x\" = c\nrule c: int cite \"x\" = a\n"
                  "decision d: int cite \"x\" = a\n"),
              "test.tenet:2:6: error: `a` depends on itself: a → b → c → a");
}

TEST(Checker, AccidentalRedefinitionAndOverride) {
    std::map<std::string, std::string> files{
        {"base.tenet",
         "ruleset base\nparameter resource_limit: money = $2,000 cite \"6.002.1 B\"\n"
         "decision ok: bool cite \"x\" = $100 <= resource_limit\n"}};
    EXPECT_EQ(
        first_error("ruleset county\nextends \"base.tenet\"\nparameter resource_limit: money = $2,500 cite \"x\"\n",
                    files),
        "test.tenet:3:11: error: `resource_limit` is already defined (as a parameter); to replace an inherited "
        "declaration, write `override`");
    EXPECT_EQ(
        first_error(
            "ruleset county\nextends \"base.tenet\"\noverride parameter resource_limt: money = $2,500 cite \"x\"\n",
            files),
        "test.tenet:3:20: error: `override` of `resource_limt`, but nothing of that name is inherited: remove "
        "`override` to declare it");
    EXPECT_EQ(
        first_error("ruleset county\nextends \"base.tenet\"\noverride parameter resource_limit: int = 2 cite \"x\"\n",
                    files),
        "test.tenet:3:20: error: the override of `resource_limit` must keep the inherited signature (types, parameters "
        "and outputs)");
    // a correct override changes the base's decision
    auto r = compile_text(
        "ruleset county\nextends \"base.tenet\"\noverride parameter resource_limit: money = $50 cite \"county\"\n",
        files, false);
    ASSERT_TRUE(r.ok()) << diagnostics_text(r);
    EXPECT_NE(testing::evaluate(r.ruleset, R"({"as_of":"1999-06-01"})").find("\"ok\":false"), std::string::npos);
}

TEST(Checker, ADuplicateDecisionIsCalledADecision) {
    EXPECT_EQ(first_error("ruleset t\nfact a: int\ndecision d: int cite \"x\" = a\ndecision d: int cite \"x\" = a\n"),
              "test.tenet:4:10: error: `d` is already defined (as a decision); to replace an inherited declaration, "
              "write `override`");
    EXPECT_EQ(first_error("ruleset t\nfact a: int\nrule r: int cite \"x\" = a\ndecision r: int cite \"x\" = a\n"),
              "test.tenet:4:10: error: `r` is already defined (as a rule); to replace an inherited declaration, write "
              "`override`");
    EXPECT_EQ(
        first_error("ruleset t\nfact a: int\ndecision d: int cite \"x\" = a\ndecision e: int cite \"x\" = d(1)\n"),
        "test.tenet:4:28: error: `d` is a decision, not a function");
}

TEST(Checker, TableAnalysisLimitIsNamed) {
    // 500 rows of single values: some 1,000 samples per column, a million combinations
    std::string text = "ruleset t\ntable big(a: int, b: int) -> int hit first cite \"x\" {\n";
    for (int i = 0; i < 500; ++i) text += "  " + std::to_string(i) + " | " + std::to_string(i) + " => 1\n";
    text += "  any | any => 0\n}\n";
    auto r = compile_text(text, {}, true);
    ASSERT_TRUE(r.ok()) << diagnostics_text(r).substr(0, 400);
    ASSERT_FALSE(headlines(r).empty());
    EXPECT_EQ(headlines(r)[0],
              "test.tenet:2:7: warning: table `big` has more than 200000 input combinations (the limit of table "
              "analysis); overlaps, gaps and unreachable rows were not checked");
}

TEST(Checker, ImportsAndMissingFiles) {
    std::map<std::string, std::string> files{
        {"lib.tenet", "library lib\nparameter base: money = $8,240 cite \"HHS\"\n"}};
    auto r = compile_text("ruleset t\nimport \"lib.tenet\"\ndecision d: money cite \"x\" = base\n", files, false);
    EXPECT_TRUE(r.ok()) << diagnostics_text(r);
    EXPECT_EQ(first_error("ruleset t\nimport \"nope.tenet\"\n"),
              "test.tenet:2:8: error: cannot read `nope.tenet`: No such file");
    EXPECT_EQ(first_error("ruleset t\nimport \"lib.tenet\"\n", {{"lib.tenet", "ruleset lib\n"}}),
              "test.tenet:2:8: error: `lib.tenet` is a ruleset; only a library can be imported");
}

TEST(Checker, TableOverlapGapAndUnreachableRow) {
    EXPECT_EQ(first_error(R"(ruleset t
table hours(fy: int) -> int hit unique cite "6.013.1" {
  ..1999 => 20
  1999.. => 25
}
)"),
              "test.tenet:4:3: error: rows 1 and 2 of table `hours` overlap: both match fy = 1999 (the table is `hit "
              "unique`)");
    auto gap = compile_text(R"(ruleset t
enum F { one, two }
table hours(fy: int, f: F) -> int hit unique cite "6.013.1" {
  ..1998 | one => 20
  2000.. | any => 25
}
fact fy: int
fact f: F
decision h: int cite "x" = hours(fy, f)
test t { as_of = 1999-01-01
  fy = 1998
  f = one
  expect h == 20 }
)");
    ASSERT_TRUE(gap.ok()) << diagnostics_text(gap);
    EXPECT_EQ(headlines(gap)[0],
              "test.tenet:3:7: warning: table `hours` has no row for fy < 1998, f = two; nor for fy = 1998, f = two; "
              "nor for fy = 1999, f = one (and 1 more combinations): such inputs leave the decision unresolved");
    auto unreachable = compile_text(R"(ruleset t
table band(x: int) -> int hit first cite "x" {
  any    => 1
  < 10   => 2
}
fact x: int
decision b: int cite "x" = band(x)
test t { as_of = 1999-01-01
  x = 1
  expect b == 1 }
)");
    ASSERT_TRUE(unreachable.ok()) << diagnostics_text(unreachable);
    EXPECT_EQ(
        headlines(unreachable)[0],
        "test.tenet:4:3: warning: row 2 of table `band` is never used: rows above it match every input it matches");
}

// LANGUAGE.md §6: an input declared `in LO..HI` needs rows only for those values.
TEST(Checker, TableGapsAreCheckedAgainstTheInputsRange) {
    auto text = [](const std::string& input, const std::string& rows) {
        return "ruleset t\ntable allowance(size: int" + input + ") -> money hit unique cite \"x\" {\n" + rows +
               "}\nfact size: int\ndecision d: money cite \"x\" = allowance(size)\n"
               "test t { as_of = 1999-01-01\n  size = 1\n  expect d == $100 }\n";
    };
    auto covered = compile_text(text(" in 1..30", "  1..8  => $100\n  9..30 => $200\n"));
    ASSERT_TRUE(covered.ok()) << diagnostics_text(covered);
    EXPECT_EQ(diagnostics_text(covered), "");
    auto gap = compile_text(text(" in 1..30", "  1..8  => $100\n  10..  => $200\n"));
    ASSERT_TRUE(gap.ok()) << diagnostics_text(gap);
    EXPECT_EQ(headlines(gap)[0],
              "test.tenet:2:7: warning: table `allowance` has no row for size = 9: such inputs leave "
              "the decision unresolved");
    auto unbounded = compile_text(text("", "  1..8  => $100\n  9..30 => $200\n"));
    EXPECT_EQ(headlines(unbounded)[0],
              "test.tenet:2:7: warning: table `allowance` has no row for size < 1; nor for "
              "size > 30: such inputs leave the decision unresolved");
    EXPECT_EQ(first_error(text(" in true..", "  1..8  => $100\n")),
              "test.tenet:2:30: error: a bound of the range must be int, but this is bool");
}

// An input without a range of its own takes the range of the fact every call passes
// (`household.size: int in 1..30`), and the gap warning says so.
TEST(Checker, TableGapsAreCheckedAgainstTheRangeOfTheFactPassed) {
    auto text = [](const std::string& fact_range, const std::string& rows, const std::string& calls) {
        return "ruleset t\ntable allowance(size: int) -> money hit unique cite \"x\" {\n" + rows +
               "}\nfacts household {\n  size: int" + fact_range + "\n  other: int in 1..40\n}\n" +
               "decision d: money cite \"x\" = " + calls +
               "\n"
               "test t { as_of = 1999-01-01\n  household.size = 1\n  household.other = 1\n  expect d == $100 }\n";
    };
    auto covered = compile_text(text(" in 1..30", "  1..8  => $100\n  9..30 => $200\n", "allowance(household.size)"));
    ASSERT_TRUE(covered.ok()) << diagnostics_text(covered);
    EXPECT_EQ(diagnostics_text(covered).find("table"), std::string::npos) << diagnostics_text(covered);
    auto gap = compile_text(text(" in 1..30", "  1..8  => $100\n  10..  => $200\n", "allowance(household.size)"));
    ASSERT_TRUE(gap.ok()) << diagnostics_text(gap);
    EXPECT_EQ(headlines(gap)[0],
              "test.tenet:2:7: warning: table `allowance` has no row for size = 9: such inputs leave "
              "the decision unresolved (checked within the declared range of `household.size`)");
    // two calls: the range holds both facts' values (1..40)
    auto both = compile_text(text(" in 1..30", "  1..8  => $100\n  9..30 => $200\n",
                                  "allowance(household.size) + allowance(household.other)"));
    ASSERT_TRUE(both.ok()) << diagnostics_text(both);
    EXPECT_EQ(headlines(both)[0],
              "test.tenet:2:7: warning: table `allowance` has no row for size 31..39; nor for size = "
              "40: such inputs leave the decision unresolved (checked within the declared range of `household.other`, "
              "`household.size`)");
    // a computed argument can be anything
    auto computed =
        compile_text(text(" in 1..30", "  1..8  => $100\n  9..30 => $200\n", "allowance(household.size + 0)"));
    EXPECT_EQ(headlines(computed)[0],
              "test.tenet:2:7: warning: table `allowance` has no row for size < 1; nor for "
              "size > 30: such inputs leave the decision unresolved");
}

TEST(Checker, WarningsForUncitedUnusedAndUntested) {
    auto r = compile_text(R"(ruleset t
fact a: int
fact unused: int
decision d: int = a
)");
    ASSERT_TRUE(r.ok()) << diagnostics_text(r);
    std::vector<std::string> expected{
        "test.tenet:3:6: warning: fact `unused` is not used by any rule",
        "test.tenet:4:10: warning: decision `d` has no citation: add `cite \"...\"` naming the policy section it comes "
        "from",
        "test.tenet:4:10: warning: decision `d` is not checked by any test in this file",
    };
    EXPECT_EQ(headlines(r), expected);
}

TEST(Checker, ParameterPeriodsMayNotOverlap) {
    EXPECT_EQ(first_error(R"(ruleset t
parameter cap: money cite "x" {
  from 1998-01-01 = $1
  from 1997-06-01 to 1998-01-31 = $2
}
)"),
              "test.tenet:3:21: error: the periods of parameter `cap` overlap from 1998-01-01");
}

TEST(Checker, TestsNameRealFactsAndDecisions) {
    EXPECT_EQ(first_error("ruleset t\nfact a: int\ndecision d: int cite \"x\" = a\n"
                          "test x { as_of = 1999-01-01\n  b = 1\n  expect d == 1 }\n"),
              "test.tenet:5:3: error: no fact `b` (did you mean `a`?)");
    EXPECT_EQ(first_error("ruleset t\nfact a: int\ndecision d: int cite \"x\" = a\n"
                          "test x { as_of = 1999-01-01\n  a = $1.50\n  expect d == 1 }\n"),
              "test.tenet:5:7: error: the value of `a` must be int, but this is money");
}

TEST(Checker, TestValuesStayInTheFactsRanges) {
    const std::string text =
        "ruleset t\nfacts household {\n  size: int in 1..30\n  income: money in $0..\n}\n"
        "fact applied: date in 1997-07-01..\n"
        "decision d: int cite \"x\" = household.size\n";
    auto r = compile_text(text +
                              "test big { as_of = 1999-01-01\n  household.size = 40\n  household.income = -$1\n"
                              "  applied = 1990-01-01\n  expect d == 40 }\n",
                          {}, false);
    EXPECT_EQ(headlines(r),
              (std::vector<std::string>{
                  "test.tenet:9:20: error: the value of `household.size` is outside the range the fact "
                  "declares: value is above the largest allowed, 30",
                  "test.tenet:10:22: error: the value of `household.income` is outside the range the fact "
                  "declares: value is below the smallest allowed, 0.00",
                  "test.tenet:11:13: error: the value of `applied` is outside the range the fact "
                  "declares: value is below the smallest allowed, 1997-07-01"}));
    // a case that tests start from is checked the same way; values at the ends are fine
    auto c = compile_text(text + "case big { household.size = 31 }\n", {}, false);
    EXPECT_EQ(headlines(c), (std::vector<std::string>{"test.tenet:8:29: error: the value of `household.size` is "
                                                      "outside the range the fact declares: value is above the largest "
                                                      "allowed, 30"}));
    auto ok = compile_text(text +
                               "test ends { as_of = 1999-01-01\n  household.size = 30\n  household.income = $0\n"
                               "  applied = 1997-07-01\n  expect d == 30 }\n",
                           {}, false);
    EXPECT_TRUE(ok.ok()) << diagnostics_text(ok);
}

TEST(Checker, ParameterValuesThatOverflowAreErrors) {
    EXPECT_EQ(first_error("ruleset t\nparameter big: int = 9223372036854775807 + 1 cite \"x\"\n"),
              "test.tenet:2:22: error: the value of parameter `big` cannot be computed: arithmetic overflow (the "
              "result is too large to hold exactly)");
    EXPECT_EQ(first_error("ruleset t\nparameter cash: money = $92,233,720,368,547,758 * 1000 cite \"x\"\n"),
              "test.tenet:2:25: error: the value of parameter `cash` cannot be computed: arithmetic overflow (the "
              "result is too large to hold exactly)");
    EXPECT_EQ(first_error("ruleset t\nparameter r: decimal = 1 / (2 - 2) cite \"x\"\n"),
              "test.tenet:2:24: error: the value of parameter `r` cannot be computed: division by zero");
    // in one period only: the day it starts is named, and the error is the parameter that computes
    auto r = compile_text(
        "ruleset t\nparameter base: int cite \"x\" {\n  before 1999-01-01 = 1\n"
        "  from 1999-01-01 = 9223372036854775807\n}\n"
        "parameter doubled: int = base * 2 cite \"x\"\n",
        {}, false);
    EXPECT_EQ(headlines(r), (std::vector<std::string>{"test.tenet:6:26: error: the value of parameter `doubled` cannot "
                                                      "be computed on 1999-01-01: arithmetic overflow (the result is "
                                                      "too large to hold exactly)"}));
}

// Golden files: tests/check/golden/NAME.tenet and NAME.expected (the formatted diagnostics).
TEST(Checker, GoldenDiagnostics) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(TENET_TESTS_DIR) / "check" / "golden";
    int count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".tenet" || entry.path().stem().string().rfind("lib_", 0) == 0) continue;
        fs::path expected_path = entry.path();
        expected_path.replace_extension(".expected");
        std::ifstream in(expected_path);
        ASSERT_TRUE(in) << "missing " << expected_path;
        std::stringstream expected;
        expected << in.rdbuf();
        fs::path old = fs::current_path();
        fs::current_path(dir.parent_path());
        auto r = compile_file("golden/" + entry.path().filename().string());
        fs::current_path(old);
        std::string actual = diagnostics_text(r);
        EXPECT_EQ(actual, expected.str()) << "golden " << entry.path().filename() << "; actual output:\n" << actual;
        ++count;
    }
    EXPECT_GT(count, 0);
}

}  // namespace
}  // namespace tenet

namespace tenet {
namespace {

// Hosts that only evaluate may leave the ruleset's own tests out: a broken test is then not an
// error, and run_tests finds none; by default it is checked.
TEST(Checker, TestsCanBeLeftOutOfACompileForEvaluation) {
    const std::string text =
        "ruleset t\nfact a: int\ndecision d: int cite \"x\" = a + 1\n"
        "test broken { a = 1\n expect nope == 2 }\n";
    CompileOptions with_tests;
    auto checked = compile_source("t.tenet", text, with_tests);
    ASSERT_FALSE(checked.ok());
    EXPECT_NE(checked.diagnostics.at(0).message.find("no decision or rule `nope`"), std::string::npos);

    CompileOptions without_tests;
    without_tests.tests = false;
    auto compiled = compile_source("t.tenet", text, without_tests);
    ASSERT_TRUE(compiled.ok());
    EXPECT_TRUE(run_tests(*compiled.ruleset).empty());
}

// Found by the compile fuzzer: a test expecting a list literal of a decision whose element type is
// unknown crashed the checker while it composed a message about list element types.
TEST(Checker, ListOfAnUnknownTypeInATestIsOneError) {
    auto r = compile_text(
        "ruleset t\nfact as_of: date\ndecision x: list<Unknown> cite \"x\" = []\n"
        "test t1 \"t\" {\n  as_of = 1999-01-01\n  expect x == [1]\n}\n",
        {}, false);
    EXPECT_EQ(headlines(r), (std::vector<std::string>{"test.tenet:3:18: error: unknown type `Unknown`"}));
}

// Editors point into a ruleset while it has errors (tenet lsp): asked to, the checker keeps the
// model, with what did check resolved; each diagnostic says how many bytes it is about.
TEST(Checker, KeepsTheModelWithErrorsWhenAskedAndDiagnosticsHaveLengths) {
    const std::string text =
        "ruleset t\nparameter cap: money = $5 cite \"x\"\ndecision d: money cite \"x\" = cap + nothing_here\n";
    std::vector<Diagnostic> diags;
    EXPECT_EQ(check::check_source("t.tenet", text, &diags), nullptr);
    check::CheckOptions options;
    options.keep_model_with_errors = true;
    diags.clear();
    auto model = check::check_source("t.tenet", text, &diags, options);
    ASSERT_NE(model, nullptr);
    ASSERT_TRUE(has_errors(diags));
    EXPECT_EQ(text.substr(diags[0].offset, diags[0].length), "nothing_here");
    EXPECT_EQ(model->symbols.count("cap"), 1u);
    EXPECT_EQ(model->symbols.count("d"), 1u);
}

}  // namespace
}  // namespace tenet
