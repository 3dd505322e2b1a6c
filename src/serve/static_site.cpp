#include "serve/static_site.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace tenet::serve {

namespace {

std::string mime_of(const fs::path& p) {
    static const std::map<std::string, std::string> types = {{".html", "text/html; charset=utf-8"},
                                                             {".css", "text/css; charset=utf-8"},
                                                             {".js", "text/javascript; charset=utf-8"},
                                                             {".json", "application/json"},
                                                             {".svg", "image/svg+xml"},
                                                             {".png", "image/png"},
                                                             {".txt", "text/plain; charset=utf-8"},
                                                             {".dot", "text/plain; charset=utf-8"},
                                                             {".tenet", "text/plain; charset=utf-8"}};
    auto it = types.find(p.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

bool StaticSite::load(const std::string& dir, std::string* error) {
    std::error_code ec;
    fs::path root = fs::canonical(dir, ec);
    if (ec || !fs::is_directory(root, ec)) {
        *error = dir + ": not a directory";
        return false;
    }
    size_t bytes = 0;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->symlink_status().type() != fs::file_type::regular) continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            *error = it->path().string() + ": cannot read";
            return false;
        }
        File f{text.str(), mime_of(it->path())};
        bytes += f.content.size();
        if (files_.size() >= kMaxFiles || bytes > kMaxBytes) {
            *error = dir + ": more than " + std::to_string(kMaxFiles) + " files or " + std::to_string(kMaxBytes >> 20) +
                     " MiB";
            return false;
        }
        files_["/" + it->path().lexically_relative(root).generic_string()] = std::move(f);
    }
    if (ec) {
        *error = dir + ": " + ec.message();
        return false;
    }
    return true;
}

const StaticSite::File* StaticSite::find(const std::string& request_path) const {
    std::string key = request_path;
    if (key.empty() || key.back() == '/') key += "index.html";
    auto it = files_.find(key);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace tenet::serve
