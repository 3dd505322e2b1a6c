// What the reference interpreter's translation units share (private to src/eval): the helpers
// on values and outcomes (reference_values.cpp) and the lazily evaluated scopes of `let`s and
// arguments.
//   reference.cpp            the interpreter: rules, parameters, names, operators, calls
//   reference_values.cpp     values, outcomes, and the arithmetic and ordering they need
//   reference_constructs.cpp built-ins, tables, aggregates, collect, limit and ladders
#pragma once

#include <optional>
#include <vector>

#include "eval/reference.hpp"

namespace tenet::eval::reference_detail {

util::Rational as_number(const RefValue& v);
// Days against months, neither zero: the durations cannot be compared or added.
bool mixed_units(const RefValue& a, const RefValue& b);
// -1, 0, 1 for two values of one ordered kind (ints and numbers compare by value).
int order(const RefValue& a, const RefValue& b);
// Combines the outcomes of a strict construct's operands (see the top of reference.cpp). Returns
// true, with the failure in *out, when the construct cannot be computed.
bool strict_failure(const std::vector<RefOutcome>& operands, RefOutcome* out);
RefOutcome missing_union(const RefOutcome& a, const RefOutcome& b);
// A date moved by a duration; `forever` stays forever (LANGUAGE.md §3, Dates).
bool shift_date(util::Days d, int64_t count, bool months, util::Days* out);
__int128 power_of_ten(int n);
bool fits(__int128 x);
bool make_rational(__int128 num, __int128 den, util::Rational* out);
enum class Mode { Down, Up, HalfUp, HalfEven };
// The integer nearest to a/b (b > 0) in the given mode: floor, ceiling, or to nearest with
// halves away from zero or to even.
__int128 round_quotient(__int128 a, __int128 b, Mode mode);
// x rounded to a multiple of 10^-places.
bool round_places(util::Rational x, int places, Mode mode, util::Rational* out);
// false, with an overflow in *out, when `overflowed`.
bool checked(bool overflowed, RefOutcome* out);

}  // namespace tenet::eval::reference_detail

namespace tenet::eval {

// ---- scopes: locals are evaluated when first read, at most once ------------------------------

struct ReferenceInterpreter::Thunk {
    const syntax::Expr* expr = nullptr;
    check::TypeId type = check::kNone;  // the type the value is converted to; kNone: as it is
    ScopePtr scope;
    std::optional<RefOutcome> result;
};

struct ReferenceInterpreter::Scope {
    std::string name;
    std::shared_ptr<Thunk> thunk;
    ScopePtr parent;
};

// The names the interpreter's three files (reference, reference_values, reference_constructs) use.
using check::Builtin;
using check::RefKind;
using check::TypeId;
using check::TypeKind;
using syntax::Expr;
using syntax::ExprKind;
using Kind = RefValue::Kind;
using State = RefOutcome::State;
using namespace reference_detail;

}  // namespace tenet::eval
