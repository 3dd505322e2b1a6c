// The long differential run: many generated rulesets and cases, graph evaluators against the
// reference interpreter. Deterministic for a seed.
//
//   tenet_differential [--seed N] [--rulesets N] [--cases N] [--rules N] [--first K] [--verbose 1]
//
// Ruleset k is generated from seed * 1000003 + k, so `--first k --rulesets 1 --verbose 1` shows
// one ruleset's first mismatch with its source and case.
//
// Prints a summary; on a mismatch or a rejected ruleset, the first one's source and case; exits 1
// if any rule value disagreed or the generator produced something the checker refused.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fstream>
#include <sstream>

#include "run.hpp"
#include "tenet/tenet.hpp"

// `--explain RULESET CASE`: every rule of one ruleset on one JSON case, from both engines.
static int explain(const char* ruleset_path, const char* case_path) {
    tenet::CompileOptions options;
    options.warnings = false;
    tenet::CompileResult compiled = tenet::compile_file(ruleset_path, options);
    if (!compiled.ok()) {
        for (const auto& d : compiled.diagnostics) std::fputs(tenet::format_diagnostic(d).c_str(), stderr);
        return 2;
    }
    std::ifstream in(case_path);
    std::stringstream text;
    text << in.rdbuf();
    tenet::Session session(compiled.ruleset);
    tenet::Case c;
    std::vector<tenet::InputError> errors;
    if (!session.decode(text.str(), &c, &errors)) {
        std::fprintf(stderr, "%s: %s\n", errors[0].path.c_str(), errors[0].message.c_str());
        return 2;
    }
    tenet::differential::Comparer comparer(compiled.ruleset);
    std::fputs(comparer.dump(c.impl().data).c_str(), stdout);
    std::vector<tenet::differential::Mismatch> mismatches;
    comparer.compare_batch({&c.impl().data}, &mismatches);
    for (const auto& m : mismatches) std::printf("%s\n", tenet::differential::describe(m).c_str());
    return 0;
}

int main(int argc, char** argv) {
    if (argc == 4 && std::strcmp(argv[1], "--explain") == 0) return explain(argv[2], argv[3]);
    uint64_t seed = 1;
    long rulesets = 100, cases = 100, rules = 12, first = 0;
    bool verbose = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        long value = std::strtol(argv[i + 1], nullptr, 10);
        if (flag == "--seed") seed = static_cast<uint64_t>(value);
        else if (flag == "--rulesets") rulesets = value;
        else if (flag == "--cases") cases = value;
        else if (flag == "--rules") rules = value;
        else if (flag == "--first") first = value;
        else if (flag == "--verbose") verbose = value != 0;
        else {
            std::fprintf(stderr,
                         "unknown option %s\nusage: %s [--seed N] [--rulesets N] [--cases N] [--rules N] [--first K] "
                         "[--verbose 1]\n",
                         argv[i], argv[0]);
            return 2;
        }
    }
    tenet::differential::RunReport total;
    for (long k = first; k < first + rulesets; ++k) {
        tenet::differential::Entropy entropy(seed * 1000003u + static_cast<uint64_t>(k));
        tenet::differential::RunReport one;
        tenet::differential::run_generated_ruleset(entropy, static_cast<int>(rules), static_cast<int>(cases), &one);
        for (size_t m = 0; m < one.mismatches.size() && m < 3; ++m) {
            std::fprintf(stderr, "ruleset %ld: %s\n", k, tenet::differential::describe(one.mismatches[m]).c_str());
        }
        if (verbose && !one.first_mismatch.empty()) std::fprintf(stderr, "%s\n", one.first_mismatch.c_str());
        total.add(one);
        if ((k + 1) % 100 == 0) std::fprintf(stderr, "after %ld rulesets: %s\n", k + 1, total.summary().c_str());
    }
    std::printf("seed %llu: %s\n", static_cast<unsigned long long>(seed), total.summary().c_str());
    if (!total.first_rejection.empty()) std::printf("first rejection:\n%s\n", total.first_rejection.c_str());
    if (!total.first_mismatch.empty()) std::printf("first mismatch:\n%s\n", total.first_mismatch.c_str());
    return total.mismatches.empty() && total.rejected == 0 && total.undecodable == 0 ? 0 : 1;
}
