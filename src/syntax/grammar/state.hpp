// What the grammar knows while it parses one file, and how it fails. No Spirit: the parsers reach
// the State through x3::with<state_tag> (x3_config.hpp).
//
// Errors are exceptions (SyntaxError) thrown by `expect(what)[p]` and the parsers, naming what was
// expected in words an analyst understands; the driver (parse_module.cpp) catches them per
// declaration. Nothing recurses without a guard: the height of every expression node is checked
// as the node is built (a 100,000-term sum is as deep, for later passes, as 100,000 parentheses).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "syntax/grammar/lexical.hpp"
#include "syntax/parser.hpp"

namespace tenet::syntax::grammar {

struct SyntaxError {
    It where;
    std::string message;
};

// Errors are thrown from out-of-line cold functions: the parsers on the recursion path then keep
// no message strings in their stack frames (see nest_directive on why frames must stay small).
[[noreturn]] [[gnu::noinline]] [[gnu::cold]] void fail(It where, const char* message);
[[noreturn]] [[gnu::noinline]] [[gnu::cold]] void fail(It where, std::string message);

static_assert(kMaxNestingDepth == 256, "update the nesting messages");
inline constexpr char kExprTooDeep[] = "expression nested too deeply (more than 256 levels)";

struct State {
    It base = nullptr;
    uint32_t file = 0;
    int depth = 0;              // open nesting levels (see nest_directive)
    uintptr_t stack_floor = 0;  // the parser stops before the stack pointer goes below; 0: unknown
    // Height of every expression node built for the current declaration (leaves 0), so that the
    // height limit is checked as the tree grows, without a recursive walk.
    std::unordered_map<const Expr*, int> heights;
    std::string decl_word;  // "decision", for messages such as "... body of decision `x`"
    std::string decl_name;
    Module* module = nullptr;

    uint32_t off(It p) const { return static_cast<uint32_t>(p - base); }
    Span span(It b, It e) const { return Span{file, off(b), off(e)}; }

    ExprPtr make(ExprKind k, Span sp) {
        auto e = std::make_shared<Expr>();
        e->kind = k;
        e->span = sp;
        heights[e.get()] = 0;  // also forgets a freed node that had the same address
        return e;
    }
    int height(const ExprPtr& e) const {
        if (!e) return -1;
        auto it = heights.find(e.get());
        return it == heights.end() ? 0 : it->second;
    }
    [[gnu::noinline]] void check_height(Expr& e, int h, It at);
    // Recomputes the height of e from its children (called once the node is complete).
    [[gnu::noinline]] void seal(Expr& e, It at);
    // e gained one more child (a comparison chain growing): no need to look at the others.
    void raise(Expr& e, const ExprPtr& child, It at) { check_height(e, std::max(height_of(e), height(child) + 1), at); }
    int height_of(const Expr& e) const {
        auto it = heights.find(&e);
        return it == heights.end() ? 0 : it->second;
    }
};

// Replaces {decl} with "decision `x`" and {kw} with "decision" in an error message.
std::string expand(std::string_view what, const State& s);

// "expected <what>", expanded, at where.
[[noreturn]] [[gnu::noinline]] [[gnu::cold]] void fail_expected(It where, const char* what, const State& s);

// Before one more level of nesting: fails with the message past kMaxNestingDepth levels, or when
// the stack is nearly used up (see nest_directive).
[[gnu::noinline]] void check_nesting(const State& s, It first, It last, const char* message);

}  // namespace tenet::syntax::grammar
