// What `tenet.what_if` shares with `tenet diff` (src/compare): the explanation diff of one
// decision of one case, and which decisions the declarations changed between two rulesets can
// affect. JSON text in and out, so the package reads it with the json module.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "compare/explanation_diff.hpp"
#include "compare/version_diff.hpp"

namespace py = pybind11;

namespace tenet::python {

void define_compare(py::module_& m) {
    // (decision, type, before, after): the outputs of evaluate_json with explain=True for one case
    // under each version; "" when the decision's outcome is the same, else compare::decision_diff's JSON.
    m.def("decision_diff", [](const std::string& decision, const std::string& type, const std::string& before,
                              const std::string& after) {
        auto d = compare::decision_diff(decision, type, nlohmann::json::parse(before), nlohmann::json::parse(after));
        return d.is_null() ? std::string() : d.dump();
    });
    // `tenet diff OLD NEW --json` without cases: the declarations added, removed and changed, and
    // the decisions each can affect.
    m.def("declaration_diff", [](const RulesetHandle& old_rs, const RulesetHandle& new_rs) {
        return compare::declaration_diff(*old_rs.ruleset, *new_rs.ruleset).dump();
    });
}

}  // namespace tenet::python
