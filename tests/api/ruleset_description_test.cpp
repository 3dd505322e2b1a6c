// What the public API tells a tool about a compiled ruleset and a case, so that the services
// (serve, doc, compare) and the command need nothing of the library's internals: each file's
// declared name, the periods of parameter values, a fact's full type, a case's day, and the
// canonical text of a file.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "tenet/declarations.hpp"
#include "tenet/tenet.hpp"

namespace tenet {
namespace {

std::shared_ptr<const Ruleset> tour() {
    static std::shared_ptr<const Ruleset> rs = [] {
        auto r = compile_file(std::string(TENET_TESTS_DIR) + "/rulesets/tour/county.tenet");
        EXPECT_TRUE(r.ok());
        return r.ruleset;
    }();
    return rs;
}

TEST(RulesetDescription, SourcesNameTheRulesetEachFileDeclares) {
    std::vector<std::string> names;
    for (const SourceText& s : tour()->sources()) names.push_back(s.name);
    EXPECT_EQ(names, (std::vector<std::string>{"tour.county", "tour.state", "tour.common"}));
}

TEST(RulesetDescription, PeriodStartsOpenThenByDay) {
    std::vector<std::string> starts = tour()->period_starts();
    ASSERT_GE(starts.size(), 2u);
    EXPECT_EQ(starts[0], "");
    EXPECT_NE(std::find(starts.begin(), starts.end(), "1999-03-18"), starts.end());
    EXPECT_TRUE(std::is_sorted(starts.begin() + 1, starts.end()));
}

TEST(RulesetDescription, FactTypeNestsRecordsAndLists) {
    TypeInfo t = tour()->fact_type(tour()->find_fact("history.episodes"));
    EXPECT_EQ(t.kind, Kind::List);
    EXPECT_EQ(t.name, "list<Episode>");
    ASSERT_EQ(t.parts.size(), 1u);
    const TypeInfo& episode = t.parts[0];
    EXPECT_EQ(episode.kind, Kind::Record);
    EXPECT_EQ(episode.name, "Episode");
    ASSERT_EQ(episode.parts.size(), 2u);
    EXPECT_EQ(episode.parts[0].field, "start");
    EXPECT_EQ(episode.parts[0].kind, Kind::Date);
    EXPECT_FALSE(episode.parts[0].optional);
    EXPECT_EQ(episode.parts[1].field, "cured");
    EXPECT_EQ(episode.parts[1].name, "date");
    EXPECT_TRUE(episode.parts[1].optional);

    TypeInfo family = tour()->fact_type(tour()->find_fact("household.family_type"));
    EXPECT_EQ(family.kind, Kind::Enum);
    EXPECT_EQ(family.name, "FamilyType");
    EXPECT_EQ(family.enum_values, (std::vector<std::string>{"single_parent", "two_parent"}));
    EXPECT_THROW(tour()->fact_type(-1), std::out_of_range);
}

TEST(RulesetDescription, CaseSaysItsDay) {
    Session session(tour());
    Case c;
    std::vector<InputError> errors;
    ASSERT_TRUE(session.decode(R"({"as_of": "1999-06-01"})", &c, &errors));
    EXPECT_EQ(c.as_of(), "1999-06-01");
    ASSERT_TRUE(session.decode("{}", &c, &errors, "2001-02-03"));
    EXPECT_EQ(c.as_of(), "2001-02-03");
    EXPECT_EQ(Case().as_of(), "");
}

TEST(RulesetDescription, FormatSourceGivesTheCanonicalText) {
    FormatResult f = format_source("t.tenet", "ruleset t\ndecision   x:int=1\n");
    ASSERT_TRUE(f.ok) << f.error;
    EXPECT_EQ(f.text, "ruleset t\ndecision x: int = 1\n");
    FormatResult bad = format_source("t.tenet", "ruleset t\ndecision x: = 1\n");
    EXPECT_FALSE(bad.ok);
    ASSERT_FALSE(bad.diagnostics.empty());
    EXPECT_EQ(bad.diagnostics[0].file, "t.tenet");
}

TEST(RulesetDescription, DeclarationsGiveTheirTextAndWhatTheyAffect) {
    std::vector<DeclarationInfo> all = declarations(*tour());
    EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                               [](const DeclarationInfo& a, const DeclarationInfo& b) { return a.name < b.name; }));
    auto cap = std::find_if(all.begin(), all.end(),
                            [](const DeclarationInfo& d) { return d.name == "diversion_payment_cap"; });
    ASSERT_NE(cap, all.end());
    EXPECT_EQ(cap->kind, "parameter");
    EXPECT_EQ(cap->text, "parameter diversion_payment_cap: money = $1,650 cite \"6.007.4\"");  // blanks made one
    EXPECT_EQ(cap->where.substr(cap->where.rfind('/') + 1), "county.tenet:30:11");
    EXPECT_FALSE(cap->affects.empty());
    for (const std::string& d : cap->affects) EXPECT_GE(tour()->find_decision(d), 0) << d;
}

}  // namespace
}  // namespace tenet
