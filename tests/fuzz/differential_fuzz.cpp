// Fuzz target (5): the graph evaluators against the reference interpreter on generated
// well-typed rulesets and cases. The fuzz input is the generator's entropy: every byte steers a
// choice (a type, an operator, a literal, a fact value), so libFuzzer's mutations explore the
// language rather than the parser. Any disagreement aborts, and libFuzzer keeps the input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "../differential/run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    tenet::differential::Entropy entropy(data, size);
    tenet::differential::RunReport report;
    tenet::differential::run_generated_ruleset(entropy, 8, 6, &report);
    if (report.rejected || report.undecodable) {
        std::fprintf(stderr, "the generator made something the checker or decoder refused:\n%s\n",
                     report.first_rejection.c_str());
        std::abort();
    }
    if (!report.mismatches.empty()) {
        std::fprintf(stderr, "graph and reference disagree:\n%s\n", report.first_mismatch.c_str());
        std::abort();
    }
    return 0;
}
