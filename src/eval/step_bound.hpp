// A bound on the evaluation steps of a case, from the length of its longest list.
//
// Exports: StepBound, step_bound. The on-demand evaluator counts the evaluation budget of
// LANGUAGE.md §12 (compile::kMaxEvaluationSteps: list elements gone through by aggregates, `in`
// and ladders); the columnar kernels of eval/batch count nothing, so a caller hands them only the
// cases this bound proves to stay within the budget, and the others to the on-demand evaluator,
// which then fails them exactly as the JSON path does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "compile/graph.hpp"

namespace tenet::eval {

// For the nodes some roots need: the longest list of a case below which its evaluation surely
// takes at most kMaxEvaluationSteps steps. Each counting node (an aggregate, `in`, a ladder) goes
// through one list per evaluation, and is evaluated again for each element of each aggregate
// that resets it, so nested aggregates over lists L long take about L^(depth + 1) steps
// (step_bound.cpp says why the bound holds).
struct StepBound {
    uint64_t counting_nodes = 0;
    // The longest list the program makes itself, whatever the case: a constant, a list literal,
    // a collect's entries, the rows of a `hit collect` table
    size_t program_longest = 0;
    // The longest lists (L) with which the counting nodes stay within the budget whatever they
    // do (SIZE_MAX when nothing counts)
    size_t longest_within = SIZE_MAX;

    // Whether a case whose longest list (nested lists included) holds `case_longest` elements
    // surely stays within the budget: one compare per case.
    bool within(size_t case_longest) const {
        return (case_longest > program_longest ? case_longest : program_longest) <= longest_within;
    }
};

StepBound step_bound(const compile::Program& program, const std::vector<compile::NodeId>& roots);

}  // namespace tenet::eval
