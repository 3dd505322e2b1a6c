// The `tenet` command (docs/CASES.md §3-4). Exit codes: 0 ok; 1 a test or check found a policy
// failure; 2 bad input (ruleset or case) or a usage error.
//
// The command line is parsed by CLI11. Each subcommand lives in its own file, which defines
//     Command register_NAME(CLI::App& tenet)
// adding the subcommand, its options (the shared ones from options.hpp, so that `--as-of` or
// `--decision` are spelled and checked the same everywhere) and the function that runs it.
// To add a command: write src/cli/NAME.cpp, declare register_NAME in commands.hpp, add it to
// kCommands below and the file to tenet_cli in CMakeLists.txt. `--help` then works for it, a
// single-valued option given twice is an error, and a bad value exits 2 before anything runs.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace tenet::cli {

namespace {

const std::vector<Command (*)(CLI::App&)> kCommands = {
    register_check,     register_test,   register_eval,   register_caseload, register_graph,
    register_interface, register_notice, register_fmt,    register_doc,      register_lsp,
    register_serve,     register_audit,  register_parity, register_diff,     register_compile,
};

const char* const kUsage = R"(usage:
  tenet check    RULESET... [--strict]      parse and type-check; exit 0 clean, 2 on errors
                                            (with --strict, on warnings too)
  tenet test     RULESET... [--inherited]   run the tests written in the rulesets; exit 1 on a failure
                                            (--inherited: the extended rulesets' tests too)
  tenet eval     RULESET --case FILE.json [--decision NAME]... [--explain[=text|json]] [--lang en|es]
                 [--as-of YYYY-MM-DD] [--engine interpreted|compiled]
  tenet eval     RULESET --cases FILE.jsonl --out FILE.jsonl [--summary] [--threads N] [--decision NAME]...
                 [--explain[=json]] [--as-of YYYY-MM-DD] [--engine interpreted|compiled]
  tenet caseload RULESET --cases FILE.jsonl [--as-of YYYY-MM-DD] [--engine interpreted|compiled]
                                            participation per family type and federal fiscal year
  tenet graph    RULESET [--decision NAME]... [--as-of YYYY-MM-DD]
  tenet interface RULESET                   the facts a case may hold and the decisions it gets (Markdown)
  tenet notice   RULESET --case FILE.json [--lang en|es] [--as-of YYYY-MM-DD]
                                            the notice of proposed action; exit 1 when none is due
  tenet fmt      [--check | --write] RULESET...
                                            the canonical layout; --check exits 1 when a file differs
  tenet doc      RULESET... --out DIR [--source NAME=PATH]...
                                            the rulesets as a web site beside their sources
  tenet lsp      [--stdio]                  the language server for editors (docs/EDITORS.md)
  tenet serve    RULESET... [--listen HOST:PORT] [--audit FILE.sqlite] [--token-file F] [--threads N] ...
                                            the decision service over HTTP (docs/SERVE.md)
  tenet audit    FILE.sqlite [--request ID] [--decision NAME] ... [--replay [--against RULESET]]
                                            a service's audit log: list rows, replay them
  tenet parity   RULESET --cases FILE.jsonl --legacy FILE.jsonl [--key PATH] [--map MAP.json] [--report DIR]
                 [--json] [--as-of YYYY-MM-DD]
                                            agreement with a legacy system; exit 1 when a difference remains
  tenet diff     OLD NEW [--cases FILE.jsonl] [--report DIR] [--json] [--as-of YYYY-MM-DD]
                                            what changes between two versions, and why
  tenet compile  RULESET --emit c [-o FILE.c] [--as-of YYYY-MM-DD]
                                            the decisions as one portable C file (docs/COMPILED.md)
  tenet --version
`tenet COMMAND --help` describes a command's options. --lang is the language of --explain=text
and of notices. Exit codes: 0 ok, 1 a test or check found a policy failure, 2 bad input.
)";

// CLI11's help, except that a flag with an optional value reads as it is typed:
// `--explain[=text|json]` (its option text), not `--explain{json}`.
class Help : public CLI::Formatter {
public:
    std::string make_option_name(const CLI::Option* opt, bool is_positional) const override {
        if (!is_positional && optional_value(opt)) return opt->get_name() + opt->get_option_text();
        return CLI::Formatter::make_option_name(opt, is_positional);
    }
    std::string make_option_opts(const CLI::Option* opt) const override {
        return optional_value(opt) ? "" : CLI::Formatter::make_option_opts(opt);
    }

private:
    static bool optional_value(const CLI::Option* opt) { return opt->get_option_text().rfind("[=", 0) == 0; }
};

}  // namespace

bool read_file(const std::string& path, std::string* text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    *text = buffer.str();
    return true;
}

void print_diagnostics(const std::vector<Diagnostic>& diags) {
    for (const auto& d : diags) std::cerr << format_diagnostic(d);
}

std::shared_ptr<const Ruleset> load(const std::string& path, const std::vector<std::string>& include_roots,
                                    bool inherited_tests) {
    CompileOptions options;
    options.warnings = false;
    options.include_roots = include_roots;
    options.inherited_tests = inherited_tests;
    CompileResult r = compile_file(path, options);
    if (!r.ok()) {
        print_diagnostics(r.diagnostics);
        return nullptr;
    }
    return r.ruleset;
}

std::vector<std::string> ruleset_files(const Ruleset& rs) {
    std::vector<std::string> paths;
    for (SourceText& file : rs.sources()) paths.push_back(std::move(file.path));
    return paths;
}

int usage_error(const std::string& message) {
    std::cerr << "tenet: " << message << "\n" << kUsage;
    return 2;
}

bool resolve_decisions(const Ruleset& rs, const std::vector<std::string>& names, std::vector<int>* out) {
    for (const auto& n : names) {
        int d = rs.find_decision(n);
        if (d < 0) {
            std::cerr << "tenet: `" << n << "` is not a decision of " << rs.name() << "\n";
            return false;
        }
        if (std::find(out->begin(), out->end(), d) == out->end()) out->push_back(d);  // each decision once
    }
    return true;
}

}  // namespace tenet::cli

int main(int argc, char** argv) {
    using namespace tenet::cli;
    CLI::App tenet("Tenet: welfare-to-work policy as rules that are checked, run and explained.", "tenet");
    tenet.set_version_flag("--version", "tenet " TENET_VERSION, "print the version and exit");
    tenet.require_subcommand(1);
    tenet.formatter(std::make_shared<Help>());  // before the subcommands, which inherit it
    std::vector<Command> commands;
    for (auto registration : kCommands) commands.push_back(registration(tenet));
    tenet.footer(kUsage);  // after them: a command's --help shows its own options only

    // `tenet help` and `tenet version`, kept from the first command line
    if (argc == 2 && std::string(argv[1]) == "help") {
        std::cout << tenet.help();
        return 0;
    }
    if (argc == 2 && std::string(argv[1]) == "version") {
        std::cout << "tenet " << TENET_VERSION << "\n";
        return 0;
    }
    auto known = [&](const std::string& name) {
        return std::any_of(commands.begin(), commands.end(),
                           [&](const Command& c) { return c.app->get_name() == name; });
    };
    if (argc >= 2 && argv[1][0] != '-' && !known(argv[1])) {
        return usage_error(std::string("unknown command `") + argv[1] + "`");
    }
    try {
        tenet.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return tenet.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return tenet.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return tenet.exit(e);
    } catch (const CLI::ParseError& e) {
        for (const Command& c : commands) {
            if (c.app->parsed()) {
                std::cerr << "tenet " << c.app->get_name() << ": " << e.what() << "\n"
                          << "run `tenet " << c.app->get_name() << " --help` for its options\n";
                return 2;
            }
        }
        return usage_error(e.what());
    }
    try {
        for (const Command& c : commands) {
            if (c.app->parsed()) return c.run();
        }
    } catch (const std::exception& e) {
        // the library reports bad input as diagnostics; reaching here is a bug, said plainly
        std::cerr << "tenet: internal error: " << e.what() << "\n";
        return 3;
    }
    return usage_error("no command");
}
