// The checked model of a ruleset: every declaration of the ruleset, its bases and its imports,
// resolved into one symbol table, with a type and a resolved reference for every expression.
//
// Exports: Model and the *Info records it holds, ExprInfo (what the checker learned about one
// expression), Symbol. The model owns the source texts and syntax trees it points into, so a
// Model alone is enough for the compiler, the test runner and explanations. It is immutable once
// check() returns it, and may then be shared between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/types.hpp"
#include "syntax/ast.hpp"
#include "syntax/source.hpp"
#include "util/date.hpp"
#include "util/rational.hpp"

namespace tenet::check {

constexpr uint32_t kNone = 0xffffffffu;

enum class SymbolKind : uint8_t {
    Enum,
    Record,
    FactGroup,
    Fact,
    Parameter,
    Table,
    Rule,
    Function,
    Ladder,
    Case,
};

struct Symbol {
    SymbolKind kind;
    uint32_t index;
};

// Where a declaration came from, for messages ("defined in colorado.works at works.tenet:12:1").
struct Origin {
    const syntax::Decl* decl = nullptr;
    uint32_t module = 0;  // index into Model::modules
};

struct EnumInfo {
    std::string name;
    std::vector<std::string> values;
    Origin origin;
};

struct FieldInfo {
    std::string name;
    TypeId type;
};

struct RecordInfo {
    std::string name;
    std::vector<FieldInfo> fields;
    Origin origin;  // decl is null for the built-in record types (table outputs, ladder)
    int field_index(const std::string& field) const;
};

// A literal bound (fact ranges) in the representation the fact's type uses.
struct Bound {
    bool present = false;
    int64_t integer = 0;    // int facts
    util::Rational number;  // decimal, money, percent facts (percent as a fraction)
    util::Days date = 0;    // date facts
};

struct FactInfo {
    std::string path;                   // "household.size"
    std::vector<std::string> segments;  // {"household", "size"}
    TypeId type;
    Bound low, high;
    Origin origin;
    bool builtin = false;  // as_of
};

struct PeriodInfo {
    util::Days from;  // first day covered
    util::Days to;    // last day covered (kForever when open)
    const syntax::Expr* value;
    const syntax::Annotations* notes;
};

struct ParamInfo {
    std::string name;
    TypeId type;
    std::vector<PeriodInfo> periods;  // sorted by from, not overlapping; one period when the
                                      // parameter has a single value (min_date..kForever)
    Origin origin;
};

// Rules and decisions.
struct RuleInfo {
    std::string name;
    TypeId type;
    bool decision = false;
    Origin origin;
};

struct FunctionInfo {
    std::string name;
    std::vector<FieldInfo> params;
    TypeId result;
    Origin origin;
};

struct TableInfo {
    std::string name;
    std::vector<FieldInfo> inputs;
    std::vector<FieldInfo> outputs;  // one unnamed output has the name ""
    TypeId row_type;                 // the output type, or a record of the named outputs
    TypeId result;                   // row_type, or list<row_type> under `hit collect`
    uint32_t output_record = kNone;  // record index for named outputs
    Origin origin;
    std::vector<std::pair<Bound, Bound>> input_ranges;  // per input: `in LO..HI` (gap checks only)
};

struct LadderInfo {
    std::string name;
    TypeId episode_type;  // the record type of the episodes
    uint32_t start_field = 0;
    uint32_t cure_field = 0;
    Origin origin;
};

struct CaseInfo {
    std::string name;
    Origin origin;
};

struct TestInfo {
    std::string name;
    Origin origin;
    bool inherited = false;  // from a ruleset the root extends (CheckOptions::inherited_tests)
};

// What the checker learned about one expression node.
enum class RefKind : uint8_t {
    None,
    Local,  // a let, function parameter or aggregate variable: resolved by name in scope
    Fact,
    Parameter,
    Rule,
    Table,
    Function,
    Ladder,
    EnumValue,  // index = enum, index2 = value
    FactGroup,  // a prefix of fact paths ("household" in household.size): no value of its own
    Field,      // record field access: index = field number
    Builtin,    // a built-in function: index = Builtin
    Unit,       // `cent` (index 0) or `dollar` (index 1)
};

enum class Builtin : uint8_t {
    Min,
    Max,
    Clamp,
    Abs,
    Floor,
    Ceil,
    RoundDown,
    RoundUp,
    RoundHalfUp,
    RoundHalfEven,
    PercentPoints,
    DaysBetween,
    MonthsBetween,
    Year,
    Month,
    Day,
    FederalFiscalYear,
    StateFiscalYear,
    FirstOfMonth,
    LastOfMonth,
    MakeDate,
    Days,
    Weeks,
    Months,
    Years,
    Length,
};
// "round_down": the name a built-in is called by.
const char* builtin_name(Builtin b);

struct ExprInfo {
    TypeId type = 0;
    RefKind ref = RefKind::None;
    uint32_t index = kNone;
    uint32_t index2 = kNone;
    // Money: whole cents guaranteed. Decimal/percent: a finite decimal guaranteed.
    bool exact = true;
};

struct Model {
    std::string name;  // the root ruleset's name
    std::string title;
    syntax::SourceSet sources;
    std::vector<std::shared_ptr<syntax::Module>> modules;  // [0] is the root file
    std::vector<std::string> module_paths;                 // file path of each module

    TypeTable types;
    std::vector<EnumInfo> enums;
    // Values a layer added to an enum it inherits (LANGUAGE.md §2): the enum, the index of its
    // first added value (those before are the base's), and the layer's `enum` declaration.
    struct EnumExtension {
        uint32_t enumeration;
        uint32_t first_value;
        Origin origin;
    };
    std::vector<EnumExtension> enum_extensions;
    std::vector<RecordInfo> records;
    std::vector<FactInfo> facts;  // [0] is as_of
    std::vector<ParamInfo> params;
    std::vector<RuleInfo> rules;
    std::vector<FunctionInfo> functions;
    std::vector<TableInfo> tables;
    std::vector<LadderInfo> ladders;
    std::vector<CaseInfo> cases;
    std::vector<TestInfo> tests;  // the root file's tests only

    std::unordered_map<std::string, Symbol> symbols;
    // value name -> the enums that have it: (enum index, value index)
    std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> enum_values;
    // every proper prefix of a fact path ("household", "caretaker") -> true
    std::unordered_map<std::string, bool> fact_groups;

    std::vector<uint32_t> decisions;  // rule indices of decisions, in output order
    TypeId ladder_type = 0;           // the record type every ladder produces

    std::unordered_map<const syntax::Expr*, ExprInfo> info;

    const ExprInfo& at(const syntax::Expr* e) const { return info.at(e); }
    const syntax::Module& root() const { return *modules[0]; }
    std::string type_name(TypeId t) const;
    // "works.tenet:12:3" for messages and explanations
    std::string where(const syntax::Span& span) const;
    std::string where(const Origin& o) const;
    // The case a test or case declaration describes: the assignments of its `given` cases (depth
    // first, in order), then its own; later ones win.
    std::vector<const syntax::Assignment*> assignments_of(const syntax::Decl& test_or_case) const;
};

// "household.size" of {"household", "size"}
std::string dotted(const std::vector<std::string>& path);

// The first day of each period during which every parameter keeps one value, ascending; the
// first is 1800-01-01. Period i runs from breaks[i] to breaks[i + 1] - 1 (the last to forever).
// The checker computes parameter values per period; the compiler builds one program per period.
std::vector<util::Days> parameter_breaks(const Model& m);

}  // namespace tenet::check
