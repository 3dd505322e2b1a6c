// The text of a failed decision, as the JSON path writes it under "unresolved". Private to src/api.
#pragma once

#include <string>

#include "check/model.hpp"
#include "compile/graph.hpp"
#include "eval/evaluator.hpp"

namespace tenet {

// "division by zero in decision `x` [6.007.4]: detail" for the error `error` (an index into
// ev.errors()) that decision node `root` ended in; names the innermost rule it went through.
std::string decision_error_text(const check::Model& m, const compile::Program& p, const eval::Evaluator& ev,
                                compile::NodeId root, uint32_t error);

}  // namespace tenet
