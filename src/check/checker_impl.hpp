// The checker's working state, shared by its translation units:
//   loader.cpp      reading files, extends/import, declaring names, override rules, signatures
//   declarations.cpp checking declaration bodies on demand, cycles, parameters, tests
//   expressions.cpp typing expressions
//   tables.cpp      decision-table analysis (overlaps, gaps, unreachable rows)
//   lint.cpp        warnings: unused facts, untested decisions, missing citations
// Private to src/check.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "check/checker.hpp"
#include "check/model.hpp"
#include "syntax/source.hpp"

namespace tenet::check {

// Checking state of one declaration: declarations are checked on first use, which gives each
// rule its result flags before its users need them and finds cycles as they are entered.
enum class CheckState : uint8_t { Unchecked, InProgress, Done };

// Exactness of a value: see ExprInfo::exact. `cents` implies `finite`.
struct Exactness {
    bool finite = true;
    bool cents = true;
    Exactness operator&(Exactness o) const { return {finite && o.finite, cents && o.cents}; }
};

struct Typed {
    TypeId type;
    Exactness exact;
};

class Checker {
public:
    Checker(const CheckOptions& options, std::vector<Diagnostic>* diags);
    std::shared_ptr<const Model> run(const std::string& path, const std::string* text);

    // ---- loader.cpp
    int load(const std::string& path, const std::string* text, const syntax::Span* from, syntax::FileKind expected);
    void register_module(uint32_t module);
    // The file `path` (as written after `extends` or `import` in `module`) names; false, after
    // an error at `at`, when it may not be read (absolute, outside the allowed folders...).
    bool resolve_include(const std::string& path, uint32_t module, const syntax::Span& at, std::string* out);
    std::string resolved_path(const std::string& path, uint32_t module) const;
    void declare(const syntax::DeclPtr& decl, uint32_t module);
    void declare_fact(const syntax::DeclPtr& decl, uint32_t module);
    void resolve_signatures();
    TypeId resolve_type(const syntax::TypeExprPtr& t);
    bool add_symbol(const std::string& name, Symbol s, const syntax::Decl* decl, uint32_t module);
    // A layer's `enum E { ... }` for an E of another file: adds the values; false when the
    // module is not a layer or E is not inherited (then it is an ordinary declaration)
    bool extend_enum(const syntax::Decl& d, uint32_t module);

    // ---- declarations.cpp
    void check_declarations();
    Typed use_symbol(Symbol s, const syntax::Span& at);  // checks on demand; returns its type
    void check_rule(uint32_t i);
    void check_param(uint32_t i);
    void check_function(uint32_t i);
    void check_table(uint32_t i);
    void check_ladder(uint32_t i);
    void check_parameter_values();
    void check_cases_and_tests();
    void check_assignments(const std::vector<syntax::Assignment>& as);
    bool begin(Symbol s, const syntax::Span& at);  // false when a cycle was entered
    void end(Symbol s);

    // ---- expressions.cpp
    Typed expr(const syntax::Expr* e, TypeId expected);  // dispatches on the node's kind:
    Typed expr_literal(const syntax::Expr* e, TypeId expected);
    Typed expr_name(const syntax::Expr* e, TypeId expected);
    Typed expr_field(const syntax::Expr* e);
    Typed expr_unary(const syntax::Expr* e, TypeId expected);
    Typed expr_binary(const syntax::Expr* e);
    Typed expr_compare(const syntax::Expr* e);
    Typed expr_is(const syntax::Expr* e);
    Typed expr_in(const syntax::Expr* e);
    Typed expr_within(const syntax::Expr* e);
    Typed expr_otherwise(const syntax::Expr* e, TypeId expected);
    Typed expr_if(const syntax::Expr* e, TypeId expected);
    Typed expr_call(const syntax::Expr* e, TypeId expected);
    // a call, by what it calls: a declared function or table, or a family of builtins
    Typed call_declared(const syntax::Expr* e, Symbol s);
    Typed call_extreme(const syntax::Expr* e, Builtin id, TypeId expected);  // min, max, clamp
    Typed call_number(const syntax::Expr* e, Builtin id, TypeId expected);   // abs, floor, ceil, percent_points
    Typed call_round(const syntax::Expr* e);
    Typed call_date(const syntax::Expr* e, Builtin id);
    Typed call_duration(const syntax::Expr* e);
    Typed call_length(const syntax::Expr* e);
    bool arity(const syntax::Expr* e, size_t n);  // false, with an error, unless e has n arguments
    Typed expr_aggregate(const syntax::Expr* e);
    Typed expr_list(const syntax::Expr* e, TypeId expected);
    Typed expr_record(const syntax::Expr* e, TypeId expected);
    Typed expr_collect(const syntax::Expr* e, TypeId expected);
    Typed expr_limit(const syntax::Expr* e, TypeId expected);
    Typed expr_block(const syntax::Expr* e, TypeId expected);
    Typed done(const syntax::Expr* e, TypeId t, Exactness x = {});  // records e's type
    Typed fail(const syntax::Expr* e, const std::string& message);  // reports; e has no type
    Typed expr_as(const syntax::Expr* e, TypeId target, const char* what);
    bool assignable(TypeId from, TypeId to) const;
    TypeId unify(TypeId a, TypeId b) const;  // common type, or error() when there is none
    void require_exact(const syntax::Expr* e, TypeId t, Exactness x, const std::string& what);

    // ---- tables.cpp
    void analyse_table(uint32_t i);

    // ---- enum_coverage.cpp
    void check_extended_enums();                   // the inherited collects and matches an added value escapes
    std::string enum_extension_note(TypeId type);  // a note at the layer that added values, or ""

    // ---- lint.cpp
    void lint();
    // ---- time_gaps.cpp
    bool validity(util::Days* from, util::Days* until);  // the root's `valid from`, or the default
    void check_time_gaps();

    // helpers
    std::string type_name(TypeId t) const { return m_->type_name(t); }
    void check_range(const syntax::FactRange& range, TypeId type, Bound* low, Bound* high);
    // " (did you mean `x`?)" or "": x the closest name of the kind the place wants (a value is
    // never suggested a case's or a type's name)
    enum class Wanted { Anything, Value, Callable, Type, Case, Fact };
    std::string suggest(const std::string& name, Wanted wanted = Wanted::Anything) const;
    const syntax::Decl* decl_of(Symbol s) const;
    std::string kind_name(SymbolKind k) const;
    std::string kind_name(Symbol s) const;  // "decision" for a decision, else as above

    CheckOptions options_;
    std::vector<Diagnostic>* out_;
    std::shared_ptr<Model> m_;
    std::unique_ptr<syntax::DiagnosticSink> sink_;

    // files being loaded (for import cycles) and loaded (by canonical path)
    std::unordered_map<std::string, int> loaded_;
    std::vector<bool> loading_;
    std::vector<bool> registered_;
    std::unordered_map<uint32_t, uint32_t> base_module_;  // module -> the module it extends
    std::vector<std::string> module_dirs_;
    // the folders `extends` and `import` may reach: the root file's and the include roots, each
    // as an absolute path written out and with its symbolic links resolved
    std::vector<std::pair<std::string, std::string>> allowed_folders_;

    // per-declaration checking state and results, indexed like the model's vectors
    std::vector<CheckState> rule_state_, param_state_, function_state_, table_state_, ladder_state_;
    std::vector<Exactness> rule_exact_, param_exact_, function_exact_, table_exact_;
    std::vector<bool> rule_uses_case_, function_uses_case_, table_uses_case_;
    // the declaration each override replaced, to compare signatures
    std::unordered_map<const syntax::Decl*, Origin> overridden_;

    // the declarations being checked, innermost last (for cycle messages)
    std::vector<Symbol> stack_;
    std::unordered_set<uint64_t> cycle_reported_;
    bool depth_reported_ = false;

    // expression context
    struct Local {
        std::string name;
        TypeId type;
        Exactness exact;
    };
    std::vector<Local> locals_;
    std::vector<std::string> narrowed_;  // paths known to be present here
    int depth_ = 0;                      // expression nesting, see kMaxCheckDepth
    // Expression nodes the compiler will build (kMaxExpandedNodes): for the body being
    // checked, with the bodies of the functions and tables it calls; for each function and table
    // body; and over the whole ruleset.
    uint64_t expanded_ = 0;
    uint64_t expanded_total_ = 0;
    bool expansion_reported_ = false;
    std::vector<uint64_t> function_expanded_, table_expanded_;
    std::unordered_map<const syntax::Expr*, uint64_t> value_expanded_;  // of each parameter value
    void count_expansion(uint64_t nodes);
    void check_expansion(const syntax::Expr* call, uint64_t callee_nodes);
    bool constant_only_ = false;  // checking a parameter value or a test value
    bool uses_case_ = false;      // the current declaration reads facts
    std::vector<bool> fact_used_;
    std::unordered_set<std::string> tested_;  // decisions named by expectations
    bool declarations_ok_ = false;            // no errors before the cases and tests
};

// The path an expression names when it is a chain of names and fields ("p.cured"), else "".
std::string path_of(const syntax::Expr* e);

}  // namespace tenet::check
