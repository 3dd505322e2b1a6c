// From LSP positions to model offsets and back.
#include "lsp/features.hpp"
#include "lsp/text.hpp"

namespace tenet::lsp {

std::string path_of_uri(const json& uri) {
    std::string path;
    if (!uri.is_string() || !uri_to_path(uri.get<std::string>(), &path)) {
        throw RequestError(kInvalidParams, "not a file URI: " + uri.dump());
    }
    return path;
}

Located locate(const Workspace& ws, const json& params) {
    Located l;
    l.path = path_of_uri(params.at("textDocument").at("uri"));
    l.analysis = ws.analysis(l.path);
    if (!l.analysis || !l.analysis->model) return l;
    l.file = l.analysis->file_of(l.path);
    if (l.file < 0) return l;
    const json& p = params.at("position");
    Position pos{p.at("line").get<uint32_t>(), p.at("character").get<uint32_t>()};
    l.offset = LineIndex(l.analysis->model->sources.file(static_cast<uint32_t>(l.file)).text()).offset(pos);
    return l;
}

OpenDocument open_document(const Workspace& ws, const json& params) {
    OpenDocument d;
    d.path = path_of_uri(params.at("textDocument").at("uri"));
    const Analysis* a = ws.analysis(d.path);
    int file = a ? a->file_of(d.path) : -1;
    if (file < 0) return d;
    d.analysis = a;
    d.module = a->model->modules[static_cast<size_t>(file)].get();
    return d;
}

json range_json(const check::Model& m, uint32_t file, uint32_t begin, uint32_t end) {
    LineIndex index(file < m.sources.size() ? std::string_view(m.sources.file(file).text()) : std::string_view());
    Position a = index.position(begin), b = index.position(end);
    return {{"start", {{"line", a.line}, {"character", a.character}}},
            {"end", {{"line", b.line}, {"character", b.character}}}};
}

json location_json(const Workspace& ws, const check::Model& m, uint32_t file, uint32_t begin, uint32_t end) {
    std::string path = file < m.sources.size() ? m.sources.file(file).path() : std::string();
    return {{"uri", ws.uri_of(path)}, {"range", range_json(m, file, begin, end)}};
}

std::string span_text(const check::Model& m, const syntax::Span& s) {
    if (s.file >= m.sources.size()) return "";
    const std::string& text = m.sources.file(s.file).text();
    if (s.begin > s.end || s.end > text.size()) return "";
    return text.substr(s.begin, s.end - s.begin);
}

}  // namespace tenet::lsp
