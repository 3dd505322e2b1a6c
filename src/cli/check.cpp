// `tenet check` (parse and type-check, with the notice templates beside the ruleset) and
// `tenet test` (run the tests written in the rulesets).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "tenet/notice.hpp"

namespace tenet::cli {

namespace {

int check(const Args& args) {
    int status = 0;
    for (const auto& path : args.positional) {
        CompileOptions options;
        options.include_roots = args.include_roots;
        CompileResult r = compile_file(path, options);
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

int test(const Args& args) {
    int status = 0;
    for (const auto& path : args.positional) {
        auto rs = load(path, args.include_roots);
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

}  // namespace

Command register_check(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand("check", "parse and type-check; exit 0 clean, 2 on errors");
    add_rulesets(cmd, args.get());
    add_include_roots(cmd, args.get());
    return {cmd, [args] { return check(*args); }};
}

Command register_test(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand("test", "run the tests written in the rulesets; exit 1 on a failure");
    add_rulesets(cmd, args.get());
    add_include_roots(cmd, args.get());
    return {cmd, [args] { return test(*args); }};
}

}  // namespace tenet::cli
