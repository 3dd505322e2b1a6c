// The types every unit of the grammar instantiates its rules for. Each rule family is defined in
// a file of its own (expressions.cpp, declarations.cpp, ...), declared to the others in rules.hpp
// (BOOST_SPIRIT_DECLARE) and compiled once, for the one iterator and context the driver parses
// with (BOOST_SPIRIT_INSTANTIATE(rule, It, Context)). A rule called with another context would
// not link: every parser hands its context down unchanged.
//
// Only the files under syntax/grammar/ include Spirit: X3 is header-only and slow to compile, so
// it stays out of every other header.
#pragma once

#include <functional>

#include <boost/fusion/include/at_c.hpp>
#include <boost/spirit/home/x3.hpp>

#include "syntax/grammar/state.hpp"

namespace tenet::syntax::grammar {

namespace x3 = boost::spirit::x3;
using boost::fusion::at_c;  // the parts of a sequence's attribute, in actions

// The parser state is reached through x3::with<state_tag>(std::ref(state)).
struct state_tag;

template <typename Context>
State& state_of(Context const& ctx) {
    return x3::get<state_tag>(ctx).get();
}

// The skipper as an X3 parser (the same rules as skip_ws).
struct skipper_parser : x3::parser<skipper_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <typename Iter, typename Ctx, typename RCtx, typename Attr>
    bool parse(Iter& first, Iter const& last, Ctx const&, RCtx&, Attr&) const {
        It p = skip_ws(first, last);
        bool moved = p != first;
        first = p;
        return moved;
    }
};

// What x3::phrase_parse(first, last, x3::with<state_tag>(std::ref(state))[rule], skipper_parser{})
// hands to the rules.
using Context = x3::context<state_tag, std::reference_wrapper<State>, x3::phrase_parse_context<skipper_parser>::type>;

}  // namespace tenet::syntax::grammar
