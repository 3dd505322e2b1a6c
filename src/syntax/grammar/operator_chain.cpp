// The operator chain of §7 (see operator_chain.hpp): reading operators from the text and
// assembling them by precedence.
#include "syntax/grammar/operator_chain.hpp"

#include <string>

namespace tenet::syntax::grammar {
namespace {

// Binding power (Prec), spelling and node kind of each operator: syntax/operators.hpp.

// A binary operator at p (already past whitespace); advances p past it.
[[gnu::noinline]] bool scan_binary(It& p, It last, OpTok* t) {
    if (p == last) return false;
    auto set_word = [&](ExprKind kind, Op op, int prec, size_t len) {
        t->prefix = false;
        t->kind = kind;
        t->op = op;
        t->prec = prec;
        t->begin = p;
        t->text = std::string_view(p, len);
        p += len;
        return true;
    };
    // an operator of the table: its node kind, binding power and length come from its row
    auto set = [&](Op op) {
        const OperatorInfo& row = operator_info(op);
        return set_word(row.kind, op, row.prec, std::char_traits<char>::length(row.spelling));
    };
    char c = *p;
    char d = p + 1 != last ? p[1] : '\0';
    switch (c) {
        case '+': return set(Op::Add);
        case '-': return d != '>' && set(Op::Sub);
        case '*': return set(Op::Mul);
        case '/': return set(Op::Div);
        case '<': return set(d == '=' ? Op::Le : Op::Lt);
        case '>': return set(d == '=' ? Op::Ge : Op::Gt);
        case '=': return d == '=' && set(Op::Eq);
        case '!': return d == '=' && set(Op::Ne);
        default: break;
    }
    if (word_at(p, last, operator_info(Op::Or).spelling)) return set(Op::Or);
    if (word_at(p, last, operator_info(Op::And).spelling)) return set(Op::And);
    if (word_at(p, last, "in")) return set_word(ExprKind::In, Op::None, kIn, 2);
    if (word_at(p, last, "otherwise")) return set_word(ExprKind::Otherwise, Op::None, kOtherwise, 9);
    if (word_at(p, last, "within")) return set_word(ExprKind::Within, Op::None, kWithin, 6);
    if (word_at(p, last, "not")) {
        It q = skip_ws(p + 3, last);
        if (!word_at(q, last, "in")) return false;
        It b = p;
        set_word(ExprKind::In, Op::None, kIn, static_cast<size_t>(q + 2 - p));
        t->begin = b;
        t->text = "not in";
        t->negated = true;
        return true;
    }
    return false;
}

}  // namespace

void ChainBuilder::prefix(const OpTok& t) {
    // `not` is looser than comparisons and arithmetic: `a == not b` needs parentheses
    if (t.op == Op::Not && !ops_.empty() && ops_.back().prec > kNot) {
        fail(t.begin, "`not` must be in parentheses here: write `(not ...)`");
    }
    ops_.push_back(t);
}

void ChainBuilder::operand(ExprPtr e) { operands_.push_back({std::move(e), false}); }

void ChainBuilder::binary(const OpTok& t) {
    reduce_while(t.prec);
    if (t.kind == ExprKind::Within) ++open_within_;
    ops_.push_back(t);
}

void ChainBuilder::close_within(Op op) {
    reduce_while(kWithin + 1);  // D is complete: everything tighter than `within`
    ops_.back().op = op;        // the innermost open `within` is now on top
    --open_within_;
}

ExprPtr& ChainBuilder::postfix_target(int prec) {
    reduce_while(prec);
    operands_.back().open_compare = false;
    return operands_.back().e;
}

ExprPtr ChainBuilder::finish() {
    while (!ops_.empty()) reduce();
    return operands_.back().e;
}

void ChainBuilder::reduce_while(int prec) {
    while (!ops_.empty() && ops_.back().prec >= prec) reduce();
}

ExprPtr ChainBuilder::pop() {
    ExprPtr e = std::move(operands_.back().e);
    operands_.pop_back();
    return e;
}

void ChainBuilder::reduce() {
    OpTok t = ops_.back();
    ops_.pop_back();
    if (t.prefix) {
        ExprPtr x = pop();
        ExprPtr e = s_.make(ExprKind::Unary, Span{s_.file, s_.off(t.begin), x->span.end});
        e->op = t.op;
        e->args.push_back(std::move(x));
        s_.seal(*e, t.begin);
        operands_.push_back({std::move(e), false});
        return;
    }
    if (t.kind == ExprKind::Within) {  // d within D before|after e
        if (t.op == Op::None) fail(t.begin, "expected `before` or `after` after `within` and a duration");
        ExprPtr edge = pop();
        ExprPtr length = pop();
        ExprPtr d = pop();
        ExprPtr e = s_.make(ExprKind::Within, Span{s_.file, d->span.begin, edge->span.end});
        e->op = t.op;
        e->args = {std::move(d), std::move(length), std::move(edge)};
        s_.seal(*e, t.begin);
        operands_.push_back({std::move(e), false});
        return;
    }
    ExprPtr r = pop();
    Operand& l = operands_.back();
    if (t.kind == ExprKind::Compare && l.open_compare) {  // a <= b < c: one chain
        l.e->ops.push_back(t.op);
        l.e->span.end = r->span.end;
        s_.raise(*l.e, r, t.begin);
        l.e->args.push_back(std::move(r));
        return;
    }
    ExprPtr e = s_.make(t.kind, Span{s_.file, l.e->span.begin, r->span.end});
    if (t.kind == ExprKind::Compare) {
        e->ops.push_back(t.op);
    } else {
        e->op = t.op;
    }
    e->negated = t.negated;
    e->args.push_back(std::move(l.e));
    e->args.push_back(std::move(r));
    s_.seal(*e, t.begin);
    l = {std::move(e), t.kind == ExprKind::Compare};
}

It take_prefixes(It p, It last, State& s, ChainBuilder& chain, int* run, std::string_view* text) {
    It q = skip_ws(p, last);
    for (;;) {
        OpTok t;
        t.prefix = true;
        t.kind = ExprKind::Unary;
        t.begin = q;
        if (q != last && *q == '-') {
            t.op = Op::Neg;
        } else if (word_at(q, last, operator_info(Op::Not).spelling)) {
            t.op = Op::Not;
        } else {
            return q;
        }
        t.prec = operator_info(t.op).prec;
        t.text = operator_info(t.op).spelling;
        q = skip_ws(q + t.text.size(), last);
        // each prefix is one nesting level (the chain itself sits at level depth - 1)
        if (s.depth - 1 + ++*run > kMaxNestingDepth) fail(t.begin, kExprTooDeep);
        chain.prefix(t);
        *text = t.text;
    }
}

void fail_operand(It q, It last, std::string_view after) {
    if (word_at(q, last, "if")) {
        fail(q, "an `if ... then ... else ...` inside an expression must be in parentheses");
    }
    if (q != last && *q == '"') {
        fail(q, "a string is not a value: strings are only for citations, readings, titles and test names");
    }
    if (after == "within") fail(q, "expected a duration after `within`");
    if (after == "before" || after == "after") fail(q, "expected a date after `" + std::string(after) + "`");
    fail(q, "expected an expression after `" + std::string(after) + "`");
}

It take_fields(It r, It last, State& s, ExprPtr& e) {
    for (;;) {
        It d = skip_ws(r, last);
        if (d == last || *d != '.' || (d + 1 != last && d[1] == '.')) return r;
        It n = skip_ws(d + 1, last);
        std::string text;
        It ne = read_ident(n, last, &text);
        if (ne == n || is_reserved(text)) fail(n, "expected a field name after '.'");
        ExprPtr f = s.make(ExprKind::Field, Span{s.file, e->span.begin, s.off(ne)});
        f->text = std::move(text);
        f->args.push_back(std::move(e));
        s.seal(*f, d);
        e = std::move(f);
        r = ne;
    }
}

It take_operator(It p, It last, State& s, ChainBuilder& chain, std::string_view* text, It* end) {
    for (;;) {
        It q = skip_ws(p, last);
        OpTok t;
        if (scan_binary(q, last, &t)) {
            chain.binary(t);
            *text = t.text;
            return q;
        }
        if (chain.within_open() && (word_at(q, last, "before") || word_at(q, last, "after"))) {
            bool before = *q == 'b';
            chain.close_within(before ? Op::Before : Op::After);
            *text = before ? "before" : "after";
            return q + (before ? 6 : 5);
        }
        if (!word_at(q, last, "is")) {
            *end = p;
            return nullptr;
        }
        It b = q;
        q = skip_ws(q + 2, last);
        bool negated = false;
        if (word_at(q, last, "not")) {
            negated = true;
            q = skip_ws(q + 3, last);
        }
        Op op = Op::None;
        for (Op o : {Op::IsPresent, Op::IsNone, Op::IsEmpty}) {
            if (word_at(q, last, operator_info(o).spelling)) op = o;
        }
        if (op == Op::None) fail(q, "expected `present`, `none` or `empty` after `is`");
        const OperatorInfo& row = operator_info(op);
        size_t len = std::char_traits<char>::length(row.spelling);
        ExprPtr& x = chain.postfix_target(row.prec);
        ExprPtr e = s.make(ExprKind::Is, Span{s.file, x->span.begin, s.off(q + len)});
        e->op = op;
        e->negated = negated;
        e->args.push_back(std::move(x));
        s.seal(*e, b);
        x = std::move(e);
        p = q + len;
    }
}

}  // namespace tenet::syntax::grammar
