// `tenet graph`: the evaluation graph as Graphviz DOT, for the parameters in force on a day.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace tenet::cli {

namespace {

int graph(const Args& args) {
    auto rs = load(args.positional[0], args.include_roots);
    if (!rs) return 2;
    std::vector<int> decisions;
    if (!resolve_decisions(*rs, args.decisions, &decisions)) return 2;
    std::cout << rs->graph_dot(decisions, args.as_of);
    return 0;
}

}  // namespace

Command register_graph(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand("graph", "the evaluation graph as Graphviz DOT");
    add_ruleset(cmd, args.get());
    add_decisions(cmd, args.get(), "only what this decision needs (repeatable; default: every decision)");
    add_as_of(cmd, args.get())->description("the parameters in force on this day (default: the latest)");
    return {cmd, [args] { return graph(*args); }};
}

}  // namespace tenet::cli
