// The canonical text of a parsed .tenet file: what `tenet fmt` writes.
//
// The formatter prints the syntax tree, so the layout is the formatter's own: two-space
// indentation, one annotation per line, the parentheses the precedence of §7 needs and no
// others, columns of table rows, collect entries and periods aligned, long `and`/`or` chains and
// `if` chains one operand per line. What the tree does not hold -- comments and blank lines --
// is taken from the source: comments (`#`, and `##` documentation) are collected from the text
// and put back where they were relative to the declarations, rows, entries and statements
// around them; a blank line between two items is kept (several become one).
//
// Guarantees, tested on every .tenet file in the repository and fuzzed (tests/fuzz):
//   parse(format(x)) has the same tree as parse(x), comments and docs included, and
//   format(format(x)) == format(x).
#pragma once

#include <string>
#include <vector>

#include "syntax/ast.hpp"
#include "syntax/source.hpp"

namespace tenet::syntax {

// The canonical text of `module`, parsed without errors from `file`.
std::string format_module(const Module& module, const SourceFile& file);

}  // namespace tenet::syntax
