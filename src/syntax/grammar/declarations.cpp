// The declarations that say what a ruleset is about: §3 types (money, FamilyType, list<T>, T?),
// enums and records, §4 facts and groups of facts, §5 parameters with their dated values; and the
// pieces every declaration shares: fields (`name: type`) and annotations (`cite`, `reading`).

// clang-format off: Spirit X3 rules are laid out by hand, as a grammar is (an alternative or a
// step of a sequence a line, semantic actions under what they act on); a C++ layout flattens them.

#include "syntax/grammar/declaration_parts.hpp"
#include "syntax/grammar/directives.hpp"

namespace tenet::syntax::grammar {

// The rules only these declarations use (the others: rules.hpp)
x3::rule<class type_base_class, TypeExprPtr> const type_base = "a type";
x3::rule<class fact_member_class, DeclPtr> const fact_member = "a fact";
x3::rule<class period_class, ParamPeriod> const period = "a period";

// ---- §3 types --------------------------------------------------------------------------------

auto const type_def =
    spanned[type_base[([](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); })] >> -x3::lit('?')[([](auto& ctx) {
                auto t = std::make_shared<TypeExpr>();
                t->kind = TypeExpr::Kind::Optional;
                t->element = x3::_val(ctx);
                x3::_val(ctx) = std::move(t);
            })]];

auto const type_base_def = (kw("list") >> x3::lit('<') >> nest_type[expect("a type after `list<`")[type]] >>
                            expect("'>' to close `list<`")['>'])[([](auto& ctx) {
                               auto t = std::make_shared<TypeExpr>();
                               t->kind = TypeExpr::Kind::List;
                               t->element = x3::_attr(ctx);
                               x3::_val(ctx) = std::move(t);
                           })] |
                           ident[([](auto& ctx) {
                               auto t = std::make_shared<TypeExpr>();
                               t->name = std::move(x3::_attr(ctx).text);
                               t->span = x3::_attr(ctx).span;
                               x3::_val(ctx) = std::move(t);
                           })];

// ---- annotations and fields --------------------------------------------------------------------

auto const add_cite = [](auto& ctx) {
    Str& s = x3::_attr(ctx);
    x3::_val(ctx).cites.push_back(std::move(s.text));
    x3::_val(ctx).cite_spans.push_back(s.span);
};
auto const set_reading = [](auto& ctx) {
    auto& a = x3::_attr(ctx);
    Annotations& n = x3::_val(ctx);
    if (n.reading_span.end != 0) {
        fail(at_c<0>(a), "only one `reading` is allowed here");
    }
    n.reading = std::move(at_c<1>(a).text);
    n.reading_span = at_c<1>(a).span;
};

auto const notes_def = *((kw("cite") >> expect("a quoted citation after `cite`")[str])[add_cite] |
                         (here >> kw("reading") >> expect("a quoted reading after `reading`")[str])[set_reading]);

auto const field_def =
    spanned[name_p("a name")[([](auto& ctx) { x3::_val(ctx).name = std::move(x3::_attr(ctx).text); })] >>
            expect("':' and a type after the name")[':'] >>
            expect("a type after ':'")[type][([](auto& ctx) { x3::_val(ctx).type = std::move(x3::_attr(ctx)); })]];

// ---- §3 enum, record -------------------------------------------------------------------------

auto const enum_decl_def =
    spanned[kw("enum")[begin_decl(DeclKind::Enum, "enum")] >> name_p("a name after `enum`")[set_name] >>
            expect("'{' and the values of {decl}")['{'] >>
            *(!x3::lit('}') >> name_p("a value of {decl}, or '}'")[([](auto& ctx) {
                x3::_val(ctx)->enum_values.push_back(std::move(x3::_attr(ctx).text));
                x3::_val(ctx)->enum_value_spans.push_back(x3::_attr(ctx).span);
            })] >>
              -x3::lit(',')) >>
            '}'];

auto const record_decl_def =
    spanned[kw("record")[begin_decl(DeclKind::Record, "record")] >> name_p("a name after `record`")[set_name] >>
            expect("'{' and the fields of {decl}")['{'] >> *(!x3::lit('}') >> field[add_field] >> -x3::lit(',')) >>
            '}'];

// ---- §4 facts --------------------------------------------------------------------------------

auto const fact_range_def =
    spanned[-range_literal[([](auto& ctx) { x3::_val(ctx).low = std::move(x3::_attr(ctx)); })] >>
            expect("'..' in the range, as in `1..30`, `$0..` or `..100`")[x3::lit("..")] >>
            -range_literal[([](auto& ctx) { x3::_val(ctx).high = std::move(x3::_attr(ctx)); })]];

auto const set_range = [](auto& ctx) {
    x3::_val(ctx)->range = std::move(x3::_attr(ctx));
    x3::_val(ctx)->has_range = true;
};
auto const optional_range = -(kw("in") >> expect("a range after `in`, such as `1..30`")[fact_range][set_range]);

auto const fact_decl_def =
    spanned[kw("fact")[begin_decl(DeclKind::Fact, "fact")] >>
            name_p("the name of the fact after `fact`")[([](auto& ctx) {
                DeclPtr& d = x3::_val(ctx);
                d->name = x3::_attr(ctx).text;
                d->name_span = x3::_attr(ctx).span;
                d->path.push_back(std::move(x3::_attr(ctx).text));
            })] >>
            *(x3::lit('.') >> name_p("a name after '.'")[([](auto& ctx) {
                  DeclPtr& d = x3::_val(ctx);
                  d->name += "." + x3::_attr(ctx).text;
                  d->name_span.end = x3::_attr(ctx).span.end;
                  d->path.push_back(std::move(x3::_attr(ctx).text));
              })]) >>
            x3::eps[([](auto& ctx) { state_of(ctx).decl_name = x3::_val(ctx)->name; })] >>
            expect("':' and the type of {decl}")[':'] >> expect("a type after ':'")[type][set_type] >> optional_range];

auto const add_member = [](auto& ctx) { x3::_val(ctx)->members.push_back(std::move(x3::_attr(ctx))); };

// A member of a group: `name: type [in range]`, or a nested group `[facts] name { ... }`.
// Paths are made complete by complete_paths once the outermost group is parsed.
auto const fact_member_def =
    spanned[(-kw("facts") >> name_p("the name of a fact, or '}'"))[([](auto& ctx) {
                auto d = std::make_shared<Decl>();
                d->kind = DeclKind::Fact;
                d->name = x3::_attr(ctx).text;
                d->name_span = x3::_attr(ctx).span;
                d->path.push_back(std::move(x3::_attr(ctx).text));
                x3::_val(ctx) = std::move(d);
            })] >>
            expect("':' and a type, or '{' and a group of facts, after the name")
                [(x3::lit(':') >> expect("a type after ':'")[type][set_type] >> optional_range) |
                 nest_facts[x3::lit('{')[([](auto& ctx) { x3::_val(ctx)->kind = DeclKind::FactGroup; })] >>
                            *(!x3::lit('}') >> fact_member[add_member]) >> '}']]];

namespace {

void complete_paths(Decl& group) {
    for (DeclPtr& m : group.members) {
        std::vector<std::string> path = group.path;
        path.insert(path.end(), m->path.begin(), m->path.end());
        m->path = std::move(path);
        m->name.clear();
        for (const std::string& part : m->path) m->name += (m->name.empty() ? "" : ".") + part;
        if (m->kind == DeclKind::FactGroup) complete_paths(*m);
    }
}

}  // namespace

auto const facts_decl_def =
    spanned[kw("facts")[begin_decl(DeclKind::FactGroup, "group")] >>
            name_p("the name of the group after `facts`")[([](auto& ctx) {
                DeclPtr& d = x3::_val(ctx);
                state_of(ctx).decl_name = x3::_attr(ctx).text;
                d->name = x3::_attr(ctx).text;
                d->name_span = x3::_attr(ctx).span;
                d->path.push_back(std::move(x3::_attr(ctx).text));
            })] >>
            expect("'{' and the facts of {decl}")['{'] >> *(!x3::lit('}') >> fact_member[add_member]) >>
            x3::lit('}')[([](auto& ctx) { complete_paths(*x3::_val(ctx)); })]];

// ---- §5 parameters -----------------------------------------------------------------------------

auto const period_def =
    spanned[(kw("before")[([](auto& ctx) { x3::_val(ctx).kind = ParamPeriod::Kind::Before; })] >>
                 expect("a date after `before`")[date_literal]
                                                [([](auto& ctx) { x3::_val(ctx).to = std::move(x3::_attr(ctx)); })] |
             kw("from")[([](auto& ctx) { x3::_val(ctx).kind = ParamPeriod::Kind::From; })] >>
                 expect("a date after `from`")[date_literal]
                                              [([](auto& ctx) { x3::_val(ctx).from = std::move(x3::_attr(ctx)); })] >>
                 -(kw("to") >> expect("a date after `to`")[date_literal][([](auto& ctx) {
                       x3::_val(ctx).kind = ParamPeriod::Kind::FromTo;
                       x3::_val(ctx).to = std::move(x3::_attr(ctx));
                   })])) >>
            expect("'=' and the value for this period")['='] >>
            expect("a value after '='")[expr][([](auto& ctx) { x3::_val(ctx).value = std::move(x3::_attr(ctx)); })] >>
            notes[set_notes]];

auto const parameter_decl_def = spanned
    [kw("parameter")[begin_decl(DeclKind::Parameter, "parameter")] >> name_p("a name after `parameter`")[set_name] >>
     expect("':' and the type of {decl}")[':'] >> expect("a type after ':'")[type][set_type] >> decl_notes >>
     expect("'=' and a value, or '{' and dated values, for {decl}")
         [(x3::lit('=') >>
           expect("a value after '='")[expr][([](auto& ctx) { x3::_val(ctx)->value = std::move(x3::_attr(ctx)); })] >>
           decl_notes) |
          (x3::lit('{') >> *period[([](auto& ctx) { x3::_val(ctx)->periods.push_back(std::move(x3::_attr(ctx))); })] >>
           expect("'}' or another period (`before D = ...`, `from D = ...`, `from D to E = ...`)")['}'])]];

BOOST_SPIRIT_DEFINE(type, type_base, notes, field, enum_decl, record_decl, fact_range, fact_decl, fact_member,
                    facts_decl, period, parameter_decl)
BOOST_SPIRIT_INSTANTIATE(decltype(type), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(notes), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(field), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(fact_range), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(enum_decl), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(record_decl), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(fact_decl), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(facts_decl), It, Context)
BOOST_SPIRIT_INSTANTIATE(decltype(parameter_decl), It, Context)

}  // namespace tenet::syntax::grammar
