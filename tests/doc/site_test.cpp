// The ruleset index and the pages of `tenet doc`, on a small two-layer ruleset and a manual.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include <unistd.h>

#include "doc/html.hpp"
#include "doc/pages.hpp"
#include "doc/site.hpp"

namespace tenet::doc {
namespace {

const std::map<std::string, std::string> kFiles = {
    {"state.tenet", R"TENET(ruleset site.state "The state"
fact household.income: money
parameter grant_cap: money = $300  cite "6.001.1"
decision grant: money cite "6.001.1 A" = min(household.income, grant_cap)
)TENET"},
    {"county.tenet", R"TENET(ruleset site.county "The county"
extends "state.tenet"
## The yearly cap, raised in 1998.
parameter yearly_cap: money
  cite "6.001.2"
  reading "Revised 12/98 is taken to mean 1998-12-01."
{
  before 1998-12-01 = $1,650   cite "6.001.2 (unrevised)"
  from 1998-12-01   = $3,300   cite "6.001.2 B"
}
override decision grant: money cite "6.001.1 A" {
  limit household.income {
    at most grant_cap     cite "6.001.1 B"
    at most yearly_cap    cite "6.999.9"
  }
}
case base { household.income = $500 }
test capped "Held to the state cap" given base {
  expect grant == $300
}
)TENET"},
};

const char* kManual =
    "6.001 Grants\n6.001.1 Grant Amount\nA. The grant is the income,\nB. held to the cap.\n"
    "C. Nobody cites this.\n6.001.2 Yearly Cap\nA. The cap was $1,650.\nB. Revised 12/98: $3,300.\n";

class DocSiteTest : public ::testing::Test {
protected:
    void SetUp() override {
        CompileOptions options;
        options.reader = [](const std::string& path, std::string* text, std::string* error) {
            auto it = kFiles.find(std::filesystem::path(path).filename().string());
            if (it == kFiles.end()) return *error = "no such file", false;
            return *text = it->second, true;
        };
        CompileResult r = compile_source("county.tenet", kFiles.at("county.tenet"), options);
        for (const auto& d : r.diagnostics) ADD_FAILURE() << format_diagnostic(d);
        ASSERT_TRUE(r.ok());
        index_ = std::make_unique<RulesetIndex>(index_ruleset(r.ruleset));
        sources_.push_back(parse_source_text("manual", "manual.txt", kManual));
        citations_ = resolve_citations(*index_, sources_);
    }

    int decl(const std::string& name) {
        int d = index_->find(name);
        EXPECT_GE(d, 0) << name;
        return d;
    }
    SiteContext site() { return SiteContext{*index_, sources_, citations_}; }
    std::string page(const std::string& name) {
        GraphRenderer graphs;
        std::string html, error;
        EXPECT_TRUE(declaration_page(site(), decl(name), graphs, &html, &error)) << error;
        return html;
    }

    std::unique_ptr<RulesetIndex> index_;
    std::vector<SourceText> sources_;
    Citations citations_;
};

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

TEST_F(DocSiteTest, LayersOverridesAndDependencyEdges) {
    ASSERT_EQ(index_->layers.size(), 2u);
    EXPECT_EQ(index_->layers[0].name, "site.county");
    EXPECT_EQ(index_->layers[0].extends, 1);
    const Declaration& grant = index_->decls[decl("grant")];
    EXPECT_EQ(grant.kind, DeclKind::Decision);
    EXPECT_EQ(index_->layers[grant.layer].name, "site.county");
    ASSERT_EQ(grant.overrides.size(), 1u);
    EXPECT_EQ(index_->layers[grant.overrides[0].layer].name, "site.state");
    std::vector<int> reads = {decl("grant_cap"), decl("yearly_cap"), decl("household.income")};
    std::sort(reads.begin(), reads.end());
    EXPECT_EQ(grant.reads, reads);
    EXPECT_EQ(index_->decls[decl("yearly_cap")].read_by, std::vector<int>{decl("grant")});
    EXPECT_EQ(index_->decls[decl("yearly_cap")].doc, "The yearly cap, raised in 1998.");
}

TEST_F(DocSiteTest, CitationsOfDeclarationsStepsAndPeriodsResolveToParagraphs) {
    int grant = decl("grant");
    std::vector<std::string> texts;
    for (const ResolvedRef& r : citations_.refs[grant]) texts.push_back(r.text);
    EXPECT_EQ(texts, (std::vector<std::string>{"6.001.1 A", "6.001.1 B", "6.999.9"}));
    const SourceText& m = sources_[0];
    EXPECT_EQ(citations_.refs[grant][1].paragraph, m.find_exact({"6.001.1", "B"}));
    EXPECT_TRUE(citations_.refs[grant][1].exact);
    EXPECT_EQ(citations_.citers[0][m.find_exact({"6.001.2", "B"})], std::vector<int>{decl("yearly_cap")});
    EXPECT_TRUE(citations_.citers[0][m.find_exact({"6.001.1", "C"})].empty());
}

TEST_F(DocSiteTest, ACitationThatResolvesToNoParagraphIsAWarningAtTheCitation) {
    ASSERT_EQ(citations_.warnings.size(), 1u);
    const Diagnostic& w = citations_.warnings[0];
    EXPECT_EQ(w.severity, Severity::Warning);
    EXPECT_EQ(w.file, "county.tenet");
    EXPECT_EQ(w.line, 14u);
    EXPECT_EQ(w.column, 33u);  // 6.999.9, inside the string of `cite "6.999.9"`
    EXPECT_TRUE(contains(w.message, "6.999.9")) << w.message;
}

TEST_F(DocSiteTest, CoverageCountsParagraphsCitedDirectlyAndWithinACitedSection) {
    const ChapterCoverage& all = citations_.coverage[0].back();
    EXPECT_EQ(all.paragraphs, 8u);  // 6.001, 6.001.1, A, B, C, 6.001.2, A, B
    EXPECT_EQ(all.cited, 5u);       // 6.001.1, 6.001.1 A, 6.001.1 B, 6.001.2, 6.001.2 B
    EXPECT_EQ(all.covered, 7u);     // and 6.001.1 C and 6.001.2 A, inside cited sections
}

TEST_F(DocSiteTest, ADecisionPageHasItsHighlightedSourceCitationsGraphAndExamples) {
    std::string html = page("grant");
    EXPECT_TRUE(contains(html, "<a class=\"ref\" href=\"d-grant_cap.html\">grant_cap</a>"));
    EXPECT_TRUE(contains(html, "<span class=\"kw\">limit</span>"));
    EXPECT_TRUE(contains(html, "<span class=\"def\">grant</span>"));
    EXPECT_TRUE(contains(html, "<a class=\"cite\" href=\"s-manual.html#p-6.001.1-B\">6.001.1 B</a>"));
    EXPECT_TRUE(contains(html, "<span class=\"unresolved\">6.999.9 (no paragraph of the source documents)</span>"));
    EXPECT_TRUE(contains(html, "<svg")) << "the dependency graph";
    EXPECT_TRUE(contains(html, "href=\"d-yearly_cap.html\"")) << "the graph links its nodes";
    EXPECT_TRUE(contains(html, "The declaration it overrides, in site.state"));
    EXPECT_TRUE(contains(html, "capped — Held to the state cap"));
    EXPECT_TRUE(contains(html, "<pre class=\"code given\"><code><span class=\"kw\">case</span>"))
        << "the case the test starts from";
}

TEST_F(DocSiteTest, AParameterPageHasItsPeriodsAndTimeline) {
    std::string html = page("yearly_cap");
    EXPECT_TRUE(contains(html, "<tr><td>always</td><td>1998-11-30</td><td><code>$1,650</code></td>"));
    EXPECT_TRUE(
        contains(html, "<tr><td>1998-12-01</td><td>open</td><td><code>$3,300</code></td><td>6.001.2 B</td></tr>"));
    EXPECT_TRUE(contains(html, "<svg class=\"timeline\""));
    EXPECT_TRUE(contains(html, "Revised 12/98 is taken to mean 1998-12-01."));
}

TEST_F(DocSiteTest, TheSourcePageAnchorsParagraphsAndMarksTheUncited) {
    std::string html = source_page_html(site(), 0);
    EXPECT_TRUE(contains(html, "<section class=\"para cited\" id=\"p-6.001.2-B\""));
    EXPECT_TRUE(contains(html, "<section class=\"para uncited\" id=\"p-6.001.1-C\""));
    EXPECT_TRUE(contains(html, "<li><a href=\"d-yearly_cap.html\">yearly_cap</a></li>"));
    EXPECT_TRUE(contains(html, "Not cited by any rule"));
}

TEST_F(DocSiteTest, WriteSiteWritesEveryPageAndTheSearchIndex) {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("tenet_doc_site_test_" + std::to_string(::getpid()));
    SiteReport report;
    std::string error;
    ASSERT_TRUE(write_site(*index_, sources_, dir.string(), &report, &error)) << error;
    for (const char* f : {"index.html", "d-grant.html", "d-household.income.html", "s-manual.html", "search-index.js",
                          "search.js", "style.css"})
        EXPECT_TRUE(std::filesystem::exists(dir / f)) << f;
    EXPECT_EQ(report.pages, index_->decls.size() + 2);
    EXPECT_EQ(report.warnings.size(), 1u);
    std::filesystem::remove_all(dir);
}

TEST(DocSlug, UnicodeNamesGivePortableFileNames) {
    EXPECT_EQ(slug("household.size"), "household.size");
    EXPECT_EQ(slug("caretaker.días"), "caretaker.d~C3~ADas");
}

}  // namespace
}  // namespace tenet::doc
