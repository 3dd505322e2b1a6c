// The operators of the language, one row each: how an operator is spelled, how tightly it
// binds, which node kind it makes, the verb the checker's messages use for it, and, for the
// comparisons, which three-way results satisfy it.
//
// Exports: Prec (binding power, loosest first), OperatorInfo, operator_info(op),
// comparison_holds(op, c).
// Every stage that needs a fact about an operator reads it here: the grammar (precedence, node
// kind, spelling), the formatter (precedence, spelling), the checker (its messages), and the
// evaluators (comparison results). Adding an operator is one row below plus its typing rule in
// check/expressions.cpp and its meaning in eval/ops.cpp (and eval/reference.cpp).
#pragma once

#include <cstddef>

#include "syntax/ast.hpp"

namespace tenet::syntax {

// Binding power, loosest first, as in the table of §7 of the language reference. `not` and unary
// minus are prefixes; `is ...` is a postfix; `d within D before e` is a mixfix whose `within`
// waits on the operator stack for its `before` or `after`. kIf and kAtom bound the scale for the
// formatter: an `if` stands only where a whole expression may, an atom anywhere.
enum Prec : int {
    kIf = 0,
    kOr,
    kAnd,
    kNot,
    kCompare,
    kIs,
    kIn,
    kWithin,
    kOtherwise,
    kAdd,
    kMul,
    kNeg,
    kAtom,
};

// Which three-way comparison results (-1, 0, 1) satisfy a comparison operator.
enum ComparisonHolds : unsigned char {
    kHoldsNever = 0,
    kHoldsLess = 1,
    kHoldsEqual = 2,
    kHoldsGreater = 4,
};

struct OperatorInfo {
    Op op;
    ExprKind kind;         // the node the operator makes: Unary, Binary, Compare, Is or Within
    const char* spelling;  // as written: "+", "and", "<=", "present" (after `is`), "before"
    int prec;              // binding power (Prec)
    const char* verb;      // in the checker's messages: "cannot add money and a date"
    unsigned char holds;   // Compare: the ComparisonHolds bits; others kHoldsNever
};

// X(op, kind, spelling, prec, verb, holds), in the order of enum Op.
#define TENET_OPERATORS(X)                                                 \
    X(None, Name, "?", kAtom, "", kHoldsNever)                             \
    X(Neg, Unary, "-", kNeg, "negate", kHoldsNever)                        \
    X(Not, Unary, "not", kNot, "negate", kHoldsNever)                      \
    X(Add, Binary, "+", kAdd, "add", kHoldsNever)                          \
    X(Sub, Binary, "-", kAdd, "subtract", kHoldsNever)                     \
    X(Mul, Binary, "*", kMul, "multiply", kHoldsNever)                     \
    X(Div, Binary, "/", kMul, "divide", kHoldsNever)                       \
    X(And, Binary, "and", kAnd, "", kHoldsNever)                           \
    X(Or, Binary, "or", kOr, "", kHoldsNever)                              \
    X(Eq, Compare, "==", kCompare, "compare", kHoldsEqual)                 \
    X(Ne, Compare, "!=", kCompare, "compare", kHoldsLess | kHoldsGreater)  \
    X(Lt, Compare, "<", kCompare, "compare", kHoldsLess)                   \
    X(Le, Compare, "<=", kCompare, "compare", kHoldsLess | kHoldsEqual)    \
    X(Gt, Compare, ">", kCompare, "compare", kHoldsGreater)                \
    X(Ge, Compare, ">=", kCompare, "compare", kHoldsGreater | kHoldsEqual) \
    X(IsPresent, Is, "present", kIs, "", kHoldsNever)                      \
    X(IsNone, Is, "none", kIs, "", kHoldsNever)                            \
    X(IsEmpty, Is, "empty", kIs, "", kHoldsNever)                          \
    X(Before, Within, "before", kWithin, "", kHoldsNever)                  \
    X(After, Within, "after", kWithin, "", kHoldsNever)

inline constexpr OperatorInfo kOperators[] = {
#define TENET_OPERATOR_ROW(op, kind, spelling, prec, verb, holds) \
    OperatorInfo{Op::op, ExprKind::kind, spelling, prec, verb, static_cast<unsigned char>(holds)},
    TENET_OPERATORS(TENET_OPERATOR_ROW)
#undef TENET_OPERATOR_ROW
};

constexpr const OperatorInfo& operator_info(Op op) { return kOperators[static_cast<size_t>(op)]; }

// The rows are in the order of enum Op, so operator_info can index them.
constexpr bool operators_in_enum_order() {
    for (size_t i = 0; i < sizeof kOperators / sizeof kOperators[0]; ++i) {
        if (static_cast<size_t>(kOperators[i].op) != i) return false;
    }
    return true;
}
static_assert(operators_in_enum_order(), "TENET_OPERATORS must list the operators in the order of enum Op");
static_assert(sizeof kOperators / sizeof kOperators[0] == static_cast<size_t>(Op::After) + 1,
              "every Op has a row in TENET_OPERATORS");

// Whether a three-way comparison result c (-1, 0, 1) satisfies the comparison op.
constexpr bool comparison_holds(Op op, int c) {
    unsigned char bit = c < 0 ? kHoldsLess : c == 0 ? kHoldsEqual : kHoldsGreater;
    return (operator_info(op).holds & bit) != 0;
}

}  // namespace tenet::syntax
