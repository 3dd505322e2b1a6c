// `tenet fmt [--check] [--write] FILE...`: the canonical layout of rulesets (tenet/format.hpp).
// Without options the formatted text goes to stdout; --write rewrites the files that change;
// --check writes nothing and exits 1 when a file is not formatted. Before anything is written,
// the result is parsed again and must give the same tree: a formatter bug can never change a
// ruleset's meaning on disk.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output_file.hpp"
#include "tenet/format.hpp"

namespace tenet::cli {

namespace {

// The formatted text of `path`, or false with the diagnostics printed.
bool format_file(const std::string& path, const std::string& text, std::string* out) {
    FormatResult f = format_source(path, text);
    if (!f.ok) {
        print_diagnostics(f.diagnostics);
        if (!f.error.empty()) std::cerr << path << ": error: " << f.error << "; the file is left as it is\n";
        return false;
    }
    *out = std::move(f.text);
    return true;
}

int fmt(const Args& args) {
    int status = 0;
    for (const std::string& path : args.positional) {
        std::string text, formatted;
        if (!read_file(path, &text)) {
            std::cerr << path << ": error: cannot read the file\n";
            status = 2;
            continue;
        }
        if (!format_file(path, text, &formatted)) {
            status = 2;
            continue;
        }
        if (args.fmt_check) {
            if (formatted != text) {
                std::cerr << path << ": not formatted (run `tenet fmt --write " << path << "`)\n";
                if (status == 0) status = 1;
            }
        } else if (args.fmt_write) {
            if (formatted == text) continue;
            // a whole file or the old one, never half of it (output_file.hpp)
            OutputFile out;
            if (!out.open(path, {}) || !out.write(formatted) || !out.commit()) status = 2;
        } else {
            std::cout << formatted;
        }
    }
    return status;
}

}  // namespace

Command register_fmt(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    CLI::App* cmd = tenet.add_subcommand("fmt", "the canonical layout (100 columns; comments kept); stdout by default");
    add_rulesets(cmd, args.get());
    auto* check = cmd->add_flag("--check", args->fmt_check, "write nothing; exit 1 when a file is not formatted");
    cmd->add_flag("--write", args->fmt_write, "rewrite the files that change")->excludes(check);
    return {cmd, [args] { return fmt(*args); }};
}

}  // namespace tenet::cli
