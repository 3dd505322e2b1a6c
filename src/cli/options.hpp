// Options that several commands take, declared once so that they are spelled, checked and
// described the same everywhere. CLI11 checks them while parsing: a bad value is a usage error
// (exit 2) before any file is read or written.
#pragma once

#include <string>

#include "cli/commands.hpp"

namespace CLI {
class Option;
}

namespace tenet::cli {

CLI::Option* add_ruleset(CLI::App* command, Args* args);   // RULESET (exactly one)
CLI::Option* add_rulesets(CLI::App* command, Args* args);  // RULESET... (one or more)
// --include-root DIR, repeatable: a folder `extends`/`import` may read beside the root ruleset's
// (add_ruleset adds it; commands that compile several rulesets add it themselves)
CLI::Option* add_include_roots(CLI::App* command, Args* args);
CLI::Option* add_case(CLI::App* command, Args* args);                                // --case FILE.json
CLI::Option* add_cases(CLI::App* command, Args* args);                               // --cases FILE.jsonl
CLI::Option* add_as_of(CLI::App* command, Args* args);                               // --as-of YYYY-MM-DD, a real day
CLI::Option* add_decisions(CLI::App* command, Args* args, const std::string& help);  // --decision NAME, repeatable
CLI::Option* add_lang(CLI::App* command, Args* args, const std::string& help);       // --lang en|es
CLI::Option* add_engine(CLI::App* command, Args* args);                              // --engine interpreted|compiled

// Why `path` cannot be read as an input ("FILE: is a directory"), or "" when it can. Pipes and
// devices (/dev/stdin, <(...)) are inputs too: they are read as a stream.
std::string input_file_problem(const std::string& path);

}  // namespace tenet::cli
