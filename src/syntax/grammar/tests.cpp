// §9 cases and tests: a case names fact values (`fact = value`), a test gives more and expects
// the decisions' values (`expect d == v`, `is absent`, `is unresolved`, `is failed`).

// clang-format off: Spirit X3 rules are laid out by hand, as a grammar is (an alternative or a
// step of a sequence a line, semantic actions under what they act on); a C++ layout flattens them.

#include "syntax/grammar/declaration_parts.hpp"
#include "syntax/grammar/directives.hpp"

namespace tenet::syntax::grammar {

// The rules only these declarations use (the others: rules.hpp)
x3::rule<class assignment_class, Assignment> const assignment = "an assignment";
x3::rule<class expectation_class, Expectation> const expectation = "an expectation";

namespace {

// Values in cases and tests are constants: `-3` there is the literal -3 (as in table cells).
void fold_negative_literals(ExprPtr& e) {
    if (!e) return;
    if (e->kind == ExprKind::Unary && e->op == Op::Neg && e->args.size() == 1 && is_number_kind(e->args[0]->kind) &&
        e->args[0]->text[0] != '-') {
        ExprPtr lit = e->args[0];
        lit->text.insert(0, "-");
        lit->span.begin = e->span.begin;
        e = std::move(lit);
        return;
    }
    if (e->kind == ExprKind::ListLit || e->kind == ExprKind::RecordLit) {
        for (ExprPtr& a : e->args) fold_negative_literals(a);
    }
}

}  // namespace

auto const given_clause = kw("given") >> (name_p("the name of a case after `given`") % ',')[([](auto& ctx) {
                              for (Ident& id : x3::_attr(ctx)) {
                                  x3::_val(ctx)->given.push_back(std::move(id.text));
                                  x3::_val(ctx)->given_spans.push_back(id.span);
                              }
                          })];

auto const assignment_def =
    spanned[ident[([](auto& ctx) {
                x3::_val(ctx).path.push_back(std::move(x3::_attr(ctx).text));
                x3::_val(ctx).path_spans.push_back(x3::_attr(ctx).span);
            })] >>
            *(x3::lit('.') >> name_p("a name after '.'")[([](auto& ctx) {
                  x3::_val(ctx).path.push_back(std::move(x3::_attr(ctx).text));
                  x3::_val(ctx).path_spans.push_back(x3::_attr(ctx).span);
              })]) >>
            expect("'=' and a value after the fact's name")['='] >> expect("a value after '='")[expr][([](auto& ctx) {
                x3::_val(ctx).value = std::move(x3::_attr(ctx));
                fold_negative_literals(x3::_val(ctx).value);
            })]];

auto const expectation_def =
    spanned[kw("expect") >> name_p("the name of a decision after `expect`")[([](auto& ctx) {
                x3::_val(ctx).decision = std::move(x3::_attr(ctx).text);
                x3::_val(ctx).decision_span = x3::_attr(ctx).span;
            })] >>
            expect("'==' and the expected value, `is absent`, `is unresolved` or `is failed`")
                [(x3::lit("==") >> expect("the expected value after '=='")[expr][([](auto& ctx) {
                      x3::_val(ctx).kind = Expectation::Kind::Equals;
                      x3::_val(ctx).value = std::move(x3::_attr(ctx));
                      fold_negative_literals(x3::_val(ctx).value);
                  })]) |
                 (kw("is") >>
                  expect("`absent`, `unresolved` or `failed` after `is`")
                      [kw("absent")[([](auto& ctx) { x3::_val(ctx).kind = Expectation::Kind::Absent; })] |
                       kw("unresolved")[([](auto& ctx) { x3::_val(ctx).kind = Expectation::Kind::Unresolved; })] |
                       kw("failed")[([](auto& ctx) { x3::_val(ctx).kind = Expectation::Kind::Failed; })]])]];

auto const add_assignment = [](auto& ctx) { x3::_val(ctx)->assignments.push_back(std::move(x3::_attr(ctx))); };

auto const case_decl_def =
    spanned[kw("case")[begin_decl(DeclKind::Case, "case")] >> name_p("a name after `case`")[set_name] >>
            -given_clause >> expect("'{' and the facts of {decl}")['{'] >> *assignment[add_assignment] >>
            expect("'}' or another `fact = value`")['}']];

auto const test_decl_def =
    spanned[kw("test")[begin_decl(DeclKind::Test, "test")] >> name_p("a name after `test`")[set_name] >>
            -str[([](auto& ctx) { x3::_val(ctx)->title = std::move(x3::_attr(ctx).text); })] >>
            *(given_clause | decl_note) >> expect("'{' to start the body of {decl}")['{'] >>
            *(expectation[([](auto& ctx) { x3::_val(ctx)->expectations.push_back(std::move(x3::_attr(ctx))); })] |
              assignment[add_assignment]) >>
            expect("'}', another `fact = value` or another `expect`")['}']];

BOOST_SPIRIT_DEFINE(case_decl, test_decl, assignment, expectation)
BOOST_SPIRIT_INSTANTIATE(decltype(case_decl), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(test_decl), It, Context)

}  // namespace tenet::syntax::grammar
