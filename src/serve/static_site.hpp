// A directory of static files (the site `tenet doc` writes), read into memory when the service
// starts: a request path is only ever a key into that index, never a path on the disk, so no
// request can reach a file outside the directory.
#pragma once

#include <map>
#include <string>

namespace tenet::serve {

class StaticSite {
public:
    static constexpr size_t kMaxFiles = 10000;
    static constexpr size_t kMaxBytes = 256u << 20;

    // False with `error` when the directory cannot be read or is over the limits. Symbolic
    // links are not followed.
    bool load(const std::string& dir, std::string* error);

    struct File {
        std::string content, mime;
    };
    // The file for a request path ("/", "/rules/index.html"): a directory path is its index.html.
    const File* find(const std::string& request_path) const;

private:
    std::map<std::string, File> files_;  // "/rules/index.html"
};

}  // namespace tenet::serve
