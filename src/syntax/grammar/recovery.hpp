// What the driver (parse_module.cpp) reads of the text around a declaration without parsing it:
// where to resume after a syntax error, where a skipped test ends, and the `##` documentation
// above a declaration. No Spirit: plain scans of the file's text [begin, end).
#pragma once

#include <string>

#include "syntax/grammar/lexical.hpp"
#include "syntax/parser.hpp"

namespace tenet::syntax::grammar {

// After an error in the declaration that starts at `start`: the next line that begins with a
// declaration keyword, preferring one indented no deeper than the broken declaration (so a
// nested `facts` group inside it is not taken for a new declaration); end when there is none.
It recover(It start, It begin, It end);

// Where the declaration at p ends: after the `}` that closes its first `{`, skipping strings
// and comments; null when a line that starts a declaration comes first, or the text ends.
It past_braces(It p, It end);

// Gives d and its members the `##` lines directly above them (§1), without the `## ` marks.
void set_docs(Decl& d, It begin);

}  // namespace tenet::syntax::grammar
