// A declaration's source as HTML, classified by the parser's and checker's own spans (marks):
// names that refer to a declaration become links, literals, locals and types get a class;
// the words no mark covers are the language's keywords. Comments and strings are found the way
// the parser skips them (`#` to the end of the line, outside a one-line string).
#pragma once

#include <functional>
#include <string>

#include "doc/ruleset_index.hpp"

namespace tenet::doc {

// Appends the text of `range` as HTML (no enclosing <pre>); `href` gives a declaration's page.
void highlight(const RulesetIndex& index, const TextRange& range, const std::function<std::string(int)>& href,
               std::string* out);

}  // namespace tenet::doc
