// The literals of §1 (int, decimal, money, percent, date, duration; true, false, none, forever)
// scanned by hand from the text: each returns a new node, or null when no literal of its kind
// starts at pos, and throws a SyntaxError on a malformed one. No Spirit: the literal parsers of
// primitives.hpp wrap them.
#pragma once

#include "syntax/grammar/state.hpp"

namespace tenet::syntax::grammar {

// A literal that starts with a digit or '$' at pos (already past whitespace); advances pos past it.
// Dates are tried first: `1998-12-01` is a date, and `1998 - 12` (with spaces) a subtraction.
ExprPtr scan_number(State& s, It& pos, It last);

// `true`, `false`, `none`, `forever` at pos.
ExprPtr scan_word_literal(State& s, It& pos, It last);

// The kinds a leading '-' makes negative in table cells, ranges and test values.
inline bool is_number_kind(ExprKind k) {
    return k == ExprKind::IntLit || k == ExprKind::DecimalLit || k == ExprKind::MoneyLit || k == ExprKind::PercentLit;
}

}  // namespace tenet::syntax::grammar
