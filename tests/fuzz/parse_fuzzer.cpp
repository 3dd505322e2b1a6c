// Fuzz target (1): the parser on arbitrary bytes, then every diagnostic formatted (which maps
// spans to lines and grapheme columns). Nothing may crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "syntax/parser.hpp"
#include "tenet/diagnostic.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace tenet::syntax;
    SourceSet sources;
    const SourceFile& file = sources.add("fuzz.tenet", std::string(reinterpret_cast<const char*>(data), size));
    DiagnosticSink sink(sources);
    std::shared_ptr<Module> module = parse_module(file, sink);
    if (!module) __builtin_trap();  // parse_module promises a module, even an empty one
    for (const tenet::Diagnostic& d : sink.diagnostics()) (void)tenet::format_diagnostic(d);
    return 0;
}
