// Structural equality of syntax trees, ignoring positions: what "formatting does not change
// the meaning" is checked against (tests and the fmt fuzz target).
#pragma once

#include <string>

#include "syntax/ast.hpp"

namespace tenet::syntax {

// True when the two modules hold the same tree (names, literals as written, operators,
// annotations, docs), whatever their spans. Otherwise false, and *difference (when not null)
// says where they first differ, e.g. "decl 3 (rule x): body: args[1]: text `2` vs `3`".
bool same_module(const Module& a, const Module& b, std::string* difference);

}  // namespace tenet::syntax
