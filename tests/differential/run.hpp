// Generated rulesets and cases through the differential comparison: what the ctest test, the
// long-run driver and the libFuzzer target share.
//
// Exports: RunReport, run_generated_ruleset.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "differential.hpp"
#include "generator.hpp"

namespace tenet::differential {

struct RunReport {
    size_t rulesets = 0;
    size_t rejected = 0;     // rulesets the checker refused: generator bugs
    size_t cases = 0;        // cases compared (scalar)
    size_t batch_cases = 0;  // of which also through the columnar evaluator
    size_t undecodable = 0;  // generated cases the decoder refused: generator bugs
    size_t values = 0;       // rule values compared, both engines together
    std::vector<Mismatch> mismatches;
    std::string first_rejection;  // the source and the checker's first error
    std::string first_mismatch;   // the source and the case of the first mismatch
    void add(const RunReport& other);
    std::string summary() const;
};

// Generates one ruleset of `rules` rules and `cases` cases from `entropy`, and compares every
// rule on every case: scalar evaluator, columnar evaluator (when supported), reference.
void run_generated_ruleset(Entropy& entropy, int rules, int cases, RunReport* report);

}  // namespace tenet::differential
