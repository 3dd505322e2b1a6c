// Formatting: `tenet fmt`'s formatter, as one edit replacing the document.
#include "lsp/features.hpp"
#include "lsp/text.hpp"
#include "tenet/format.hpp"

namespace tenet::lsp {

json formatting(Workspace& ws, const json& params) {
    std::string path = path_of_uri(params.at("textDocument").at("uri"));
    const Document* doc = ws.document(path);
    if (!doc) throw RequestError(kRequestFailed, "the document is not open");
    FormatResult f = format_source(path, doc->text);
    if (!f.ok) {
        std::string why = f.error;
        if (why.empty() && !f.diagnostics.empty()) {
            const Diagnostic& d = f.diagnostics.front();
            why = std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
        }
        throw RequestError(kRequestFailed, "cannot format: " + why);
    }
    json edits = json::array();
    if (f.text == doc->text) return edits;
    LineIndex index(doc->text);
    Position end = index.position(static_cast<uint32_t>(doc->text.size()));
    edits.push_back(
        {{"range",
          {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", end.line}, {"character", end.character}}}}},
         {"newText", f.text}});
    return edits;
}

}  // namespace tenet::lsp
