// The pieces of the `tenet` command shared by its subcommands, and the registration of each
// subcommand (one file per command; main.cpp lists them).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tenet/tenet.hpp"

namespace CLI {
class App;
}

namespace tenet::cli {

// The options of a command, filled by CLI11 from the command line. A command binds only the
// options it takes; the others keep these defaults.
struct Args {
    std::vector<std::string> positional;     // the rulesets (or files for fmt)
    std::vector<std::string> include_roots;  // --include-root: folders `extends`/`import` may also read
    std::string case_file, cases_file, out_file, as_of, lang;
    std::vector<std::string> decisions;
    int threads = 1;
    std::string explain;                        // "" none, "json" (--explain, --explain=json), "text"
    bool summary = false;                       // eval --cases: a table for people on stdout
    bool fmt_check = false, fmt_write = false;  // tenet fmt --check, --write
    bool strict = false;                        // tenet check --strict: warnings are errors
    bool inherited = false;                     // tenet test --inherited: the extended rulesets' tests too
    std::string engine = "interpreted";         // eval, caseload --engine: "interpreted" or "compiled"
};

// A registered subcommand: what it parsed into and what runs it (returns the exit code).
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

// Each command file defines one `register_NAME` that adds its subcommand to `tenet`.
Command register_check(CLI::App& tenet);      // check.cpp
Command register_test(CLI::App& tenet);       // check.cpp
Command register_eval(CLI::App& tenet);       // eval.cpp: one case or a batch
Command register_caseload(CLI::App& tenet);   // caseload.cpp: participation per family type (README.md)
Command register_graph(CLI::App& tenet);      // graph.cpp
Command register_interface(CLI::App& tenet);  // interface.cpp: the case interface as Markdown (docs/cases)
Command register_notice(CLI::App& tenet);     // notice.cpp: the notice of proposed action (docs/NOTICES.md)
Command register_fmt(CLI::App& tenet);        // fmt.cpp: the canonical layout of rulesets
Command register_doc(CLI::App& tenet);        // doc.cpp: the rulesets as a web site beside their sources
Command register_lsp(CLI::App& tenet);        // lsp.cpp: the language server on stdio (docs/EDITORS.md)
Command register_serve(CLI::App& tenet);      // serve.cpp: the decision service (docs/SERVE.md)
Command register_audit(CLI::App& tenet);      // audit.cpp: a service's audit log: list and replay rows
Command register_parity(CLI::App& tenet);     // parity.cpp: agreement with a legacy system (docs/PARITY.md)
Command register_diff(CLI::App& tenet);       // diff.cpp: what changes between two ruleset versions, and why
Command register_compile(CLI::App& tenet);    // compile.cpp: the decisions as C (docs/COMPILED.md)

int usage_error(const std::string& message);
bool read_file(const std::string& path, std::string* text);
void print_diagnostics(const std::vector<Diagnostic>& diags);
void print_input_errors(const std::string& file, const std::vector<InputError>& errors);  // FILE: $.path: error: ...
// Compiles `path` (its `extends`/`import` within its folder and `include_roots`; with
// `inherited_tests`, the tests of the rulesets it extends too); prints the diagnostics and
// returns null when it does not compile.
std::shared_ptr<const Ruleset> load(const std::string& path, const std::vector<std::string>& include_roots,
                                    bool inherited_tests = false);
// Each name once, in the order first given; false (and a message) for a name that is no decision.
bool resolve_decisions(const Ruleset& rs, const std::vector<std::string>& names, std::vector<int>* out);
// The files a compiled ruleset was read from: the root and what it extends and imports.
std::vector<std::string> ruleset_files(const Ruleset& rs);
// With --engine compiled, the ruleset's compiled code for the sessions (engine.cpp); null for the
// interpreter, also when the code cannot be built: `command` then warns on stderr, once, and
// the interpreter gives the same results.
std::shared_ptr<const CompiledCode> compiled_engine(const std::string& command, const Args& args,
                                                    const std::shared_ptr<const Ruleset>& rs);

}  // namespace tenet::cli
