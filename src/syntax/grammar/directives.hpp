// The grammar's directives: expect(what)[p] (an error naming what was expected), spanned[p] (the
// rule's node gets the span of its text), into(member)[p] (parse into a new element of the node),
// nest(message)[p] (one more level of nesting, guarded), and parse_out_of_line (a parser in a
// stack frame of its own). The last three keep the recursion path's frames small (see nest_directive).
#pragma once

#include "syntax/grammar/x3_config.hpp"

namespace tenet::syntax::grammar {

// expect("a type after ':'")[p]: p, or a SyntaxError "expected a type after ':'" at the first
// token that p could not take.
template <typename Subject>
struct expect_directive : x3::unary_parser<Subject, expect_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, expect_directive<Subject>>;
    static bool const is_pass_through_unary = true;
    const char* what;
    constexpr expect_directive(Subject const& subject, const char* w) : base_type(subject), what(w) {}

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        if (this->subject.parse(first, last, ctx, rctx, attr)) return true;
        fail_expected(skip_ws(first, last), what, state_of(ctx));
    }
};

struct expect_gen {
    const char* what;
    template <typename Subject>
    constexpr expect_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        Subject const& subject) const {
        return {x3::as_parser(subject), what};
    }
};
constexpr expect_gen expect(const char* what) { return {what}; }

// Gives the rule's value the span of the text the subject matched; an expression node is also
// sealed (its height computed and checked) now that all its children are in place.
inline void set_span(State& s, ExprPtr& e, Span sp, It at) {
    if (!e) return;
    e->span = sp;
    s.seal(*e, at);
}
inline void set_span(State&, DeclPtr& d, Span sp, It) {
    if (d) d->span = sp;
}
inline void set_span(State&, TypeExprPtr& t, Span sp, It) {
    if (t) t->span = sp;
}
template <typename T>
auto set_span(State&, T& x, Span sp, It) -> decltype(x.span = sp, void()) {
    x.span = sp;
}

template <typename Subject>
struct spanned_directive : x3::unary_parser<Subject, spanned_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, spanned_directive<Subject>>;
    static bool const is_pass_through_unary = true;
    constexpr explicit spanned_directive(Subject const& subject) : base_type(subject) {}

    // rctx is the enclosing rule's value (X3 passes it down as the rule context).
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        It b = skip_ws(first, last);
        if (!this->subject.parse(first, last, ctx, rctx, attr)) return false;
        State& s = state_of(ctx);
        set_span(s, rctx, s.span(b, first), b);
        return true;
    }
};

struct spanned_gen {
    template <typename Subject>
    constexpr spanned_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        Subject const& subject) const {
        return spanned_directive<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(subject));
    }
};
constexpr spanned_gen spanned{};

// into(&Expr::entries)[p]: parses p straight into a new last element of a vector of the rule's
// node, instead of into a local that is then copied: the element being built does not sit in a
// stack frame while its (possibly deeply nested) expressions are parsed.
template <typename Subject, typename Vector>
struct into_directive : x3::unary_parser<Subject, into_directive<Subject, Vector>> {
    using base_type = x3::unary_parser<Subject, into_directive<Subject, Vector>>;
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    Vector Expr::*member;
    constexpr into_directive(Subject const& subject, Vector Expr::*m) : base_type(subject), member(m) {}

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx& rctx, Attr&) const {
        Vector& items = (*rctx).*member;
        items.emplace_back();
        if (this->subject.parse(first, last, ctx, x3::unused, items.back())) return true;
        items.pop_back();
        return false;
    }
};

template <typename Vector>
struct into_gen {
    Vector Expr::*member;
    template <typename Subject>
    constexpr into_directive<typename x3::extension::as_parser<Subject>::value_type, Vector> operator[](
        Subject const& subject) const {
        return {x3::as_parser(subject), member};
    }
};
template <typename Vector>
constexpr into_gen<Vector> into(Vector Expr::*member) {
    return {member};
}

// nest(message)[p]: one more level of nesting. Fails with the message before recursing past
// kMaxNestingDepth levels. The frames on the recursion path are kept small (parse_out_of_line,
// the cold `fail` functions, into(...)): in an optimised build one level of any construct costs
// under 800 bytes, so the limit is reached well within a 256 KiB thread stack. As a safety net
// for smaller stacks or unoptimised builds, it also fails when the stack is nearly used up.
template <typename Subject>
struct nest_directive : x3::unary_parser<Subject, nest_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, nest_directive<Subject>>;
    static bool const is_pass_through_unary = true;
    const char* message;
    constexpr nest_directive(Subject const& subject, const char* m) : base_type(subject), message(m) {}

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx& rctx, Attr& attr) const {
        State& s = state_of(ctx);
        check_nesting(s, first, last, message);
        struct Level {
            int& depth;
            explicit Level(int& d) : depth(d) { ++depth; }
            ~Level() { --depth; }
        } level(s.depth);
        return this->subject.parse(first, last, ctx, rctx, attr);
    }
};

struct nest_gen {
    const char* message;
    template <typename Subject>
    constexpr nest_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        Subject const& subject) const {
        return {x3::as_parser(subject), message};
    }
};

constexpr nest_gen nest_expr{kExprTooDeep};
constexpr nest_gen nest_type{"type nested too deeply (more than 256 levels)"};
constexpr nest_gen nest_facts{"groups of facts nested too deeply (more than 256 levels)"};

// Calls a parser in a function of its own. On the recursion path (expression -> operand ->
// bracket -> expression) this keeps each frame down to what its own parser needs: inlined into
// one function, the ten alternatives of an operand would put all their locals on the stack at
// every level of nesting.
template <typename Parser, typename Ctx, typename Attr>
[[gnu::noinline]] bool parse_out_of_line(Parser const& p, It& first, It last, Ctx const& ctx, Attr& attr) {
    return p.parse(first, last, ctx, x3::unused, attr);
}

}  // namespace tenet::syntax::grammar
