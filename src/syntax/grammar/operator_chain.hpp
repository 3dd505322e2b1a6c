// Binary, prefix and postfix operators (§7) of one chain `a op b op c ...`, assembled by one
// operator-precedence parser instead of one rule per precedence level: the precedence table of §7
// lives in one place (syntax/operators.hpp, read by scan_binary), and each level of parentheses
// costs a few stack frames instead of fifteen, which keeps the parser inside small thread stacks
// (see nest_directive). No Spirit: chain_parser (expressions.cpp) reads the operands with the
// grammar's rules and hands everything between them to these functions.
#pragma once

#include <string_view>
#include <vector>

#include "syntax/grammar/state.hpp"
#include "syntax/operators.hpp"

namespace tenet::syntax::grammar {

struct OpTok {
    bool prefix = false;
    ExprKind kind = ExprKind::Binary;  // Unary, Binary, Compare, In, Otherwise, Within
    Op op = Op::None;                  // Within: None until `before` or `after` is seen
    bool negated = false;              // `not in`
    int prec = 0;
    It begin = nullptr;
    std::string_view text;  // for "expected an expression after `+`"
};

// Operator-precedence (shunting-yard) assembly of one chain with its prefix, postfix and mixfix
// operators. Iterative: a long chain costs no stack.
class ChainBuilder {
public:
    explicit ChainBuilder(State& s) : s_(s) {}

    [[gnu::noinline]] void prefix(const OpTok& t);
    [[gnu::noinline]] void operand(ExprPtr e);
    [[gnu::noinline]] void binary(const OpTok& t);
    // `before` or `after` may close a `within` still waiting for it.
    bool within_open() const { return open_within_ > 0; }
    [[gnu::noinline]] void close_within(Op op);
    // The operand a postfix operator of precedence prec applies to.
    [[gnu::noinline]] ExprPtr& postfix_target(int prec);
    [[gnu::noinline]] ExprPtr finish();

private:
    struct Operand {
        ExprPtr e;
        bool open_compare;  // a comparison chain that a further comparison extends
    };

    void reduce_while(int prec);
    ExprPtr pop();
    [[gnu::noinline]] void reduce();

    State& s_;
    std::vector<Operand> operands_;
    std::vector<OpTok> ops_;
    int open_within_ = 0;
};

// The pieces of chain_parser that are not on the recursion path live in functions of their own,
// so that chain_parser's frame, repeated at every level of nesting, stays small.

// Prefix operators at p: pushes them and returns where the operand starts. *run counts them,
// *text is the last one (for messages).
[[gnu::noinline]] It take_prefixes(It p, It last, State& s, ChainBuilder& chain, int* run, std::string_view* text);

// No operand at q, where one is required after the operator `after`: say what is wrong.
[[noreturn]] [[gnu::noinline]] [[gnu::cold]] void fail_operand(It q, It last, std::string_view after);

// `.field` suffixes after an operand (`..` is a range, not a field); returns the end.
[[gnu::noinline]] It take_fields(It r, It last, State& s, ExprPtr& e);

// What follows an operand at p: postfix `is [not] present|none|empty` (applied at once), then
// an operator that needs another operand (pushed; *text names it, and the position after it is
// returned), or nothing more of the chain (null is returned, *end is where the chain ends).
[[gnu::noinline]] It take_operator(It p, It last, State& s, ChainBuilder& chain, std::string_view* text, It* end);

}  // namespace tenet::syntax::grammar
