// The language features, one function per LSP request: params in, result out (JSON).
//
// Exports: RequestError (a failed request, answered as a JSON-RPC error), Located and locate (the
// analysis, file and offset a position names), the helpers that turn model spans into LSP
// ranges and locations, and the feature functions. Each lives in its own file: hover.cpp,
// completion.cpp, navigation.cpp (definition, references, highlights, rename, symbols),
// formatting.cpp, code_lens.cpp.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/workspace.hpp"

namespace tenet::lsp {

using json = nlohmann::json;

// JSON-RPC and LSP error codes.
enum ErrorCode {
    kParseError = -32700,
    kInvalidRequest = -32600,
    kMethodNotFound = -32601,
    kInvalidParams = -32602,
    kInternalError = -32603,
    kServerNotInitialized = -32002,
    kRequestFailed = -32803,
};

struct RequestError : std::runtime_error {
    RequestError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
    int code;
};

// What a TextDocumentPositionParams names. `analysis` is null when the document is not open.
struct Located {
    std::string path;
    const Analysis* analysis = nullptr;
    int file = -1;        // source id of the document in the analysis's model
    uint32_t offset = 0;  // byte offset of the position
};
Located locate(const Workspace& ws, const json& params);
// The document a TextDocumentIdentifier names, as its analysis's model parsed it; null when the
// document is not open.
struct OpenDocument {
    std::string path;
    const Analysis* analysis = nullptr;
    const syntax::Module* module = nullptr;
};
OpenDocument open_document(const Workspace& ws, const json& params);
std::string path_of_uri(const json& uri);  // throws RequestError for a URI that is not a file

json range_json(const check::Model& m, uint32_t file, uint32_t begin, uint32_t end);
json location_json(const Workspace& ws, const check::Model& m, uint32_t file, uint32_t begin, uint32_t end);

json hover(const Workspace& ws, const json& params);
json completion(const Workspace& ws, const json& params);
json definition(const Workspace& ws, const json& params);
json implementation(const Workspace& ws, const json& params);
json references(const Workspace& ws, const json& params);
json document_highlight(const Workspace& ws, const json& params);
json prepare_rename(const Workspace& ws, const json& params);
json rename(const Workspace& ws, const json& params);
json document_symbols(const Workspace& ws, const json& params);
json workspace_symbols(const Workspace& ws, const json& params);
json formatting(Workspace& ws, const json& params);
json code_lens(const Workspace& ws, const json& params);
// workspace/executeCommand "tenet.runTest" [uri, name]: compiles the document's ruleset, runs
// its tests and keeps the results for the lenses; returns the named test's result.
json run_test(Workspace& ws, const json& arguments);

// The text of a model span ("$1,650", "1..20"), for hovers.
std::string span_text(const check::Model& m, const syntax::Span& s);

}  // namespace tenet::lsp
