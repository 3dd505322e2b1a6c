// Every limit of docs/LANGUAGE.md §12, through the public API, at the limit and one past it:
// the first works, the second fails with a clear error (at a position, or naming the JSON path
// or the rule), never a crash, a stack overflow or a wrapped number. Deep inputs run on small
// thread stacks. (The parser's own tests cover each construct's nesting; these are end to end.)
#include <gtest/gtest.h>
#include <pthread.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "check/checker.hpp"
#include "compile/graph.hpp"
#include "eval/case_json.hpp"
#include "support/support.hpp"
#include "syntax/parser.hpp"

namespace tenet {
namespace {

using testing::compile_text;
using testing::diagnostics_text;
using testing::evaluate;

std::string repeat(const std::string& s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

// Runs f on a thread with a stack of `bytes`.
void on_stack(size_t bytes, const std::function<void()>& f) {
    pthread_attr_t attr;
    ASSERT_EQ(pthread_attr_init(&attr), 0);
    ASSERT_EQ(pthread_attr_setstacksize(&attr, bytes), 0);
    pthread_t thread;
    auto body = [](void* p) -> void* {
        (*static_cast<const std::function<void()>*>(p))();
        return nullptr;
    };
    ASSERT_EQ(pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&f)), 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}

std::shared_ptr<const Ruleset> must_compile(const std::string& text) {
    CompileResult r = compile_text(text, {}, false);
    EXPECT_TRUE(r.ok()) << diagnostics_text(r);
    return r.ruleset;
}

// ---- source size and nesting -------------------------------------------------------------------

TEST(Limits, SourceOfOneMebibyteAndOneByteMore) {
    const std::string body = "ruleset t\nfact a: int\ndecision d: int cite \"x\" = a\n";
    std::string exact = body + std::string(syntax::kMaxSourceBytes - body.size(), ' ');
    ASSERT_EQ(exact.size(), 1u << 20);
    CompileResult ok = compile_text(exact, {}, false);
    EXPECT_TRUE(ok.ok()) << diagnostics_text(ok);
    CompileResult big = compile_text(exact + " ", {}, false);
    ASSERT_FALSE(big.ok());
    EXPECT_EQ(testing::headlines(big).at(0), "test.tenet: error: ruleset is larger than 1 MiB (the limit)");
}

TEST(Limits, NestingOf256LevelsAndOneMore) {
    auto nested = [](size_t n) {
        return "ruleset t\nfact a: int\ndecision d: int cite \"x\" =\n  " + repeat("(", n) + "a" + repeat(")", n) +
               "\n";
    };
    CompileResult ok = compile_text(nested(syntax::kMaxNestingDepth));
    EXPECT_TRUE(ok.ok()) << diagnostics_text(ok);
    CompileResult deep = compile_text(nested(syntax::kMaxNestingDepth + 1));
    ASSERT_FALSE(deep.ok());
    // at the innermost expression, the one 257 parentheses deep
    EXPECT_EQ(testing::headlines(deep).at(0),
              "test.tenet:4:260: error: expression nested too deeply (more than 256 levels)");
}

TEST(Limits, HundredThousandOpenBracketsOnASmallStack) {
    for (const char* open : {"(", "[", "{a: ", "not ", "-"}) {
        std::string text = "ruleset t\ndecision d: int cite \"x\" = " + repeat(open, 100000);
        std::string headline;
        on_stack(256 * 1024, [&] {
            CompileResult r = compile_text(text);
            headline = r.ok() ? "compiled" : testing::headlines(r).at(0);
        });
        EXPECT_EQ(headline.rfind("test.tenet:2:", 0), 0u) << open << ": " << headline;
        EXPECT_NE(headline.find("expression nested too deeply (more than 256 levels)"), std::string::npos)
            << open << ": " << headline;
    }
}

// ---- rule chains -------------------------------------------------------------------------------

// `decision d = r_n`, `rule r_i = r_{i-1}`, `rule r_0 = a`, declared from d down, so that the
// checker meets the whole chain at once.
std::string rule_chain(int rules) {
    std::string text = "ruleset t\nfact a: int\ndecision d: int cite \"x\" = r" + std::to_string(rules - 1) + "\n";
    for (int i = rules - 1; i > 0; --i) {
        text += "rule r" + std::to_string(i) + ": int cite \"x\" = r" + std::to_string(i - 1) + "\n";
    }
    return text + "rule r0: int cite \"x\" = a\n";
}

TEST(Limits, RuleChainsOf2000AndOneMore) {
    // the decision and 1,999 rules below it: 2,000 levels
    CompileResult ok = compile_text(rule_chain(check::kMaxRuleDepth - 1), {}, false);
    ASSERT_TRUE(ok.ok()) << diagnostics_text(ok).substr(0, 400);
    EXPECT_EQ(evaluate(ok.ruleset, R"({"as_of":"1999-06-01","a":7})"), R"({"decisions":{"d":7},"unresolved":{}})");
    CompileResult deep = compile_text(rule_chain(check::kMaxRuleDepth), {}, false);
    ASSERT_FALSE(deep.ok());
    EXPECT_NE(diagnostics_text(deep).find("rules depend on each other more than 2000 levels deep here (the limit)"),
              std::string::npos)
        << diagnostics_text(deep).substr(0, 400);
}

// Rules declared bottom up (so the checker's chain stays short) that the graph chains: R rules
// make 2R + 1 operations (each rule and its `+ 1`, the decision), a negation one more.
std::string operation_chain(int rules, bool extra_operation) {
    std::string text =
        "ruleset t\nfact a: int\nrule r0: int cite \"x\" = " + std::string(extra_operation ? "-a" : "a") + "\n";
    for (int i = 1; i < rules; ++i) {
        text += "rule r" + std::to_string(i) + ": int cite \"x\" = r" + std::to_string(i - 1) + " + 1\n";
    }
    return text + "decision d: int cite \"x\" = r" + std::to_string(rules - 1) + "\n";
}

TEST(Limits, GraphChainsOf10000OperationsAndOneMore) {
    CompileResult ok = compile_text(operation_chain(4999, true), {}, false);  // 10,000
    ASSERT_TRUE(ok.ok()) << diagnostics_text(ok).substr(0, 400);
    CompileResult deep = compile_text(operation_chain(5000, false), {}, false);  // 10,001
    ASSERT_FALSE(deep.ok());
    // at the decision at the end of the chain (LANGUAGE.md §12: "compile error", at its position)
    EXPECT_EQ(testing::headlines(deep)[0],
              "test.tenet:5003:10: error: decision `d` depends on other rules too deeply: a chain of 10001 "
              "operations, the limit is 10000 (about 2000 rules)");
}

// ---- cases: JSON depth, list length, number of errors -------------------------------------------

const char kListRuleset[] = R"(
ruleset t
fact xs: list<int>
decision n: int cite "x" = length(xs)
)";

// The case with `xs` holding `inner` inside `levels` arrays: the case object is level 1.
std::string case_with_nesting(size_t levels, bool under_unknown_key) {
    std::string value = repeat("[", levels - 1) + repeat("]", levels - 1);
    return std::string(R"({"as_of":"1999-06-01",")") + (under_unknown_key ? "extra" : "xs") + "\":" + value + "}";
}

TEST(Limits, JsonNestedTo512LevelsAndOneMore) {
    auto rs = must_compile(kListRuleset);
    std::string at = evaluate(rs, case_with_nesting(eval::kMaxJsonDepth, false));
    EXPECT_EQ(at.find("levels deep"), std::string::npos) << at.substr(0, 300);
    EXPECT_EQ(at.rfind("ERROR $.xs[0]: ", 0), 0u) << at.substr(0, 300);  // a list of lists is not a list<int>
    std::string past = evaluate(rs, case_with_nesting(eval::kMaxJsonDepth + 1, false));
    EXPECT_EQ(past.rfind("ERROR $.xs", 0), 0u) << past.substr(0, 300);
    EXPECT_NE(past.find("nested more than 512 levels deep"), std::string::npos) << past.substr(0, 300);
    // under a key the ruleset does not know, the value is skipped: the key is the error
    std::string skipped = evaluate(rs, case_with_nesting(100000, true));
    EXPECT_EQ(skipped.rfind("ERROR $.extra: unknown key `extra`", 0), 0u) << skipped.substr(0, 300);
}

TEST(Limits, HundredThousandOpenJsonBracketsOnASmallStack) {
    auto rs = must_compile(kListRuleset);
    std::string out;
    on_stack(64 * 1024, [&] { out = evaluate(rs, R"({"as_of":"1999-06-01","xs":)" + repeat("[", 100000)); });
    EXPECT_NE(out.find("$.xs"), std::string::npos) << out.substr(0, 300);
    EXPECT_NE(out.find("nested more than 512 levels deep"), std::string::npos) << out.substr(0, 300);
}

std::string case_with_list(size_t n) {
    std::string xs;
    for (size_t i = 0; i < n; ++i) xs += (i ? ",1" : "1");
    return R"({"as_of":"1999-06-01","xs":[)" + xs + "]}";
}

TEST(Limits, ListsOf100000ElementsAndOneMore) {
    auto rs = must_compile(kListRuleset);
    EXPECT_EQ(evaluate(rs, case_with_list(eval::kMaxListLength)), R"({"decisions":{"n":100000},"unresolved":{}})");
    EXPECT_EQ(evaluate(rs, case_with_list(eval::kMaxListLength + 1)), "ERROR $.xs: list has more than 100000 elements");
}

TEST(Limits, TwentyInputErrorsListedThenACount) {
    auto rs = must_compile("ruleset t\nfact a: int\ndecision d: int cite \"x\" = a\n");
    auto with_unknown_keys = [](int n) {
        std::string json = R"({"as_of":"1999-06-01")";
        for (int i = 0; i < n; ++i) json += ",\"k" + std::to_string(i) + "\":1";
        return json + "}";
    };
    Session session(rs);
    Case c;
    std::vector<InputError> errors;
    EXPECT_FALSE(session.decode(with_unknown_keys(eval::kMaxErrorsPerCase), &c, &errors));
    EXPECT_EQ(errors.size(), eval::kMaxErrorsPerCase);
    errors.clear();
    EXPECT_FALSE(session.decode(with_unknown_keys(eval::kMaxErrorsPerCase + 5), &c, &errors));
    ASSERT_EQ(errors.size(), eval::kMaxErrorsPerCase + 1);
    EXPECT_EQ(errors.back().path, "$");
    EXPECT_EQ(errors.back().message, "5 more errors not listed (the first 20 are)");
}

// ---- evaluation steps -------------------------------------------------------------------------

std::string int_list(size_t n) {
    std::string out = "[";
    for (size_t i = 0; i < n; ++i) out += (i ? "," : "") + std::to_string(i);
    return out + "]";
}

TEST(Limits, TenMillionEvaluationStepsAndOneMore) {
    // count charges |xs|, the inner any charges |ys| for each x, the last count |zs|:
    // 100 * (1 + 99,999) = 10,000,000, plus |zs|
    auto rs = must_compile(R"(
ruleset t
fact xs: list<int>
fact ys: list<int>
fact zs: list<int>
rule matches: int cite "r" = count(x in xs where any(y in ys where y == x))
decision total: int cite "x" = matches + count(z in zs)
)");
    auto case_with = [&](size_t zs) {
        return R"({"as_of":"1999-06-01","xs":)" + int_list(100) + R"(,"ys":)" + int_list(99999) + R"(,"zs":)" +
               int_list(zs) + "}";
    };
    EXPECT_EQ(evaluate(rs, case_with(0)), R"({"decisions":{"total":100},"unresolved":{}})");
    std::string past = evaluate(rs, case_with(1));
    EXPECT_NE(past.find("evaluation takes too many steps"), std::string::npos) << past;
}

TEST(Limits, LadderOf100000EpisodesInReverseOrderIsNotQuadratic) {
    auto rs = must_compile(R"(
ruleset t
record Episode { start: date, cured: date? }
fact episodes: list<Episode>
ladder sanction
  episodes episodes from start until cured
  cite "l"
{
  level 1: 25% for 30 days  cite "l1"
  level 2: 100% for at least 90 days until cured  cite "l2"
}
decision level: int cite "x" = sanction.level
)");
    // 100,000 one-day episodes, latest first: an insertion sort would take 5 billion steps
    std::string eps;
    for (int i = 0; i < 100000; ++i) {
        int day = 100000 - i;  // days after 1800-01-01, all before as_of
        int y = 1800 + day / 366, d = day % 366 % 28 + 1, m = day % 366 / 28 % 12 + 1;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s{\"start\":\"%04d-%02d-%02d\",\"cured\":\"%04d-%02d-%02d\"}", i ? "," : "", y,
                      m, d, y, m, d);
        eps += buf;
    }
    std::string out = evaluate(rs, R"({"as_of":"2100-01-01","episodes":[)" + eps + "]}");
    EXPECT_EQ(out, R"({"decisions":{"level":0},"unresolved":{}})");
}

// ---- arithmetic: overflow and division by zero are errors that name the rule ---------------------

TEST(Limits, IntegerAndMoneyOverflowAreErrorsNeverWraps) {
    auto rs = must_compile(R"(
ruleset t
fact n: int
fact m: money
rule square: int cite "s" = n * n
decision sum: int cite "x" = n + 9223372036854775807
decision difference: int cite "x" = -n - 9223372036854775807
decision product: int cite "x" = square * 2
decision negated: int cite "x" = -(n - 9223372036854775807 - 1)
decision money_sum: money cite "x" = round_down(m * 10000000000, cent)
decision money_fits: money cite "x" = m + $1
)");
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","n":4000000000,"m":"999999999999.99"})");
    for (const char* decision : {"sum", "difference", "product", "money_sum"}) {
        EXPECT_NE(out.find(std::string("\"") + decision + "\":\"arithmetic overflow"), std::string::npos)
            << decision << ": " << out;
    }
    EXPECT_NE(out.find("rule `square`"), std::string::npos) << out;  // the rule where it happened
    EXPECT_NE(out.find("\"money_fits\":\"1000000000000.99\""), std::string::npos) << out;
    out = evaluate(rs, R"({"as_of":"1999-06-01","n":1,"m":"0"})");
    EXPECT_NE(out.find("\"sum\":\"arithmetic overflow"), std::string::npos) << out;    // INT64_MAX + 1
    EXPECT_NE(out.find("\"negated\":9223372036854775807"), std::string::npos) << out;  // -(INT64_MIN + 1)
    out = evaluate(rs, R"({"as_of":"1999-06-01","n":0,"m":"0"})");
    EXPECT_NE(out.find("\"sum\":9223372036854775807"), std::string::npos) << out;        // at the limit
    EXPECT_NE(out.find("\"negated\":\"arithmetic overflow"), std::string::npos) << out;  // -INT64_MIN
}

TEST(Limits, DivisionByZeroNamesTheRule) {
    auto rs = must_compile(R"(
ruleset t
fact n: int
fact m: money
rule share: money cite "6.1 A" = m / n
rule ratio: decimal cite "6.1 B" = m / (m - m)
decision payment: money cite "x" = round_down(share, cent)
decision rate: decimal cite "x" = round_half_up(ratio, 2)
decision whole: int cite "x" = ceil(n / 0)
)");
    std::string out = evaluate(rs, R"({"as_of":"1999-06-01","n":0,"m":"10.00"})");
    EXPECT_NE(out.find("division by zero in rule `share` [6.1 A]"), std::string::npos) << out;
    EXPECT_NE(out.find("division by zero in rule `ratio` [6.1 B]"), std::string::npos) << out;
    EXPECT_NE(out.find("division by zero in decision `whole` [x]"), std::string::npos) << out;
}

}  // namespace
}  // namespace tenet
