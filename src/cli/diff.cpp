// `tenet diff OLD NEW [--cases CASES.jsonl] [--report DIR] [--json]`: with cases, per decision
// how many cases change and why (the explanation diff, grouped by cause); without, the
// declarations added, removed and changed and the decisions each can affect (docs/PARITY.md).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/compare_commands.hpp"
#include "cli/options.hpp"
#include "cli/report_dir.hpp"
#include "compare/report_html.hpp"
#include "compare/version_diff.hpp"

namespace tenet::cli {

namespace {

// two versions usually share the ruleset's name: the reports call them by their files
void name_by_files(const DiffCommand& c, nlohmann::json* report) {
    (*report)["old"] = c.old_ruleset;
    (*report)["new"] = c.new_ruleset;
}

}  // namespace

int run_diff(const DiffCommand& c) {
    if (c.old_ruleset.empty() || c.new_ruleset.empty()) return usage_error("tenet diff needs two rulesets");
    auto old_rs = load(c.old_ruleset, c.include_roots);
    auto new_rs = load(c.new_ruleset, c.include_roots);
    if (!old_rs || !new_rs) return 2;
    if (c.cases.empty()) {
        nlohmann::json report = compare::declaration_diff(*old_rs, *new_rs);
        name_by_files(c, &report);
        std::cout << (c.json ? report.dump(2) + "\n" : compare::declaration_diff_text(report));
        if (!c.report_dir.empty() && !write_report_file(c.report_dir, "diff.json", report.dump(2) + "\n")) return 2;
        return 0;
    }
    compare::CaseDiffOptions options;
    options.cases_file = c.cases;
    options.as_of = c.as_of;
    nlohmann::json report;
    std::string error;
    if (!compare::run_case_diff(old_rs, new_rs, options, &report, &error)) {
        std::cerr << error << "\n";
        return 2;
    }
    name_by_files(c, &report);
    std::cout << (c.json ? report.dump(2) + "\n" : compare::case_diff_text(report));
    if (!c.report_dir.empty() && (!write_report_file(c.report_dir, "diff.json", report.dump(2) + "\n") ||
                                  !write_report_file(c.report_dir, "diff.html", compare::case_diff_html(report)))) {
        return 2;
    }
    return 0;
}

Command register_diff(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    auto command = std::make_shared<DiffCommand>();
    CLI::App* cmd = tenet.add_subcommand("diff", "what changes between two versions of a ruleset, and why");
    cmd->add_option("OLD", command->old_ruleset, "the ruleset before")->required();
    cmd->add_option("NEW", command->new_ruleset, "the ruleset after")->required();
    add_cases(cmd, args.get());
    add_as_of(cmd, args.get());
    add_include_roots(cmd, args.get());
    cmd->add_option("--report", command->report_dir, "write diff.json (and with cases diff.html) there")
        ->type_name("DIR");
    cmd->add_flag("--json", command->json, "the JSON report on stdout instead of the summary");
    return {cmd, [args, command] {
                command->cases = args->cases_file;
                command->as_of = args->as_of;
                command->include_roots = args->include_roots;
                return run_diff(*command);
            }};
}

}  // namespace tenet::cli
