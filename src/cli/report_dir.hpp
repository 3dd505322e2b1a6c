// Writing a report's files into the --report directory (made when absent).
#pragma once

#include <string>

namespace tenet::cli {

// False after printing "DIR/NAME: error: ..." on stderr.
bool write_report_file(const std::string& dir, const std::string& name, const std::string& text);

}  // namespace tenet::cli
