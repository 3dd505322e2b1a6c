// The rules one family of the grammar uses from another, declared: each is defined (BOOST_SPIRIT_
// DEFINE) and compiled (BOOST_SPIRIT_INSTANTIATE for It and Context, x3_config.hpp) in the file
// named beside it, and only called elsewhere. Rules a family uses alone live in its file.
//
// The files compile in unity groups (tenet_grammar in CMakeLists.txt): a file's own names (rules,
// actions, helpers) must not repeat those of another file of its group.
#pragma once

#include <vector>

#include "syntax/grammar/primitives.hpp"

namespace tenet::syntax::grammar {

// expressions.cpp: §7 expressions (with collect and limit blocks), §5 body blocks
x3::rule<class expr_class, ExprPtr> const expr = "an expression";
x3::rule<class block_class, ExprPtr> const block = "a block";

// declarations.cpp: §3 types, fields and annotations, which every family uses
x3::rule<class type_class, TypeExprPtr> const type = "a type";
x3::rule<class field_class, Field> const field = "a field";
x3::rule<class notes_class, Annotations> const notes = "annotations";
x3::rule<class range_class, FactRange> const fact_range = "a range";

// The declarations (§3-§9), which parse_module.cpp tries one after the other
// declarations.cpp: §3 enum, record; §4 fact, facts; §5 parameter
x3::rule<class enum_decl_class, DeclPtr> const enum_decl = "an enum";
x3::rule<class record_decl_class, DeclPtr> const record_decl = "a record";
x3::rule<class fact_decl_class, DeclPtr> const fact_decl = "a fact";
x3::rule<class facts_decl_class, DeclPtr> const facts_decl = "a group of facts";
x3::rule<class parameter_decl_class, DeclPtr> const parameter_decl = "a parameter";
// tables.cpp: §6 table
x3::rule<class table_decl_class, DeclPtr> const table_decl = "a table";
// decisions.cpp: §5 rule, decision, function; §8 ladder
x3::rule<class rule_decl_class, DeclPtr> const rule_decl = "a rule";
x3::rule<class function_decl_class, DeclPtr> const function_decl = "a function";
x3::rule<class ladder_decl_class, DeclPtr> const ladder_decl = "a ladder";
// tests.cpp: §9 case, test
x3::rule<class case_decl_class, DeclPtr> const case_decl = "a case";
x3::rule<class test_decl_class, DeclPtr> const test_decl = "a test";

BOOST_SPIRIT_DECLARE(decltype(expr), decltype(block), decltype(type), decltype(field), decltype(notes),
                     decltype(fact_range), decltype(enum_decl), decltype(record_decl), decltype(fact_decl),
                     decltype(facts_decl), decltype(parameter_decl), decltype(table_decl), decltype(rule_decl),
                     decltype(function_decl), decltype(ladder_decl), decltype(case_decl), decltype(test_decl))

// notes[set_notes]: a construct's annotations (`cite`, `reading`) after it.
auto const set_notes = [](auto& ctx) { x3::_val(ctx).notes = std::move(x3::_attr(ctx)); };

}  // namespace tenet::syntax::grammar
