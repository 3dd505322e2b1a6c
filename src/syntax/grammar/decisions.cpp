// The declarations that compute: §5 rules, decisions and functions (a type, then `= expression`
// or a block), and §8 ladders of sanction levels.

// clang-format off: Spirit X3 rules are laid out by hand, as a grammar is (an alternative or a
// step of a sequence a line, semantic actions under what they act on); a C++ layout flattens them.

#include "syntax/grammar/declaration_parts.hpp"
#include "syntax/grammar/directives.hpp"

namespace tenet::syntax::grammar {

// The rules only these declarations use (the others: rules.hpp)
x3::rule<class level_class, LadderLevel> const ladder_level = "a ladder level";

// `= expression [annotations]` or a block (§5)
auto const set_body = [](auto& ctx) { x3::_val(ctx)->body = std::move(x3::_attr(ctx)); };
auto const decl_body = expect("'=' or '{' to start the body of {decl}")
    [(x3::lit('=') >> expect("an expression after '='")[expr][set_body] >> decl_notes) | block[set_body]];

// ---- §5 rules, decisions, functions ------------------------------------------------------------

auto const rule_decl_def =
    spanned[(kw("rule")[begin_decl(DeclKind::Rule, "rule")] |
             kw("decision")[begin_decl(DeclKind::Decision, "decision")]) >>
            name_p("a name after `{kw}`")[set_name] >> expect("':' and the type of {decl}")[':'] >>
            expect("a type after ':'")[type][set_type] >> decl_notes >> decl_body];

auto const function_decl_def =
    spanned[kw("function")[begin_decl(DeclKind::Function, "function")] >> name_p("a name after `function`")[set_name] >>
            expect("'(' and the parameters of {decl}")['('] >> -(!x3::lit(')') >> field[add_field] % ',') >>
            expect("',' or ')' after the parameters")[')'] >>
            expect("'->' and the result type of {decl}")[x3::lit("->")] >>
            expect("a type after '->'")[type][set_type] >> decl_notes >> decl_body];

// ---- §8 ladders ----------------------------------------------------------------------------------

// (X3 hands some of these an optional<ExprPtr>: `*` takes either)
template <typename T>
ExprPtr expr_of(T&& attr) {
    if constexpr (std::is_same_v<std::decay_t<T>, ExprPtr>) return std::move(attr);
    else return attr ? std::move(*attr) : nullptr;
}
auto const set_level_length = [](auto& ctx) { x3::_val(ctx).length = expr_of(x3::_attr(ctx)); };
auto const set_level_at_most = [](auto& ctx) { x3::_val(ctx).at_most = expr_of(x3::_attr(ctx)); };
auto const set_until_cured = [](auto& ctx) { x3::_val(ctx).until_cured = true; };

auto const ladder_level_def =
    spanned[kw("level") >> expect("the level number after `level`")[x3::ulong_long][(
                               [](auto& ctx) { x3::_val(ctx).number = static_cast<int64_t>(x3::_attr(ctx)); })] >>
            expect("':' after the level number")[':'] >>
            expect("the percent of the level after ':'")[expr][(
                [](auto& ctx) { x3::_val(ctx).percent = std::move(x3::_attr(ctx)); })] >>
            // LANGUAGE.md §8: what a cure does is in the level's length. `for D` runs D whatever
            // happens (a cure by its last day only stops the escalation: Weld's reading);
            // `until cured` ends the level the day before the cure, `at least D` no sooner,
            // `at most D` no later (and escalates when there is no cure by then).
            ((kw("until") >> expect("`cured` after `until`")[kw("cured")])[set_until_cured] |
             expect("`for` and the length of the level, or `until cured`")[kw("for")] >>
                 ((kw("at") >> ((kw("least") >> expect("a length after `at least`")[expr][set_level_length] >>
                                 -(kw("at") >> expect("`most` after `at`")[kw("most")] >>
                                   expect("a length after `at most`")[expr][set_level_at_most])) |
                                (expect("`least` or `most` after `at`")[kw("most")] >>
                                 expect("a length after `at most`")[expr][set_level_at_most])) >>
                   expect("`until cured` after the length of the level")[kw("until") >> kw("cured")])[set_until_cured] |
                  expect("the length of the level after `for`")[expr][set_level_length] >>
                      -(here >> kw("until"))[([](auto& ctx) {
                          fail(x3::_attr(ctx),
                               "a level of fixed length runs to its end whatever happens; for a "
                               "level the cure ends write `for at least D until cured` (D at the "
                               "least), `for at most D until cured` (D at the most) or `until cured`");
                      })])) >>
            notes[set_notes]];

auto const ladder_decl_def =
    spanned[kw("ladder")[begin_decl(DeclKind::Ladder, "ladder")] >> name_p("a name after `ladder`")[set_name] >>
            expect("`episodes` and the list of episodes of {decl}")[kw("episodes")] >>
            expect("a list of episodes after `episodes`")[expr][(
                [](auto& ctx) { x3::_val(ctx)->episodes = std::move(x3::_attr(ctx)); })] >>
            expect("`from` and the field holding each episode's first day")[kw("from")] >>
            name_p("the field holding each episode's first day after `from`")[([](auto& ctx) {
                x3::_val(ctx)->start_field = std::move(x3::_attr(ctx).text);
                x3::_val(ctx)->start_field_span = x3::_attr(ctx).span;
            })] >>
            expect("`until` and the field holding the day of the cure")[kw("until")] >>
            name_p("the field holding the day of the cure after `until`")[([](auto& ctx) {
                x3::_val(ctx)->cure_field = std::move(x3::_attr(ctx).text);
                x3::_val(ctx)->cure_field_span = x3::_attr(ctx).span;
            })] >>
            decl_notes >> expect("'{' and the levels of {decl}")['{'] >>
            *ladder_level[([](auto& ctx) { x3::_val(ctx)->levels.push_back(std::move(x3::_attr(ctx))); })] >>
            expect("'}' or another `level`")['}']];

BOOST_SPIRIT_DEFINE(rule_decl, function_decl, ladder_decl, ladder_level)
BOOST_SPIRIT_INSTANTIATE(decltype(rule_decl), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(function_decl), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(ladder_decl), It, Context)

}  // namespace tenet::syntax::grammar
