// What changes between two versions of a ruleset: for a caseload, per decision how many cases
// change and why (the explanation diff of each changed decision, grouped by cause); without
// cases, the declarations added, removed and changed and the decisions each can affect.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tenet/tenet.hpp"

namespace tenet::compare {

struct CaseDiffOptions {
    std::string cases_file;
    std::string as_of;
    size_t examples = 5;  // example cases per group
};

bool run_case_diff(const std::shared_ptr<const Ruleset>& old_rs, const std::shared_ptr<const Ruleset>& new_rs,
                   const CaseDiffOptions& options, nlohmann::json* report, std::string* error);
std::string case_diff_text(const nlohmann::json& report);

nlohmann::json declaration_diff(const Ruleset& old_rs, const Ruleset& new_rs);
std::string declaration_diff_text(const nlohmann::json& report);

}  // namespace tenet::compare
