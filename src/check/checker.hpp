// The checker: a ruleset file, with what it extends and imports -> a checked Model.
//
// Exports: the limits kMaxRuleDepth and kMaxExpandedNodes, SourceReader, read_source_file,
// ConstantEvaluator, CheckOptions, check_file, check_source. The checker loads and parses
// every file of the ruleset, merges their declarations by the layering rules (extends, override,
// import), resolves names, checks types, rejects cycles, analyses decision tables, and warns
// about unused facts, untested decisions and uncited rules.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "tenet/diagnostic.hpp"
#include "value/fault.hpp"
#include "value/value.hpp"

namespace tenet::check {

// Limits (docs/LANGUAGE.md §12), checked while declarations are checked. A chain of rules may be
// 2,000 rules long: far beyond any policy (the compiler's graph depth, compile::kMaxGraphDepth,
// is sized for it).
constexpr uint32_t kMaxRuleDepth = 2000;
// Functions and tables are expanded at every call, so a function calling another twice, which
// calls another twice, ... doubles the work per level: 40 such levels in 2 KB of text would take
// a day to compile. The checker counts the expression nodes the compiler will build, each
// function or table body once per call (its calls expanded in turn), over the whole ruleset
// with its tests; past this a call is an error. A million nodes compile in a fraction of a
// second; the shipped rulesets need fewer than 10,000.
constexpr uint64_t kMaxExpandedNodes = 1000000;

// Reads the file at `path` into `text`; on failure fills `error` ("No such file or directory").
// The default reads from the file system; hosts that keep rulesets elsewhere pass their own.
using SourceReader = std::function<bool(const std::string& path, std::string* text, std::string* error)>;

// The SourceReader used when none is given: the file system. Hosts that keep some texts
// elsewhere (an editor's unsaved buffers) fall back on it for the others.
bool read_source_file(const std::string& path, std::string* text, std::string* error);

// Constant expressions computed while checking: each parameter's value in every period of
// parameter values (an overflow on constants is then found here, not on every case that uses the
// parameter), and the fact values of tests and cases against the ranges their facts declare.
// Computing them takes the compiler and the evaluator, stages after this one, so the host passes
// them in (eval::constant_evaluators()).
class ConstantEvaluator {
public:
    virtual ~ConstantEvaluator() = default;
    // The value of a constant expression converted to `type`; false if it does not fold, and
    // then *fault (when not null) says why when an operation failed (overflow, division by zero).
    virtual bool evaluate(const syntax::Expr* e, TypeId type, eval::Cell* out, eval::Fault* fault) = 0;
    // Whether `v`, a present value of fact `f`, lies in the range `f` declares; if not, *message
    // says how it misses.
    virtual bool in_range(const FactInfo& f, const eval::Value& v, std::string* message) = 0;
};
// Makes the ConstantEvaluator for the parameter values in force on `day`.
using ConstantEvaluators = std::function<std::unique_ptr<ConstantEvaluator>(const Model& m, util::Days day)>;

struct CheckOptions {
    SourceReader reader;   // empty: read files (regular files of at most kMaxSourceBytes)
    bool warnings = true;  // false: keep only errors
    // false: the files' cases and tests are stepped over, neither parsed, checked nor kept (nor the
    // warnings that depend on them): for hosts that only evaluate, to whom they cost time.
    bool tests = true;
    // true: check_file returns the model even when there are errors, for editors that point
    // into it (hover, go to definition). What failed to check has no ExprInfo; such a model is
    // never compiled or evaluated.
    bool keep_model_with_errors = false;
    // `extends` and `import` name files relative to the file that names them, which must lie
    // inside the root ruleset's folder or one of these folders (relative ones are taken from the
    // working directory); absolute paths, paths leading out (also through a symbolic link) and
    // files not named *.tenet are errors at the path.
    std::vector<std::string> include_roots;
    bool inherited_tests = false;  // keep the tests of the extended rulesets too
    // empty: parameter values and test values are not computed while checking (their failures
    // then surface when the ruleset is compiled or its tests run)
    ConstantEvaluators constants;
};

// Checks the ruleset at `path`. Diagnostics are appended to `diags` (errors and warnings, in
// file order). Returns the model, or null when there is any error (see keep_model_with_errors).
std::shared_ptr<const Model> check_file(const std::string& path, std::vector<Diagnostic>* diags,
                                        const CheckOptions& options = {});

// Checks a ruleset given as text; `path` names it in messages, and its directory is where
// `extends` and `import` paths are resolved.
std::shared_ptr<const Model> check_source(const std::string& path, std::string text, std::vector<Diagnostic>* diags,
                                          const CheckOptions& options = {});

}  // namespace tenet::check
