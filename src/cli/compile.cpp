// `tenet compile RULESET --emit c [-o FILE.c] [--as-of DATE]`: the decisions as one portable C
// file (docs/COMPILED.md). The decisions it leaves to the interpreter are named on stderr.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output_file.hpp"

namespace tenet::cli {

namespace {

struct CompileArgs {
    Args common;
    std::string emit;
};

int compile(const CompileArgs& args) {
    auto rs = load(args.common.positional[0], args.common.include_roots);
    if (!rs) return 2;
    Ruleset::CSource c = rs->emit_c(args.common.as_of, args.common.positional[0]);
    for (const auto& [decision, reason] : c.not_compiled) {
        std::cerr << "tenet compile: decision `" << decision
                  << "` is not compiled (the interpreter evaluates it): " << reason << "\n";
    }
    if (args.common.out_file.empty() || args.common.out_file == "-") {
        std::cout << c.text;
        return std::cout.good() ? 0 : 1;
    }
    OutputFile out;
    if (!out.open(args.common.out_file, ruleset_files(*rs)) || !out.write(c.text) || !out.commit()) return 1;
    return 0;
}

}  // namespace

Command register_compile(CLI::App& tenet) {
    auto args = std::make_shared<CompileArgs>();
    CLI::App* cmd = tenet.add_subcommand("compile", "the decisions as one portable C file (docs/COMPILED.md)");
    add_ruleset(cmd, &args->common);
    cmd->add_option("--emit", args->emit, "what to write: c (one C99 file with its runtime)")
        ->required()
        ->check(CLI::IsMember({"c"}));
    cmd->add_option("-o,--out", args->common.out_file, "the file to write (default: standard output)");
    add_as_of(cmd, &args->common)
        ->description("only the parameters in force on this day (default: every period, chosen by each case's as_of)");
    return {cmd, [args] { return compile(*args); }};
}

}  // namespace tenet::cli
