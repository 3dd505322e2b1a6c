// The actions and annotations every family of declarations shares (§3-§9): starting the Decl
// a declaration rule builds, its name and type, and the annotations after its head
// (`cite`, `reading`, and `gap`, `forever as`, `hit`, `carry` for the kinds that take them).
#pragma once

#include "syntax/grammar/directives.hpp"
#include "syntax/grammar/rules.hpp"

namespace tenet::syntax::grammar {

// kw("enum")[begin_decl(DeclKind::Enum, "enum")]: the rule's value is a new Decl of that kind,
// and messages from here on speak of an "enum".
inline auto begin_decl(DeclKind kind, const char* word) {
    return [kind, word](auto& ctx) {
        auto d = std::make_shared<Decl>();
        d->kind = kind;
        x3::_val(ctx) = std::move(d);
        State& s = state_of(ctx);
        s.decl_word = word;
        s.decl_name.clear();
    };
}

auto const set_name = [](auto& ctx) {
    Ident& id = x3::_attr(ctx);
    DeclPtr& d = x3::_val(ctx);
    state_of(ctx).decl_name = id.text;
    d->name = std::move(id.text);
    d->name_span = id.span;
};
auto const set_type = [](auto& ctx) { x3::_val(ctx)->type = std::move(x3::_attr(ctx)); };
auto const add_field = [](auto& ctx) { x3::_val(ctx)->fields.push_back(std::move(x3::_attr(ctx))); };

inline auto set_hit(HitPolicy hit) {
    return [hit](auto& ctx) { x3::_val(ctx)->hit = hit; };
}
inline auto set_carry(bool highest) {
    return [highest](auto& ctx) { x3::_val(ctx)->carry_highest = highest; };
}

// The annotations of a declaration (§5), in any order; `forever as` (decisions), `hit`
// (tables) and `carry` (ladders) are annotations of their declarations too.
auto const decl_note =
    (kw("cite") >> expect("a quoted citation after `cite`")[str])[([](auto& ctx) {
        Str& s = x3::_attr(ctx);
        x3::_val(ctx)->notes.cites.push_back(std::move(s.text));
        x3::_val(ctx)->notes.cite_spans.push_back(s.span);
    })] |
    (here >> kw("reading") >> expect("a quoted reading after `reading`")[str])[([](auto& ctx) {
        Annotations& n = x3::_val(ctx)->notes;
        if (n.reading_span.end != 0) {
            fail(at_c<0>(x3::_attr(ctx)), "a declaration has at most one `reading`");
        }
        n.reading = std::move(at_c<1>(x3::_attr(ctx)).text);
        n.reading_span = at_c<1>(x3::_attr(ctx)).span;
    })] |
    (here >> kw("gap") >> expect("a quoted note after `gap`")[str])[([](auto& ctx) {
        Annotations& n = x3::_val(ctx)->notes;
        if (x3::_val(ctx)->kind != DeclKind::Parameter) fail(at_c<0>(x3::_attr(ctx)), "`gap` is only for parameters");
        if (n.gap_span.end != 0) fail(at_c<0>(x3::_attr(ctx)), "a parameter has at most one `gap`");
        n.gap = std::move(at_c<1>(x3::_attr(ctx)).text);
        n.gap_span = at_c<1>(x3::_attr(ctx)).span;
    })] |
    (here >> kw("forever") >> expect("`as` after `forever`")[kw("as")] >>
     expect("a quoted text after `forever as`")[str])[([](auto& ctx) {
        DeclPtr& d = x3::_val(ctx);
        It at = at_c<0>(x3::_attr(ctx));
        if (d->kind != DeclKind::Decision) fail(at, "`forever as` is only for decisions");
        if (d->has_forever_as) fail(at, "a decision has at most one `forever as`");
        d->forever_as = std::move(at_c<1>(x3::_attr(ctx)).text);
        d->has_forever_as = true;
    })] |
    (here >> kw("hit"))[([](auto& ctx) {
        DeclPtr& d = x3::_val(ctx);
        if (d->kind != DeclKind::Table) fail(x3::_attr(ctx), "`hit` is only for tables");
        if (d->hit_written) fail(x3::_attr(ctx), "a table has at most one `hit` policy");
        d->hit_written = true;
    })] >>
        expect("`first`, `unique` or `collect` after `hit`")[kw("first")[set_hit(HitPolicy::First)] |
                                                             kw("unique")[set_hit(HitPolicy::Unique)] |
                                                             kw("collect")[set_hit(HitPolicy::Collect)]] |
    (here >> kw("carry"))[([](auto& ctx) {
        if (x3::_val(ctx)->kind != DeclKind::Ladder) {
            fail(x3::_attr(ctx), "`carry` is only for ladders");
        }
    })] >>
        expect("`highest` or `none` after `carry`")[kw("highest")[set_carry(true)] | kw("none")[set_carry(false)]];
auto const decl_notes = *decl_note;

}  // namespace tenet::syntax::grammar
