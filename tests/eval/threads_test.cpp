// One compiled ruleset shared by several threads, each with its own Session, as `tenet eval
// --threads` and the bindings use it: the results must be those of one thread, whatever the
// interleaving. Cases are spread over as_of dates in different parameter periods, so the
// threads also race to build the programs of those periods (std::call_once in Ruleset). Run
// under ThreadSanitizer by scripts/sanitize.sh.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tenet/tenet.hpp"

namespace tenet {
namespace {

std::vector<std::string> sample_cases(size_t count) {
    std::ifstream in(TENET_SOURCE_DIR "/rulesets/colorado/caseload/weld_sample.jsonl");
    std::vector<std::string> cases;
    for (std::string line; cases.size() < count && std::getline(in, line);) {
        if (!line.empty()) cases.push_back(line);
    }
    return cases;
}

const char* const kDates[] = {"1998-06-01", "1998-12-15", "1999-06-01", "1999-11-01", "2000-03-01"};

std::string evaluate(Session& session, const std::string& json, size_t i) {
    Case c;
    std::vector<InputError> errors;
    std::string out;
    if (!session.decode(json, &c, &errors, kDates[i % 5])) return "ERROR " + errors.front().message;
    Request request;
    request.explain = i % 3 == 0;
    session.evaluate_json(c, request, &out, &errors);
    return out;
}

TEST(Threads, SharedRulesetGivesTheResultsOfOneThread) {
    CompileOptions options;
    options.warnings = false;
    CompileResult compiled = compile_file(TENET_SOURCE_DIR "/rulesets/colorado/weld.tenet", options);
    ASSERT_TRUE(compiled.ok());
    std::vector<std::string> cases = sample_cases(120);
    ASSERT_EQ(cases.size(), 120u);

    // every thread starts on a fresh ruleset, so the period programs are built under the race
    CompileResult shared = compile_file(TENET_SOURCE_DIR "/rulesets/colorado/weld.tenet", options);
    constexpr size_t kThreads = 4;
    std::vector<std::vector<std::string>> results(kThreads, std::vector<std::string>(cases.size()));
    std::vector<std::thread> threads;
    for (size_t t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            Session session(shared.ruleset);
            for (size_t k = 0; k < cases.size(); ++k) {
                size_t i = (k + t * 37) % cases.size();  // different orders on different threads
                results[t][i] = evaluate(session, cases[i], i);
            }
        });
    }
    for (std::thread& th : threads) th.join();

    Session alone(compiled.ruleset);
    for (size_t i = 0; i < cases.size(); ++i) {
        std::string want = evaluate(alone, cases[i], i);
        ASSERT_EQ(want.rfind("{", 0), 0u) << want;
        for (size_t t = 0; t < kThreads; ++t) ASSERT_EQ(results[t][i], want) << "case " << i << ", thread " << t;
    }
}

}  // namespace
}  // namespace tenet
