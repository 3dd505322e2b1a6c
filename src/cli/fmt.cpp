// `tenet fmt [--check] [--write] FILE...`: the canonical layout of rulesets (syntax/format.hpp).
// Without options the formatted text goes to stdout; --write rewrites the files that change;
// --check writes nothing and exits 1 when a file is not formatted. Before anything is written,
// the result is parsed again and must give the same tree: a formatter bug can never change a
// ruleset's meaning on disk.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output_file.hpp"
#include "syntax/ast_equal.hpp"
#include "syntax/format.hpp"
#include "syntax/parser.hpp"

namespace tenet::cli {

namespace {

// The formatted text of `path`, or false with the diagnostics printed.
bool format_file(const std::string& path, const std::string& text, std::string* out) {
    syntax::SourceSet sources;
    const syntax::SourceFile& file = sources.add(path, text);
    syntax::DiagnosticSink sink(sources);
    auto module = syntax::parse_module(file, sink);
    if (sink.has_errors()) {
        print_diagnostics(sink.diagnostics());
        return false;
    }
    *out = syntax::format_module(*module, file);
    if (out->size() > syntax::kMaxSourceBytes) {
        // Breaking long lines indents their parts: deep nesting can grow a file past the limit.
        std::cerr << path << ": error: the formatted text would be " << out->size()
                  << " bytes, over the 1 MiB limit of a ruleset; the file is left as it is\n";
        return false;
    }

    const syntax::SourceFile& again = sources.add(path, *out);
    syntax::DiagnosticSink again_sink(sources);
    auto reparsed = syntax::parse_module(again, again_sink);
    std::string difference;
    if (again_sink.has_errors() || !syntax::same_module(*module, *reparsed, &difference)) {
        std::cerr << path << ": internal error: the formatted text does not mean the same ("
                  << (again_sink.has_errors() ? again_sink.diagnostics().front().message : difference)
                  << "); the file is left as it is\n";
        return false;
    }
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
