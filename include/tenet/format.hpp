// The canonical text of a .tenet file: what `tenet fmt` writes and editors apply (the layout is
// described in src/syntax/format.hpp). Formatting never changes a ruleset's meaning: the result
// is parsed again and must give the same tree, or it is not kept.
#pragma once

#include <string>
#include <vector>

#include "tenet/diagnostic.hpp"

namespace tenet {

struct FormatResult {
    bool ok = false;
    std::string text;                     // the formatted text, when ok
    std::vector<Diagnostic> diagnostics;  // the syntax errors, when the text does not parse
    // when not ok and there is no syntax error: why the result was not kept (over the size
    // limit, or -- a formatter bug -- the formatted text does not parse to the same tree)
    std::string error;
};

// Parses `text` (named `path` in messages), formats it, and parses the result again: it must
// give the same tree, so that a formatter bug can never change a ruleset's meaning.
FormatResult format_source(const std::string& path, const std::string& text);

}  // namespace tenet
