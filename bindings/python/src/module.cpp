// The `_tenet` extension: a thin layer over the C++ API. The `tenet` package wraps it in Python
// (tenet/__init__.py): exceptions, pandas conversion, what-if analysis. Functions here report
// failures as values ((ok, payload) tuples) and the package raises the tenet.Error subclasses.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <mutex>

#include "bindings.hpp"
#include "tenet/tenet.hpp"

namespace py = pybind11;

namespace tenet::python {

namespace {

py::dict diagnostic_dict(const Diagnostic& d) {
    py::dict out;
    out["severity"] = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
    out["file"] = text_of(d.file);
    out["line"] = d.line;
    out["column"] = d.column;
    out["message"] = text_of(d.message);
    out["text"] = text_of(format_diagnostic(d));
    return out;
}

py::tuple compiled(CompileResult r) {
    py::list diags;
    for (const auto& d : r.diagnostics) diags.append(diagnostic_dict(d));
    if (!r.ok()) return py::make_tuple(py::none(), diags);
    return py::make_tuple(std::make_shared<RulesetHandle>(r.ruleset), diags);
}

// (path, message, offset): offset is the byte where the text stops being JSON, or -1.
py::list errors_list(const std::vector<InputError>& errors) {
    py::list out;
    for (const auto& e : errors) out.append(py::make_tuple(text_of(e.path), text_of(e.message), e.offset));
    return out;
}

}  // namespace

py::str text_of(const std::string& s) {
    PyObject* str = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
    if (!str) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(str);
}

RulesetHandle::RulesetHandle(std::shared_ptr<const Ruleset> rs) : ruleset(std::move(rs)), session(ruleset) {}

// Decodes and evaluates one JSON case: (True, output JSON) or (False, [(path, message, offset)...]).
py::tuple RulesetHandle::evaluate_json(const std::string& text, const std::string& as_of,
                                       const std::vector<std::string>& decisions, bool explain, bool strict) {
    std::vector<InputError> errors;
    Request request;
    request.explain = explain;
    request.strict = strict;
    for (const auto& name : decisions) {
        int d = ruleset->find_decision(name);
        if (d < 0) {
            errors.push_back(InputError{name, "no decision `" + name + "` in ruleset " + ruleset->name()});
            return py::make_tuple(false, errors_list(errors));
        }
        request.decisions.push_back(d);
    }
    std::string out;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (!session.decode(text, &kase, &errors, as_of)) return py::make_tuple(false, errors_list(errors));
        if (!session.evaluate_json(kase, request, &out, &errors)) return py::make_tuple(false, errors_list(errors));
    }
    return py::make_tuple(true, py::bytes(out));
}

std::string RulesetHandle::use_compiled_code(const std::string& compiler, const std::string& flags,
                                             const std::string& cache_dir) {
    CompiledCodeOptions options;
    options.compiler = compiler;
    if (!flags.empty()) options.flags = flags;
    options.cache_dir = cache_dir;
    std::string error;
    std::shared_ptr<const CompiledCode> code;
    {
        py::gil_scoped_release release;  // building takes a while: other Python threads run meanwhile
        code = CompiledCode::build(ruleset, options, &error);
    }
    if (!code) return error;
    std::lock_guard<std::mutex> lock(mutex);
    session.use_compiled_code(code);
    this->code = std::move(code);
    return "";
}

}  // namespace tenet::python

PYBIND11_MODULE(_tenet, m) {
    using namespace tenet;
    using namespace tenet::python;
    m.doc() = "Tenet's C++ engine; use the `tenet` package, which wraps it.";
    m.attr("version") = TENET_VERSION;

    py::class_<RulesetHandle, std::shared_ptr<RulesetHandle>>(m, "Ruleset")
        .def_property_readonly("name", [](const RulesetHandle& h) { return h.ruleset->name(); })
        .def_property_readonly("decisions",
                               [](const RulesetHandle& h) {
                                   py::list out;
                                   for (const auto& d : h.ruleset->decisions()) {
                                       out.append(py::make_tuple(d.name, d.type, d.optional, d.cites));
                                   }
                                   return out;
                               })
        .def_property_readonly("facts",
                               [](const RulesetHandle& h) {
                                   py::list out;
                                   for (const auto& f : h.ruleset->facts())
                                       out.append(py::make_tuple(f.path, f.type, f.optional));
                                   return out;
                               })
        .def_property_readonly("parameters",
                               [](const RulesetHandle& h) {
                                   // (name, type, [(from, to)...]) with ISO dates; "" for an open end
                                   py::list out;
                                   for (const auto& p : h.ruleset->parameters()) {
                                       py::list periods;
                                       for (const auto& period : p.periods)
                                           periods.append(py::make_tuple(period.from, period.to));
                                       out.append(py::make_tuple(p.name, p.type, periods));
                                   }
                                   return out;
                               })
        .def_property_readonly("sources",
                               [](const RulesetHandle& h) {
                                   // (path, text) of every file compiled: the root, then what it extends and imports
                                   py::list out;
                                   for (const auto& file : h.ruleset->sources())
                                       out.append(py::make_tuple(text_of(file.path), py::bytes(file.text)));
                                   return out;
                               })
        .def("enum_values",
             [](const RulesetHandle& h, const std::string& type) {
                 for (const auto& e : h.ruleset->enums()) {
                     if (e.name == type) return e.values;
                 }
                 return std::vector<std::string>{};
             })
        .def("evaluate_json", &RulesetHandle::evaluate_json, py::arg("case"), py::arg("as_of") = "",
             py::arg("decisions") = std::vector<std::string>{}, py::arg("explain") = false, py::arg("strict") = false)
        .def("use_compiled_code", &RulesetHandle::use_compiled_code, py::arg("compiler") = "", py::arg("flags") = "",
             py::arg("cache_dir") = "")
        .def("evaluate_columns", &evaluate_columns_py, py::arg("rows"), py::arg("columns"), py::arg("as_of") = "",
             py::arg("decisions") = std::vector<std::string>{}, py::arg("threads") = 1, py::arg("messages") = false)
        .def("facts_read",
             [](const RulesetHandle& h, const std::vector<int>& decisions) { return h.ruleset->facts_read(decisions); })
        .def("run_tests", [](const RulesetHandle& h) {
            py::list out;
            for (const auto& t : run_tests(*h.ruleset)) {
                py::list failures;
                for (const auto& d : t.failures) failures.append(format_diagnostic(d));
                out.append(py::make_tuple(t.name, t.passed, failures));
            }
            return out;
        });

    define_compare(m);
    m.def(
        "compile_file",
        [](const std::string& path, std::vector<std::string> include_roots) {
            CompileResult r;
            {
                py::gil_scoped_release release;
                CompileOptions options;
                options.include_roots = std::move(include_roots);
                r = compile_file(path, options);
            }
            return compiled(std::move(r));
        },
        py::arg("path"), py::arg("include_roots") = std::vector<std::string>{});
    m.def(
        "compile_source",
        [](const std::string& path, std::string text, bool warnings, std::vector<std::string> include_roots) {
            CompileResult r;
            {
                py::gil_scoped_release release;
                CompileOptions options;
                options.warnings = warnings;
                options.include_roots = std::move(include_roots);
                r = compile_source(path, std::move(text), options);
            }
            return compiled(std::move(r));
        },
        py::arg("path"), py::arg("text"), py::arg("warnings") = true,
        py::arg("include_roots") = std::vector<std::string>{});
}
