// The explanation diff: which rules and parameters of one decision's explanation took different
// values in two evaluations (two ruleset versions, or Tenet beside what a legacy system implies),
// and which of them explain the difference. Shared by `tenet diff`, `tenet parity` and, later,
// Python's `tenet.what_if`. Works on the explanation JSON of docs/NOTICES.md §6, so any host that
// can produce an explanation can compare two.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tenet::compare {

using nlohmann::json;

// One step of an explanation that differs between the two sides.
struct StepChange {
    std::string rule;                          // "diversion_yearly_cap"
    std::string kind;                          // "parameter", "rule", "decision", "fact"
    std::string type;                          // "money"
    std::string cite;                          // the new side's citation (the old side's when removed)
    std::string old_effective, new_effective;  // parameters: "from 1998-12-01"
    json old_value, new_value;                 // null when the step is on one side only
    bool on_old = true, on_new = true;
};

// Every non-fact step whose value differs, or that one side took and the other did not, in the
// new explanation's order (old-only steps after).
std::vector<StepChange> changed_steps(const json& old_steps, const json& new_steps);

// The changes that explain the others: a changed step none of whose reads is itself a changed
// step (the deepest), parameters before rules; steps of a body (a limit's bound) only when no
// named declaration is among them. Never empty when `changes` is not.
std::vector<StepChange> causes(const std::vector<StepChange>& changes, const json& old_steps, const json& new_steps);

// The bound of a `limit` that gave `decision` its value in one explanation: the last `at most` /
// `at least` step whose bound equals the decision's value, as "at most $1,650.00 [6.007.4]";
// "" when the decision has no limit steps or none bound (the amount limited stood).
std::string binding_limit(const std::string& decision, const json& steps);

// One decision of one case under two versions. `before` and `after` are what
// Session::evaluate_json writes with the explanation ({"decisions", "unresolved", "errors",
// "explanation"}). Null when the outcome is the same (a value, absent, or unresolved or failed);
// else {"decision", "old", "new" (the value, null when absent, "unresolved"), "outcome",
// "cause" (the causes described, "; "-joined), "causes" and "changes" (each step as
// {"rule", "kind", "cite", "old", "new", "old_effective", "new_effective", "text"}),
// "limit_old", "limit_new" (binding_limit on each side, when either is not empty)}.
json decision_diff(const std::string& decision, const std::string& type, const json& before, const json& after);

// A value for people: money "$2,000.00", percent "25%", lists and records as compact JSON.
std::string show_value(const std::string& type, const json& value);

// "diversion_yearly_cap $3,300.00 -> $4,000.00 [6.007.2] (from 1998-12-01)"
std::string describe(const StepChange& change);

// "lost eligible", "gained work_exempt", "adjusted_grant $192.00 -> $144.00"
std::string describe_outcome(const std::string& decision, const std::string& type, const json& old_value,
                             const json& new_value);

}  // namespace tenet::compare
