// A lens on each `test` of a document: run it, and show whether it passed.
//
// The tests run through the library's compile_file (open documents overlaid) and run_tests;
// the results stay on the document's analysis until its next check, so the lenses show them.
#include "lsp/features.hpp"

namespace tenet::lsp {

namespace {

json lens_title(const Analysis& a, const std::string& name) {
    auto it = a.test_results.find(name);
    if (it == a.test_results.end()) return "▶ run test";
    if (it->second.passed) return "✓ passed (run again)";
    std::string first = it->second.failures.empty() ? "" : ": " + it->second.failures.front().message;
    return "✗ failed" + first;
}

}  // namespace

json code_lens(const Workspace& ws, const json& params) {
    OpenDocument doc = open_document(ws, params);
    json out = json::array();
    if (!doc.module) return out;
    const Analysis* a = doc.analysis;
    const check::Model& m = *a->model;
    std::string uri = ws.uri_of(doc.path);
    for (const auto& d : doc.module->decls) {
        if (d->kind != syntax::DeclKind::Test) continue;
        out.push_back(
            {{"range", range_json(m, d->name_span.file, d->name_span.begin, d->name_span.end)},
             {"command",
              {{"title", lens_title(*a, d->name)}, {"command", "tenet.runTest"}, {"arguments", {uri, d->name}}}}});
    }
    return out;
}

json run_test(Workspace& ws, const json& arguments) {
    if (!arguments.is_array() || arguments.size() != 2 || !arguments[1].is_string()) {
        throw RequestError(kInvalidParams, "tenet.runTest takes [uri, test name]");
    }
    std::string path = path_of_uri(arguments[0]);
    std::string name = arguments[1].get<std::string>();
    Analysis* a = ws.analysis(path);
    if (!a) throw RequestError(kRequestFailed, "the document is not open");
    CompileOptions options;
    options.reader = ws.reader();
    options.warnings = false;
    CompileResult compiled = compile_file(path, options);
    if (!compiled.ok()) throw RequestError(kRequestFailed, "the ruleset has errors: fix them to run its tests");
    a->test_results.clear();
    for (TestResult& r : run_tests(*compiled.ruleset)) a->test_results[r.name] = std::move(r);
    auto it = a->test_results.find(name);
    if (it == a->test_results.end()) throw RequestError(kRequestFailed, "no test `" + name + "` in this ruleset");
    json failures = json::array();
    for (const Diagnostic& f : it->second.failures) {
        failures.push_back({{"line", f.line}, {"column", f.column}, {"message", f.message}});
    }
    return {{"name", name}, {"passed", it->second.passed}, {"failures", failures}};
}

}  // namespace tenet::lsp
