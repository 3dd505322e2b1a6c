// The work participation of a caseload (README.md; 6.005, 6.013.1, MOU 3.d), counted per
// family type and federal fiscal year: the county's target depends on the fiscal year (its
// federal rate changes each October), so cases of different years are never pooled under one
// target. A case participates when it meets its required hours or is work-exempt (6.005: exempt
// people "still qualify under Weld County's work participation rate"; catalogue ambiguity #26).
// Used by `tenet caseload` and by `tenet eval --summary`.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tenet/tenet.hpp"

namespace tenet::cli {

class Participation {
public:
    // The decisions a ruleset needs for the count.
    static const std::vector<std::string>& decisions();
    // False, with what is missing named in `why`, when the ruleset cannot be counted this way.
    static bool supported(const Ruleset& rs, std::string* why);

    // One case: its JSON (the family type is read from it; "unknown" when it has none) and the
    // decisions evaluated for it (an `eval` result object).
    void add(const nlohmann::json& case_json, const nlohmann::json& result);

    // {FAMILY_TYPE: {FISCAL_YEAR: {"cases", "participating", "rate", "target", "meets_target"
    // [, "unresolved"]}}}, family types and fiscal years in ascending order.
    nlohmann::ordered_json report() const;
    // The same as a table for people.
    std::string table() const;

private:
    struct Tally {
        long cases = 0, participating = 0, unresolved = 0;
        nlohmann::json target;  // percent points; null while unknown
    };
    std::map<std::string, std::map<std::string, Tally>> tallies_;  // family type -> fiscal year
};

}  // namespace tenet::cli
