// The pieces of the `tenet` command shared by its subcommands.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tenet/tenet.hpp"

namespace tenet::cli {

struct Args {
    std::vector<std::string> positional;
    std::string case_file, cases_file, out_file, as_of, lang;
    std::vector<std::string> decisions;
    int threads = 1;
    bool explain = false;
    bool fmt_check = false, fmt_write = false;   // tenet fmt --check, --write
    bool explain_text = false;   // --explain=text: the explanation as lines to read aloud
};

int usage_error(const std::string& message);
bool read_file(const std::string& path, std::string* text);
void print_diagnostics(const std::vector<Diagnostic>& diags);
void print_input_errors(const std::string& file, const std::vector<InputError>& errors);   // FILE: $.path: error: ...
std::shared_ptr<const Ruleset> load(const std::string& path, bool show_warnings);
bool resolve_decisions(const Ruleset& rs, const std::vector<std::string>& names, std::vector<int>* out);

int eval(const Args& args);       // eval.cpp: one case or a batch
int caseload(const Args& args);   // caseload.cpp: CONTRACT.md §4.10
int fmt(const Args& args);        // fmt.cpp: the canonical layout of rulesets
int notice(const Args& args);     // notice.cpp: the notice of proposed action, CONTRACT.md §4.1

}  // namespace tenet::cli
