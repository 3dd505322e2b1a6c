// Diagnostics: the mistakes Tenet finds in a ruleset or a case, with their positions.
//
// A Diagnostic is a value: it owns its strings and may be copied and shared freely.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tenet {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;     // path as given, or "<buffer>"
    uint32_t line = 0;    // 1-based; 0 when the diagnostic is about the whole file
    uint32_t column = 0;  // 1-based, in user-perceived characters
    uint32_t offset = 0;  // byte offset of the position in the file; 0 when line is 0
    uint32_t length = 0;  // bytes of the text it is about, from offset (0: a point)
    std::string message;
    std::string source_line;        // the text of the line, for the caret display
    std::vector<Diagnostic> notes;  // related positions ("first defined here")
};

// `FILE:LINE:COL: error: MESSAGE`, then the source line and a caret under the column, then the
// notes the same way. Ends with a newline.
std::string format_diagnostic(const Diagnostic& d);

// True when any diagnostic in the list is an error.
bool has_errors(const std::vector<Diagnostic>& ds);

}  // namespace tenet
