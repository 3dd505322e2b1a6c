// The syntax tree of one .tenet file, as the parser builds it.
//
// Exports: Span, TypeExpr, Expr, Decl and their kinds, and Module (one parsed file).
// The tree is a plain data structure: the parser fills it, the checker reads it and records
// what it learns (types, resolved references) in its own side tables, keyed by node address.
// Positions are byte offsets into the file's text; line:column is computed only when a
// diagnostic is printed (see source.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tenet::syntax {

// A half-open byte range [begin, end) in one source file.
struct Span {
    uint32_t file = 0;
    uint32_t begin = 0;
    uint32_t end = 0;
};

struct TypeExpr;
using TypeExprPtr = std::shared_ptr<TypeExpr>;

// A type as written: `money`, `FamilyType`, `list<SanctionEpisode>`, `date?`.
struct TypeExpr {
    enum class Kind { Named, List, Optional };
    Kind kind = Kind::Named;
    std::string name;     // Named: `bool`, `int`, ..., or an enum or record name
    TypeExprPtr element;  // List and Optional: the inner type
    Span span;
};

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;

enum class ExprKind {
    // literals; `text` holds the literal exactly as written (for money without `$` and commas,
    // e.g. "$1,650.00" -> "1650.00"; for percent without `%`; for durations the count)
    IntLit,       // text: digits, optional leading '-'
    DecimalLit,   // text: "1.85"
    MoneyLit,     // text: "1650.00" or "175"
    PercentLit,   // text: "25" or "12.5"
    DateLit,      // text: "1998-12-01" or "forever"
    DurationLit,  // text: the count "30"; unit: the DurationUnit
    BoolLit,      // text: "true" or "false"
    NoneLit,
    StringLit,  // text: the unescaped contents (only inside test names etc., not in rules)

    Name,       // text: an identifier
    Field,      // args[0].text
    Unary,      // op: Neg or Not; args[0]
    Binary,     // op: Add Sub Mul Div And Or; args[0], args[1]
    Compare,    // a chain: args[0] ops[0] args[1] ops[1] args[2] ...; ops are Eq Ne Lt Le Gt Ge
    Is,         // args[0] is [not] present|none|empty: op = IsPresent|IsNone|IsEmpty, negated
    In,         // args[0] [not] in args[1]; negated
    Within,     // args[0] within args[1] before|after args[2]; op = Before|After
    Otherwise,  // args[0] otherwise args[1]
    If,         // if args[0] then args[1] else args[2]
    Call,       // text: the callee name; args: arguments
    Aggregate,  // text: sum|count|any|all|max|min|first|last|list; var: bound name;
                // args[0] the list, args[1] the filter or null, args[2] the element expression
                // or null (count, any, all, first, last have none)
    ListLit,    // args: elements
    RecordLit,  // names[i]: field name; args[i]: value
    Collect,    // entries
    Limit,      // args[0]: the starting value; steps
    Block,      // lets (names[i] = args[i] for i < n-1), then args.back() is the result
};

enum class Op {
    None,
    Neg,
    Not,
    Add,
    Sub,
    Mul,
    Div,
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    IsPresent,
    IsNone,
    IsEmpty,
    Before,
    After,
};

enum class DurationUnit { Days, Weeks, Months, Years };

// A citation or reading attached to a declaration, a row, an entry or a step.
struct Annotations {
    std::vector<std::string> cites;  // unescaped contents of each `cite "..."`
    std::vector<Span> cite_spans;
    std::string reading;  // `reading "..."`, empty if none
    Span reading_span;
    std::string gap;  // parameters: `gap "..."`, why days inside the ruleset's
    Span gap_span;    //   validity have no value (the source prints none)
};

struct CollectEntry {
    ExprPtr value;
    ExprPtr condition;
    Annotations notes;
    Span span;
};

struct LimitStep {
    bool at_most = true;  // false: `at least`
    ExprPtr bound;
    ExprPtr unless;  // null when there is no `unless`
    Annotations notes;
    Span span;
};

struct Expr {
    ExprKind kind = ExprKind::Name;
    Span span;
    std::string text;
    Op op = Op::None;
    bool negated = false;  // `is not`, `not in`
    DurationUnit unit = DurationUnit::Days;
    std::string var;  // Aggregate: the bound variable
    Span var_span;
    std::vector<ExprPtr> args;
    std::vector<Op> ops;             // Compare chain operators
    std::vector<std::string> names;  // RecordLit field names; Block let names
    std::vector<Span> name_spans;
    std::vector<CollectEntry> entries;  // Collect
    std::vector<LimitStep> steps;       // Limit
};

// ---- declarations ----------------------------------------------------------------------------

enum class DeclKind {
    Enum,
    Record,
    Fact,
    FactGroup,
    Parameter,
    Table,
    Rule,
    Decision,
    Function,
    Ladder,
    Case,
    Test,
};

struct FactRange {  // `in LO..HI`; either end may be null
    ExprPtr low;
    ExprPtr high;
    Span span;
};

struct Field {  // record fields, function and table parameters, table outputs
    std::string name;
    TypeExprPtr type;
    Span span;
    FactRange range;  // table inputs only: `size: int in 1..30`, the values the gap check covers
    bool has_range = false;
};

struct Literal {   // a literal in a fact range or a table cell (an Expr of a literal kind,
    ExprPtr expr;  // or a Name for an enum value, or a Field for `Enum.value`)
};

struct ParamPeriod {  // one line of an effective-dated parameter
    enum class Kind { Before, From, FromTo };
    Kind kind = Kind::From;
    ExprPtr from;  // DateLit (From, FromTo)
    ExprPtr to;    // DateLit (Before: the first day NOT covered; FromTo: last day covered)
    ExprPtr value;
    Annotations notes;
    Span span;
};

// One input cell of a table row.
struct CellTest {
    enum class Kind { Any, Equal, NotEqual, Less, LessEq, Greater, GreaterEq, Range };
    Kind kind = Kind::Any;
    ExprPtr value;  // Equal..GreaterEq: the literal; Range: the low end (null if open)
    ExprPtr high;   // Range: the high end (null if open)
    Span span;
};

struct TableCell {                // an input cell: `any`, or one or more tests joined by commas (any of)
    std::vector<CellTest> tests;  // empty means `any`
    Span span;
};

struct TableRow {
    std::vector<TableCell> inputs;
    std::vector<ExprPtr> outputs;
    Annotations notes;
    Span span;
};

enum class HitPolicy { Unique, First, Collect };

struct LadderLevel {
    int64_t number = 0;  // as written after `level`
    ExprPtr percent;
    ExprPtr length;            // a duration expression: the fixed length (`for D`), or the
                               // minimum of a level `until cured` (null for plain `until cured`)
    ExprPtr at_most;           // `until cured` levels only: the longest the level lasts before it
                               // escalates (`for at most D until cured`); null when open-ended
    bool until_cured = false;  // `until cured`, `for at least D until cured`, `for at most D ...`
    Annotations notes;
    Span span;
};

struct Assignment {  // in cases and tests: `household.size = 3`
    std::vector<std::string> path;
    std::vector<Span> path_spans;
    ExprPtr value;
    Span span;
};

struct Expectation {  // `expect NAME == v`, `is absent`, `is unresolved`, `is failed`
    enum class Kind { Equals, Absent, Unresolved, Failed };
    Kind kind = Kind::Equals;
    std::string decision;
    Span decision_span;
    ExprPtr value;
    Span span;
};

struct Decl;
using DeclPtr = std::shared_ptr<Decl>;

struct Decl {
    DeclKind kind = DeclKind::Rule;
    Span span;         // the whole declaration
    std::string name;  // for Fact: the dotted path "household.size"
    Span name_span;
    bool is_override = false;
    Annotations notes;
    std::string doc;  // the `##` lines before the declaration, joined by '\n'

    // Enum
    std::vector<std::string> enum_values;
    std::vector<Span> enum_value_spans;

    // Record fields; Function/Table parameters
    std::vector<Field> fields;

    // Fact, Parameter, Rule, Decision, Function: the type (Function: the result type;
    // Table with a single output: the output type)
    TypeExprPtr type;

    // Fact
    std::vector<std::string> path;  // {"household", "size"}
    FactRange range;                // low/high null when no `in`
    bool has_range = false;

    // FactGroup: `facts household { ... }`; members are Fact or FactGroup decls whose paths are
    // already complete ({"household", "size"})
    std::vector<DeclPtr> members;

    // Parameter: either `value` or `periods`
    ExprPtr value;
    std::vector<ParamPeriod> periods;

    // Rule, Decision, Function: body (a Block when written with braces)
    ExprPtr body;
    std::string forever_as;  // Decision: `forever as "..."`, empty if not given
    bool has_forever_as = false;

    // Table
    std::vector<Field> outputs;  // named outputs `-> (a: int, b: percent)`; empty when
                                 // the table has a single unnamed output (`type`)
    HitPolicy hit = HitPolicy::Unique;
    bool hit_written = false;
    std::vector<TableRow> rows;

    // Ladder
    ExprPtr episodes;
    std::string start_field;
    std::string cure_field;
    Span start_field_span;
    Span cure_field_span;
    bool carry_highest = true;
    std::vector<LadderLevel> levels;

    // Case and Test
    std::vector<std::string> given;  // names of cases this one starts from
    std::vector<Span> given_spans;
    std::vector<Assignment> assignments;
    std::vector<Expectation> expectations;
    std::string title;  // Test: the optional description string
};

enum class FileKind { Ruleset, Library };

struct ImportRef {
    std::string path;  // as written, relative to the importing file
    Span span;
};

// One parsed file.
struct Module {
    FileKind kind = FileKind::Ruleset;
    std::string name;   // `colorado.weld`
    std::string title;  // the optional string after the name
    Span header_span;
    bool has_extends = false;
    ImportRef extends;
    std::vector<ImportRef> imports;
    ExprPtr valid_from, valid_until;  // `valid from D [until E]` (DateLit); null when not said
    Span validity_span;
    std::vector<DeclPtr> decls;
};

}  // namespace tenet::syntax
