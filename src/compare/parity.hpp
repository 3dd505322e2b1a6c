// Parity with a legacy system ("shadow mode"): the legacy system's decisions per case beside
// Tenet's, per decision how many agree, and the differences grouped by the deepest rule of Tenet's
// explanation whose value differs from what the legacy system says (docs/PARITY.md).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tenet/tenet.hpp"

namespace tenet::compare {

struct ParityOptions {
    std::string cases_file;    // JSONL, one case a line
    std::string legacy_file;   // JSONL, one legacy record a line
    std::string key = "case";  // dotted path of the case id in a legacy record (and, when there, in a case)
    std::string map_file;      // optional: which legacy field is which decision, and how to read it
    std::string as_of;
    size_t examples = 5;  // example cases per group
};

// The report (JSON, described in docs/PARITY.md). False with *error when a file cannot be read
// or a case or the map is bad input; mapping errors of single legacy values are in the report
// ("mapping_errors", each with the legacy line and case key).
bool run_parity(const std::shared_ptr<const Ruleset>& rs, const ParityOptions& options, nlohmann::json* report,
                std::string* error);

// The short summary for people.
std::string parity_text(const nlohmann::json& report);

}  // namespace tenet::compare
