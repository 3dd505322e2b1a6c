// Tests of the parser (src/syntax/grammar/): the tree every construct builds, operator
// precedence, literals and their errors, keyword boundaries, Unicode names, table rows, error
// recovery, the limits (size, nesting on a small stack, invalid UTF-8), and golden diagnostics
// (tests/syntax/golden/NAME.tenet with the expected output in NAME.expected).
#include <gtest/gtest.h>
#include <pthread.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "syntax/parser.hpp"
#include "tenet/diagnostic.hpp"

namespace tenet::syntax {
namespace {

// ---- helpers ---------------------------------------------------------------------------------

struct Parsed {
    SourceSet sources;
    std::vector<Diagnostic> diags;
    std::shared_ptr<Module> module;

    // The messages, one per line.
    std::string errors() const {
        std::string out;
        for (const Diagnostic& d : diags) out += d.message + "\n";
        return out;
    }
    std::string formatted() const {
        std::string out;
        for (const Diagnostic& d : diags) out += format_diagnostic(d);
        return out;
    }
    const Decl& decl(size_t i) const { return *module->decls.at(i); }
};

std::unique_ptr<Parsed> parse(const std::string& text, const std::string& path = "test.tenet") {
    auto p = std::make_unique<Parsed>();
    const SourceFile& file = p->sources.add(path, text);
    DiagnosticSink sink(p->sources);
    p->module = parse_module(file, sink);
    p->diags = sink.take();
    return p;
}

const char kHeader[] = "ruleset t\n";

// Parses `rule r: int = TEXT` and returns the body; fails the test on any diagnostic.
ExprPtr parse_expr(const std::string& text) {
    auto p = parse(std::string(kHeader) + "rule r: int = " + text + "\n");
    EXPECT_EQ(p->errors(), "") << "for: " << text;
    if (p->module->decls.size() != 1) return nullptr;
    return p->module->decls[0]->body;
}

// The messages a rule body produces.
std::string expr_errors(const std::string& text) {
    return parse(std::string(kHeader) + "rule r: int = " + text + "\n")->errors();
}

const char* op_name(Op op) {
    switch (op) {
        case Op::None: return "?";
        case Op::Neg: return "-";
        case Op::Not: return "not";
        case Op::Add: return "+";
        case Op::Sub: return "-";
        case Op::Mul: return "*";
        case Op::Div: return "/";
        case Op::And: return "and";
        case Op::Or: return "or";
        case Op::Eq: return "==";
        case Op::Ne: return "!=";
        case Op::Lt: return "<";
        case Op::Le: return "<=";
        case Op::Gt: return ">";
        case Op::Ge: return ">=";
        case Op::IsPresent: return "present";
        case Op::IsNone: return "none";
        case Op::IsEmpty: return "empty";
        case Op::Before: return "before";
        case Op::After: return "after";
    }
    return "?";
}

const char* unit_name(DurationUnit u) {
    switch (u) {
        case DurationUnit::Days: return "days";
        case DurationUnit::Weeks: return "weeks";
        case DurationUnit::Months: return "months";
        case DurationUnit::Years: return "years";
    }
    return "?";
}

// A compact S-expression of a tree, for precedence and shape tests.
std::string show(const ExprPtr& e) {
    if (!e) return "_";
    auto all = [](const std::vector<ExprPtr>& xs, size_t from = 0) {
        std::string out;
        for (size_t i = from; i < xs.size(); ++i) out += " " + show(xs[i]);
        return out;
    };
    switch (e->kind) {
        case ExprKind::IntLit:
        case ExprKind::DecimalLit:
        case ExprKind::DateLit:
        case ExprKind::BoolLit: return e->text;
        case ExprKind::MoneyLit: return "$" + e->text;
        case ExprKind::PercentLit: return e->text + "%";
        case ExprKind::DurationLit: return "<" + e->text + " " + unit_name(e->unit) + ">";
        case ExprKind::NoneLit: return "none";
        case ExprKind::StringLit: return "\"" + e->text + "\"";
        case ExprKind::Name: return e->text;
        case ExprKind::Field: return "(. " + show(e->args[0]) + " " + e->text + ")";
        case ExprKind::Unary: return std::string("(") + op_name(e->op) + " " + show(e->args[0]) + ")";
        case ExprKind::Binary: return std::string("(") + op_name(e->op) + all(e->args) + ")";
        case ExprKind::Compare: {
            std::string out = "(cmp " + show(e->args[0]);
            for (size_t i = 0; i < e->ops.size(); ++i) {
                out += std::string(" ") + op_name(e->ops[i]) + " " + show(e->args[i + 1]);
            }
            return out + ")";
        }
        case ExprKind::Is:
            return std::string(e->negated ? "(is-not " : "(is ") + show(e->args[0]) + " " + op_name(e->op) + ")";
        case ExprKind::In: return std::string(e->negated ? "(not-in" : "(in") + all(e->args) + ")";
        case ExprKind::Within:
            return "(within " + show(e->args[0]) + " " + show(e->args[1]) + " " + op_name(e->op) + " " +
                   show(e->args[2]) + ")";
        case ExprKind::Otherwise: return "(otherwise" + all(e->args) + ")";
        case ExprKind::If: return "(if" + all(e->args) + ")";
        case ExprKind::Call: return "(call " + e->text + all(e->args) + ")";
        case ExprKind::Aggregate: return "(" + e->text + " " + (e->var.empty() ? "_" : e->var) + all(e->args) + ")";
        case ExprKind::ListLit: return "[" + all(e->args).substr(e->args.empty() ? 0 : 1) + "]";
        case ExprKind::RecordLit: {
            std::string out = "{";
            for (size_t i = 0; i < e->args.size(); ++i) {
                out += (i ? " " : "") + e->names[i] + ": " + show(e->args[i]);
            }
            return out + "}";
        }
        case ExprKind::Collect: {
            std::string out = "(collect";
            for (const CollectEntry& c : e->entries) {
                out += " (" + show(c.value) + " when " + show(c.condition) + ")";
            }
            return out + ")";
        }
        case ExprKind::Limit: {
            std::string out = "(limit " + show(e->args[0]);
            for (const LimitStep& s : e->steps) {
                out += std::string(" (") + (s.at_most ? "at-most " : "at-least ") + show(s.bound);
                if (s.unless) out += " unless " + show(s.unless);
                out += ")";
            }
            return out + ")";
        }
        case ExprKind::Block: {
            std::string out = "(block";
            for (size_t i = 0; i + 1 < e->args.size(); ++i) {
                out += " (let " + e->names[i] + " " + show(e->args[i]) + ")";
            }
            return out + " " + show(e->args.back()) + ")";
        }
    }
    return "?";
}

std::string show_type(const TypeExprPtr& t) {
    if (!t) return "_";
    switch (t->kind) {
        case TypeExpr::Kind::Named: return t->name;
        case TypeExpr::Kind::List: return "list<" + show_type(t->element) + ">";
        case TypeExpr::Kind::Optional: return show_type(t->element) + "?";
    }
    return "?";
}

// The text a span covers.
std::string text_of(const std::string& source, Span s) { return source.substr(s.begin, s.end - s.begin); }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs f on a thread with the given stack size (the parser must not need more than it checks).
void run_on_stack(size_t bytes, const std::function<void()>& f) {
    pthread_attr_t attr;
    ASSERT_EQ(pthread_attr_init(&attr), 0);
    ASSERT_EQ(pthread_attr_setstacksize(&attr, bytes), 0);
    pthread_t thread;
    auto body = [](void* arg) -> void* {
        (*static_cast<const std::function<void()>*>(arg))();
        return nullptr;
    };
    ASSERT_EQ(pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&f)), 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}

std::string repeat(const std::string& s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

// ---- §2 header -------------------------------------------------------------------------------

TEST(Header, RulesetWithTitleExtendsAndImports) {
    std::string text =
        "ruleset colorado.weld \"Weld County plan\"\n"
        "import \"../common/poverty.tenet\"\n"
        "extends \"works.tenet\"\n"
        "import \"b.tenet\"\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Module& m = *p->module;
    EXPECT_EQ(m.kind, FileKind::Ruleset);
    EXPECT_EQ(m.name, "colorado.weld");
    EXPECT_EQ(m.title, "Weld County plan");
    EXPECT_EQ(text_of(text, m.header_span), "ruleset colorado.weld \"Weld County plan\"");
    EXPECT_TRUE(m.has_extends);
    EXPECT_EQ(m.extends.path, "works.tenet");
    EXPECT_EQ(text_of(text, m.extends.span), "\"works.tenet\"");
    ASSERT_EQ(m.imports.size(), 2u);
    EXPECT_EQ(m.imports[0].path, "../common/poverty.tenet");
    EXPECT_EQ(m.imports[1].path, "b.tenet");
    EXPECT_TRUE(m.decls.empty());
}

TEST(Header, Library) {
    auto p = parse("library common.poverty \"HHS poverty guidelines\"\nparameter x: int = 1 cite \"a\"\n");
    EXPECT_EQ(p->errors(), "");
    EXPECT_EQ(p->module->kind, FileKind::Library);
    EXPECT_EQ(p->module->name, "common.poverty");
    EXPECT_FALSE(p->module->has_extends);
    EXPECT_EQ(p->module->decls.size(), 1u);
}

TEST(Header, ExtendsAtMostOnce) {
    auto p = parse("ruleset a\nextends \"x.tenet\"\nextends \"y.tenet\"\nrule r: int = 1\n");
    EXPECT_EQ(p->errors(), "a file extends at most one base ruleset\n");
    EXPECT_EQ(p->module->decls.size(), 1u);
}

TEST(Header, ValidFromUntil) {
    std::string text = "ruleset a\nimport \"x.tenet\"\nvalid from 1997-07-01 until 2000-06-30\nrule r: int = 1\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    ASSERT_TRUE(p->module->valid_from && p->module->valid_until);
    EXPECT_EQ(p->module->valid_from->text, "1997-07-01");
    EXPECT_EQ(p->module->valid_until->text, "2000-06-30");
    EXPECT_EQ(text_of(text, p->module->validity_span), "valid from 1997-07-01 until 2000-06-30");
    EXPECT_EQ(parse("ruleset a\nvalid from 1997-07-01\nvalid from 1998-01-01\n")->errors(),
              "a file says `valid from` at most once\n");
    EXPECT_EQ(parse("ruleset a\nvalid 1997-07-01\n")->errors(), "expected `from` after `valid`\n");
}

TEST(Declarations, GapOnlyForParameters) {
    auto p = parse("ruleset a\nparameter p: int gap \"not in the source\" { from 1998-03-01 = 1 }\n");
    EXPECT_EQ(p->errors(), "");
    EXPECT_EQ(p->module->decls[0]->notes.gap, "not in the source");
    EXPECT_EQ(parse("ruleset a\nrule r: int gap \"x\" = 1\n")->errors(), "`gap` is only for parameters\n");
}

TEST(Header, Missing) {
    auto p = parse("rule r: int = 1\n");
    EXPECT_EQ(p->errors(), "expected `ruleset NAME` or `library NAME` at the start of the file\n");
    EXPECT_EQ(p->module->decls.size(), 1u);
}

TEST(Header, ImportAfterDeclarations) {
    auto p = parse("ruleset a\nrule r: int = 1\nimport \"x.tenet\"\nrule s: int = 2\n");
    EXPECT_EQ(p->errors(), "`import` must come right after the `ruleset` or `library` line\n");
    EXPECT_EQ(p->module->decls.size(), 2u);
}

// ---- §3 enums and records ----------------------------------------------------------------------

TEST(Declarations, Enum) {
    std::string text = std::string(kHeader) + "enum FamilyType { single_parent, two_parent }\nenum E {\n  a\n  b,\n}\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    ASSERT_EQ(p->module->decls.size(), 2u);
    const Decl& e = p->decl(0);
    EXPECT_EQ(e.kind, DeclKind::Enum);
    EXPECT_EQ(e.name, "FamilyType");
    EXPECT_EQ(text_of(text, e.name_span), "FamilyType");
    EXPECT_EQ(text_of(text, e.span), "enum FamilyType { single_parent, two_parent }");
    EXPECT_EQ(e.enum_values, (std::vector<std::string>{"single_parent", "two_parent"}));
    EXPECT_EQ(text_of(text, e.enum_value_spans[1]), "two_parent");
    EXPECT_EQ(p->decl(1).enum_values, (std::vector<std::string>{"a", "b"}));
}

TEST(Declarations, Record) {
    std::string text = std::string(kHeader) +
                       "record SanctionEpisode { start: date, cured: date? }\n"
                       "record R {\n  items: list<list<DiversionItem>>\n  when_: list<date?>?\n}\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Decl& r = p->decl(0);
    EXPECT_EQ(r.kind, DeclKind::Record);
    ASSERT_EQ(r.fields.size(), 2u);
    EXPECT_EQ(r.fields[0].name, "start");
    EXPECT_EQ(show_type(r.fields[0].type), "date");
    EXPECT_EQ(show_type(r.fields[1].type), "date?");
    EXPECT_EQ(text_of(text, r.fields[1].span), "cured: date?");
    EXPECT_EQ(text_of(text, r.fields[1].type->span), "date?");
    EXPECT_EQ(text_of(text, r.fields[1].type->element->span), "date");
    EXPECT_EQ(show_type(p->decl(1).fields[0].type), "list<list<DiversionItem>>");
    EXPECT_EQ(show_type(p->decl(1).fields[1].type), "list<date?>?");
}

// ---- §4 facts ----------------------------------------------------------------------------------

TEST(Declarations, Fact) {
    std::string text = std::string(kHeader) +
                       "fact as_of: date\nfact caretaker.age: int in 0..130\n"
                       "fact a.b.c: money in ..-$5\nfact d: decimal in -1.5..\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    ASSERT_EQ(p->module->decls.size(), 4u);
    EXPECT_EQ(p->decl(0).name, "as_of");
    EXPECT_FALSE(p->decl(0).has_range);
    const Decl& age = p->decl(1);
    EXPECT_EQ(age.kind, DeclKind::Fact);
    EXPECT_EQ(age.name, "caretaker.age");
    EXPECT_EQ(text_of(text, age.name_span), "caretaker.age");
    EXPECT_EQ(age.path, (std::vector<std::string>{"caretaker", "age"}));
    EXPECT_TRUE(age.has_range);
    EXPECT_EQ(show(age.range.low), "0");
    EXPECT_EQ(show(age.range.high), "130");
    EXPECT_EQ(text_of(text, age.range.span), "0..130");
    EXPECT_EQ(p->decl(2).path.size(), 3u);
    EXPECT_EQ(p->decl(2).range.low, nullptr);
    EXPECT_EQ(show(p->decl(2).range.high), "$-5");
    EXPECT_EQ(text_of(text, p->decl(2).range.high->span), "-$5");
    EXPECT_EQ(show(p->decl(3).range.low), "-1.5");
    EXPECT_EQ(p->decl(3).range.high, nullptr);
}

TEST(Declarations, FactGroupsNestWithCompletePaths) {
    std::string text = std::string(kHeader) +
                       "facts household {\n"
                       "  size: int in 1..30\n"
                       "  monthly_gross_income: money in $0..\n"
                       "  family_type: FamilyType\n"
                       "  facts shelter {\n"
                       "    rent: money\n"
                       "    utilities { heat: bool }\n"
                       "  }\n"
                       "}\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    ASSERT_EQ(p->module->decls.size(), 1u);
    const Decl& g = p->decl(0);
    EXPECT_EQ(g.kind, DeclKind::FactGroup);
    EXPECT_EQ(g.name, "household");
    EXPECT_EQ(g.path, (std::vector<std::string>{"household"}));
    ASSERT_EQ(g.members.size(), 4u);
    EXPECT_EQ(g.members[0]->kind, DeclKind::Fact);
    EXPECT_EQ(g.members[0]->name, "household.size");
    EXPECT_EQ(g.members[0]->path, (std::vector<std::string>{"household", "size"}));
    EXPECT_EQ(text_of(text, g.members[0]->name_span), "size");
    EXPECT_EQ(text_of(text, g.members[0]->span), "size: int in 1..30");
    EXPECT_EQ(show(g.members[1]->range.low), "$0");
    EXPECT_EQ(g.members[1]->range.high, nullptr);
    EXPECT_EQ(show_type(g.members[2]->type), "FamilyType");
    const Decl& shelter = *g.members[3];
    EXPECT_EQ(shelter.kind, DeclKind::FactGroup);
    EXPECT_EQ(shelter.name, "household.shelter");
    EXPECT_EQ(shelter.members[0]->path, (std::vector<std::string>{"household", "shelter", "rent"}));
    const Decl& utilities = *shelter.members[1];
    EXPECT_EQ(utilities.kind, DeclKind::FactGroup);
    EXPECT_EQ(utilities.members[0]->name, "household.shelter.utilities.heat");
}

// ---- §5 parameters -----------------------------------------------------------------------------

TEST(Declarations, ParameterWithOneValue) {
    std::string text = std::string(kHeader) + "parameter resource_limit: money = $2,000  cite \"6.002.1 B\"\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Decl& d = p->decl(0);
    EXPECT_EQ(d.kind, DeclKind::Parameter);
    EXPECT_EQ(show_type(d.type), "money");
    EXPECT_EQ(show(d.value), "$2000");
    EXPECT_EQ(d.notes.cites, (std::vector<std::string>{"6.002.1 B"}));
    EXPECT_EQ(text_of(text, d.notes.cite_spans[0]), "\"6.002.1 B\"");
    EXPECT_TRUE(d.periods.empty());
}

TEST(Declarations, ParameterWithPeriods) {
    std::string text = std::string(kHeader) +
                       "parameter diversion_yearly_cap: money\n"
                       "  cite \"6.007.2; 6.007.4\"\n"
                       "  reading \"Revised 12/98 is 1998-12-01.\"\n"
                       "{\n"
                       "  before 1998-12-01 = $1,650   cite \"6.007.4 (unrevised)\"\n"
                       "  from 1998-12-01   = $3,300   cite \"a\" cite \"b\" reading \"r\"\n"
                       "  from 1999-01-01 to 1999-12-31 = 67%\n"
                       "}\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Decl& d = p->decl(0);
    EXPECT_EQ(d.notes.cites.size(), 1u);
    EXPECT_EQ(d.notes.reading, "Revised 12/98 is 1998-12-01.");
    EXPECT_EQ(text_of(text, d.notes.reading_span), "\"Revised 12/98 is 1998-12-01.\"");
    EXPECT_EQ(d.value, nullptr);
    ASSERT_EQ(d.periods.size(), 3u);
    EXPECT_EQ(d.periods[0].kind, ParamPeriod::Kind::Before);
    EXPECT_EQ(d.periods[0].from, nullptr);
    EXPECT_EQ(show(d.periods[0].to), "1998-12-01");
    EXPECT_EQ(show(d.periods[0].value), "$1650");
    EXPECT_EQ(d.periods[0].notes.cites, (std::vector<std::string>{"6.007.4 (unrevised)"}));
    EXPECT_EQ(d.periods[1].kind, ParamPeriod::Kind::From);
    EXPECT_EQ(show(d.periods[1].from), "1998-12-01");
    EXPECT_EQ(d.periods[1].to, nullptr);
    EXPECT_EQ(d.periods[1].notes.cites.size(), 2u);
    EXPECT_EQ(d.periods[1].notes.reading, "r");
    EXPECT_EQ(d.periods[2].kind, ParamPeriod::Kind::FromTo);
    EXPECT_EQ(show(d.periods[2].to), "1999-12-31");
    EXPECT_EQ(show(d.periods[2].value), "67%");
    EXPECT_EQ(text_of(text, d.periods[2].span), "from 1999-01-01 to 1999-12-31 = 67%");
}

TEST(Declarations, ParameterPeriodNeedsADate) {
    auto p = parse(std::string(kHeader) + "parameter x: money {\n  from 1998 = $1\n}\n");
    EXPECT_EQ(p->errors(), "expected a date after `from`\n");
}

// ---- §6 tables ---------------------------------------------------------------------------------

const char kParticipationTable[] =
    "table participation_requirement(fiscal_year: int, family: FamilyType)\n"
    "    -> (weekly_hours: int, federal_rate: percent)\n"
    "  hit unique\n"
    "  cite \"6.013.1; PRWORA §407\"\n"
    "{\n"
    "  ..1997      | single_parent => 20 | 25%\n"
    "  1998        | single_parent => 20 | 30%\n"
    "  2002..      | single_parent => 30 | 50%\n"
    "  1999..2001  | two_parent    => 35 | 90%   cite \"6.013.1 (two-parent, '1999 +')\"\n"
    "}\n";

TEST(Tables, Signature) {
    std::string text = std::string(kHeader) + kParticipationTable;
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Decl& t = p->decl(0);
    EXPECT_EQ(t.kind, DeclKind::Table);
    ASSERT_EQ(t.fields.size(), 2u);
    EXPECT_EQ(t.fields[1].name, "family");
    EXPECT_EQ(show_type(t.fields[1].type), "FamilyType");
    ASSERT_EQ(t.outputs.size(), 2u);
    EXPECT_EQ(t.outputs[1].name, "federal_rate");
    EXPECT_EQ(t.type, nullptr);
    EXPECT_EQ(t.hit, HitPolicy::Unique);
    EXPECT_TRUE(t.hit_written);
    EXPECT_EQ(t.notes.cites, (std::vector<std::string>{"6.013.1; PRWORA §407"}));
    ASSERT_EQ(t.rows.size(), 4u);
    const TableRow& last = t.rows[3];
    EXPECT_EQ(text_of(text, last.span),
              "1999..2001  | two_parent    => 35 | 90%   cite \"6.013.1 (two-parent, '1999 +')\"");
    EXPECT_EQ(last.notes.cites, (std::vector<std::string>{"6.013.1 (two-parent, '1999 +')"}));
    EXPECT_EQ(show(last.outputs[0]), "35");
    EXPECT_EQ(show(last.outputs[1]), "90%");
}

TEST(Tables, SingleOutputAndDefaultHit) {
    auto p = parse(std::string(kHeader) + "table cap(item: DiversionItem) -> money {\n  any => $300\n}\n");
    EXPECT_EQ(p->errors(), "");
    const Decl& t = p->decl(0);
    EXPECT_EQ(show_type(t.type), "money");
    EXPECT_TRUE(t.outputs.empty());
    EXPECT_EQ(t.hit, HitPolicy::Unique);
    EXPECT_FALSE(t.hit_written);
    auto first = parse(std::string(kHeader) + "table c(a: int) -> int hit first { any => 1 }\n");
    EXPECT_EQ(first->errors(), "");
    EXPECT_EQ(first->decl(0).hit, HitPolicy::First);
    EXPECT_EQ(first->decl(0).rows.size(), 1u);
    auto collect = parse(std::string(kHeader) + "table c(a: int) -> int cite \"x\" hit collect {\n}\n");
    EXPECT_EQ(collect->errors(), "");
    EXPECT_EQ(collect->decl(0).hit, HitPolicy::Collect);
    EXPECT_TRUE(collect->decl(0).rows.empty());
}

TEST(Tables, EveryCellForm) {
    std::string text = std::string(kHeader) +
                       "table t(a: int, b: money, c: FamilyType, d: date, e: bool) -> int {\n"
                       "  any | < $500 | single_parent | 1999-01-01.. | true => 1\n"
                       "  24 | <= $1,000.50 | FamilyType.two_parent | ..1998-12-31 | false => a * 2\n"
                       "  1, 2, -3 | > -$5 | single_parent, two_parent | 1998-01-01..1998-12-31 | any => -1\n"
                       "  != 7 | >= 0 | any | any | any => if e then 1 else 2\n"
                       "  ..-1 | 25%..50% | any | forever | any => 0\n"
                       "}\n";
    auto p = parse(text);
    ASSERT_EQ(p->errors(), "");
    const auto& rows = p->decl(0).rows;
    ASSERT_EQ(rows.size(), 5u);
    using K = CellTest::Kind;
    // row 1
    EXPECT_TRUE(rows[0].inputs[0].tests.empty());  // any
    EXPECT_EQ(text_of(text, rows[0].inputs[0].span), "any");
    EXPECT_EQ(rows[0].inputs[1].tests[0].kind, K::Less);
    EXPECT_EQ(show(rows[0].inputs[1].tests[0].value), "$500");
    EXPECT_EQ(rows[0].inputs[2].tests[0].kind, K::Equal);
    EXPECT_EQ(show(rows[0].inputs[2].tests[0].value), "single_parent");
    EXPECT_EQ(rows[0].inputs[3].tests[0].kind, K::Range);
    EXPECT_EQ(show(rows[0].inputs[3].tests[0].value), "1999-01-01");
    EXPECT_EQ(rows[0].inputs[3].tests[0].high, nullptr);
    EXPECT_EQ(show(rows[0].inputs[4].tests[0].value), "true");
    // row 2
    EXPECT_EQ(show(rows[1].inputs[0].tests[0].value), "24");
    EXPECT_EQ(rows[1].inputs[1].tests[0].kind, K::LessEq);
    EXPECT_EQ(show(rows[1].inputs[1].tests[0].value), "$1000.50");
    EXPECT_EQ(show(rows[1].inputs[2].tests[0].value), "(. FamilyType two_parent)");
    EXPECT_EQ(rows[1].inputs[3].tests[0].kind, K::Range);
    EXPECT_EQ(rows[1].inputs[3].tests[0].value, nullptr);
    EXPECT_EQ(show(rows[1].inputs[3].tests[0].high), "1998-12-31");
    EXPECT_EQ(show(rows[1].outputs[0]), "(* a 2)");
    // row 3: lists of values, negative literals
    ASSERT_EQ(rows[2].inputs[0].tests.size(), 3u);
    EXPECT_EQ(show(rows[2].inputs[0].tests[2].value), "-3");
    EXPECT_EQ(text_of(text, rows[2].inputs[0].span), "1, 2, -3");
    EXPECT_EQ(text_of(text, rows[2].inputs[0].tests[2].span), "-3");
    EXPECT_EQ(rows[2].inputs[1].tests[0].kind, K::Greater);
    EXPECT_EQ(show(rows[2].inputs[1].tests[0].value), "$-5");
    EXPECT_EQ(rows[2].inputs[2].tests.size(), 2u);
    EXPECT_EQ(show(rows[2].inputs[3].tests[0].value), "1998-01-01");
    EXPECT_EQ(show(rows[2].inputs[3].tests[0].high), "1998-12-31");
    EXPECT_EQ(show(rows[2].outputs[0]), "(- 1)");  // an output is an expression
    // row 4
    EXPECT_EQ(rows[3].inputs[0].tests[0].kind, K::NotEqual);
    EXPECT_EQ(rows[3].inputs[1].tests[0].kind, K::GreaterEq);
    EXPECT_EQ(show(rows[3].outputs[0]), "(if e 1 2)");
    // row 5
    EXPECT_EQ(show(rows[4].inputs[0].tests[0].high), "-1");
    EXPECT_EQ(show(rows[4].inputs[1].tests[0].value), "25%");
    EXPECT_EQ(show(rows[4].inputs[1].tests[0].high), "50%");
    EXPECT_EQ(show(rows[4].inputs[3].tests[0].value), "forever");
}

TEST(Tables, RowsAreLines) {
    // blank lines, comment lines, trailing comments, CRLF line ends and a '}' on the last row
    std::string text = std::string(kHeader) +
                       "table t(a: int) -> int {\r\n"
                       "\r\n"
                       "  # a comment line\r\n"
                       "  1 => 10   # a trailing comment\r\n"
                       "\t\t\r\n"
                       "  2 => 20 cite \"x\"\r\n"
                       "  3 => 30 }\r\n"
                       "rule r: int = t(1)\r\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    ASSERT_EQ(p->module->decls.size(), 2u);
    ASSERT_EQ(p->decl(0).rows.size(), 3u);
    EXPECT_EQ(show(p->decl(0).rows[2].outputs[0]), "30");
    EXPECT_EQ(text_of(text, p->decl(0).rows[0].span), "1 => 10");
}

TEST(Tables, ARowCannotSpanLines) {
    auto p = parse(std::string(kHeader) + "table t(a: int) -> int {\n  1 =>\n    10\n}\n");
    EXPECT_EQ(p->errors(), "expected a result after '=>'\n");
    EXPECT_EQ(p->diags[0].line, 3u);
    EXPECT_EQ(p->diags[0].column, 7u);  // at the end of the row's line
    auto q = parse(std::string(kHeader) + "table t(a: int) -> int {\n  1\n  => 10\n}\n");
    EXPECT_EQ(q->errors(), "expected '=>' between the conditions and the results of the row\n");
    auto r = parse(std::string(kHeader) + "table t(a: int) -> int {\n  1 => 10  2 => 20\n}\n");
    EXPECT_EQ(r->errors(), "expected the end of the row: each row is one line, with annotations after the results\n");
    auto s = parse(std::string(kHeader) + "table t(a: int) -> int {\n  1 => 10\n");
    EXPECT_EQ(s->errors(), "expected '}' to close the table\n");
}

// ---- §5 rules, decisions, functions --------------------------------------------------------------

TEST(Declarations, RuleAndDecision) {
    std::string text = std::string(kHeader) +
                       "rule paid: money\n  cite \"6.007.2\"\n  cite \"CONTRACT §4.6\"\n  = a + b\n"
                       "decision ok: bool\n  cite \"6.002.1 B\"\n  reading \"Equal is eligible.\"\n"
                       "  = household.countable_resources <= resource_limit\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Decl& r = p->decl(0);
    EXPECT_EQ(r.kind, DeclKind::Rule);
    EXPECT_EQ(r.name, "paid");
    EXPECT_EQ(r.notes.cites, (std::vector<std::string>{"6.007.2", "CONTRACT §4.6"}));
    EXPECT_EQ(show(r.body), "(+ a b)");
    EXPECT_EQ(text_of(text, r.body->span), "a + b");
    const Decl& d = p->decl(1);
    EXPECT_EQ(d.kind, DeclKind::Decision);
    EXPECT_EQ(d.notes.reading, "Equal is eligible.");
    EXPECT_FALSE(d.has_forever_as);
    EXPECT_EQ(show(d.body), "(cmp (. household countable_resources) <= resource_limit)");
    EXPECT_EQ(text_of(text, d.span).substr(0, 12), "decision ok:");
    EXPECT_EQ(text_of(text, d.span).back(), 't');  // ends at the end of the body
}

TEST(Declarations, DecisionForeverAs) {
    auto p =
        parse(std::string(kHeader) +
              "decision disqualified_until: date?\n  cite \"6.011.11 B, C\"\n  forever as \"lifetime\"\n  = forever\n");
    EXPECT_EQ(p->errors(), "");
    EXPECT_TRUE(p->decl(0).has_forever_as);
    EXPECT_EQ(p->decl(0).forever_as, "lifetime");
    EXPECT_EQ(show(p->decl(0).body), "forever");
    auto q = parse(std::string(kHeader) + "rule x: date forever as \"lifetime\" = forever\n");
    EXPECT_EQ(q->errors(), "`forever as` is only for decisions\n");
}

TEST(Declarations, BlockBody) {
    auto p = parse(std::string(kHeader) + "decision d: money cite \"x\" {\n  let a = 1\n  let b = a + 2\n  a * b\n}\n");
    EXPECT_EQ(p->errors(), "");
    const ExprPtr& body = p->decl(0).body;
    EXPECT_EQ(body->kind, ExprKind::Block);
    EXPECT_EQ(show(body), "(block (let a 1) (let b (+ a 2)) (* a b))");
    EXPECT_EQ(body->names.size(), 2u);
    EXPECT_EQ(body->name_spans.size(), 2u);
}

TEST(Declarations, Function) {
    std::string text = std::string(kHeader) +
                       "function monthly_poverty_guideline(size: int, extra: money?) -> money\n"
                       "  cite \"HHS 1999\"\n"
                       "  = (poverty_first_person + poverty_each_additional * (size - 1)) / 12\n"
                       "function zero() -> int = 0\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Decl& f = p->decl(0);
    EXPECT_EQ(f.kind, DeclKind::Function);
    ASSERT_EQ(f.fields.size(), 2u);
    EXPECT_EQ(f.fields[0].name, "size");
    EXPECT_EQ(show_type(f.fields[1].type), "money?");
    EXPECT_EQ(show_type(f.type), "money");
    EXPECT_EQ(show(f.body), "(/ (+ poverty_first_person (* poverty_each_additional (- size 1))) 12)");
    EXPECT_TRUE(p->decl(1).fields.empty());
}

TEST(Declarations, Override) {
    auto p = parse(std::string(kHeader) +
                   "override parameter resource_limit: money = $2,500 cite \"x\"\n"
                   "override table t(a: int) -> int { any => 1 }\n"
                   "override rule r: int = 1\noverride decision d: int = 1\n"
                   "override function f() -> int = 1\n"
                   "override ladder l episodes e from s until c { level 1: 25% for 30 days }\n"
                   "rule plain: int = 1\n");
    EXPECT_EQ(p->errors(), "");
    ASSERT_EQ(p->module->decls.size(), 7u);
    for (size_t i = 0; i < 6; ++i) EXPECT_TRUE(p->decl(i).is_override) << i;
    EXPECT_FALSE(p->decl(6).is_override);
    EXPECT_EQ(p->decl(0).span.begin, std::string(kHeader).size());  // the span starts at `override`
    auto q = parse(std::string(kHeader) + "override enum E { a }\n");
    EXPECT_EQ(q->errors(), "`override` applies only to parameters, tables, rules, decisions, functions and ladders\n");
}

TEST(Declarations, DocComments) {
    std::string text = std::string(kHeader) +
                       "## The first line.\n"
                       "##   indented text stays indented\n"
                       "##\n"
                       "rule a: int = 1\n"
                       "## not this one: a blank line follows\n"
                       "\n"
                       "rule b: int = 2\n"
                       "# an ordinary comment\n"
                       "rule c: int = 3\n"
                       "facts g {\n"
                       "  ## The size.\n"
                       "  size: int\n"
                       "}\n"
                       "\f## Blanks around a line are layout: \t\r\n"  // found by the fmt fuzzer
                       "rule d: int = 4\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    EXPECT_EQ(p->decl(0).doc, "The first line.\n  indented text stays indented\n");
    EXPECT_EQ(p->decl(1).doc, "");
    EXPECT_EQ(p->decl(2).doc, "");
    EXPECT_EQ(p->decl(3).members[0]->doc, "The size.");
    EXPECT_EQ(p->decl(4).doc, "Blanks around a line are layout:");
}

// ---- §8 ladders ----------------------------------------------------------------------------------

TEST(Declarations, Ladder) {
    std::string text = std::string(kHeader) +
                       "ladder noncompliance_sanction\n"
                       "  episodes history.sanction_episodes from start until cured\n"
                       "  carry highest\n"
                       "  cite \"6.011.11 A; 6.011.12; Exhibit H\"\n"
                       "  reading \"SANC-03 (catalogue #9): levels count over the case's life.\"\n"
                       "{\n"
                       "  level 1: 25%  for 30 days                        cite \"6.011.11 A\"\n"
                       "  level 2: 50%  for 1 month\n"
                       "  level 3: 100% for at least 90 days until cured   cite \"6.011.11 A; Exhibit H\"\n"
                       "}\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Decl& l = p->decl(0);
    EXPECT_EQ(l.kind, DeclKind::Ladder);
    EXPECT_EQ(show(l.episodes), "(. history sanction_episodes)");
    EXPECT_EQ(l.start_field, "start");
    EXPECT_EQ(text_of(text, l.start_field_span), "start");
    EXPECT_EQ(l.cure_field, "cured");
    EXPECT_EQ(text_of(text, l.cure_field_span), "cured");
    EXPECT_TRUE(l.carry_highest);
    EXPECT_EQ(l.notes.cites.size(), 1u);
    EXPECT_EQ(l.notes.reading, "SANC-03 (catalogue #9): levels count over the case's life.");
    ASSERT_EQ(l.levels.size(), 3u);
    EXPECT_EQ(l.levels[0].number, 1);
    EXPECT_EQ(show(l.levels[0].percent), "25%");
    EXPECT_EQ(show(l.levels[0].length), "<30 days>");
    EXPECT_FALSE(l.levels[0].until_cured);
    EXPECT_EQ(l.levels[0].notes.cites, (std::vector<std::string>{"6.011.11 A"}));
    EXPECT_EQ(show(l.levels[1].length), "<1 months>");
    EXPECT_TRUE(l.levels[1].notes.cites.empty());
    EXPECT_EQ(l.levels[2].number, 3);
    EXPECT_EQ(show(l.levels[2].length), "<90 days>");
    EXPECT_TRUE(l.levels[2].until_cured);
    EXPECT_EQ(text_of(text, l.levels[2].span),
              "level 3: 100% for at least 90 days until cured   cite \"6.011.11 A; Exhibit H\"");

    auto none = parse(std::string(kHeader) + "ladder l episodes e from s until c carry none { }\n");
    EXPECT_EQ(none->errors(), "");
    EXPECT_FALSE(none->decl(0).carry_highest);
}

TEST(Declarations, LadderLevelForms) {
    auto p = parse(std::string(kHeader) +
                   "ladder l episodes e from s until c {\n  level 1: 25% for 30 days until cured\n}\n");
    EXPECT_EQ(p->errors(),
              "a level of fixed length runs to its end whatever happens; for a level the cure ends write "
              "`for at least D until cured` (D at the least), `for at most D until cured` (D at the most) or "
              "`until cured`\n");
    auto q =
        parse(std::string(kHeader) + "ladder l episodes e from s until c {\n  level 1: 25% for at least 30 days\n}\n");
    EXPECT_EQ(q->errors(), "expected `until cured` after the length of the level\n");
    auto r = parse(std::string(kHeader) + "ladder l episodes e from s until c {\n  level 1: 25% for at 30 days\n}\n");
    EXPECT_EQ(r->errors(), "expected `least` or `most` after `at`\n");
}

// What a cure does to a level (LANGUAGE.md §8): `until cured` alone, `at most`, both bounds.
TEST(Declarations, LadderLevelsTheCureEnds) {
    auto p = parse(std::string(kHeader) +
                   "ladder l episodes e from s until c {\n"
                   "  level 1: 25% for at most 45 days until cured\n"
                   "  level 2: 50% for at least 10 days at most 2 months until cured\n"
                   "  level 3: 100% until cured\n}\n");
    ASSERT_EQ(p->errors(), "");
    const auto& l = p->decl(0);
    ASSERT_EQ(l.levels.size(), 3u);
    EXPECT_TRUE(l.levels[0].until_cured);
    EXPECT_FALSE(l.levels[0].length);
    EXPECT_EQ(show(l.levels[0].at_most), "<45 days>");
    EXPECT_EQ(show(l.levels[1].length), "<10 days>");
    EXPECT_EQ(show(l.levels[1].at_most), "<2 months>");
    EXPECT_TRUE(l.levels[2].until_cured);
    EXPECT_FALSE(l.levels[2].length);
    EXPECT_FALSE(l.levels[2].at_most);
}

// ---- §9 cases and tests --------------------------------------------------------------------------

TEST(Declarations, Case) {
    std::string text = std::string(kHeader) +
                       "case weld_baseline {\n"
                       "  as_of = 1999-06-01\n"
                       "  household.size = 3\n"
                       "  household.family_type = single_parent\n"
                       "  history.sanction_episodes = []\n"
                       "  request.adjustment = -0.5\n"
                       "  history.list = [-1, {a: -$2}]\n"
                       "}\n"
                       "case b given weld_baseline, other { }\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Decl& c = p->decl(0);
    EXPECT_EQ(c.kind, DeclKind::Case);
    ASSERT_EQ(c.assignments.size(), 6u);
    EXPECT_EQ(c.assignments[0].path, (std::vector<std::string>{"as_of"}));
    EXPECT_EQ(show(c.assignments[0].value), "1999-06-01");
    EXPECT_EQ(c.assignments[1].path, (std::vector<std::string>{"household", "size"}));
    EXPECT_EQ(text_of(text, c.assignments[1].path_spans[1]), "size");
    EXPECT_EQ(text_of(text, c.assignments[1].span), "household.size = 3");
    EXPECT_EQ(show(c.assignments[3].value), "[]");
    // constants: a minus before a number is part of the literal
    EXPECT_EQ(show(c.assignments[4].value), "-0.5");
    EXPECT_EQ(c.assignments[4].value->kind, ExprKind::DecimalLit);
    EXPECT_EQ(text_of(text, c.assignments[4].value->span), "-0.5");
    EXPECT_EQ(show(c.assignments[5].value), "[-1 {a: $-2}]");
    EXPECT_EQ(p->decl(1).given, (std::vector<std::string>{"weld_baseline", "other"}));
    EXPECT_EQ(text_of(text, p->decl(1).given_spans[1]), "other");
}

TEST(Declarations, Test) {
    std::string text = std::string(kHeader) +
                       "test first_level_day_30 \"The 30th day is still level 1\"\n"
                       "  given weld_baseline\n"
                       "  cite \"6.011.11 A\"\n"
                       "{\n"
                       "  history.sanction_episodes = [{start: 1999-05-03, cured: none}]\n"
                       "  expect sanction_level == 1\n"
                       "  expect delta == -2\n"
                       "  expect disqualified_until is absent\n"
                       "  expect retention_approved is unresolved\n"
                       "  expect diversion_waiver_months is failed\n"
                       "}\n"
                       "test bare { expect x == true }\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    const Decl& t = p->decl(0);
    EXPECT_EQ(t.kind, DeclKind::Test);
    EXPECT_EQ(t.title, "The 30th day is still level 1");
    EXPECT_EQ(t.given, (std::vector<std::string>{"weld_baseline"}));
    EXPECT_EQ(t.notes.cites, (std::vector<std::string>{"6.011.11 A"}));
    ASSERT_EQ(t.assignments.size(), 1u);
    EXPECT_EQ(show(t.assignments[0].value), "[{start: 1999-05-03 cured: none}]");
    ASSERT_EQ(t.expectations.size(), 5u);
    EXPECT_EQ(t.expectations[0].kind, Expectation::Kind::Equals);
    EXPECT_EQ(t.expectations[0].decision, "sanction_level");
    EXPECT_EQ(text_of(text, t.expectations[0].decision_span), "sanction_level");
    EXPECT_EQ(text_of(text, t.expectations[0].span), "expect sanction_level == 1");
    EXPECT_EQ(show(t.expectations[1].value), "-2");
    EXPECT_EQ(t.expectations[2].kind, Expectation::Kind::Absent);
    EXPECT_EQ(t.expectations[2].value, nullptr);
    EXPECT_EQ(t.expectations[3].kind, Expectation::Kind::Unresolved);
    EXPECT_EQ(t.expectations[4].kind, Expectation::Kind::Failed);  // CONTRACT §1: a failure is not unresolved
    EXPECT_EQ(p->decl(1).title, "");
}

// ---- §7 expressions: precedence --------------------------------------------------------------

TEST(Precedence, Arithmetic) {
    EXPECT_EQ(show(parse_expr("a + b * c")), "(+ a (* b c))");
    EXPECT_EQ(show(parse_expr("a * b + c")), "(+ (* a b) c)");
    EXPECT_EQ(show(parse_expr("a - b - c")), "(- (- a b) c)");
    EXPECT_EQ(show(parse_expr("a / b * c")), "(* (/ a b) c)");
    EXPECT_EQ(show(parse_expr("(a + b) * c")), "(* (+ a b) c)");
    EXPECT_EQ(show(parse_expr("-a * b")), "(* (- a) b)");
    EXPECT_EQ(show(parse_expr("a * -b")), "(* a (- b))");
    EXPECT_EQ(show(parse_expr("- -a")), "(- (- a))");
    EXPECT_EQ(show(parse_expr("-a.b")), "(- (. a b))");
    EXPECT_EQ(show(parse_expr("1998 - 12")), "(- 1998 12)");
    EXPECT_EQ(show(parse_expr("a-b")), "(- a b)");
}

TEST(Precedence, Logic) {
    EXPECT_EQ(show(parse_expr("not a and b")), "(and (not a) b)");
    EXPECT_EQ(show(parse_expr("a or b and c")), "(or a (and b c))");
    EXPECT_EQ(show(parse_expr("a and b or c")), "(or (and a b) c)");
    EXPECT_EQ(show(parse_expr("not a == b")), "(not (cmp a == b))");
    EXPECT_EQ(show(parse_expr("not not a")), "(not (not a))");
    EXPECT_EQ(show(parse_expr("a and not b or c")), "(or (and a (not b)) c)");
    EXPECT_EQ(show(parse_expr("not x is present")), "(not (is x present))");
}

TEST(Precedence, ComparisonChains) {
    EXPECT_EQ(show(parse_expr("a < b <= c")), "(cmp a < b <= c)");
    EXPECT_EQ(show(parse_expr("a == b")), "(cmp a == b)");
    EXPECT_EQ(show(parse_expr("a != b > c >= d")), "(cmp a != b > c >= d)");
    EXPECT_EQ(show(parse_expr("(a < b) < c")), "(cmp (cmp a < b) < c)");
    EXPECT_EQ(show(parse_expr("a + 1 < b * 2")), "(cmp (+ a 1) < (* b 2))");
    EXPECT_EQ(show(parse_expr("a < b and b < c")), "(and (cmp a < b) (cmp b < c))");
    ExprPtr chain = parse_expr("a <= b < c");
    ASSERT_EQ(chain->args.size(), 3u);
    EXPECT_EQ(chain->ops, (std::vector<Op>{Op::Le, Op::Lt}));
}

TEST(Precedence, IsInWithinOtherwise) {
    EXPECT_EQ(show(parse_expr("x otherwise y + 1")), "(otherwise x (+ y 1))");
    EXPECT_EQ(show(parse_expr("x + 1 otherwise y")), "(otherwise (+ x 1) y)");
    EXPECT_EQ(show(parse_expr("a otherwise b otherwise c")), "(otherwise (otherwise a b) c)");
    EXPECT_EQ(show(parse_expr("x is present")), "(is x present)");
    EXPECT_EQ(show(parse_expr("x is not none")), "(is-not x none)");
    EXPECT_EQ(show(parse_expr("xs is empty and y is none")), "(and (is xs empty) (is y none))");
    EXPECT_EQ(show(parse_expr("a + b is none")), "(is (+ a b) none)");
    EXPECT_EQ(show(parse_expr("x in [a, b, c]")), "(in x [a b c])");
    EXPECT_EQ(show(parse_expr("x not in list")), "(not-in x list)");
    EXPECT_EQ(show(parse_expr("x in xs == false")), "(cmp (in x xs) == false)");
    EXPECT_EQ(show(parse_expr("x in a otherwise b")), "(in x (otherwise a b))");
    EXPECT_EQ(show(parse_expr("p.date within 12 months before as_of")), "(within (. p date) <12 months> before as_of)");
    EXPECT_EQ(show(parse_expr("d within 30 days after e - 1 year and ok")),
              "(and (within d <30 days> after (- e <1 years>)) ok)");
    EXPECT_EQ(show(parse_expr("d + 1 day within x otherwise y before e")),
              "(within (+ d <1 days>) (otherwise x y) before e)");
}

TEST(Precedence, If) {
    EXPECT_EQ(show(parse_expr("if c then a else b")), "(if c a b)");
    EXPECT_EQ(show(parse_expr("if a or b then 1 + 2 else 3 or 4")), "(if (or a b) (+ 1 2) (or 3 4))");
    EXPECT_EQ(show(parse_expr("if a then 1 else if b then 2 else 3")), "(if a 1 (if b 2 3))");
    EXPECT_EQ(show(parse_expr("1 + (if a then 1 else 2)")), "(+ 1 (if a 1 2))");
}

TEST(Precedence, CallsFieldsAndAggregates) {
    EXPECT_EQ(show(parse_expr("f(a, b + 1).c.d")), "(. (. (call f a (+ b 1)) c) d)");
    EXPECT_EQ(show(parse_expr("f()")), "(call f)");
    EXPECT_EQ(show(parse_expr("min(a, b)")), "(call min a b)");
    EXPECT_EQ(show(parse_expr("max(a)")), "(call max a)");
    EXPECT_EQ(show(parse_expr("sum(p.amount for p in ps where p.date > d)")),
              "(sum p ps (cmp (. p date) > d) (. p amount))");
    EXPECT_EQ(show(parse_expr("max(x * 2 for x in xs)")), "(max x xs _ (* x 2))");
    EXPECT_EQ(show(parse_expr("min(x for x in xs where x > 0)")), "(min x xs (cmp x > 0) x)");
    EXPECT_EQ(show(parse_expr("sum(min(i.a, cap(i.b)) for i in r.items)")),
              "(sum i (. r items) _ (call min (. i a) (call cap (. i b))))");
    EXPECT_EQ(show(parse_expr("count(x in xs where x > 0)")), "(count x xs (cmp x > 0) _)");
    EXPECT_EQ(show(parse_expr("count(x in xs)")), "(count x xs _ _)");
    EXPECT_EQ(show(parse_expr("count(a, b)")), "(call count a b)");
    EXPECT_EQ(show(parse_expr("any(x in xs where x)")), "(any x xs x _)");
    EXPECT_EQ(show(parse_expr("all(e in es where e.cured is present)")), "(all e es (is (. e cured) present) _)");
    EXPECT_EQ(show(parse_expr("first(e in es)")), "(first e es _ _)");
    EXPECT_EQ(show(parse_expr("last(e in es where e.start <= as_of)")), "(last e es (cmp (. e start) <= as_of) _)");
    EXPECT_EQ(show(parse_expr("[x.a for x in xs where x.b]")), "(list x xs (. x b) (. x a))");
    EXPECT_EQ(show(parse_expr("[a, b + 1, [c]]")), "[a (+ b 1) [c]]");
    EXPECT_EQ(show(parse_expr("[a, b,]")), "[a b]");
    EXPECT_EQ(show(parse_expr("{start: 1999-03-01, cured: none}")), "{start: 1999-03-01 cured: none}");
    EXPECT_EQ(show(parse_expr("{}")), "{}");
    EXPECT_EQ(show(parse_expr("E.value")), "(. E value)");
    ExprPtr agg = parse_expr("sum(p.amount for p in ps)");
    EXPECT_EQ(agg->kind, ExprKind::Aggregate);
    EXPECT_EQ(agg->var, "p");
    ASSERT_EQ(agg->args.size(), 3u);
    EXPECT_EQ(agg->args[1], nullptr);
}

TEST(Precedence, CollectAndLimit) {
    EXPECT_EQ(show(parse_expr("collect {\n  a when not x cite \"A\"\n  b when y\n}")),
              "(collect (a when (not x)) (b when y))");
    ExprPtr c = parse_expr("collect { a when x cite \"A\" cite \"B\" reading \"r\" }");
    ASSERT_EQ(c->entries.size(), 1u);
    EXPECT_EQ(c->entries[0].notes.cites, (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(c->entries[0].notes.reading, "r");
    ExprPtr l = parse_expr(
        "limit requested {\n"
        "  at most cap unless request.director_exception  cite \"6.007.4\"\n"
        "  at most yearly - paid cite \"6.007.2\"\n"
        "  at least $0\n"
        "}");
    EXPECT_EQ(show(l),
              "(limit requested (at-most cap unless (. request director_exception)) (at-most (- yearly paid)) "
              "(at-least $0))");
    EXPECT_EQ(l->steps[0].notes.cites, (std::vector<std::string>{"6.007.4"}));
    EXPECT_TRUE(l->steps[2].notes.cites.empty());
}

TEST(Precedence, NotNeedsParenthesesAfterTighterOperators) {
    EXPECT_EQ(expr_errors("a == not b"), "`not` must be in parentheses here: write `(not ...)`\n");
    EXPECT_EQ(expr_errors("a + not b"), "`not` must be in parentheses here: write `(not ...)`\n");
    EXPECT_EQ(show(parse_expr("a == (not b)")), "(cmp a == (not b))");
}

TEST(Expressions, Errors) {
    EXPECT_EQ(expr_errors("a +"), "expected an expression after `+`\n");
    EXPECT_EQ(expr_errors("a and"), "expected an expression after `and`\n");
    EXPECT_EQ(expr_errors("-"), "expected an expression after `-`\n");
    EXPECT_EQ(expr_errors(""), "expected an expression after '='\n");
    EXPECT_EQ(expr_errors("(a"), "expected ')'\n");
    EXPECT_EQ(expr_errors("f(a b)"), "expected ',' or ')'\n");
    EXPECT_EQ(expr_errors("[a b]"), "expected ',' or ']'\n");
    EXPECT_EQ(expr_errors("if a then b"), "expected `else`: every `if` needs an `else`\n");
    EXPECT_EQ(expr_errors("if a b"), "expected `then` after the condition of `if`\n");
    EXPECT_EQ(expr_errors("1 + if a then 1 else 2"),
              "an `if ... then ... else ...` inside an expression must be in parentheses\n");
    EXPECT_EQ(expr_errors("x is"), "expected `present`, `none` or `empty` after `is`\n");
    EXPECT_EQ(expr_errors("x within 3 days"), "expected `before` or `after` after `within` and a duration\n");
    EXPECT_EQ(expr_errors("a.1"), "expected a field name after '.'\n");
    EXPECT_EQ(expr_errors("a + \"text\""),
              "a string is not a value: strings are only for citations, readings, titles and test names\n");
    EXPECT_EQ(expr_errors("count(x for x in xs)"),
              "`count(... for ...)` is not an aggregate: the `for` form is for sum, max, min and lists; "
              "count, all, first and last take `(x in xs where c)`\n");
    EXPECT_EQ(expr_errors("any(x)"), "expected `in` after the name\n");
    EXPECT_EQ(expr_errors("{a 1}"), "expected ':' after the field name\n");
}

// ---- §1 literals -------------------------------------------------------------------------------

TEST(Literals, Numbers) {
    ExprPtr e = parse_expr("42");
    EXPECT_EQ(e->kind, ExprKind::IntLit);
    EXPECT_EQ(e->text, "42");
    e = parse_expr("9223372036854775807");
    EXPECT_EQ(e->text, "9223372036854775807");
    e = parse_expr("1.85");
    EXPECT_EQ(e->kind, ExprKind::DecimalLit);
    EXPECT_EQ(e->text, "1.85");
    EXPECT_EQ(parse_expr("0.20")->text, "0.20");
    e = parse_expr("-3");
    EXPECT_EQ(show(e), "(- 3)");  // in expressions, a minus is an operator
}

TEST(Literals, Money) {
    struct Case {
        const char* source;
        const char* text;
    };
    for (Case c : {Case{"$175", "175"}, Case{"$1,650.00", "1650.00"}, Case{"$0.20", "0.20"}, Case{"$0.2", "0.2"},
                   Case{"$1,234,567.89", "1234567.89"}, Case{"$999", "999"}, Case{"$12,345", "12345"}}) {
        ExprPtr e = parse_expr(c.source);
        ASSERT_NE(e, nullptr) << c.source;
        EXPECT_EQ(e->kind, ExprKind::MoneyLit) << c.source;
        EXPECT_EQ(e->text, c.text) << c.source;
    }
    // a comma followed by a space separates arguments
    EXPECT_EQ(show(parse_expr("max($1, 650)")), "(call max $1 650)");
    EXPECT_EQ(show(parse_expr("max($1,650, $2)")), "(call max $1650 $2)");
}

TEST(Literals, MoneyErrors) {
    EXPECT_EQ(expr_errors("$1.505"), "money literal has more than 2 decimals\n");
    EXPECT_EQ(expr_errors("$1,650.001"), "money literal has more than 2 decimals\n");
    EXPECT_EQ(expr_errors("$1,65"), "commas in a money literal separate groups of exactly three digits\n");
    EXPECT_EQ(expr_errors("$1,6500"), "commas in a money literal separate groups of exactly three digits\n");
    EXPECT_EQ(expr_errors("$1650,000"), "commas in a money literal separate groups of exactly three digits\n");
    EXPECT_EQ(expr_errors("$"), "expected digits after '$'\n");
    EXPECT_EQ(expr_errors("$x"), "expected digits after '$'\n");
    auto p = parse(std::string(kHeader) + "rule r: money = $1.505\n");
    ASSERT_EQ(p->diags.size(), 1u);
    EXPECT_EQ(p->diags[0].column, 17u);  // at the literal
}

TEST(Literals, Percent) {
    ExprPtr e = parse_expr("25%");
    EXPECT_EQ(e->kind, ExprKind::PercentLit);
    EXPECT_EQ(e->text, "25");
    e = parse_expr("12.5%");
    EXPECT_EQ(e->kind, ExprKind::PercentLit);
    EXPECT_EQ(e->text, "12.5");
    EXPECT_EQ(show(parse_expr("n * 1%")), "(* n 1%)");
}

TEST(Literals, Dates) {
    ExprPtr e = parse_expr("1998-12-01");
    EXPECT_EQ(e->kind, ExprKind::DateLit);
    EXPECT_EQ(e->text, "1998-12-01");
    e = parse_expr("forever");
    EXPECT_EQ(e->kind, ExprKind::DateLit);
    EXPECT_EQ(e->text, "forever");
    EXPECT_EQ(parse_expr("2000-02-29")->text, "2000-02-29");
    EXPECT_EQ(show(parse_expr("1998-12-01 - 1998-01-01")), "(- 1998-12-01 1998-01-01)");
    EXPECT_EQ(show(parse_expr("1998 - 12 - 01")), "(- (- 1998 12) 01)");
}

TEST(Literals, DateErrors) {
    EXPECT_EQ(expr_errors("1999-02-29"), "there is no date 1999-02-29\n");
    EXPECT_EQ(expr_errors("1999-13-01"), "there is no date 1999-13-01\n");
    EXPECT_EQ(expr_errors("1799-12-31"), "date 1799-12-31 is outside the supported range 1800-01-01..2299-12-31\n");
    EXPECT_EQ(expr_errors("2300-01-01"), "date 2300-01-01 is outside the supported range 1800-01-01..2299-12-31\n");
    EXPECT_EQ(expr_errors("1998-12-1"),
              "malformed date `1998-12-1`: write dates as YYYY-MM-DD (put spaces around a minus)\n");
}

TEST(Literals, Durations) {
    struct Case {
        const char* source;
        const char* count;
        DurationUnit unit;
    };
    for (Case c : {Case{"30 days", "30", DurationUnit::Days}, Case{"1 day", "1", DurationUnit::Days},
                   Case{"2 weeks", "2", DurationUnit::Weeks}, Case{"1 week", "1", DurationUnit::Weeks},
                   Case{"3 months", "3", DurationUnit::Months}, Case{"1 month", "1", DurationUnit::Months},
                   Case{"1 year", "1", DurationUnit::Years}, Case{"10 years", "10", DurationUnit::Years},
                   Case{"7\tdays", "7", DurationUnit::Days}}) {
        ExprPtr e = parse_expr(c.source);
        ASSERT_NE(e, nullptr) << c.source;
        EXPECT_EQ(e->kind, ExprKind::DurationLit) << c.source;
        EXPECT_EQ(e->text, c.count) << c.source;
        EXPECT_EQ(e->unit, c.unit) << c.source;
        EXPECT_EQ(e->span.end - e->span.begin, std::string(c.source).size()) << c.source;
    }
    // units are contextual: a call, a name, and a unit only after an integer on the same line
    EXPECT_EQ(show(parse_expr("day(d) + days(n) + months")), "(+ (+ (call day d) (call days n)) months)");
    EXPECT_EQ(show(parse_expr("n * days(1)")), "(* n (call days 1))");
    EXPECT_EQ(expr_errors("1.5 days"), "a duration is a whole number of days, weeks, months or years\n");
}

TEST(Literals, BoolNoneStrings) {
    EXPECT_EQ(parse_expr("true")->kind, ExprKind::BoolLit);
    EXPECT_EQ(parse_expr("false")->text, "false");
    EXPECT_EQ(parse_expr("none")->kind, ExprKind::NoneLit);
    auto p = parse(std::string(kHeader) + "rule r: int cite \"a \\\"quoted\\\" \\\\ back\" = 1\n");
    EXPECT_EQ(p->errors(), "");
    EXPECT_EQ(p->decl(0).notes.cites[0], "a \"quoted\" \\ back");
    auto u = parse(std::string(kHeader) + "rule r: int cite \"open = 1\nrule s: int = 2\n");
    EXPECT_EQ(u->errors(), "unterminated string\n");
    EXPECT_EQ(u->diags[0].column, 18u);  // at the opening quote
    EXPECT_EQ(u->module->decls.size(), 1u);
    auto e = parse(std::string(kHeader) + "rule r: int cite \"a\\n\" = 1\n");
    EXPECT_EQ(e->errors(), "unknown escape in a string: only \\\" and \\\\ are allowed\n");
}

TEST(Literals, IntegerTooLarge) {
    EXPECT_EQ(expr_errors("9223372036854775808"),
              "integer literal is too large (the largest is 9223372036854775807)\n");
    EXPECT_EQ(expr_errors("00000000000000000000000001"), "");
}

// ---- keywords and identifiers (§13) -------------------------------------------------------------

TEST(Keywords, KeywordsDoNotMatchPrefixesOfNames) {
    EXPECT_EQ(show(parse_expr("iffy and notable or order")), "(or (and iffy notable) order)");
    EXPECT_EQ(show(parse_expr("android + isotope + income + within_limit + format + tomorrow")),
              "(+ (+ (+ (+ (+ android isotope) income) within_limit) format) tomorrow)");
    EXPECT_EQ(show(parse_expr("nonesuch + truest + forever_young + anyone + letter + thence + elsewhere")),
              "(+ (+ (+ (+ (+ (+ nonesuch truest) forever_young) anyone) letter) thence) elsewhere)");
    EXPECT_EQ(show(parse_expr("if iffy then thenx else elsex")), "(if iffy thenx elsex)");
    auto p = parse(std::string(kHeader) + "rule rules: int = 1\ndecision decisions: int = caseload\n");
    EXPECT_EQ(p->errors(), "");
    EXPECT_EQ(p->decl(0).name, "rules");
    EXPECT_EQ(show(p->decl(1).body), "caseload");
}

TEST(Keywords, ContextualKeywordsAreNames) {
    EXPECT_EQ(show(parse_expr("first + level + hit + at + most + least + unique + episodes + carry")),
              "(+ (+ (+ (+ (+ (+ (+ (+ first level) hit) at) most) least) unique) episodes) carry)");
    EXPECT_EQ(show(parse_expr("highest + present + empty + absent + unresolved + cent + dollar")),
              "(+ (+ (+ (+ (+ (+ highest present) empty) absent) unresolved) cent) dollar)");
    EXPECT_EQ(show(parse_expr("sum + count + all + max + min + list + day + years")),
              "(+ (+ (+ (+ (+ (+ (+ sum count) all) max) min) list) day) years)");
    auto p = parse(std::string(kHeader) + "rule level: int = 1\nfact first.hit: int\nenum at { most, least }\n");
    EXPECT_EQ(p->errors(), "");
    EXPECT_EQ(p->module->decls.size(), 3u);
}

TEST(Keywords, ReservedWordsAreNotNames) {
    EXPECT_EQ(parse(std::string(kHeader) + "rule if: int = 1\n")->errors(),
              "`if` is a reserved word and cannot be used as a name\n");
    EXPECT_EQ(parse(std::string(kHeader) + "enum E { a, none }\n")->errors(),
              "`none` is a reserved word and cannot be used as a name\n");
    EXPECT_EQ(parse(std::string(kHeader) + "record R { from: date }\n")->errors(),
              "`from` is a reserved word and cannot be used as a name\n");
    EXPECT_EQ(parse(std::string(kHeader) + "decision d: int { let any = 1 any }\n")->errors(),
              "`any` is a reserved word and cannot be used as a name\n");
    EXPECT_EQ(parse(std::string(kHeader) + "fact a.case: int\n")->errors(),
              "`case` is a reserved word and cannot be used as a name\n");
}

TEST(Identifiers, UnicodeLettersAndNfc) {
    std::string text = std::string(kHeader) +
                       "rule año_fiscal: int = 1\n"
                       "rule caf\xC3\xA9: int = cafe\xCC\x81 + \xCE\xB4\xCE\xB5\xCE\xBB\xCF\x84\xCE\xB1\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "");
    ASSERT_EQ(p->module->decls.size(), 2u);
    EXPECT_EQ(p->decl(0).name, "año_fiscal");
    // "é" (U+00E9) and "e" + U+0301 are one name after NFC
    EXPECT_EQ(p->decl(1).name, "caf\xC3\xA9");
    EXPECT_EQ(show(p->decl(1).body), "(+ caf\xC3\xA9 \xCE\xB4\xCE\xB5\xCE\xBB\xCF\x84\xCE\xB1)");
    // the span covers the bytes as written
    EXPECT_EQ(text_of(text, p->decl(1).body->args[0]->span), "cafe\xCC\x81");
}

// ---- spans ---------------------------------------------------------------------------------------

TEST(Spans, ExpressionNodes) {
    std::string prefix = std::string(kHeader) + "rule r: int = ";
    std::string source = "a.b + f(x, 2) * -c";
    auto p = parse(prefix + source + "\n");
    ASSERT_EQ(p->errors(), "");
    std::string text = prefix + source + "\n";
    const ExprPtr& e = p->decl(0).body;
    EXPECT_EQ(e->span.file, 0u);
    EXPECT_EQ(text_of(text, e->span), source);
    EXPECT_EQ(text_of(text, e->args[0]->span), "a.b");
    EXPECT_EQ(text_of(text, e->args[0]->args[0]->span), "a");
    EXPECT_EQ(text_of(text, e->args[1]->span), "f(x, 2) * -c");
    EXPECT_EQ(text_of(text, e->args[1]->args[0]->span), "f(x, 2)");
    EXPECT_EQ(text_of(text, e->args[1]->args[1]->span), "-c");
    auto q = parse(prefix + "(a + b) * [1, 2] otherwise sum(x for x in xs)\n");
    std::string qt = prefix + "(a + b) * [1, 2] otherwise sum(x for x in xs)\n";
    const ExprPtr& o = q->decl(0).body;
    EXPECT_EQ(text_of(qt, o->args[0]->args[0]->span), "(a + b)");  // parentheses included
    EXPECT_EQ(text_of(qt, o->args[0]->args[1]->span), "[1, 2]");
    EXPECT_EQ(text_of(qt, o->args[1]->span), "sum(x for x in xs)");
    EXPECT_EQ(text_of(qt, o->args[1]->var_span), "x");
}

TEST(Spans, FileIdComesFromTheSourceFile) {
    SourceSet sources;
    sources.add("first.tenet", "ruleset a\n");
    const SourceFile& second = sources.add("second.tenet", "ruleset b\nrule r: int = 1\n");
    DiagnosticSink sink(sources);
    auto m = parse_module(second, sink);
    ASSERT_EQ(m->decls.size(), 1u);
    EXPECT_EQ(m->decls[0]->span.file, 1u);
    EXPECT_EQ(m->decls[0]->body->span.file, 1u);
    EXPECT_EQ(m->header_span.file, 1u);
}

// ---- error recovery ------------------------------------------------------------------------------

TEST(Recovery, OneErrorPerBrokenDeclaration) {
    std::string text =
        "ruleset t\n"
        "rule broken_type: = 1\n"
        "rule good_one: int = 1 + 2\n"
        "decision broken_body: int cite \"x\"\n"
        "table broken_row(a: int) -> int {\n"
        "  1 => \n"
        "  2 => 3\n"
        "}\n"
        "decision good_two: bool = true\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(),
              "expected a type after ':'\n"
              "expected '=' or '{' to start the body of decision `broken_body`\n"
              "expected a result after '=>'\n");
    ASSERT_EQ(p->module->decls.size(), 2u);
    EXPECT_EQ(p->decl(0).name, "good_one");
    EXPECT_EQ(p->decl(1).name, "good_two");
    EXPECT_EQ(p->diags[0].line, 2u);
    EXPECT_EQ(p->diags[1].line, 5u);  // where the body should have started
    EXPECT_EQ(p->diags[2].line, 6u);
}

TEST(Recovery, NestedFactsGroupIsNotTakenForADeclaration) {
    std::string text =
        "ruleset t\n"
        "facts household {\n"
        "  size int\n"
        "  facts shelter {\n"
        "    rent: money\n"
        "  }\n"
        "}\n"
        "rule r: int = 1\n";
    auto p = parse(text);
    EXPECT_EQ(p->errors(), "expected ':' and a type, or '{' and a group of facts, after the name\n");
    ASSERT_EQ(p->module->decls.size(), 1u);
    EXPECT_EQ(p->decl(0).name, "r");
}

TEST(Recovery, GarbageBetweenDeclarations) {
    auto p = parse("ruleset t\nrule a: int = 1\n}}} what is this\nrule b: int = 2\n");
    EXPECT_EQ(p->errors(),
              "expected a declaration (enum, record, fact, facts, parameter, table, rule, decision, "
              "function, ladder, case or test)\n");
    EXPECT_EQ(p->module->decls.size(), 2u);
}

// ---- limits (§12) --------------------------------------------------------------------------------

TEST(Limits, FileSize) {
    std::string text = std::string(kHeader) + std::string(kMaxSourceBytes, ' ');
    auto p = parse(text);
    ASSERT_EQ(p->diags.size(), 1u);
    EXPECT_EQ(p->diags[0].message, "ruleset is larger than 1 MiB (the limit)");
    EXPECT_EQ(p->diags[0].line, 0u);  // about the whole file
    EXPECT_EQ(p->diags[0].file, "test.tenet");
    EXPECT_TRUE(p->module->decls.empty());
    std::string exact = std::string(kHeader) + std::string(kMaxSourceBytes - sizeof(kHeader) + 1, ' ');
    ASSERT_EQ(exact.size(), kMaxSourceBytes);
    EXPECT_EQ(parse(exact)->errors(), "");
}

TEST(Limits, InvalidUtf8) {
    std::string text = std::string(kHeader) + "rule r: int = 1 + \xFF\nrule s: int = \"\n";
    auto p = parse(text);
    ASSERT_EQ(p->diags.size(), 1u);  // only that, nothing else is parsed
    EXPECT_EQ(p->diags[0].message, "invalid UTF-8 byte 0xff");
    EXPECT_EQ(p->diags[0].offset, std::string(kHeader).size() + 18);
    EXPECT_EQ(p->diags[0].line, 2u);
    EXPECT_EQ(p->diags[0].column, 19u);
    EXPECT_TRUE(p->module->decls.empty());
    auto q = parse(std::string(kHeader) + "rule r\xC3: int = 1\n");
    ASSERT_EQ(q->diags.size(), 1u);
    EXPECT_EQ(q->diags[0].message, "invalid UTF-8 byte 0xc3");
}

TEST(Limits, NestingUpToTheLimitIsFine) {
    const size_t n = kMaxNestingDepth;
    EXPECT_EQ(expr_errors(repeat("(", n) + "1" + repeat(")", n)), "");
    EXPECT_EQ(expr_errors(repeat("[", n) + repeat("]", n)), "");
    EXPECT_EQ(expr_errors(repeat("-", n) + "1"), "");
    EXPECT_EQ(expr_errors(repeat("(", n) + "1" + repeat(")", n) + " + 2"), "");
    const std::string too_deep = "expression nested too deeply (more than 256 levels)\n";
    EXPECT_EQ(expr_errors(repeat("(", n + 1) + "1" + repeat(")", n + 1)), too_deep);
    EXPECT_EQ(expr_errors(repeat("[", n + 1) + repeat("]", n + 1)), too_deep);
    EXPECT_EQ(expr_errors(repeat("-", n + 1) + "1"), too_deep);
    EXPECT_EQ(expr_errors(repeat("not ", n + 1) + "a"), too_deep);
    // a long chain of operators makes a deep tree too
    EXPECT_EQ(expr_errors("1" + repeat(" + 1", n)), "");
    EXPECT_EQ(expr_errors("1" + repeat(" + 1", n + 1)), too_deep);
    // ... but a comparison chain is one node
    EXPECT_EQ(expr_errors("1" + repeat(" < 1", 10000)), "");
}

// In an optimised build, 257 levels of any construct fit in 256 KiB of stack, so the depth limit
// is what stops the parser. Unoptimised and sanitised builds use several times more stack per
// level; there the parser's stack check (which leaves a reserve and reports "ran out of stack
// space") may come first.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TENET_TEST_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TENET_TEST_SANITIZED 1
#endif
#if defined(__OPTIMIZE__) && !defined(TENET_TEST_SANITIZED)
constexpr bool kOptimised = true;
#else
constexpr bool kOptimised = false;
#endif

// The inputs below would overflow the stack of a naive recursive parser; on a 256 KiB stack
// each must fail with one clean error.
TEST(Limits, DeepNestingOnASmallStack) {
    const size_t kDeep = 100000;
    struct Case {
        std::string name;
        std::string text;
        std::string message;
    };
    const std::string expr_msg = "expression nested too deeply (more than 256 levels)";
    std::vector<Case> cases = {
        {"parentheses", std::string(kHeader) + "rule r: int = " + repeat("(", kDeep), expr_msg},
        {"brackets", std::string(kHeader) + "rule r: int = " + repeat("[", kDeep), expr_msg},
        {"records", std::string(kHeader) + "rule r: int = " + repeat("{a: ", kDeep), expr_msg},
        {"calls", std::string(kHeader) + "rule r: int = " + repeat("f(", kDeep), expr_msg},
        {"aggregates", std::string(kHeader) + "rule r: int = " + repeat("sum(", kDeep), expr_msg},
        {"minus", std::string(kHeader) + "rule r: int = " + repeat("-", kDeep) + "1", expr_msg},
        {"not", std::string(kHeader) + "rule r: int = " + repeat("not ", kDeep) + "a", expr_msg},
        {"else if", std::string(kHeader) + "rule r: int = " + repeat("if a then 1 else ", kDeep / 2) + "2", expr_msg},
        {"sum chain", std::string(kHeader) + "rule r: int = 1" + repeat("+1", kDeep), expr_msg},
        {"field chain", std::string(kHeader) + "rule r: int = a" + repeat(".b", kDeep), expr_msg},
        {"types", std::string(kHeader) + "rule r: " + repeat("list<", kDeep) + "int",
         "type nested too deeply (more than 256 levels)"},
        {"fact groups", std::string(kHeader) + "facts a " + repeat("{ b ", kDeep),
         "groups of facts nested too deeply (more than 256 levels)"},
        {"within", std::string(kHeader) + "rule r: int = " + repeat("d within (", kDeep), expr_msg},
    };
    for (const Case& c : cases) {
        std::string errors;
        run_on_stack(256 * 1024, [&] { errors = parse(c.text)->errors(); });
        if (kOptimised) {
            EXPECT_EQ(errors, c.message + "\n") << c.name;
        } else {  // bigger frames: the parser's stack check may stop it before the depth limit
            EXPECT_TRUE(errors == c.message + "\n" || errors == c.message + "; the parser ran out of stack space\n")
                << c.name << ": " << errors;
        }
    }
}

TEST(Limits, TheParserAlwaysFinishes) {
    // prefixes of a complete file, and the file with each line removed: errors, never a hang or
    // a crash
    std::string text = read_file(std::string(TENET_TESTS_DIR) + "/syntax/all_constructs.tenet");
    ASSERT_FALSE(text.empty());
    size_t parsed = 0;
    for (size_t n = 0; n < text.size(); n += 7) {
        parse(text.substr(0, n));
        ++parsed;
    }
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        parse(text.substr(0, start) + text.substr(std::min(end + 1, text.size())));
        start = end + 1;
        ++parsed;
    }
    EXPECT_GT(parsed, 100u);
}

// ---- the example file ----------------------------------------------------------------------------

void collect_kinds(const ExprPtr& e, std::set<ExprKind>* kinds) {
    if (!e) return;
    kinds->insert(e->kind);
    for (const ExprPtr& a : e->args) collect_kinds(a, kinds);
    for (const CollectEntry& c : e->entries) {
        collect_kinds(c.value, kinds);
        collect_kinds(c.condition, kinds);
    }
    for (const LimitStep& s : e->steps) {
        collect_kinds(s.bound, kinds);
        collect_kinds(s.unless, kinds);
    }
}

void collect_decl(const Decl& d, std::set<DeclKind>* decls, std::set<ExprKind>* kinds) {
    decls->insert(d.kind);
    collect_kinds(d.body, kinds);
    collect_kinds(d.value, kinds);
    collect_kinds(d.episodes, kinds);
    for (const ParamPeriod& p : d.periods) collect_kinds(p.value, kinds);
    for (const TableRow& r : d.rows) {
        for (const ExprPtr& o : r.outputs) collect_kinds(o, kinds);
    }
    for (const Assignment& a : d.assignments) collect_kinds(a.value, kinds);
    for (const DeclPtr& m : d.members) collect_decl(*m, decls, kinds);
}

TEST(Examples, AllConstructsParsesAndUsesEveryConstruct) {
    std::string text = read_file(std::string(TENET_TESTS_DIR) + "/syntax/all_constructs.tenet");
    auto p = parse(text, "all_constructs.tenet");
    EXPECT_EQ(p->formatted(), "");
    std::set<DeclKind> decls;
    std::set<ExprKind> kinds;
    for (const DeclPtr& d : p->module->decls) collect_decl(*d, &decls, &kinds);
    EXPECT_EQ(decls.size(), 12u);  // every DeclKind
    for (int k = static_cast<int>(ExprKind::IntLit); k <= static_cast<int>(ExprKind::Block); ++k) {
        if (static_cast<ExprKind>(k) == ExprKind::StringLit) continue;  // not a value (§1)
        EXPECT_TRUE(kinds.count(static_cast<ExprKind>(k))) << "expression kind " << k << " unused";
    }
    EXPECT_TRUE(p->module->has_extends);
    EXPECT_EQ(p->module->imports.size(), 2u);
    EXPECT_EQ(p->module->decls[0]->doc, "The kinds of family the participation table distinguishes.");
}

// The snippets of docs/LANGUAGE.md that are complete files parse without errors.
TEST(Examples, LanguageReferenceOpening) {
    std::string doc = read_file(std::string(TENET_SOURCE_DIR) + "/docs/LANGUAGE.md");
    size_t begin = doc.find("```tenet\n");
    ASSERT_NE(begin, std::string::npos);
    begin += 9;
    size_t end = doc.find("```", begin);
    auto p = parse(doc.substr(begin, end - begin));
    EXPECT_EQ(p->formatted(), "");
    EXPECT_EQ(p->module->decls.size(), 6u);
}

// ---- golden diagnostics -------------------------------------------------------------------------

// Each tests/syntax/golden/NAME.tenet is parsed as "golden/NAME.tenet"; the formatted diagnostics
// must equal NAME.expected. On a mismatch the actual output is printed in full, ready to paste.
TEST(Golden, Diagnostics) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(TENET_TESTS_DIR) / "syntax" / "golden";
    std::vector<fs::path> inputs;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".tenet") inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());
    ASSERT_GE(inputs.size(), 5u);
    for (const fs::path& input : inputs) {
        std::string name = input.stem().string();
        fs::path expected_path = input;
        expected_path.replace_extension(".expected");
        std::string expected = read_file(expected_path.string());
        std::string actual = parse(read_file(input.string()), "golden/" + name + ".tenet")->formatted();
        EXPECT_EQ(actual, expected) << "golden/" << name << ".expected should be:\n"
                                    << "-----8<-----\n"
                                    << actual << "-----8<-----";
    }
}

}  // namespace
}  // namespace tenet::syntax

namespace tenet::syntax {
namespace {

std::unique_ptr<Parsed> parse_skipping_tests(const std::string& text) {
    auto p = std::make_unique<Parsed>();
    const SourceFile& file = p->sources.add("test.tenet", text);
    DiagnosticSink sink(p->sources);
    ParseOptions options;
    options.skip_tests = true;
    p->module = parse_module(file, sink, options);
    p->diags = sink.take();
    return p;
}

// Hosts that only evaluate step over tests and cases by their braces: braces inside strings and
// comments do not count, and a test whose braces never close is parsed (and reported) as usual.
TEST(Parser, SkipsTestsAndCasesByTheirBracesWhenAsked) {
    const std::string text =
        "ruleset t\n"
        "fact a: int\n"
        "case base { a = 1 }\n"
        "test t1 \"a title with } and {\" given base {\n"
        "  # a comment with }\n"
        "  expect d == (1 +\n"  // a syntax error the skip never sees
        "}\n"
        "decision d: int cite \"x\" = a + 1\n";
    auto full = parse(text);
    EXPECT_NE(full->errors(), "");
    auto skipped = parse_skipping_tests(text);
    EXPECT_EQ(skipped->errors(), "");
    ASSERT_EQ(skipped->module->decls.size(), 2u);
    EXPECT_EQ(skipped->decl(0).name, "a");
    EXPECT_EQ(skipped->decl(1).name, "d");

    // unclosed: the next declaration starts a line before the `}`, so the test is parsed
    auto unclosed =
        parse_skipping_tests("ruleset t\nfact a: int\ntest t1 {\n  a = 1\ndecision d: int cite \"x\" = a\n");
    EXPECT_NE(unclosed->errors(), "");
    ASSERT_FALSE(unclosed->module->decls.empty());
    EXPECT_EQ(unclosed->module->decls.back()->name, "d");
}

}  // namespace
// A one-line ruleset of a megabyte: the message shows a window of the line around the column,
// with the caret under it, and is formatted in linear time (the caret was placed by a scan per
// column, quadratic in the line's length).
TEST(Diagnostics, LongLinesShowAWindowAroundTheColumn) {
    Diagnostic d;
    d.file = "long.tenet";
    d.line = 1;
    d.column = 500001;
    d.source_line = std::string(500000, 'a') + "!" + std::string(500000, 'b');
    d.message = "unexpected '!'";
    std::string text = format_diagnostic(d);
    std::string expected = "long.tenet:1:500001: error: unexpected '!'\n  ..." + std::string(70, 'a') + "!" +
                           std::string(69, 'b') + "...\n     " + std::string(70, ' ') + "^\n";
    EXPECT_EQ(text, expected);

    d.column = 3;  // near the start: no cut on the left
    d.source_line = "a\tb" + std::string(1000, 'c');
    EXPECT_EQ(format_diagnostic(d),
              "long.tenet:1:3: error: unexpected '!'\n  a\tb" + std::string(137, 'c') + "...\n   \t^\n");

    d.column = 4;  // a short line is shown whole
    d.source_line = "x = é1";
    EXPECT_EQ(format_diagnostic(d), "long.tenet:1:4: error: unexpected '!'\n  x = é1\n     ^\n");
}

}  // namespace tenet::syntax
