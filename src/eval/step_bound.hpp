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

// For the nodes some roots need: whether a case's evaluation surely takes at most
// kMaxEvaluationSteps steps, from the lengths of its lists. Each counting node (an aggregate, `in`,
// a ladder) goes through one list per evaluation, and is evaluated again for each element of each
// aggregate that resets it, so nested aggregates over lists L long take about L^(depth + 1) steps
// (step_bound.cpp says why the bound holds).
class StepBound {
public:
    // Whether a case whose longest list (nested lists included) holds `case_longest` elements
    // surely stays within the budget: one compare per case.
    bool within(size_t case_longest) const {
        return program_within_ &&
               (case_longest > program_longest_ ? case_longest : program_longest_) <= longest_within_;
    }
    // The same, closer: the lists a counting node takes straight from a list fact are that
    // fact's length in the case, fact_lengths[i] for facts()[i] (0 when absent), not the longest.
    bool within(size_t case_longest, const std::vector<uint64_t>& fact_lengths) const;
    // The list facts whose lengths refine the bound
    const std::vector<uint32_t>& facts() const { return facts_; }
    // The longest list the program makes itself, whatever the case: a constant, a list literal,
    // a collect's entries, the rows of a `hit collect` table
    size_t program_longest() const { return program_longest_; }
    // The longest lists with which a case surely stays within the budget (SIZE_MAX when no list
    // of the case counts)
    size_t longest_within() const { return longest_within_; }

    // Where the list a counting node goes through comes from
    struct Source {
        enum class Kind : uint8_t { Own, Fact, Case } kind;
        uint64_t n;  // Own: its length; Fact: index into facts(); Case: unused (the longest)
    };

private:
    friend StepBound step_bound(const compile::Program& program, const std::vector<compile::NodeId>& roots);
    // the steps, at most, when a list of Source::Kind::Case holds `longest` elements
    uint64_t steps_at_most(uint64_t longest, const std::vector<uint64_t>* fact_lengths) const;

    std::vector<Source> sources_;                   // per counting node, from the last id down
    std::vector<std::vector<uint32_t>> resetters_;  // per counting node: the aggregates that reset it
    std::vector<uint32_t> facts_;
    size_t program_longest_ = 0;
    bool program_within_ = true;  // false: the program's own lists pass the budget, whatever the case
    size_t longest_within_ = SIZE_MAX;
};

StepBound step_bound(const compile::Program& program, const std::vector<compile::NodeId>& roots);

}  // namespace tenet::eval
