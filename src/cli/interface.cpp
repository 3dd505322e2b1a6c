// `tenet interface`: a ruleset's case interface (facts, enums, records, decisions) as Markdown on
// stdout, generated from the ruleset (doc/case_interface.hpp); docs/cases/ holds the shipped ones.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "doc/case_interface.hpp"

namespace tenet::cli {

namespace {

int interface(const Args& args) {
    auto rs = load(args.positional[0], args.include_roots);
    if (!rs) return 2;
    std::cout << doc::case_interface_markdown(doc::index_ruleset(rs), "tenet interface " + args.positional[0]);
    return 0;
}

}  // namespace

Command register_interface(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand(
        "interface", "the facts a case may hold and the decisions it gets, as Markdown (docs/CASES.md)");
    add_ruleset(cmd, args.get());
    return {cmd, [args] { return interface(*args); }};
}

}  // namespace tenet::cli
