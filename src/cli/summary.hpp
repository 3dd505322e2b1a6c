// `tenet eval --cases ... --summary`: what a person reads about a batch, on stdout, while every
// decision goes to the --out file: a table of the first cases (eligible, grant, sanction level,
// exemptions, when the ruleset has them), the unresolved decisions counted by the fact they
// miss, the decisions that failed counted by message, and the participation table of
// `tenet caseload` (participation.hpp) when the ruleset has its decisions.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/participation.hpp"
#include "tenet/tenet.hpp"

namespace tenet::cli {

class Summary {
public:
    static constexpr size_t kFirstCases = 10;  // rows of the case table
    static constexpr size_t kGroups = 20;      // rows of each grouped count
    static constexpr size_t kCellWidth = 100;  // a rejected case's message is cut to this

    Summary(const Ruleset& rs, const Request& request);

    // Each case in input order: its line, and the result (an `eval` object) or its errors.
    void add(size_t line_number, const std::string& case_line, const std::string& result,
             const std::vector<InputError>& errors);

    std::string text(const std::string& out_file) const;

private:
    struct Group {
        size_t cases = 0;
        std::set<std::string> decisions;
    };

    std::vector<std::pair<std::string, std::string>> columns_;  // decision, heading
    std::vector<std::vector<std::string>> rows_;                // the first cases, as cells
    std::map<std::string, Group> unresolved_;                   // by missing fact
    std::map<std::string, Group> failed_;                       // by message
    bool count_participation_ = false;
    std::string no_participation_;  // why there is no table
    Participation participation_;
    size_t cases_ = 0, rejected_ = 0, evaluated_ = 0;
};

}  // namespace tenet::cli
