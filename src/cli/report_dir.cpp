// Report files (report_dir.hpp).
#include "cli/report_dir.hpp"

#include <filesystem>
#include <iostream>

#include "cli/output_file.hpp"

namespace tenet::cli {

bool write_report_file(const std::string& dir, const std::string& name, const std::string& text) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::cerr << dir << ": error: cannot make the report folder: " << ec.message() << "\n";
        return false;
    }
    OutputFile out;
    return out.open((std::filesystem::path(dir) / name).string(), {}) && out.write(text) && out.commit();
}

}  // namespace tenet::cli
