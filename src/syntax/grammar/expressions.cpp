// §7 expressions: operands (literals, names, calls, aggregates, lists, records, brackets, `if`,
// the collect and limit blocks of §7.4) joined by operators, and the body blocks of §5. Every
// nested expression goes through `expr`, hence through the nesting guard; the operators between
// the operands are assembled by operator_chain.hpp.

// clang-format off: Spirit X3 rules are laid out by hand, as a grammar is (an alternative or a
// step of a sequence a line, semantic actions under what they act on); a C++ layout flattens them.

#include "syntax/grammar/operator_chain.hpp"
#include "syntax/grammar/directives.hpp"
#include "syntax/grammar/rules.hpp"

namespace tenet::syntax::grammar {

// The rules only expressions use (expr and block: rules.hpp)
x3::rule<class if_expr_class, ExprPtr> const if_expr = "an if expression";
x3::rule<class paren_class, ExprPtr> const paren_expr = "a parenthesised expression";
x3::rule<class list_class, ExprPtr> const list_expr = "a list";
x3::rule<class record_lit_class, ExprPtr> const record_expr = "a record";
x3::rule<class any_class, ExprPtr> const any_expr = "any(...)";
x3::rule<class in_aggregate_class, ExprPtr> const in_aggregate = "an aggregate";
x3::rule<class name_or_call_class, ExprPtr> const name_or_call = "a name or a call";
x3::rule<class collect_class, ExprPtr> const collect_expr = "a collect block";
x3::rule<class collect_entry_class, CollectEntry> const collect_entry = "a collect entry";
x3::rule<class limit_class, ExprPtr> const limit_expr = "a limit block";
x3::rule<class limit_step_class, LimitStep> const limit_step = "a limit step";

// ---- operands ---------------------------------------------------------------------------------

// An operand without prefix operators or `.field` suffixes, chosen by its first character.
struct primary_parser : x3::parser<primary_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        It p = skip_ws(first, last);
        if (p == last) return false;
        ExprPtr e;
        bool ok = false;
        switch (*p) {
            case '(': ok = parse_out_of_line(paren_expr, first, last, ctx, e); break;
            case '[': ok = parse_out_of_line(list_expr, first, last, ctx, e); break;
            case '{': ok = parse_out_of_line(record_expr, first, last, ctx, e); break;
            case '$':
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7':
            case '8':
            case '9': ok = parse_out_of_line(number_literal, first, last, ctx, e); break;
            default:
                if (word_at(p, last, "collect")) {
                    ok = parse_out_of_line(collect_expr, first, last, ctx, e);
                } else if (word_at(p, last, "limit")) {
                    ok = parse_out_of_line(limit_expr, first, last, ctx, e);
                } else if (word_at(p, last, "any")) {
                    ok = parse_out_of_line(any_expr, first, last, ctx, e);
                } else {
                    ok = parse_out_of_line(word_literal, first, last, ctx, e) ||
                         parse_out_of_line(in_aggregate, first, last, ctx, e) ||
                         parse_out_of_line(name_or_call, first, last, ctx, e);
                }
                break;
        }
        if (ok) put(std::move(e), attr);
        return ok;
    }
};
constexpr primary_parser primary{};

// ---- operators by precedence ------------------------------------------------------------------

// An expression without `if`: operands (literals, names, calls, brackets, blocks of §7.3-7.4,
// with prefix operators and `.field` suffixes) joined by the operators of §7.
struct chain_parser : x3::parser<chain_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;

    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        State& s = state_of(ctx);
        ChainBuilder chain(s);
        It p = first;
        std::string_view after;  // the operator before the next operand; empty at the start
        for (;;) {
            if (!operand(p, last, ctx, chain, after)) return false;  // (only at the start)
            It end = nullptr;
            It q = take_operator(p, last, s, chain, &after, &end);
            if (q == nullptr) {
                p = end;
                break;
            }
            p = q;
        }
        put(chain.finish(), attr);
        first = p;
        return true;
    }

    // Prefix operators, then a primary and its `.field` suffixes. Returns false when nothing
    // that starts an operand is at p and none is required; throws when one is required.
    template <typename Ctx>
    bool operand(It& p, It last, Ctx const& ctx, ChainBuilder& chain, std::string_view after) const {
        State& s = state_of(ctx);
        int run = 0;
        std::string_view prefix;
        It q = take_prefixes(p, last, s, chain, &run, &prefix);
        ExprPtr e;
        It r = q;
        if (!primary.parse(r, last, ctx, x3::unused, e)) {
            // nothing starts here; a string never does, so say so even where an expression is optional
            if (after.empty() && run == 0 && (q == last || *q != '"')) return false;
            fail_operand(q, last, run > 0 ? prefix : after);
        }
        p = take_fields(r, last, s, e);
        chain.operand(std::move(e));
        return true;
    }
};

constexpr chain_parser chain{};

// An expression: `if ... then ... else ...` or a chain of operands and operators.
struct expr_body_parser : x3::parser<expr_body_parser> {
    using attribute_type = ExprPtr;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        if (word_at(skip_ws(first, last), last, "if")) return parse_out_of_line(if_expr, first, last, ctx, attr);
        return parse_out_of_line(chain, first, last, ctx, attr);
    }
};
constexpr expr_body_parser expr_body{};

// ---- actions shared by the expression rules ------------------------------------------------

auto const make_if = [](auto& ctx) {
    auto& a = x3::_attr(ctx);
    ExprPtr e = state_of(ctx).make(ExprKind::If, Span{});
    e->args = {at_c<0>(a), at_c<1>(a), at_c<2>(a)};
    x3::_val(ctx) = std::move(e);
};

auto const new_node = [](ExprKind k) { return [k](auto& ctx) { x3::_val(ctx) = state_of(ctx).make(k, Span{}); }; };

auto const add_arg = [](auto& ctx) { x3::_val(ctx)->args.push_back(std::move(x3::_attr(ctx))); };

// `name` then, when a `(` follows, a call.
auto const start_name = [](auto& ctx) {
    Ident& id = x3::_attr(ctx);
    ExprPtr e = state_of(ctx).make(ExprKind::Name, id.span);
    e->text = std::move(id.text);
    x3::_val(ctx) = std::move(e);
};
auto const to_call = [](auto& ctx) { x3::_val(ctx)->kind = ExprKind::Call; };

// `sum(e for x in xs where c)` and `[e for x in xs where c]`: the first argument or element
// turns out to be the element expression of a generator.
auto const to_generator = [](auto& ctx) {
    ExprPtr& e = x3::_val(ctx);
    if (e->kind == ExprKind::ListLit) {
        e->text = "list";
    } else if (e->text != "sum" && e->text != "max" && e->text != "min") {
        fail(x3::_attr(ctx), "`" + e->text + "(... for ...)` is not an aggregate: " +
                                 "the `for` form is for sum, max, min and lists; " +
                                 "count, all, first and last take `(x in xs where c)`");
    }
    ExprPtr element = e->args.front();
    e->kind = ExprKind::Aggregate;
    e->args = {nullptr, nullptr, std::move(element)};
};
auto const set_var = [](auto& ctx) {
    Ident& id = x3::_attr(ctx);
    x3::_val(ctx)->var = std::move(id.text);
    x3::_val(ctx)->var_span = id.span;
};
auto const set_agg_list = [](auto& ctx) { x3::_val(ctx)->args[0] = std::move(x3::_attr(ctx)); };
auto const set_agg_filter = [](auto& ctx) { x3::_val(ctx)->args[1] = std::move(x3::_attr(ctx)); };

auto const start_in_aggregate = [](auto& ctx) {  // count|all|first|last ( x in
    auto& a = x3::_attr(ctx);
    ExprPtr e = state_of(ctx).make(ExprKind::Aggregate, Span{});
    e->text = at_c<0>(a);
    e->var = at_c<1>(a).text;
    e->var_span = at_c<1>(a).span;
    e->args = {nullptr, nullptr, nullptr};
    x3::_val(ctx) = std::move(e);
};
auto const start_any = [](auto& ctx) {
    ExprPtr e = state_of(ctx).make(ExprKind::Aggregate, Span{});
    e->text = "any";
    e->args = {nullptr, nullptr, nullptr};
    x3::_val(ctx) = std::move(e);
};

auto const add_record_name = [](auto& ctx) {
    Ident& id = x3::_attr(ctx);
    x3::_val(ctx)->names.push_back(std::move(id.text));
    x3::_val(ctx)->name_spans.push_back(id.span);
};

// ---- expression rules ------------------------------------------------------------------------

// Every nested expression goes through `expr`, hence through the nesting guard.
auto const expr_def = nest_expr[expr_body];

auto const if_expr_def = spanned[(
    kw("if") >> expect("a condition after `if`")[expr] >> expect("`then` after the condition of `if`")[kw("then")] >>
    expect("an expression after `then`")[expr] >> expect("`else`: every `if` needs an `else`")[kw("else")] >>
    expect("an expression after `else`")[expr])[make_if]];

// The node keeps the span of the parentheses, so a caret points at the `(`.
auto const paren_expr_def = spanned[x3::lit('(') >> expect("an expression after '('")[expr] >> expect("')'")[')']];

// `for x in xs where c` after the first element or argument
auto const generator = kw("for") >> expect("a name for each element after `for`")[ident][set_var] >>
                       expect("`in` after the name")[kw("in")] >> expect("a list after `in`")[expr][set_agg_list] >>
                       -(kw("where") >> expect("a condition after `where`")[expr][set_agg_filter]);

// `[a, b]`, `[]`, `[e for x in xs where c]` (§7.3)
auto const list_expr_def = spanned[x3::lit('[')[new_node(ExprKind::ListLit)] >>
                                   -(expr[add_arg] >> ((here >> &kw("for"))[to_generator] >> generator |
                                                       *(x3::lit(',') >> expr[add_arg]) >> -x3::lit(','))) >>
                                   expect("',' or ']'")[']']];

// `{start: 1999-03-01, cured: none}`
auto const record_field_init = ident[add_record_name] >> expect("':' after the field name")[':'] >>
                               expect("a value after ':'")[expr][add_arg];
auto const record_expr_def = spanned[x3::lit('{')[new_node(ExprKind::RecordLit)] >>
                                     -(record_field_init >> *(x3::lit(',') >> record_field_init)) >> -x3::lit(',') >>
                                     expect("',' or '}' in the record")['}']];

// `any(x in xs where c)`: `any` is reserved, so it is always this form.
auto const any_expr_def =
    spanned[kw("any")[start_any] >> expect("'(' after `any`")['('] >>
            expect("a name for each element, as in `any(x in xs where ...)`")[ident][set_var] >>
            expect("`in` after the name")[kw("in")] >> expect("a list after `in`")[expr][set_agg_list] >>
            -(kw("where") >> expect("a condition after `where`")[expr][set_agg_filter]) >> expect("')'")[')']];

// `count(x in xs where c)`, also all, first, last: recognised by `name ( name in`, otherwise
// the text is an ordinary call.
constexpr std::string_view kInAggregates[] = {"count", "all", "first", "last"};
constexpr word_choice_parser in_aggregate_name(kInAggregates, 4);
auto const in_aggregate_def =
    spanned[(in_aggregate_name >> x3::lit('(') >> ident >> kw("in"))[start_in_aggregate] >>
            expect("a list after `in`")[expr][set_agg_list] >>
            -(kw("where") >> expect("a condition after `where`")[expr][set_agg_filter]) >> expect("')'")[')']];

// `name`, `f(a, b)`, `sum(e for x in xs where c)`: one pass; the generator is recognised by
// the `for` after the first argument, never by backtracking over it.
auto const name_or_call_def =
    spanned[ident[start_name] >>
            -(x3::lit('(')[to_call] >>
              -(expr[add_arg] >> ((here >> &kw("for"))[to_generator] >> generator |
                                  *(x3::lit(',') >> expect("an argument after ','")[expr][add_arg]))) >>
              expect("',' or ')'")[')'])];

// §7.4 collect { value when condition cite "..." ... }
auto const collect_entry_def = spanned[expr[([](auto& ctx) { x3::_val(ctx).value = std::move(x3::_attr(ctx)); })] >>
                                       expect("`when` and a condition after the value")[kw("when")] >>
                                       expect("a condition after `when`")[expr][(
                                           [](auto& ctx) { x3::_val(ctx).condition = std::move(x3::_attr(ctx)); })] >>
                                       notes[set_notes]];
auto const collect_expr_def =
    spanned[kw("collect")[new_node(ExprKind::Collect)] >> expect("'{' after `collect`")['{'] >>
            *into (&Expr::entries)[collect_entry] >> expect("'}' or another `value when condition`")['}']];

// §7.4 limit x { at most b unless c cite "..." ... at least b }
auto const limit_step_def =
    spanned[kw("at") >>
            expect("`most` or `least` after `at`")[kw("most")[([](auto& ctx) { x3::_val(ctx).at_most = true; })] |
                                                   kw("least")[([](auto& ctx) { x3::_val(ctx).at_most = false; })]] >>
            expect("a bound after `at most` or `at least`")[expr][(
                [](auto& ctx) { x3::_val(ctx).bound = std::move(x3::_attr(ctx)); })] >>
            -(kw("unless") >> expect("a condition after `unless`")[expr][(
                                  [](auto& ctx) { x3::_val(ctx).unless = std::move(x3::_attr(ctx)); })]) >>
            notes[set_notes]];
auto const limit_expr_def =
    spanned[kw("limit")[new_node(ExprKind::Limit)] >> expect("the value to limit after `limit`")[expr][add_arg] >>
            expect("'{' and the steps of the limit")['{'] >> *into (&Expr::steps)[limit_step] >>
            expect("'}' or another `at most` / `at least` step")['}']];

// §5 a body block: { let x = e ... result }
auto const block_def =
    spanned[x3::lit('{')[new_node(ExprKind::Block)] >>
            *(kw("let") >> name_p("a name after `let`")[add_record_name] >> expect("'=' after the name")['='] >>
              expect("an expression after '='")[expr][add_arg]) >>
            expect("the result expression of the block")[expr][add_arg] >> expect("'}' to close the block")['}']];

BOOST_SPIRIT_DEFINE(expr, if_expr, paren_expr, list_expr, record_expr, any_expr, in_aggregate, name_or_call,
                    collect_expr, collect_entry, limit_expr, limit_step, block)
BOOST_SPIRIT_INSTANTIATE(decltype(expr), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(block), It, Context)

}  // namespace tenet::syntax::grammar
