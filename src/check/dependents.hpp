// Which declarations read which, from the references the checker resolved: what `tenet check`
// names as unresolved when a parameter has a gap in time, and what `tenet diff` says a changed
// declaration can affect.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "check/model.hpp"

namespace tenet::check {

// Calls `each(kind, name, origin)` for every declaration in force (overrides replace what they
// override): kind is "enum", "record", "fact", "parameter", "rule", "decision", "function",
// "table" or "ladder".
void for_each_declaration(
    const Model& m, const std::function<void(const char* kind, const std::string& name, const Origin& origin)>& each);

struct Dependents {
    std::map<std::string, std::set<std::string>> users;  // name -> the declarations that read it
    std::set<std::string> decisions;

    // The decisions that read `name`, directly or through other declarations, sorted.
    std::vector<std::string> decisions_reading(const std::string& name) const;
};

Dependents dependents_of(const Model& m);

}  // namespace tenet::check
