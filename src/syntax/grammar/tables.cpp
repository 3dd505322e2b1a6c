// §6 decision tables: the head (inputs with optional ranges, a result type or named results,
// the hit policy) and the rows, one per line: cells of tests (`< 3`, `1..30`, `any`, enum values)
// between '|', '=>', then the results.

// clang-format off: Spirit X3 rules are laid out by hand, as a grammar is (an alternative or a
// step of a sequence a line, semantic actions under what they act on); a C++ layout flattens them.

#include "syntax/grammar/declaration_parts.hpp"
#include "syntax/grammar/directives.hpp"

namespace tenet::syntax::grammar {

// The rules only these declarations use (the others: rules.hpp)
x3::rule<class row_class, TableRow> const table_row = "a table row";
x3::rule<class cell_class, TableCell> const table_cell = "a table cell";
x3::rule<class cell_test_class, CellTest> const cell_test = "a cell test";

x3::symbols<CellTest::Kind> const cell_comparison = [] {
    x3::symbols<CellTest::Kind> s;
    s.add("!=", CellTest::Kind::NotEqual)("<", CellTest::Kind::Less)("<=", CellTest::Kind::LessEq)(
        ">", CellTest::Kind::Greater)(">=", CellTest::Kind::GreaterEq);
    return s;
}();

auto const cell_test_def =
    spanned[(cell_comparison >> expect("a value after the comparison")[cell_literal])[([](auto& ctx) {
                x3::_val(ctx).kind = at_c<0>(x3::_attr(ctx));
                x3::_val(ctx).value = std::move(at_c<1>(x3::_attr(ctx)));
            })] |
            (x3::lit("..") >> expect("the upper end of the range after '..'")[cell_literal])[([](auto& ctx) {
                x3::_val(ctx).kind = CellTest::Kind::Range;
                x3::_val(ctx).high = std::move(x3::_attr(ctx));
            })] |
            cell_literal[([](auto& ctx) {
                x3::_val(ctx).kind = CellTest::Kind::Equal;
                x3::_val(ctx).value = std::move(x3::_attr(ctx));
            })] >>
                -(x3::lit("..")[([](auto& ctx) { x3::_val(ctx).kind = CellTest::Kind::Range; })] >>
                  -cell_literal[([](auto& ctx) { x3::_val(ctx).high = std::move(x3::_attr(ctx)); })])];

auto const add_cell_test = [](auto& ctx) { x3::_val(ctx).tests.push_back(std::move(x3::_attr(ctx))); };
auto const table_cell_def =
    spanned[kw("any") |
            cell_test[add_cell_test] >> *(x3::lit(',') >> expect("a value after ','")[cell_test][add_cell_test])];

auto const add_input = [](auto& ctx) { x3::_val(ctx).inputs.push_back(std::move(x3::_attr(ctx))); };
auto const add_output = [](auto& ctx) { x3::_val(ctx).outputs.push_back(std::move(x3::_attr(ctx))); };
auto const table_row_def =
    spanned[table_cell[add_input] >> *(x3::lit('|') >> expect("a condition after '|'")[table_cell][add_input]) >>
            expect("'=>' between the conditions and the results of the row")[x3::lit("=>")] >>
            expect("a result after '=>'")[expr][add_output] >>
            *(x3::lit('|') >> expect("a result after '|'")[expr][add_output]) >> notes[set_notes]];

// The rows of a table, one per line (§6), up to and including the closing '}'. Each row is
// parsed with the end of its line as the end of the input, so the ordinary skipper cannot run
// into the next row, and blank and comment lines in between are skipped here.
struct table_body_parser : x3::parser<table_body_parser> {
    using attribute_type = std::vector<TableRow>;
    static bool const has_attribute = true;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
        std::vector<TableRow> rows;
        It p = first;
        for (;;) {
            p = skip_blank(p, last);
            if (p == last) fail(p, "expected '}' to close the table");
            if (*p == '\n') {
                ++p;
                continue;
            }
            if (*p == '}') {
                first = p + 1;
                break;
            }
            It line_end = std::find(p, static_cast<It>(last), '\n');
            TableRow row;
            It q = p;
            if (!table_row.parse(q, line_end, ctx, x3::unused, row)) {
                fail(p, "expected a row (conditions, '=>', results) or '}' to close the table");
            }
            rows.push_back(std::move(row));
            q = skip_blank(q, line_end);
            if (q != line_end && *q == '}') {  // `... => 1 }` closes the table on the row's line
                first = q + 1;
                break;
            }
            if (q != line_end) {
                fail(q,
                     "expected the end of the row: each row is one line, "
                     "with annotations after the results");
            }
            p = line_end;
        }
        put(std::move(rows), attr);
        return true;
    }
};
constexpr table_body_parser table_body{};

auto const table_decl_def =
    spanned[kw("table")[begin_decl(DeclKind::Table, "table")] >> name_p("a name after `table`")[set_name] >>
            expect("'(' and the inputs of {decl}")['('] >>
            -(!x3::lit(')') >> (field[add_field] >>
                                -(kw("in") >> expect("a range after `in`, such as `1..30`")[fact_range][([](auto& ctx) {
                                      Field& f = x3::_val(ctx)->fields.back();
                                      f.range = std::move(x3::_attr(ctx));
                                      f.has_range = true;
                                  })])) %
                                   ',') >>
            expect("',' or ')' after the inputs")[')'] >> expect("'->' and the result type of {decl}")[x3::lit("->")] >>
            expect("a result type, or '(' and named results, after '->'")
                [(x3::lit('(') >>
                  field[([](auto& ctx) { x3::_val(ctx)->outputs.push_back(std::move(x3::_attr(ctx))); })] % ',' >>
                  expect("',' or ')' after the results")[')']) |
                 type[set_type]] >>
            decl_notes >> expect("'{' and the rows of {decl}")['{'] >>
            table_body[([](auto& ctx) { x3::_val(ctx)->rows = std::move(x3::_attr(ctx)); })]];

BOOST_SPIRIT_DEFINE(table_decl, table_row, table_cell, cell_test)
BOOST_SPIRIT_INSTANTIATE(decltype(table_decl), It, Context)

}  // namespace tenet::syntax::grammar
