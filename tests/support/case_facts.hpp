// The facts a reader of JSON cases produced, as text to compare: one line per fact, its path,
// state and value as JSON (records and lists in full). The differential test of the two readers
// and the case_json fuzz target compare them with it.
#pragma once

#include <string>

#include "eval/case_json.hpp"

namespace tenet::testing {

inline std::string case_facts(const check::Model& m, const eval::CaseData& data) {
    std::string out;
    for (size_t f = 0; f < m.facts.size(); ++f) {
        out += m.facts[f].path + "=" + std::to_string(static_cast<int>(data.states[f])) + ":";
        eval::write_value(m, m.facts[f].type, data.values[f], data.states[f], &out);
        out += "\n";
    }
    return out;
}

}  // namespace tenet::testing
