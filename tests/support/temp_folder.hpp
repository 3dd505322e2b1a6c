// A folder of files on disk for a test, removed afterwards.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace tenet::testing {

struct TempFolder {
    std::filesystem::path path;
    TempFolder() {
        std::string templ = (std::filesystem::temp_directory_path() / "tenet-test-XXXXXX").string();
        path = mkdtemp(&templ[0]);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    void write(const std::string& name, const std::string& text) const {
        std::filesystem::create_directories((path / name).parent_path());
        std::ofstream(path / name, std::ios::binary) << text;
    }
};

}  // namespace tenet::testing
