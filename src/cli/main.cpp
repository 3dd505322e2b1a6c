// The `tenet` command: check, test, eval (one case or a batch), graph. CONTRACT.md §1.
// Exit codes: 0 ok; 1 a test or check found a policy failure; 2 bad input (ruleset or case).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.hpp"
#include "tenet/notice.hpp"
#include "tenet/tenet.hpp"

namespace tenet::cli {

const char* const kUsage = R"(usage:
  tenet check   RULESET...                         parse and type-check; exit 0 clean, 2 on errors
  tenet test    RULESET...                         run the tests written in the rulesets
  tenet eval    RULESET --case FILE.json [--decision NAME]... [--explain[=text] [--lang en|es]] [--as-of YYYY-MM-DD]
  tenet eval    RULESET --cases FILE.jsonl --out FILE.jsonl [--threads N] [--as-of YYYY-MM-DD]
  tenet caseload RULESET --cases FILE.jsonl [--as-of YYYY-MM-DD]
  tenet graph   RULESET [--decision NAME]... [--as-of YYYY-MM-DD]
  tenet notice  RULESET --case FILE.json [--lang en|es] [--as-of YYYY-MM-DD]
                                                   the notice of proposed action; exit 1 when none is due
  tenet fmt     [--check | --write] RULESET...       the canonical layout; --check exits 1 when a file differs
  tenet --version
exit codes: 0 ok, 1 a test or check found a policy failure, 2 bad input
)";

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

std::shared_ptr<const Ruleset> load(const std::string& path, bool show_warnings) {
    CompileOptions options;
    options.warnings = show_warnings;
    CompileResult r = compile_file(path, options);
    if (!r.ok()) {
        print_diagnostics(r.diagnostics);
        return nullptr;
    }
    if (show_warnings) print_diagnostics(r.diagnostics);
    return r.ruleset;
}

static int check(const Args& args) {
    if (args.positional.empty()) return usage_error("tenet check needs a ruleset");
    int status = 0;
    for (const auto& path : args.positional) {
        CompileResult r = compile_file(path);
        print_diagnostics(r.diagnostics);
        if (!r.ok()) {
            status = 2;
            continue;
        }
        // the notice templates beside the ruleset name its decisions: checked with it
        std::vector<Diagnostic> templates = check_notice_templates(*r.ruleset);
        print_diagnostics(templates);
        if (has_errors(templates)) {
            status = 2;
            continue;
        }
        size_t warnings = r.diagnostics.size();
        std::cout << path << ": ok, " << r.ruleset->decisions().size() << " decisions, " << r.ruleset->facts().size()
                  << " facts" << (warnings ? ", " + std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s") : "") << "\n";
    }
    return status;
}

static int test(const Args& args) {
    if (args.positional.empty()) return usage_error("tenet test needs a ruleset");
    int status = 0;
    for (const auto& path : args.positional) {
        auto rs = load(path, false);
        if (!rs) return 2;
        auto results = run_tests(*rs);
        size_t failed = 0;
        for (const auto& r : results) {
            if (r.passed) continue;
            ++failed;
            for (const auto& f : r.failures) std::cerr << format_diagnostic(f);
        }
        std::cout << path << ": " << results.size() - failed << " passed, " << failed << " failed\n";
        if (failed) status = 1;
    }
    return status;
}

static int graph(const Args& args) {
    if (args.positional.size() != 1) return usage_error("tenet graph needs one ruleset");
    auto rs = load(args.positional[0], false);
    if (!rs) return 2;
    std::vector<int> decisions;
    if (!resolve_decisions(*rs, args.decisions, &decisions)) return 2;
    std::cout << rs->graph_dot(decisions, args.as_of);
    return 0;
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
        out->push_back(d);
    }
    return true;
}

bool parse_args(int argc, char** argv, Args* a, std::string* error) {
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&](std::string* out) {
            if (i + 1 >= argc) {
                *error = arg + " needs a value";
                return false;
            }
            *out = argv[++i];
            return true;
        };
        if (arg == "--case") {
            if (!value(&a->case_file)) return false;
        } else if (arg == "--cases") {
            if (!value(&a->cases_file)) return false;
        } else if (arg == "--out") {
            if (!value(&a->out_file)) return false;
        } else if (arg == "--as-of") {
            if (!value(&a->as_of)) return false;
        } else if (arg == "--decision") {
            std::string d;
            if (!value(&d)) return false;
            a->decisions.push_back(d);
        } else if (arg == "--threads") {
            std::string t;
            if (!value(&t)) return false;
            char* end = nullptr;
            long n = std::strtol(t.c_str(), &end, 10);
            if (!end || *end || n < 1 || n > 256) {
                *error = "--threads needs a number from 1 to 256";
                return false;
            }
            a->threads = static_cast<int>(n);
        } else if (arg == "--explain" || arg == "--explain=json") {
            a->explain = true;
        } else if (arg == "--explain=text") {
            a->explain = a->explain_text = true;
        } else if (arg == "--check") {
            a->fmt_check = true;
        } else if (arg == "--write") {
            a->fmt_write = true;
        } else if (arg == "--lang") {
            if (!value(&a->lang)) return false;
        } else if (arg.size() > 1 && arg[0] == '-') {
            *error = "unknown option " + arg;
            return false;
        } else {
            a->positional.push_back(arg);
        }
    }
    return true;
}

}  // namespace tenet::cli

int main(int argc, char** argv) {
    using namespace tenet::cli;
    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    std::string command = argv[1];
    if (command == "--version" || command == "version") {
        std::cout << "tenet " << TENET_VERSION << "\n";
        return 0;
    }
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kUsage;
        return 0;
    }
    Args args;
    std::string error;
    if (!parse_args(argc, argv, &args, &error)) return usage_error(error);
    try {
        if (command == "check") return check(args);
        if (command == "test") return test(args);
        if (command == "eval") return eval(args);
        if (command == "graph") return graph(args);
        if (command == "caseload") return caseload(args);
        if (command == "fmt") return fmt(args);
        if (command == "notice") return notice(args);
    } catch (const std::exception& e) {
        // the library reports bad input as diagnostics; reaching here is a bug, said plainly
        std::cerr << "tenet: internal error: " << e.what() << "\n";
        return 3;
    }
    return usage_error("unknown command `" + command + "`");
}
