// The parser state's out-of-line parts: failing, checking heights and nesting (see state.hpp).
#include "syntax/grammar/state.hpp"

namespace tenet::syntax::grammar {

void fail(It where, const char* message) { throw SyntaxError{where, message}; }
void fail(It where, std::string message) { throw SyntaxError{where, std::move(message)}; }

void State::check_height(Expr& e, int h, It at) {
    heights[&e] = h;
    if (h > kMaxNestingDepth) fail(at, kExprTooDeep);
}

void State::seal(Expr& e, It at) {
    int h = -1;
    for (const ExprPtr& a : e.args) h = std::max(h, height(a));
    for (const CollectEntry& c : e.entries) {
        h = std::max({h, height(c.value), height(c.condition)});
    }
    for (const LimitStep& s : e.steps) h = std::max({h, height(s.bound), height(s.unless)});
    check_height(e, h + 1, at);
}

std::string expand(std::string_view what, const State& s) {
    std::string out;
    for (size_t i = 0; i < what.size();) {
        if (what.compare(i, 6, "{decl}") == 0) {
            out += s.decl_word;
            if (!s.decl_name.empty()) out += " `" + s.decl_name + "`";
            i += 6;
        } else if (what.compare(i, 4, "{kw}") == 0) {
            out += s.decl_word;
            i += 4;
        } else {
            out += what[i++];
        }
    }
    return out;
}

void fail_expected(It where, const char* what, const State& s) {
    throw SyntaxError{where, "expected " + expand(what, s)};
}

void check_nesting(const State& s, It first, It last, const char* message) {
    if (s.depth > kMaxNestingDepth) fail(skip_ws(first, last), message);
    char probe = 0;
    if (s.stack_floor != 0 && reinterpret_cast<uintptr_t>(&probe) < s.stack_floor) {
        fail(skip_ws(first, last), std::string(message) + "; the parser ran out of stack space");
    }
}

}  // namespace tenet::syntax::grammar
