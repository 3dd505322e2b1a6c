// `tenet lsp [--stdio]`: the language server for editors, on stdin and stdout (src/lsp/).
// Diagnostics and logs never go to stdout, which carries the protocol.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include "cli/commands.hpp"
#include "lsp/server.hpp"

namespace tenet::cli {

Command register_lsp(CLI::App& tenet) {
    CLI::App* cmd =
        tenet.add_subcommand("lsp", "the language server for editors, on stdin and stdout (docs/EDITORS.md)");
    // editors' clients say how they talk; stdio is the only transport
    cmd->add_flag("--stdio", "talk on stdin and stdout (the default and only transport)");
    return {cmd, [] { return lsp::serve(STDIN_FILENO, STDOUT_FILENO); }};
}

}  // namespace tenet::cli
