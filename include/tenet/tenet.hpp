// Tenet's C++ API: compile a ruleset, decode cases, evaluate and explain decisions, run the
// ruleset's own tests.
//
//   auto compiled = tenet::compile_file("rulesets/colorado/weld.tenet");
//   if (!compiled.ok()) { for (auto& d : compiled.diagnostics) std::cerr << format_diagnostic(d); }
//   tenet::Session session(compiled.ruleset);           // one per thread
//   tenet::Case c;
//   std::vector<tenet::InputError> errors;
//   if (session.decode(json_text, &c, &errors)) {
//       std::string out;
//       session.evaluate_json(c, {}, &out, &errors);  // {"decisions": ..., "unresolved": ..., "errors": ...}
//   }
//
// Thread safety: a Ruleset is immutable once compiled and may be shared by any number of
// threads (the programs it specialises per period of parameter values are built once, on first
// use, under std::call_once). A Session holds one evaluation frame and belongs to one thread at a
// time. A Case is a value: decode it once and evaluate it from any session of the same ruleset.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/diagnostic.hpp"
#include "tenet/format.hpp"  // format_source: `tenet fmt`'s canonical text
#include "tenet/version.h"   // TENET_VERSION, generated from the CMake project version

namespace tenet {

struct InputError {
    std::string path;  // JSON path of the offending value: "$.household.size"
    std::string message;
    int64_t offset = -1;  // when the text is not JSON (then path is "$"): the byte, from 0, where that was found
};

// The kind of a type, its `?` aside: what a value of it holds in DecisionValue and in columns
// (tenet/columns.hpp). Numbered as the C API's TENET_TYPE_* codes (tenet.h).
enum class Kind {
    Bool = 1,
    Int,
    Decimal,
    Money,
    Percent,
    Date,
    Enum,  // DecisionValue::integer and columns: the index of the value in enum_values
    List,
    Record,  // read through JSON
    Other,   // durations
};

// A literal bound of a fact's range (`fact household.size: int in 1..20`), in DecisionValue's
// representation of the fact's kind.
struct Bound {
    bool present = false;
    int64_t integer = 0;      // int
    int64_t numerator = 0;    // decimal, money (dollars), percent (as a fraction: 25% = 1/4)
    int64_t denominator = 1;  //   exact: numerator / denominator, denominator > 0
    int32_t days = 0;         // date: days since 1970-01-01
};

struct DecisionInfo {
    std::string name;
    std::string type;  // "money", "list<ExemptionReason>", "date?"
    std::vector<std::string> cites;
    bool optional = false;  // may be absent (left out of the output)
    Kind kind = Kind::Other;
    std::vector<std::string> enum_values;  // Kind::Enum: the values, in declaration order
};

// A field of the elements of a list fact.
struct FieldInfo {
    std::string name;  // "" for the element of a list of scalars
    Kind kind = Kind::Other;
    std::vector<std::string> enum_values;  // Kind::Enum: the values, in declaration order
};

struct FactInfo {
    std::string path;  // "household.size"
    std::string type;
    bool optional = false;  // absent means none (otherwise: missing, decisions unresolved)
    Kind kind = Kind::Other;
    std::vector<std::string> enum_values;  // Kind::Enum: the values, in declaration order
    Bound low, high;                       // the range the fact declares (int, decimal, money, percent, date)
    // Kind::List: the fields of its records (elements_are_records), or else one field named ""
    // that is the element itself
    bool elements_are_records = false;
    std::vector<FieldInfo> element_fields;
};

// A type in full, as a case's JSON nests values of it (docs/CASES.md): a fact's type, a record's
// field's, a list's element's.
struct TypeInfo {
    std::string name;       // as the ruleset writes it, `?` aside: "money", "FamilyType", "Payment", "list<Payment>"
    bool optional = false;  // `T?`
    Kind kind = Kind::Other;
    std::vector<std::string> enum_values;  // Kind::Enum: the values, in declaration order
    // Kind::Record: its fields, in declaration order, each named by `field`; Kind::List: one,
    // the element
    std::vector<TypeInfo> parts;
    std::string field;  // a record's field: its name ("" otherwise)
};

struct ParameterInfo {
    std::string name;
    std::string type;
    struct Period {
        std::string from;  // "YYYY-MM-DD", the first day; "" when open (from 1800-01-01)
        std::string to;    // the last day; "" when open (forever)
    };
    std::vector<Period> periods;  // in order, not overlapping
};

struct EnumInfo {
    std::string name;  // the type's name: "ExemptionReason"
    std::vector<std::string> values;
};

// The text of one file of a compiled ruleset.
struct SourceText {
    std::string path;  // as the ruleset named it (messages cite it)
    std::string text;
    std::string name;  // the name the file declares: `ruleset colorado.weld` gives "colorado.weld"
};

struct CompileOptions {
    // Reads a ruleset file (the root and what it extends and imports); empty: the file system,
    // which reads only regular files of at most 1 MiB (LANGUAGE.md §12), looking before reading.
    std::function<bool(const std::string& path, std::string* text, std::string* error)> reader;
    bool warnings = true;
    // false: the ruleset's own cases and tests are stepped over by their braces (not parsed,
    // checked or kept), and run_tests finds none. Hosts that only evaluate compile faster this way; `tenet check` and
    // `tenet test` keep them.
    bool tests = true;
    // Folders besides the root file's own that `extends` and `import` may reach (relative ones
    // from the working directory). A path in a ruleset is relative to the file that writes it and
    // must end in .tenet; an absolute path, or one that leads outside these folders (also through
    // a symbolic link), is an error at the path, and the file is not read.
    std::vector<std::string> include_roots;
    // true: the tests of the rulesets this one extends are kept too (run_tests runs them against
    // this layer, marking them `inherited`): `tenet test --inherited`.
    bool inherited_tests = false;
};

class Ruleset;

struct CompileResult {
    std::shared_ptr<const Ruleset> ruleset;  // null when there are errors
    std::vector<Diagnostic> diagnostics;     // errors and warnings, in file order
    bool ok() const { return ruleset != nullptr; }
};

CompileResult compile_file(const std::string& path, const CompileOptions& options = {});
// `path` names the text in messages; `extends` and `import` resolve relative to its directory.
CompileResult compile_source(const std::string& path, std::string text, const CompileOptions& options = {});

class Ruleset {
public:
    struct Impl;
    explicit Ruleset(std::unique_ptr<Impl> impl);
    ~Ruleset();
    Ruleset(const Ruleset&) = delete;
    Ruleset& operator=(const Ruleset&) = delete;

    const std::string& name() const;
    const std::vector<DecisionInfo>& decisions() const;  // in output order
    const std::vector<FactInfo>& facts() const;
    const std::vector<ParameterInfo>& parameters() const;  // in declaration order
    const std::vector<EnumInfo>& enums() const;            // every enum type, in declaration order
    // Every file compiled: the root, then what it extends and imports, as they were loaded.
    std::vector<SourceText> sources() const;
    // The first day of each period of parameter values (a parameter's value changes from one to
    // the next), in order, as "YYYY-MM-DD"; the first period starts open, as "".
    std::vector<std::string> period_starts() const;
    // The full type of fact `fact` (an index into facts()).
    TypeInfo fact_type(int fact) const;
    int find_decision(std::string_view name) const;  // -1 when there is none
    int find_fact(std::string_view path) const;      // -1 when there is none

    // Why `value` is not a value of fact `fact` (an index into facts()) that a case's JSON could
    // give it, in the words the JSON decoder uses; nullopt when it is one. `value` is a scalar
    // fact's value as a column carries it (tenet/columns.hpp, tenet.h): a bool 0 or 1; an int; an
    // enum's index in enum_values; a date's days since 1970-01-01; a decimal, money or percent
    // number times 10^scale (percent in points: 25 is 25%; money with scale 2: cents), scale 0..18.
    // Checked as the decoder checks: money cents and limits, the dates a case can hold, the enum's
    // values, the range the fact declares. A list, record or duration fact has no such value.
    std::optional<std::string> check_fact_value(int fact, int64_t value, int scale = 0) const;

    // The evaluation graph for the parameters in force on `as_of` ("YYYY-MM-DD"; empty: the
    // latest period), as Graphviz DOT; only what `decisions` need (empty: all).
    std::string graph_dot(const std::vector<int>& decisions, const std::string& as_of) const;

    // The paths of the facts `decisions` (empty: all) can read on some day, in declaration
    // order: what a host must supply for them, and all a columnar caller needs to decode.
    std::vector<std::string> facts_read(const std::vector<int>& decisions) const;

    // The decisions as one portable C file (docs/COMPILED.md): for every period of parameter
    // values, or only the one in force on `as_of` ("YYYY-MM-DD"; cases on other days then answer
    // "evaluate with the interpreter"). `source_name` is quoted in its header comment.
    struct CSource {
        std::string text;
        // the decisions the C leaves to the interpreter, with the reason: (decision, reason)
        std::vector<std::pair<std::string, std::string>> not_compiled;
    };
    // `pieces_above`: a period's program of more C than this many bytes is written as functions
    // of about 16 KB (docs/COMPILED.md, "Large rulesets"), which an optimising compiler builds in
    // time proportional to their size; 0 writes every program so.
    static constexpr size_t kPiecesAbove = 256 * 1024;
    CSource emit_c(const std::string& as_of, const std::string& source_name, size_t pieces_above = kPiecesAbove) const;

    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// The ruleset's decisions as native code (docs/COMPILED.md, "Inside Tenet"): the C of emit_c
// built by the system C compiler into a cache directory, once per C text, compiler and flags, and
// loaded. A session given it (Session::use_compiled_code) evaluates with it; its results are the
// interpreter's, byte for byte.
struct CompiledCodeOptions {
    std::string compiler;  // a command ("gcc", "ccache cc"); empty: $CC, else cc
    // besides -std=c99 -shared -fPIC; empty: -O2 for C up to kLargeC bytes, -O1 beyond (gcc 12
    // takes about 2 minutes over Weld's 10 MB at -O1, 6 at -O2, half a minute at -O0)
    std::string flags;
    static constexpr size_t kLargeC = size_t{2} << 20;
    // empty: $TENET_CACHE_DIR, else $XDG_CACHE_HOME/tenet, else $HOME/.cache/tenet
    std::string cache_dir;
    // After a build, the least recently loaded libraries are removed until the cache takes at
    // most this many bytes (the one just built always stays)
    uint64_t cache_limit = uint64_t{1} << 30;
    // Called just before the compiler runs (the cache does not hold the library), with the
    // library it writes, the size of the C and the flags used: compiling a large ruleset takes
    // minutes, which a host may want to say.
    std::function<void(const std::string& library, size_t c_bytes, const std::string& flags)> before_compiling;
    // Asked every tenth of a second while the compiler runs: true stops it, and build() fails
    // (a service that is shutting down does not wait for a build of many minutes).
    std::function<bool()> cancelled;
};

class CompiledCode {
public:
    // Null, with *error saying why (no C compiler, the compiler's messages, the loader's), when
    // the code cannot be built or loaded. Immutable once built: shared by any number of sessions.
    static std::shared_ptr<const CompiledCode> build(std::shared_ptr<const Ruleset> ruleset,
                                                     const CompiledCodeOptions& options, std::string* error);
    ~CompiledCode();
    CompiledCode(const CompiledCode&) = delete;
    CompiledCode& operator=(const CompiledCode&) = delete;

    const Ruleset& ruleset() const;
    // Whether build() ran the compiler (false: the cache held the library).
    bool compiled_now() const;
    // The decisions the C leaves to the interpreter, with the reason: (decision, reason).
    const std::vector<std::pair<std::string, std::string>>& not_compiled() const;

    struct Impl;
    explicit CompiledCode(std::unique_ptr<Impl> impl);
    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// The decoded facts of one case.
class Case {
public:
    Case();
    ~Case();
    Case(Case&&) noexcept;
    Case& operator=(Case&&) noexcept;
    // The day the decisions are for, "YYYY-MM-DD" (the case's as_of, or what decoding set); ""
    // when the case has none.
    std::string as_of() const;
    struct Impl;
    Impl& impl() { return *impl_; }
    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

struct Request {
    std::vector<int> decisions;  // decision indices; empty: all
    bool explain = false;        // add "explanation"
    // A requested decision that is unresolved or failed is an input error (naming the missing
    // facts, the parameter without a value or the failure) as well as an entry under
    // "unresolved" or "errors". `tenet eval --decision` no longer asks for it (docs/CASES.md §3).
    bool strict = false;
};

// A decision's value after Session::evaluate, without JSON. Scalars only; a list or record
// decision is read with Session::result_json.
struct DecisionValue {
    // Unresolved: a fact it needs is missing, or a parameter it needs has no value on the case's
    // day; Error: computing it failed (division by zero, overflow...). Session::result_message
    // says which facts, which parameter or what failed.
    enum class State { Ok, Absent, Unresolved, Error };
    State state = State::Unresolved;
    bool boolean = false;     // bool
    int64_t integer = 0;      // int; enum: the index of the value in its declaration
    int64_t numerator = 0;    // decimal, money (dollars), percent (as a fraction: 25% = 1/4)
    int64_t denominator = 1;  //   exact: numerator / denominator, denominator > 0
    int32_t days = 0;         // date: days since 1970-01-01 (INT32_MAX is `forever`)
};

struct Outcome;  // internal: src/api/outcome.hpp

class Session {
public:
    explicit Session(std::shared_ptr<const Ruleset> ruleset);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const Ruleset& ruleset() const { return *ruleset_; }

    // From now on evaluate_json and evaluate compute the decisions with `code` (null: the
    // interpreter again) and the interpreter only those the code leaves to it (not compiled, or
    // not for this case) and those unresolved or failed, whose reasons and messages are the
    // interpreter's: the JSON and result() are the same. Explanations and explain_text stay with
    // the interpreter.
    // False, and nothing changes, when `code` was built from another ruleset.
    bool use_compiled_code(std::shared_ptr<const CompiledCode> code);

    // Decodes a JSON case. `as_of` ("YYYY-MM-DD"), when not empty, is the day the decisions are
    // for, whatever the case says. False, with errors naming JSON paths, when the case is bad.
    bool decode(std::string_view json, Case* out, std::vector<InputError>* errors, const std::string& as_of = "") const;

    // Evaluates and appends the JSON object of docs/CASES.md §3 to `out`: {"decisions": {...},
    // "unresolved": {NAME: [REASON...]}, "errors": {NAME: MESSAGE}}, "errors" only when a decision
    // failed. A decision that depends on a failed one fails too, with the same message (which
    // names the rule that failed). False (and errors) only in strict mode when a requested
    // decision is unresolved or failed.
    bool evaluate_json(const Case& c, const Request& request, std::string* out, std::vector<InputError>* errors);

    // The explanation as text a caseworker reads aloud, in `lang` ("en" or "es"): per decision,
    // one line per step in evaluation order, citations in [brackets], money, percents and dates
    // formatted for en_US or es_US. Same request and errors as evaluate_json (explain is implied).
    bool explain_text(const Case& c, const Request& request, const std::string& lang, std::string* out,
                      std::vector<InputError>* errors);

    // Evaluates without writing JSON; read the decisions with result() or result_json(). The
    // results stay valid until the next evaluation with this session. Allocates nothing once
    // the session is warm (for scalar decisions).
    void evaluate(const Case& c, const Request& request = {});
    DecisionValue result(int decision) const;
    // Why a decision has no value, as evaluate_json words it: Unresolved, its reasons
    // comma-separated ("household.size", "parameter job_refusal_sanction_percent has no value
    // before 1998-03-01"); Error, the failure ("division by zero in rule `x` [6.008.3 C]"); ""
    // for Ok and Absent.
    std::string result_message(int decision) const;
    // The JSON value of a decision (null when absent or unresolved).
    void result_json(int decision, std::string* out) const;

    struct Impl;
    Impl& impl() { return *impl_; }

private:
    friend bool session_outcome(const Session&, int, Outcome*);  // src/api/outcome.hpp
    std::shared_ptr<const Ruleset> ruleset_;
    std::unique_ptr<Impl> impl_;
};

// The result of one in-language test.
struct TestResult {
    std::string name;
    std::string title;
    bool passed = false;
    std::vector<Diagnostic> failures;  // one per failed expectation, at the expectation
    bool inherited = false;            // written in a ruleset this one extends
};

// Runs the tests written in the ruleset's own file (and, compiled with inherited_tests, those of
// the rulesets it extends).
std::vector<TestResult> run_tests(const Ruleset& ruleset);

}  // namespace tenet
