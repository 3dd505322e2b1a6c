// format_source (tenet/format.hpp): formatting a whole text and checking that the result means the same.
#include "tenet/format.hpp"

#include "syntax/ast_equal.hpp"
#include "syntax/format.hpp"
#include "syntax/parser.hpp"

namespace tenet {

FormatResult format_source(const std::string& path, const std::string& text) {
    using namespace syntax;
    FormatResult result;
    SourceSet sources;
    const SourceFile& file = sources.add(path, text);
    DiagnosticSink sink(sources);
    auto module = parse_module(file, sink);
    if (sink.has_errors()) {
        result.diagnostics = sink.take();
        return result;
    }
    std::string formatted = format_module(*module, file);
    if (formatted.size() > kMaxSourceBytes) {
        // Breaking long lines indents their parts: deep nesting can grow a file past the limit.
        result.error = "the formatted text would be " + std::to_string(formatted.size()) +
                       " bytes, over the 1 MiB limit of a ruleset";
        return result;
    }
    const SourceFile& again = sources.add(path, formatted);
    DiagnosticSink again_sink(sources);
    auto reparsed = parse_module(again, again_sink);
    std::string difference;
    if (again_sink.has_errors() || !same_module(*module, *reparsed, &difference)) {
        result.error = "internal error: the formatted text does not mean the same (" +
                       (again_sink.has_errors() ? again_sink.diagnostics().front().message : difference) + ")";
        return result;
    }
    result.ok = true;
    result.text = std::move(formatted);
    return result;
}

}  // namespace tenet
