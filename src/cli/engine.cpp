// --engine compiled: the ruleset's C built (or found in the cache) and loaded for the sessions.
// Without it the interpreter gives the same results, so a failure to build is a warning, not an
// error: the exit code stays what the evaluation makes it (CONTRACT.md §1).
#include <cstdlib>
#include <iostream>
#include <string>

#include "cli/commands.hpp"

namespace tenet::cli {

std::shared_ptr<const CompiledCode> compiled_engine(const std::string& command, const Args& args,
                                                    const std::shared_ptr<const Ruleset>& rs) {
    if (args.engine != "compiled") return nullptr;
    CompiledCodeOptions options;
    const char* flags = std::getenv("TENET_CFLAGS");  // e.g. -O0 to build a large ruleset fast, -march=native
    if (flags && *flags) options.flags = flags;
    options.before_compiling = [&](const std::string& library, size_t c_bytes, const std::string& cflags) {
        // Weld's C takes minutes to build: say what is happening, and that it happens once
        std::string size = c_bytes < (1 << 20) ? std::to_string((c_bytes + 1023) / 1024) + " KB"
                                               : std::to_string((c_bytes + (1 << 19)) >> 20) + " MB";
        std::cerr << command << ": compiling the decisions of " << args.positional[0] << " (" << size << " of C, "
                  << cflags << ") with the C compiler, once: the library is kept as " << library << "\n";
    };
    std::string error;
    auto code = CompiledCode::build(rs, options, &error);
    if (!code) std::cerr << command << ": warning: " << error << "; evaluating with the interpreter\n";
    return code;
}

}  // namespace tenet::cli
