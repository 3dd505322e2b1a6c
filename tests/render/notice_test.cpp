// Notice templates: reading catalogues, checking them against a ruleset (each kind of error at
// its line and column), locale formatting, and rendering.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "render/locale_format.hpp"
#include "render/message_catalog.hpp"
#include "render/text_wrap.hpp"
#include "tenet/notice.hpp"

namespace tenet {
namespace {

namespace fs = std::filesystem;

// A ruleset in a fresh directory with notice templates beside it.
class NoticeFixture : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("tenet_notice_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "notices");
    }
    void TearDown() override { fs::remove_all(dir_); }

    void write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }

    std::shared_ptr<const Ruleset> compile() {
        std::string path = (dir_ / "mini.tenet").string();
        CompileResult r = compile_source(path, R"(ruleset mini "Notice checks"
enum Grounds { no_sanction, refusal }
fact household.grant: money
fact history.refused: bool
fact history.refused_on: date?
fact household.days: int
decision grounds: Grounds cite "t" = if history.refused then refusal else no_sanction
decision notice_due: bool cite "t" = history.refused
decision grant: money cite "t" = household.grant
decision cut: percent cite "t" = if history.refused then 100% else 12.5%
decision refused_on: date? cite "t" = history.refused_on
decision days: int cite "t" = household.days
)");
        for (const auto& d : r.diagnostics) EXPECT_NE(d.severity, Severity::Error) << format_diagnostic(d);
        return r.ruleset;
    }

    std::vector<Diagnostic> check(const std::string& en, const std::string& es) {
        write("notices/mini_sanction.en.properties", en);
        write("notices/mini_sanction.es.properties", es);
        auto rs = compile();
        return rs ? check_notice_templates(*rs) : std::vector<Diagnostic>{};
    }

    static std::string where(const Diagnostic& d) {
        return fs::path(d.file).filename().string() + ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
    }

    fs::path dir_;
};

const char* const kHead = "notice.when = notice_due\nnotice.none = none on {as_of}\n";

TEST_F(NoticeFixture, CleanTemplatesHaveNoDiagnostics) {
    std::string body = "grounds = {grounds, select, refusal {Refused} other {}}\namount = {grant} less {cut}\n";
    EXPECT_TRUE(check(kHead + body, kHead + body).empty());
}

TEST_F(NoticeFixture, UnknownDecisionAtItsArgument) {
    auto diags = check(std::string(kHead) + "amount = You get {grnat}.\n", std::string(kHead) + "amount = {grant}\n");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(where(diags[0]), "mini_sanction.en.properties:3:19");
    EXPECT_NE(diags[0].message.find("`grnat` is not a decision of mini"), std::string::npos) << diags[0].message;
}

TEST_F(NoticeFixture, AFactIsNotADecision) {
    auto diags = check(std::string(kHead) + "amount = {household_grant}\n", std::string(kHead) + "amount = {grant}\n");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_NE(diags[0].message.find("it is the fact `household.grant`"), std::string::npos) << diags[0].message;
}

TEST_F(NoticeFixture, MissingTranslationAtTheKeyThatHasNone) {
    auto diags =
        check(std::string(kHead) + "amount = {grant}\nappeal = Appeal.\n", std::string(kHead) + "amount = {grant}\n");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(where(diags[0]), "mini_sanction.en.properties:4:1");
    EXPECT_NE(diags[0].message.find("message `appeal` has no es translation"), std::string::npos) << diags[0].message;
}

TEST_F(NoticeFixture, MalformedMessageFormatAtTheProblem) {
    auto diags = check(std::string(kHead) + "amount = {grant}\n", std::string(kHead) + "amount = Recibe {grant\n");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(fs::path(diags[0].file).filename(), "mini_sanction.es.properties");
    EXPECT_EQ(diags[0].line, 3u);
    EXPECT_EQ(diags[0].column, 17u);  // the brace left open
    EXPECT_NE(diags[0].message.find("malformed MessageFormat in message `amount`"), std::string::npos)
        << diags[0].message;
}

TEST_F(NoticeFixture, SelectWithoutOtherIsMalformed) {
    auto diags = check(std::string(kHead) + "g = {grounds, select, refusal {R}}\n",
                       std::string(kHead) + "g = {grounds, select, refusal {R} other {}}\n");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_NE(diags[0].message.find("needs an `other {...}` case"), std::string::npos) << diags[0].message;
}

TEST_F(NoticeFixture, ColumnsCountUserPerceivedCharacters) {
    // "é" as e + U+0301 is one column, as in ruleset diagnostics
    auto diags = check(std::string(kHead) + "amount = Cantidad (e\xCC\x81) {grnat}\n",
                       std::string(kHead) + "amount = {grant}\n");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(where(diags[0]), "mini_sanction.en.properties:3:24");  // 25 if it counted bytes
}

TEST_F(NoticeFixture, TypesDecideHowAnArgumentMayBeUsed) {
    std::string en = std::string(kHead) +
                     "a = {grant, select, other {x}}\n"               // money cannot be selected on
                     "b = {grounds}\n"                                // an enum needs select
                     "c = {grounds, select, refused {x} other {}}\n"  // not a value of Grounds
                     "d = {refused_on}\n"                             // optional without a none case
                     "e = {grant, number, currency}\n"                // Tenet formats money itself
                     "f = {days, plural, few {x} other {y}}\n";       // `few` is not an English category
    auto diags = check(en, en);
    std::vector<std::string> messages;
    for (const auto& d : diags) {
        if (d.file.find(".en.") != std::string::npos) messages.push_back(where(d) + " " + d.message);
    }
    ASSERT_EQ(messages.size(), 6u) << ::testing::PrintToString(messages);
    EXPECT_NE(messages[0].find(":3:6 `grant` is money"), std::string::npos) << messages[0];
    EXPECT_NE(messages[1].find(":4:6 `grounds` is Grounds: choose the words"), std::string::npos) << messages[1];
    EXPECT_NE(messages[2].find(":5:23 `refused` never matches `grounds`"), std::string::npos) << messages[2];
    EXPECT_NE(messages[3].find(":6:6 `refused_on` may have no value"), std::string::npos) << messages[3];
    EXPECT_NE(messages[4].find(":7:6 `grant` is money: write {grant}"), std::string::npos) << messages[4];
    EXPECT_NE(messages[5].find(":8:20 `few` is not a plural category of en"), std::string::npos) << messages[5];
}

TEST_F(NoticeFixture, WhenMustNameABoolDecision) {
    auto diags = check("notice.when = grant\nnotice.none = x\n", "notice.when = notice_due\nnotice.none = x\n");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_NE(diags[0].message.find("must name a bool decision"), std::string::npos) << diags[0].message;
}

TEST_F(NoticeFixture, NoTemplatesIsAnErrorForRenderingOnly) {
    auto rs = compile();
    ASSERT_TRUE(rs);
    EXPECT_TRUE(check_notice_templates(*rs).empty());
    std::vector<Diagnostic> diags;
    EXPECT_EQ(NoticeTemplates::load(*rs, "sanction", &diags), nullptr);
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_NE(diags[0].message.find("mini_sanction.LANG.properties"), std::string::npos) << diags[0].message;
}

TEST_F(NoticeFixture, RendersWithLocaleFormatsPluralsAndSelects) {
    std::string en = std::string(kHead) +
                     "grounds = {grounds, select, refusal {You refused work.} other {}}\n"
                     "amount = Grant {grant}, cut {cut}, {days, plural, one {# day} other {# days}}, \\\n"
                     "  {refused_on, select, none {no date} other {since {refused_on}}}.\n";
    std::string es = std::string(kHead) +
                     "grounds = {grounds, select, refusal {Rechazó un empleo.} other {}}\n"
                     "amount = Asignación {grant}, reducción {cut}, {days, plural, one {# día} other {# días}}, \\\n"
                     "  {refused_on, select, none {sin fecha} other {desde el {refused_on}}}.\n";
    write("notices/mini_sanction.en.properties", en);
    write("notices/mini_sanction.es.properties", es);
    auto rs = compile();
    ASSERT_TRUE(rs);
    std::vector<Diagnostic> diags;
    auto notice = NoticeTemplates::load(*rs, "sanction", &diags);
    ASSERT_TRUE(notice) << (diags.empty() ? "" : format_diagnostic(diags[0]));
    Session session(rs);
    Case c;
    std::vector<InputError> errors;
    ASSERT_TRUE(session.decode(R"({"as_of": "1999-06-01", "household": {"grant": "1234.5", "days": 1},
                                   "history": {"refused": true, "refused_on": "1999-05-15"}})",
                               &c, &errors));
    NoticeResult en_r = render_notice(session, c, *notice, "en");
    ASSERT_EQ(en_r.status, NoticeResult::Status::Rendered);
    EXPECT_EQ(en_r.text, "You refused work.\nGrant $1,234.50, cut 100%, 1 day, since May 15, 1999.\n");
    NoticeResult es_r = render_notice(session, c, *notice, "es");
    ASSERT_EQ(es_r.status, NoticeResult::Status::Rendered);
    EXPECT_NE(es_r.text.find("1 día"), std::string::npos) << es_r.text;
    EXPECT_NE(es_r.text.find("desde el 15 de mayo de 1999"), std::string::npos) << es_r.text;

    ASSERT_TRUE(session.decode(R"({"as_of": "1999-06-01", "household": {"grant": "10", "days": 2},
                                   "history": {"refused": false}})",
                               &c, &errors));
    NoticeResult none = render_notice(session, c, *notice, "en");
    EXPECT_EQ(none.status, NoticeResult::Status::NothingToNotify);
    EXPECT_EQ(none.text, "none on June 1, 1999\n");

    ASSERT_TRUE(session.decode(R"({"as_of": "1999-06-01", "history": {"refused": true}})", &c, &errors));
    NoticeResult missing = render_notice(session, c, *notice, "en");
    ASSERT_EQ(missing.status, NoticeResult::Status::BadInput);
    std::vector<std::string> paths;
    for (const auto& e : missing.errors) paths.push_back(e.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"$.household.grant", "$.household.days"}));

    NoticeResult french = render_notice(session, c, *notice, "fr");
    ASSERT_EQ(french.status, NoticeResult::Status::BadInput);
    EXPECT_EQ(french.errors[0].path, "--lang");
}

TEST(LocaleFormat, MoneyPercentDateInBothLocales) {
    render::LocaleFormat en("en"), es("es");
    EXPECT_EQ(en.money(util::Rational{123456, 100}), "$1,234.56");
    EXPECT_EQ(en.money(util::Rational::of(303)), "$303.00");
    EXPECT_EQ(en.percent(util::Rational{1, 8}), "12.5%");
    EXPECT_EQ(en.date(util::Days{10743}), "June 1, 1999");  // 1999-06-01
    EXPECT_EQ(es.date(util::Days{10743}), "1 de junio de 1999");
    EXPECT_NE(es.money(util::Rational{123456, 100}).find("1,234.56"), std::string::npos)
        << es.money(util::Rational{123456, 100});
    // exact beyond a double: 2^53 + 1 cents
    EXPECT_EQ(en.money(util::Rational{9007199254740993, 100}), "$90,071,992,547,409.93");
}

TEST(MessageCatalog, EscapesContinuationsAndErrors) {
    syntax::SourceSet sources;
    syntax::DiagnosticSink sink(sources);
    const auto& file = sources.add(
        "t.en.properties", "# comment\n\nk1 = a\\nb \\\n    c\\\\d\nk2 = x\\ty\nk1 = again\n= nokey\nk3 value\n");
    render::MessageCatalog cat;
    EXPECT_FALSE(render::read_catalog(file, "en", &cat, &sink));
    ASSERT_EQ(cat.messages.size(), 1u);
    std::string text;
    cat.messages[0].pattern.toUTF8String(text);
    EXPECT_EQ(text, "a\nb c\\d");
    // the unit offsets map back into the file: `c` is on line 4
    uint32_t line = 0, column = 0;
    file.position(cat.messages[0].offset_of(4), &line, &column);
    EXPECT_EQ(line, 4u);
    EXPECT_EQ(column, 5u);
    auto diags = sink.take();
    ASSERT_EQ(diags.size(), 4u);
    EXPECT_NE(diags[0].message.find("unknown escape `\\t`"), std::string::npos);
    EXPECT_NE(diags[1].message.find("`k1` is defined twice"), std::string::npos);
    EXPECT_NE(diags[2].message.find("expected a message key"), std::string::npos);
    EXPECT_NE(diags[3].message.find("expected `=` after the message key `k3`"), std::string::npos);
}

TEST(MessageCatalog, InvalidUtf8IsAnErrorAtItsByte) {
    syntax::SourceSet sources;
    syntax::DiagnosticSink sink(sources);
    const auto& file = sources.add("t.es.properties", "k = se\xF1or\n");
    render::MessageCatalog cat;
    EXPECT_FALSE(render::read_catalog(file, "es", &cat, &sink));
    auto diags = sink.take();
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(diags[0].column, 7u);
    EXPECT_NE(diags[0].message.find("invalid UTF-8"), std::string::npos);
}

TEST(TextWrap, BreaksBetweenWordsAndKeepsTheIndent) {
    std::string out;
    render::wrap_paragraph("  one two three four", 11, "en_US", &out);
    EXPECT_EQ(out, "  one two\n  three\n  four\n");
    out.clear();
    render::wrap_paragraph("", 10, "en_US", &out);
    EXPECT_EQ(out, "\n");
}

}  // namespace
}  // namespace tenet
