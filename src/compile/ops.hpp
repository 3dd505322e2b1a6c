// The meaning of the strict operations of the graph, on values that are present.
//
// Exports: apply_strict (one node's operation on its operand values), deep_equal, cell_equal,
// kind_of, compare_values, comparison_holds. Both the evaluator and the compiler's constant
// folding call apply_strict, so a folded constant is exactly what evaluation would compute; the
// operations live beside the graph whose nodes they give a meaning to.
#pragma once

#include "check/model.hpp"
#include "compile/graph.hpp"
#include "syntax/operators.hpp"
#include "value/fault.hpp"
#include "value/value.hpp"

namespace tenet::eval {

ValueKind kind_of(const check::Model& m, check::TypeId t);

// Applies a strict node to present operand values: `in` holds a, b, c (when used) and then the
// node's args, in order. `arena` receives lists built by the operation (none at present).
Fault apply_strict(const check::Model& m, const compile::Program& p, const compile::Node& n, const Value* in,
                   Value* out);

// Equality of two present values of type t (lists and records element by element).
bool deep_equal(const check::Model& m, check::TypeId t, const Value& a, const Value& b);
// Equality of two cells (None equals None).
bool cell_equal(const check::Model& m, check::TypeId t, const Cell& a, const Cell& b);

// Whether a three-way comparison result satisfies a comparison: syntax::comparison_holds
// (syntax/operators.hpp).
using syntax::comparison_holds;

// Three-way comparison of two present values of an ordered kind; sets *fault for incomparable
// durations.
int compare_values(ValueKind k, const Value& a, const Value& b, Fault* fault);

}  // namespace tenet::eval
