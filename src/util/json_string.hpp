// Strings written into JSON text by hand: the case JSON's values and messages (eval/case_json.cpp,
// api/session.cpp), the columns' list paths, the server's access log. The texts are written as
// they are (UTF-8 passes through); only what JSON must escape is escaped.
#pragma once

#include <string>
#include <string_view>

namespace tenet::util {

// Appends `s` escaped as inside a JSON string (quote, backslash, control characters), without quotes.
void append_escaped(std::string_view s, std::string* out);
// Appends `s` as a JSON string, quotes included.
void write_string(std::string_view s, std::string* out);

}  // namespace tenet::util
