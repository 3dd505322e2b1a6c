// What became of a decision in an evaluation, in the one error model of docs/CASES.md §3: it has a
// value, is absent, is unresolved (a fact it needs is missing, or a parameter it needs has no value
// on the case's day) or failed while computing (division by zero, overflow). JSON, explanations,
// frames and the C API all classify and word a decision through here. Private to src/api.
#pragma once

#include <string>
#include <vector>

#include "check/model.hpp"
#include "compile/graph.hpp"
#include "eval/evaluator.hpp"
#include "tenet/tenet.hpp"

namespace tenet {

struct Outcome {
    enum class Kind { Ok, Absent, Unresolved, Error };
    Kind kind = Kind::Ok;
    // Unresolved: the missing facts (model indices), and/or the parameter with no value on the
    // case's day and the nearest day it has one: the first day after (`before` true), or the
    // last day before (`before` false: the case's day is past its last period).
    std::vector<uint32_t> missing;
    uint32_t parameter = check::kNone;
    util::Days parameter_day = 0;
    bool before = true;
    // Error: the fault, the innermost rule on the decision's way to it, what it failed on
    // (a table's name) and the detail (the inputs a table did not match).
    eval::Fault fault = eval::Fault::None;
    uint32_t rule = check::kNone;
    std::string table;
    std::string detail;
};

// "6.011.11 A; Exhibit H": the citations of a declaration.
std::string cites_text(const syntax::Annotations& notes);

// "from 1998-12-01", "from A to B", "before D", "always": the days a parameter's value (or a
// graph's parameters) hold, as explanations and `tenet graph` word them.
std::string effective_text(const check::PeriodInfo& p);

// Whether a decision's slot means unresolved: a missing fact, or a parameter without a value on
// the case's day (which the evaluator carries as an error so that it stops the computation).
bool is_unresolved(const eval::Evaluator& ev, const eval::Slot& s);

// The outcome of decision node `root` after `ev` computed it for a case of day `day`.
void outcome_of(const check::Model& m, const compile::Program& p, const eval::Evaluator& ev, compile::NodeId root,
                util::Days day, Outcome* out);

// The reasons of an unresolved outcome as JSON "unresolved" lists them: the missing fact paths,
// then "parameter X has no value before 1998-03-01".
std::vector<std::string> unresolved_reasons(const check::Model& m, const Outcome& o);
// The last of them, when a parameter has no value: "parameter X has no value before 1998-03-01".
std::string parameter_reason(const check::Model& m, const Outcome& o);
// The message of a failed outcome as JSON "errors" gives it:
// "division by zero in rule `x` [6.008.3 C]: detail".
std::string error_message(const check::Model& m, const Outcome& o);
// Either, as one line: the reasons comma-separated, or the message; "" for Ok and Absent.
std::string outcome_text(const check::Model& m, const Outcome& o);

// The outcome of a decision (by index) in the session's last evaluation; false when there is
// none (not evaluated, unknown index).
bool session_outcome(const Session& session, int decision, Outcome* out);

}  // namespace tenet
