// `tenet parity RULESET --cases CASES.jsonl --legacy LEGACY.jsonl [--key PATH] [--map MAP.json]
// [--report DIR] [--json]`: Tenet beside a legacy system (docs/PARITY.md). Exit 0 when every
// compared decision agrees, 1 when a difference remains (a deployment gate), 2 on bad input
// (mapping errors included, each printed with the legacy line and case key).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/compare_commands.hpp"
#include "cli/options.hpp"
#include "cli/report_dir.hpp"
#include "compare/parity.hpp"
#include "compare/report_html.hpp"

namespace tenet::cli {

int run_parity(const ParityCommand& c) {
    if (c.ruleset.empty() || c.cases.empty() || c.legacy.empty()) {
        return usage_error("tenet parity needs one ruleset, --cases FILE.jsonl and --legacy FILE.jsonl");
    }
    auto rs = load(c.ruleset, c.include_roots);
    if (!rs) return 2;
    compare::ParityOptions options;
    options.cases_file = c.cases;
    options.legacy_file = c.legacy;
    options.key = c.key;
    options.map_file = c.map;
    options.as_of = c.as_of;
    nlohmann::json report;
    std::string error;
    if (!compare::run_parity(rs, options, &report, &error)) {
        std::cerr << error << "\n";
        return 2;
    }
    for (const auto& e : report["mapping_errors"]) {
        std::cerr << c.legacy << ":" << e["line"].get<long>() << ": case "
                  << (e["key"].is_string() ? e["key"].get<std::string>() : e["key"].dump())
                  << ": error: " << e["message"].get<std::string>() << "\n";
    }
    std::cout << (c.json ? report.dump(2) + "\n" : compare::parity_text(report));
    if (!c.report_dir.empty() && (!write_report_file(c.report_dir, "parity.json", report.dump(2) + "\n") ||
                                  !write_report_file(c.report_dir, "parity.html", compare::parity_html(report)))) {
        return 2;
    }
    if (!report["mapping_errors"].empty()) return 2;
    return report["different"].get<long>() ? 1 : 0;
}

Command register_parity(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    auto command = std::make_shared<ParityCommand>();
    CLI::App* cmd =
        tenet.add_subcommand("parity", "Tenet's decisions beside a legacy system's; exit 1 when a difference remains");
    add_ruleset(cmd, args.get());
    add_cases(cmd, args.get())->required();
    add_as_of(cmd, args.get());
    cmd->add_option("--legacy", command->legacy, "the legacy system's decisions, one JSON record per case")
        ->type_name("FILE.jsonl")
        ->required();
    cmd->add_option("--key", command->key, "the dotted path of the case key in a legacy record (default: case)")
        ->type_name("PATH");
    cmd->add_option("--map", command->map, "which legacy field is which decision, and how to read it")
        ->type_name("MAP.json");
    cmd->add_option("--report", command->report_dir, "write parity.json and parity.html there")->type_name("DIR");
    cmd->add_flag("--json", command->json, "the JSON report on stdout instead of the summary");
    return {cmd, [args, command] {
                command->ruleset = args->positional.at(0);
                command->cases = args->cases_file;
                command->as_of = args->as_of;
                command->include_roots = args->include_roots;
                return run_parity(*command);
            }};
}

}  // namespace tenet::cli
