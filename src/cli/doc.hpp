// `tenet doc RULESET... --out DIR [--source NAME=PATH]...`: the rulesets as static web sites
// beside the source documents they cite (src/doc/site.hpp).
#pragma once

#include <string>
#include <vector>

namespace tenet::cli {

struct DocOptions {
    std::vector<std::string> rulesets;
    std::string out;                        // one ruleset: the site; several: a site each in out/NAME
    std::vector<std::string> sources;       // NAME=PATH
};

int doc(const DocOptions& options);
// Reads the options from the command line (argv[2] on) and runs doc.
int doc_command(int argc, char** argv);

}  // namespace tenet::cli
