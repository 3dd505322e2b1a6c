// `tenet parity` and `tenet diff`: their options as plain structs, whatever parses the command line.
#pragma once

#include <string>
#include <vector>

namespace tenet::cli {

struct ParityCommand {
    std::string ruleset, cases, legacy, key = "case", map, report_dir, as_of;
    std::vector<std::string> include_roots;  // folders `extends`/`import` may read (--include-root)
    bool json = false;                       // the JSON report on stdout instead of the summary
};

struct DiffCommand {
    std::string old_ruleset, new_ruleset, cases, report_dir, as_of;
    std::vector<std::string> include_roots;  // folders `extends`/`import` may read (--include-root)
    bool json = false;
};

int run_parity(const ParityCommand& command);  // parity.cpp: exit 1 when a difference remains
int run_diff(const DiffCommand& command);      // diff.cpp

}  // namespace tenet::cli
