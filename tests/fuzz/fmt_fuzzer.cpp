// Fuzz target (3): the formatter. For every input that parses without errors, the formatted
// text must parse without errors to the same tree (spans aside, comments and docs included),
// and formatting it again must change nothing.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "syntax/ast_equal.hpp"
#include "syntax/format.hpp"
#include "syntax/parser.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail, const std::string& text) {
    std::fprintf(stderr, "FORMAT BUG: %s: %s\n--- formatted text ---\n%s\n---\n", what, detail.c_str(), text.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace tenet::syntax;
    SourceSet sources;
    const SourceFile& original = sources.add("fuzz.tenet", std::string(reinterpret_cast<const char*>(data), size));
    DiagnosticSink sink(sources);
    auto module = parse_module(original, sink);
    if (sink.has_errors()) return 0;

    std::string once = format_module(*module, original);
    const SourceFile& formatted = sources.add("formatted.tenet", once);
    DiagnosticSink again(sources);
    auto reparsed = parse_module(formatted, again);
    if (again.has_errors()) fail("the formatted text does not parse", again.diagnostics().front().message, once);
    std::string difference;
    if (!same_module(*module, *reparsed, &difference))
        fail("the formatted text means something else", difference, once);
    std::string twice = format_module(*reparsed, formatted);
    if (twice != once)
        fail("formatting is not idempotent", "second pass differs", once + "\n--- second pass ---\n" + twice);
    return 0;
}
