// `tenet doc RULESET... --out DIR [--source NAME=PATH]...`: the rulesets as static web sites
// beside the source documents they cite (src/doc/site.hpp).
#pragma once

#include <string>
#include <vector>

namespace tenet::cli {

struct DocOptions {
    std::vector<std::string> rulesets;
    std::string out;                         // one ruleset: the site; several: a site each in out/NAME
    std::vector<std::string> sources;        // NAME=PATH
    std::vector<std::string> include_roots;  // folders `extends`/`import` may read beside each ruleset's
};

int doc(const DocOptions& options);  // registered as `tenet doc` by register_doc (commands.hpp)

}  // namespace tenet::cli
