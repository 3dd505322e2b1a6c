// Small pieces of HTML shared by the pages of the site.
#pragma once

#include <string>
#include <string_view>

namespace tenet::doc {

void append_escaped(std::string_view text, std::string* out);  // & < > " '
std::string escaped(std::string_view text);
// A file name for a name of the ruleset: ASCII letters, digits, `_`, `.` and `-` as they are,
// every other byte as `~XX`, so Unicode names give portable file names.
std::string slug(std::string_view name);

}  // namespace tenet::doc
