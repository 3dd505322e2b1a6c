// The constants the checker computes (check::ConstantEvaluator), computed by the stages after it:
// folded by the compiler, and held to a fact's range by the case decoder's own check, so a test
// value is refused exactly as the same value in a case would be.
//
// Exports: constant_evaluators, what hosts of the checker put in CheckOptions::constants.
#pragma once

#include "check/checker.hpp"

namespace tenet::eval {

check::ConstantEvaluators constant_evaluators();

}  // namespace tenet::eval
