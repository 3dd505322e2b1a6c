// `tenet check` (parse and type-check, with the notice templates beside the ruleset) and
// `tenet test` (run the tests written in the rulesets).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "tenet/notice.hpp"

namespace tenet::cli {

namespace {

// "1 warning", "3 errors"
std::string count_of(size_t n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

size_t count_severity(const std::vector<Diagnostic>& ds, Severity severity) {
    return static_cast<size_t>(
        std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

// Exit 2 on errors, and with --strict on warnings too (a ruleset CI should not accept is bad
// input, like one that does not check: docs/CASES.md §4). The summary line counts both.
int check(const Args& args) {
    int status = 0;
    for (const auto& path : args.positional) {
        CompileOptions options;
        options.include_roots = args.include_roots;
        CompileResult r = compile_file(path, options);
        std::vector<Diagnostic> diagnostics = r.diagnostics;
        if (r.ok()) {
            // the notice templates beside the ruleset name its decisions: checked with it
            std::vector<Diagnostic> templates = check_notice_templates(*r.ruleset);
            diagnostics.insert(diagnostics.end(), templates.begin(), templates.end());
        }
        print_diagnostics(diagnostics);
        size_t errors = count_severity(diagnostics, Severity::Error);
        size_t warnings = count_severity(diagnostics, Severity::Warning);
        if (errors || (args.strict && warnings)) {
            status = 2;
            std::cout << path << ": " << count_of(errors, "error") << ", " << count_of(warnings, "warning")
                      << (args.strict && warnings ? " (errors under --strict)" : "") << "\n";
            continue;
        }
        std::cout << path << ": ok, " << r.ruleset->decisions().size() << " decisions, " << r.ruleset->facts().size()
                  << " facts, " << count_of(warnings, "warning") << "\n";
    }
    return status;
}

// With --inherited, the tests of the rulesets a layer extends run against the layer too; those
// that fail are the ones its overrides change: listed, but not failures of the layer.
int test(const Args& args) {
    int status = 0;
    for (const auto& path : args.positional) {
        auto rs = load(path, args.include_roots, args.inherited);
        if (!rs) return 2;
        auto results = run_tests(*rs);
        size_t failed = 0, inherited = 0;
        std::vector<const TestResult*> changed;
        for (const auto& r : results) {
            if (r.inherited) ++inherited;
            if (r.passed) continue;
            if (r.inherited) {
                changed.push_back(&r);
                continue;
            }
            ++failed;
            for (const auto& f : r.failures) std::cerr << format_diagnostic(f);
        }
        for (const TestResult* r : changed) {
            std::cout << path << ": inherited test `" << r->name << "` changes under this layer:\n";
            for (const auto& f : r->failures) std::cout << "  " << format_diagnostic(f);
        }
        std::cout << path << ": " << results.size() - inherited - failed << " passed, " << failed << " failed";
        if (args.inherited) {
            std::cout << "; " << inherited << " inherited, " << inherited - changed.size() << " unchanged, "
                      << changed.size() << " changed by this layer";
        }
        std::cout << "\n";
        if (failed) status = 1;
    }
    return status;
}

}  // namespace

Command register_check(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand("check", "parse and type-check; exit 0 clean, 2 on errors");
    add_rulesets(cmd, args.get());
    add_include_roots(cmd, args.get());
    cmd->add_flag("--strict", args->strict, "warnings are errors (exit 2): for CI");
    return {cmd, [args] { return check(*args); }};
}

Command register_test(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand("test", "run the tests written in the rulesets; exit 1 on a failure");
    add_rulesets(cmd, args.get());
    add_include_roots(cmd, args.get());
    cmd->add_flag("--inherited", args->inherited,
                  "run the tests of the rulesets each extends too, and list those its overrides change");
    return {cmd, [args] { return test(*args); }};
}

}  // namespace tenet::cli
