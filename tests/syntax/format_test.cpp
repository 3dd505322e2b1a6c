// Tests of the formatter (src/syntax/format.cpp): on every .tenet file of the repository that
// parses, formatting keeps the tree (docs included) and is idempotent; the precedence of §7 gets
// exactly the parentheses it needs; comments, blank lines and annotations stay where they were;
// and goldens (tests/syntax/format/NAME.tenet -> NAME.expected) pin the layout.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "syntax/ast_equal.hpp"
#include "syntax/format.hpp"
#include "syntax/parser.hpp"

namespace tenet::syntax {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Formatted {
    bool parsed = false;  // the input parsed without errors
    std::string text;     // its formatted text
    std::string problem;  // empty when the formatted text keeps the tree and is stable
};

Formatted format_text(const std::string& text) {
    Formatted f;
    SourceSet sources;
    const SourceFile& original = sources.add("in.tenet", text);
    DiagnosticSink sink(sources);
    auto module = parse_module(original, sink);
    if (sink.has_errors()) return f;
    f.parsed = true;
    f.text = format_module(*module, original);
    const SourceFile& formatted = sources.add("out.tenet", f.text);
    DiagnosticSink again(sources);
    auto reparsed = parse_module(formatted, again);
    std::string difference;
    if (again.has_errors()) {
        f.problem = "the formatted text does not parse: " + format_diagnostic(again.diagnostics().front());
    } else if (!same_module(*module, *reparsed, &difference)) {
        f.problem = "the formatted text has another tree: " + difference;
    } else if (format_module(*reparsed, formatted) != f.text) {
        f.problem = "formatting the formatted text changes it";
    }
    return f;
}

// Formats a ruleset whose declarations are `body`; fails the test on a parse error or problem.
std::string fmt(const std::string& body) {
    Formatted f = format_text("ruleset t\n" + body);
    EXPECT_TRUE(f.parsed) << body;
    EXPECT_EQ(f.problem, "") << body << "\n---\n" << f.text;
    return f.text.substr(f.text.find('\n') + 1);
}

std::vector<fs::path> repository_rulesets() {
    std::vector<fs::path> out;
    for (const char* dir : {"rulesets", "tests", "examples", "docs"}) {
        fs::path root = fs::path(TENET_SOURCE_DIR) / dir;
        if (!fs::exists(root)) continue;
        for (const auto& e : fs::recursive_directory_iterator(root)) {
            if (e.is_regular_file() && e.path().extension() == ".tenet") out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(Format, EveryRulesetInTheRepositoryKeepsItsTreeAndIsStable) {
    size_t formatted = 0;
    for (const fs::path& path : repository_rulesets()) {
        Formatted f = format_text(read_file(path));
        if (!f.parsed) continue;  // golden files with syntax errors
        ++formatted;
        EXPECT_EQ(f.problem, "") << path;
    }
    EXPECT_GE(formatted, 10u);  // the shipped rulesets, the tour, the parser's and checker's files
}

TEST(Format, ShippedRulesetsKeepEveryComment) {
    for (const char* name : {"rulesets/colorado/weld.tenet", "rulesets/kentucky/kwp.tenet"}) {
        std::string text = read_file(fs::path(TENET_SOURCE_DIR) / name);
        Formatted f = format_text(text);
        ASSERT_TRUE(f.parsed) << name;
        auto comment_lines = [](const std::string& s) {
            std::vector<std::string> out;
            std::istringstream in(s);
            for (std::string line; std::getline(in, line);) {
                size_t hash = line.find('#');
                if (hash != std::string::npos && line.find('"') == std::string::npos) out.push_back(line.substr(hash));
            }
            return out;
        };
        std::vector<std::string> before = comment_lines(text), after = comment_lines(f.text);
        for (const std::string& c : before) {
            std::string trimmed = c.substr(0, c.find_last_not_of(' ') + 1);
            EXPECT_NE(f.text.find(trimmed), std::string::npos) << name << ": lost comment " << trimmed;
        }
    }
}

TEST(Format, ParenthesesExactlyWherePrecedenceNeedsThem) {
    EXPECT_EQ(fmt("rule r: int = (a + b) * c\n"), "rule r: int = (a + b) * c\n");
    EXPECT_EQ(fmt("rule r: int = a + (b * c)\n"), "rule r: int = a + b * c\n");
    EXPECT_EQ(fmt("rule r: int = a - (b - c)\n"), "rule r: int = a - (b - c)\n");
    EXPECT_EQ(fmt("rule r: int = (a - b) - c\n"), "rule r: int = a - b - c\n");
    EXPECT_EQ(fmt("rule r: bool = not (a and b)\n"), "rule r: bool = not (a and b)\n");
    EXPECT_EQ(fmt("rule r: bool = (not a) and b\n"), "rule r: bool = not a and b\n");
    EXPECT_EQ(fmt("rule r: bool = a == (not b)\n"), "rule r: bool = a == (not b)\n");
    EXPECT_EQ(fmt("rule r: bool = (a < b) == c\n"), "rule r: bool = (a < b) == c\n");
    EXPECT_EQ(fmt("rule r: bool = a <= b < c\n"), "rule r: bool = a <= b < c\n");
    EXPECT_EQ(fmt("rule r: bool = (a + b) is none\n"), "rule r: bool = a + b is none\n");
    EXPECT_EQ(fmt("rule r: bool = (a < b) is none\n"), "rule r: bool = (a < b) is none\n");
    EXPECT_EQ(fmt("rule r: int = -(a * b)\n"), "rule r: int = -(a * b)\n");
    EXPECT_EQ(fmt("rule r: int = (-a) * b\n"), "rule r: int = -a * b\n");
    EXPECT_EQ(fmt("rule r: int = (a + b).c\n"), "rule r: int = (a + b).c\n");
    EXPECT_EQ(fmt("rule r: int = (if a then b else c) + 1\n"), "rule r: int = (if a then b else c) + 1\n");
    EXPECT_EQ(fmt("rule r: int = a otherwise (b otherwise c)\n"), "rule r: int = a otherwise (b otherwise c)\n");
    EXPECT_EQ(fmt("rule r: bool = d within (30 days) before (e + 1 day)\n"),
              "rule r: bool = d within 30 days before e + 1 day\n");
    EXPECT_EQ(fmt("rule r: int = count((x in xs))\n"), "rule r: int = count((x in xs))\n");
    EXPECT_EQ(fmt("rule r: int = count(x in xs where x > 1)\n"), "rule r: int = count(x in xs where x > 1)\n");
}

TEST(Format, LiteralsInCanonicalForm) {
    EXPECT_EQ(fmt("parameter p: money = $1650.5\n"), "parameter p: money = $1,650.5\n");
    EXPECT_EQ(fmt("parameter p: money = $1,234,567.89\n"), "parameter p: money = $1,234,567.89\n");
    EXPECT_EQ(fmt("parameter p: duration = 1 days\n"), "parameter p: duration = 1 day\n");
    EXPECT_EQ(fmt("parameter p: duration = 3   months\n"), "parameter p: duration = 3 months\n");
    EXPECT_EQ(fmt("test t \"say \\\"hi\\\" \\\\ bye\" {\n}\n"), "test t \"say \\\"hi\\\" \\\\ bye\" {\n}\n");
}

TEST(Format, CommentsAndBlankLinesStayInPlace) {
    std::string in =
        "# leading\n"
        "\n"
        "\n"
        "## the doc\n"
        "rule a: int = 1   # trailing\n"
        "rule b: bool =\n"
        "  x   # why x\n"
        "  or y\n"
        "\n"
        "facts household {   # the household\n"
        "  # own line\n"
        "  size: int in 1..30\n"
        "\n"
        "  income: money   # monthly\n"
        "  # before the brace\n"
        "}\n";
    std::string want =
        "# leading\n"
        "\n"
        "## the doc\n"
        "rule a: int = 1  # trailing\n"
        "rule b: bool\n"
        "  = x  # why x\n"
        "    or y\n"
        "\n"
        "facts household {  # the household\n"
        "  # own line\n"
        "  size: int in 1..30\n"
        "\n"
        "  income: money  # monthly\n"
        "  # before the brace\n"
        "}\n";
    EXPECT_EQ(fmt(in), want);
}

TEST(Format, LongChainsOneOperandPerLine) {
    std::string names;
    for (int i = 0; i < 12; ++i) names += (i ? " or household.condition_" : "household.condition_") + std::to_string(i);
    std::string out = fmt("decision d: bool = " + names + "\n");
    EXPECT_EQ(out.rfind("decision d: bool\n  = household.condition_0\n    or household.condition_1\n", 0), 0u) << out;
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 13);
}

// tests/syntax/format/NAME.tenet formats to NAME.expected (and NAME.expected to itself).
TEST(Format, Goldens) {
    fs::path dir = fs::path(TENET_TESTS_DIR) / "syntax" / "format";
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() != ".tenet") continue;
        ++n;
        fs::path expected_path = e.path();
        expected_path.replace_extension(".expected");
        std::string expected = read_file(expected_path);
        Formatted f = format_text(read_file(e.path()));
        ASSERT_TRUE(f.parsed) << e.path();
        EXPECT_EQ(f.problem, "") << e.path();
        EXPECT_EQ(f.text, expected) << e.path().filename() << " should format to:\n" << f.text;
        EXPECT_EQ(format_text(expected).text, expected) << expected_path << " is not stable";
    }
    EXPECT_GE(n, 3u);
}

}  // namespace
}  // namespace tenet::syntax
