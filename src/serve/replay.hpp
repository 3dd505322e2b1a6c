// Replaying an audit row: the recorded case evaluated again, against the version the row names
// (compiled from the files the log kept) or a newer ruleset, compared with what was recorded.
#pragma once

#include <string>
#include <vector>

#include "serve/audit_log.hpp"
#include "serve/loaded_ruleset.hpp"

namespace tenet::serve {

struct ReplayChange {
    std::string decision;
    std::string before, after;                      // JSON values; "unresolved: [...]", "error: ..." otherwise
    std::string explained_before, explained_after;  // explanation text of each version
};

struct ReplayResult {
    bool ok = false;  // false: the case does not decode for the target (errors)
    std::vector<InputError> errors;
    std::vector<std::string> redacted;  // facts kept as hashes, left out of the replay
    std::vector<ReplayChange> changes;
    size_t unchanged = 0;
};

// The case of a row without its redacted facts (a hash is no value to decide on).
std::string replayable_case(const AuditRow& row, std::vector<std::string>* redacted);

ReplayResult replay(const AuditRow& row, const LoadedRuleset& recorded, const LoadedRuleset& target,
                    const std::string& lang);

}  // namespace tenet::serve
