// Explanations: the JSON steps (what each rule read, its type, the parameter's period, the facts
// an unresolved decision waited on, no untaken branch) and the text read aloud in both locales.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "render/explain_messages.hpp"
#include "support/support.hpp"

#include "tenet/tenet.hpp"

namespace tenet {
namespace {

const char* const kRuleset = R"tenet(ruleset e "Explanations"
fact household.grant: money
fact household.size: int
fact history.refused: bool
parameter cap: money cite "6.007.2" {
  before 1998-12-01 = $1,650   cite "6.007.4 (unrevised)"
  from 1998-12-01   = $3,300   cite "6.007.2 (Revised 12/98)"
}
parameter cut: percent = 25% cite "6.011.11 A"
rule reduced: money cite "6.011.11 A" = round_down(household.grant * (100% - cut), cent)
decision payment: money
  cite "6.011.11 A; 6.007.2"
  = if history.refused then $0 else min(reduced, cap)
decision per_person: money cite "t" = round_down(household.grant / household.size, cent)
)tenet";

struct Fixture {
    std::shared_ptr<const Ruleset> rs;
    std::unique_ptr<Session> session;
    Case c;
    explicit Fixture(const std::string& json, const char* ruleset = kRuleset) {
        CompileResult r = compile_source("e.tenet", ruleset, CompileOptions{{}, false});
        EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : format_diagnostic(r.diagnostics[0]));
        rs = r.ruleset;
        session = std::make_unique<Session>(rs);
        std::vector<InputError> errors;
        EXPECT_TRUE(session->decode(json, &c, &errors)) << (errors.empty() ? "" : errors[0].message);
    }
    nlohmann::ordered_json explain() {
        Request request;
        request.explain = true;
        std::string out;
        std::vector<InputError> errors;
        EXPECT_TRUE(session->evaluate_json(c, request, &out, &errors));
        return nlohmann::ordered_json::parse(out);
    }
    std::string text(const std::string& lang, const char* decision = "payment") {
        Request request;
        request.decisions = {rs->find_decision(decision)};
        std::string out;
        std::vector<InputError> errors;
        EXPECT_TRUE(session->explain_text(c, request, lang, &out, &errors));
        return out;
    }
};

const nlohmann::ordered_json* step(const nlohmann::ordered_json& steps, const std::string& rule) {
    for (const auto& s : steps) {
        if (s["rule"] == rule) return &s;
    }
    return nullptr;
}

TEST(Explain, StepsNameWhatEachRuleReadAndTheParameterPeriod) {
    Fixture f(R"({"as_of": "1999-06-01", "household": {"grant": "303.00"}, "history": {"refused": false}})");
    auto doc = f.explain();
    const auto& steps = doc["explanation"]["payment"];
    const auto* payment = step(steps, "payment");
    ASSERT_TRUE(payment);
    EXPECT_EQ(payment->at("type"), "money");
    EXPECT_EQ(payment->at("value"), "227.25");
    EXPECT_EQ(payment->at("cite"), "6.011.11 A; 6.007.2");
    EXPECT_EQ(payment->at("reads"), nlohmann::ordered_json::parse(R"(["cap", "history.refused", "reduced"])"));
    EXPECT_EQ(steps.back()["rule"], "payment");  // evaluation order: the decision comes last
    const auto* cap = step(steps, "cap");
    ASSERT_TRUE(cap);
    EXPECT_EQ(cap->at("value"), "3300.00");
    EXPECT_EQ(cap->at("effective"), "from 1998-12-01");
    EXPECT_EQ(cap->at("cite"), "6.007.2 (Revised 12/98)");
    const auto* reduced = step(steps, "reduced");
    ASSERT_TRUE(reduced);
    EXPECT_EQ(reduced->at("reads"), nlohmann::ordered_json::parse(R"(["cut", "household.grant"])"));
}

TEST(Explain, UntakenBranchesAreNotListed) {
    Fixture f(R"({"as_of": "1999-06-01", "household": {"grant": "303.00"}, "history": {"refused": true}})");
    auto doc = f.explain();
    const auto& steps = doc["explanation"]["payment"];
    EXPECT_EQ(step(steps, "reduced"), nullptr);
    EXPECT_EQ(step(steps, "household.grant"), nullptr);
    EXPECT_EQ(step(steps, "payment")->at("reads"), nlohmann::ordered_json::parse(R"(["history.refused"])"));
}

TEST(Explain, AnUnresolvedDecisionNamesItsMissingFacts) {
    Fixture f(R"({"as_of": "1999-06-01", "household": {"grant": "303.00"}, "history": {"refused": false}})");
    auto doc = f.explain();
    EXPECT_EQ(doc["unresolved"]["per_person"], nlohmann::ordered_json::parse(R"(["household.size"])"));
    const auto* per_person = step(doc["explanation"]["per_person"], "per_person");
    ASSERT_TRUE(per_person);
    EXPECT_EQ(per_person->at("missing"), nlohmann::ordered_json::parse(R"(["household.size"])"));
}

TEST(Explain, TextInEnglishAndSpanish) {
    Fixture f(R"({"as_of": "1998-06-01", "household": {"grant": "3000.00"}, "history": {"refused": false}})");
    std::string en = f.text("en");
    EXPECT_EQ(en.substr(0, en.find('\n')), "payment = $1,650.00");
    EXPECT_NE(en.find("cap (parameter) = $1,650.00, before December 1, 1998 [6.007.4 (unrevised)]"), std::string::npos)
        << en;
    EXPECT_NE(en.find("cut (parameter) = 25% [6.011.11 A]"), std::string::npos) << en;
    EXPECT_NE(en.find("history.refused (fact) = false"), std::string::npos) << en;
    EXPECT_NE(en.find("payment (decision) = $1,650.00 [6.011.11 A; 6.007.2]; read: cap, history.refused, reduced"),
              std::string::npos)
        << en;
    std::string es = f.text("es");
    EXPECT_NE(es.find("cap (parámetro) = $1,650.00, antes del 1 de diciembre de 1998"), std::string::npos) << es;
    EXPECT_NE(es.find("history.refused (hecho) = falso"), std::string::npos) << es;
    EXPECT_NE(es.find("leyó: cap, history.refused, reduced"), std::string::npos) << es;

    std::string missing = f.text("en", "per_person");
    EXPECT_EQ(missing.substr(0, missing.find('\n')), "per_person: unresolved, missing household.size");

    Request request;
    std::string out;
    std::vector<InputError> errors;
    EXPECT_FALSE(f.session->explain_text(f.c, request, "fr", &out, &errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].path, "--lang");
}

// CONTRACT.md §1: a failure is not "missing": the explanation says it failed and why.
TEST(Explain, AFailedDecisionSaysSoInJsonAndInBothLanguages) {
    Fixture f(R"({"as_of": "1999-06-01", "household": {"grant": "303.00", "size": 0}, "history": {"refused": false}})");
    auto doc = f.explain();
    EXPECT_FALSE(doc["unresolved"].contains("per_person"));
    EXPECT_EQ(doc["errors"]["per_person"], "division by zero in decision `per_person` [t]");
    const auto* per_person = step(doc["explanation"]["per_person"], "per_person");
    ASSERT_TRUE(per_person);
    EXPECT_EQ(per_person->at("value"), "(error)");
    EXPECT_EQ(per_person->at("error"), "division by zero in decision `per_person` [t]");
    EXPECT_FALSE(per_person->contains("missing"));
    std::string en = f.text("en", "per_person");
    EXPECT_EQ(en.substr(0, en.find('\n')), "per_person: failed: division by zero in decision `per_person` [t]");
    std::string es = f.text("es", "per_person");
    EXPECT_EQ(es.substr(0, es.find('\n')), "per_person: falló: división por cero en la decisión `per_person` [t]");
}

const char* const kRevised = R"tenet(ruleset r "A revised rule"
fact household.grant: money
parameter refusal_cut: percent cite "6.006.2 B (Revised 3/98)" {
  from 1998-03-01 = 100%
}
decision adjusted: money cite "6.011.11 A" = round_down(household.grant * (100% - refusal_cut), cent)
)tenet";

TEST(Explain, AParameterWithoutAValueNamesItAndItsFirstDay) {
    Fixture f(R"({"as_of": "1998-02-10", "household": {"grant": "303.00"}})", kRevised);
    auto doc = f.explain();
    const char* reason = "parameter refusal_cut has no value before 1998-03-01";
    EXPECT_EQ(doc["unresolved"]["adjusted"], nlohmann::ordered_json::array({reason}));
    EXPECT_FALSE(doc.contains("errors"));
    const auto* adjusted = step(doc["explanation"]["adjusted"], "adjusted");
    ASSERT_TRUE(adjusted);
    EXPECT_EQ(adjusted->at("value"), "(missing)");
    EXPECT_EQ(adjusted->at("missing"), nlohmann::ordered_json::array({reason}));
    std::string en = f.text("en", "adjusted");
    EXPECT_EQ(en.substr(0, en.find('\n')),
              "adjusted: unresolved, parameter refusal_cut has no value before March 1, 1998");
    std::string es = f.text("es", "adjusted");
    EXPECT_EQ(es.substr(0, es.find('\n')),
              "adjusted: sin resolver, el parámetro refusal_cut no tiene valor antes del 1 de marzo de 1998");
}

// ---- goldens: a limit, a table row and a ladder, read aloud in each language ----------------
// tests/render/golden/explain.tenet with CASE.json gives CASE.LANG.txt. Every word comes from the
// language's catalogue and every amount and date from ICU: no English left in Spanish, no
// `2600.00`, no `row 9`. TENET_UPDATE_GOLDENS=1 rewrites the files.

using testing::read_file;

struct Golden {
    const char* name;
    const char* decision;
};

void PrintTo(const Golden& g, std::ostream* os) { *os << g.name; }

class ExplainGolden : public ::testing::TestWithParam<std::tuple<Golden, const char*>> {};

TEST_P(ExplainGolden, MatchesItsFile) {
    const auto& [golden, lang] = GetParam();
    const std::string dir = std::string(TENET_TESTS_DIR) + "/render/golden/";
    CompileResult r = compile_file(dir + "explain.tenet", CompileOptions{{}, false});
    ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : format_diagnostic(r.diagnostics[0]));
    Session session(r.ruleset);
    Case c;
    std::vector<InputError> errors;
    ASSERT_TRUE(session.decode(read_file(dir + golden.name + ".json"), &c, &errors)) << errors[0].message;
    Request request;
    request.decisions = {r.ruleset->find_decision(golden.decision)};
    std::string text;
    ASSERT_TRUE(session.explain_text(c, request, lang, &text, &errors));
    std::string path = dir + golden.name + "." + lang + ".txt";
    if (std::getenv("TENET_UPDATE_GOLDENS")) std::ofstream(path, std::ios::binary) << text;
    EXPECT_EQ(text, read_file(path)) << path;
}

INSTANTIATE_TEST_SUITE_P(LimitTableLadder, ExplainGolden,
                         ::testing::Combine(::testing::Values(Golden{"limit", "diversion_approved"},
                                                              Golden{"table", "household_income_limit"},
                                                              Golden{"ladder", "sanction_percent"}),
                                            ::testing::Values("en", "es")),
                         [](const auto& info) {
                             return std::string(std::get<0>(info.param).name) + "_" + std::get<1>(info.param);
                         });

// The JSON keeps CONTRACT §1's fields (rule, cite, value) and says what the text needs: the
// table, row and inputs of a row, the type of a limit's bound, the ladder and level.
TEST(Explain, JsonStepsOfATableRowALimitAndALadderKeepTheContractFields) {
    const std::string dir = std::string(TENET_TESTS_DIR) + "/render/golden/";
    CompileResult r = compile_file(dir + "explain.tenet", CompileOptions{{}, false});
    ASSERT_TRUE(r.ok());
    Session session(r.ruleset);
    Case c;
    std::vector<InputError> errors;
    ASSERT_TRUE(session.decode(R"({"as_of": "1999-06-01", "household": {"size": 9}, "request": {"amount": "3000.00"},
        "history": {"paid_last_12_months": "700.00", "episodes": [{"start": "1999-05-10"}]}})",
                               &c, &errors));
    Request request;
    request.explain = true;
    std::string out;
    ASSERT_TRUE(session.evaluate_json(c, request, &out, &errors));
    auto doc = nlohmann::ordered_json::parse(out);
    const auto* row = step(doc["explanation"]["household_income_limit"], "income_limit row 3");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->at("value"), "2600.00");
    EXPECT_EQ(row->at("cite"), "Plan Att. B (nine or more)");
    EXPECT_EQ(row->at("table"), "income_limit");
    EXPECT_EQ(row->at("row"), 3);
    EXPECT_EQ(row->at("inputs"), nlohmann::ordered_json::parse(R"({"size": 9})"));
    const auto& limits = doc["explanation"]["diversion_approved"];
    const auto* bound = step(limits, "at most");
    ASSERT_TRUE(bound);
    EXPECT_EQ(bound->at("value"), "2800.00");
    EXPECT_EQ(bound->at("type"), "money");
    const auto* level = step(doc["explanation"]["sanction_percent"], "sanction level 1");
    ASSERT_TRUE(level);
    EXPECT_EQ(level->at("cite"), "6.011.11 A (first)");
    EXPECT_EQ(level->at("ladder"), "sanction");
    EXPECT_EQ(level->at("level"), 1);
    EXPECT_EQ(level->at("value")["percent"], 25);
}

// The two catalogues have the same keys, and every message compiles.
TEST(Explain, CataloguesHaveTheSameKeysAndCompile) {
    EXPECT_EQ(render::ExplainMessages::problems("en"), "");
    EXPECT_EQ(render::ExplainMessages::problems("es"), "");
    auto en = render::ExplainMessages::keys("en");
    auto es = render::ExplainMessages::keys("es");
    std::sort(en.begin(), en.end());
    std::sort(es.begin(), es.end());
    EXPECT_EQ(en, es);
    EXPECT_GT(en.size(), 40u);
}

}  // namespace
}  // namespace tenet
