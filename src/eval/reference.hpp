// The reference interpreter: a slow, plain tree-walker over the checked model, the oracle the
// graph evaluator is tested against.
//
// Exports: RefValue, RefFault, RefOutcome, RefFacts, ReferenceInterpreter.
// It reads the syntax trees and the checker's side table (types, resolved references) directly
// and re-derives every rule of docs/LANGUAGE.md on its own: it shares no code with the compiler
// or the graph evaluator (compile/, eval/ops, eval/evaluator, eval/batch), only the exact number
// type (util/rational) and calendar arithmetic (util/date). Values carry their own kind, lists
// and records are vectors, nothing is memoised across cases and nothing is optimised: when the
// two evaluators disagree, this one should be the easy one to believe.
//
// An interpreter evaluates one case at a time and belongs to one thread; the Model is shared.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "util/date.hpp"
#include "util/rational.hpp"

namespace tenet::eval {

// A present value, or `none`. The kind is carried so that no operation needs the checker's
// types to know what it holds.
struct RefValue {
    enum class Kind : uint8_t { None, Bool, Int, Number, Date, Duration, Enum, Record, List };
    Kind kind = Kind::None;
    bool boolean = false;
    int64_t integer = 0;    // Int; Duration: the count; Enum: the value's index
    util::Rational number;  // decimal, money, percent (25% is 1/4)
    util::Days date = 0;
    bool months = false;          // Duration: counts months (else days)
    std::vector<RefValue> items;  // Record: fields in declaration order; List: elements

    static RefValue none() { return RefValue{}; }
    static RefValue of_bool(bool b);
    static RefValue of_int(int64_t i);
    static RefValue of_number(util::Rational r);
    static RefValue of_date(util::Days d);
    static RefValue of_duration(int64_t count, bool months);
    static RefValue of_enum(uint32_t index);
    static RefValue of_record(std::vector<RefValue> fields);
    static RefValue of_list(std::vector<RefValue> items);
    bool present() const { return kind != Kind::None; }
};

// Why a value could not be computed (LANGUAGE.md §7.1, §3).
enum class RefFault : uint8_t {
    Overflow,
    DivisionByZero,
    DateOutOfRange,
    ForeverArithmetic,
    MixedDurations,
    InvalidDate,
    NoTableRow,
    SeveralTableRows,
    UndefinedParameter,
    TooDeep,
};
const char* ref_fault_name(RefFault f);

// The result of evaluating an expression: a value (possibly none), unresolved because facts are
// missing (which ones), or an error.
struct RefOutcome {
    enum class State : uint8_t { Value, Missing, Error };
    State state = State::Value;
    RefValue value;
    std::set<uint32_t> missing;  // fact indices, when Missing
    RefFault fault = RefFault::Overflow;

    static RefOutcome of(RefValue v);
    static RefOutcome failure(RefFault f);
    bool ok() const { return state == State::Value; }
};

// The facts of one case, indexed like Model::facts: a value, none, or missing (nullopt).
struct RefFacts {
    std::vector<std::optional<RefValue>> values;
};

// Equality of two values as the language defines it (numbers by value, durations of zero
// regardless of unit, lists and records element by element).
bool ref_equal(const RefValue& a, const RefValue& b);
// A readable rendering for mismatch reports: 12.5, 1999-06-01, 30 days, [..], {..}, none.
std::string ref_to_string(const check::Model& m, check::TypeId type, const RefValue& v);

class ReferenceInterpreter {
public:
    explicit ReferenceInterpreter(const check::Model& model) : m_(model) {}

    // Starts a case: forgets every result of the previous one. `facts` must outlive the case.
    void begin(const RefFacts& facts);
    // The value of a rule or decision (model rule index) for the current case.
    RefOutcome rule(uint32_t index);

    // Converts a value to the representation of `type` (an int where money is expected becomes
    // a number), recursively through lists, records and optionals.
    RefValue coerce(RefValue v, check::TypeId type) const;

    // How deep the tree walk may nest before it reports TooDeep: a bound on the recursion, and
    // below it the stack the calling thread has left (less 256 KiB) is checked on every step, so
    // a deep chain of rules on a small stack is TooDeep, never a crash. A chain of 2,000 rules
    // (LANGUAGE.md §12) nests about 4,000 steps and needs some 10 MiB of stack.
    static constexpr int kMaxDepth = 20000;

private:
    struct Thunk;
    struct Scope;
    using ScopePtr = std::shared_ptr<const Scope>;

    RefOutcome eval(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome eval_to(const syntax::Expr* e, check::TypeId type, const ScopePtr& scope);
    RefOutcome name(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome fact(uint32_t index) const;
    RefOutcome parameter(uint32_t index);
    RefOutcome logic(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome arithmetic(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome comparison(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome call(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome builtin(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome table(const syntax::Expr* e, uint32_t index, const ScopePtr& scope);
    RefOutcome aggregate(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome collect(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome limit(const syntax::Expr* e, const ScopePtr& scope);
    RefOutcome ladder(uint32_t index);
    RefOutcome compare_pair(const RefValue& a, const RefValue& b, syntax::Op op) const;
    bool literal(const syntax::Expr* e, check::TypeId type, RefValue* out);

    const check::Model& m_;
    const RefFacts* facts_ = nullptr;
    std::map<uint32_t, RefOutcome> rules_, params_, ladders_;
    int depth_ = 0;
    uintptr_t stack_floor_ = 0;
};

}  // namespace tenet::eval
