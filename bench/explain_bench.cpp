// Explaining and notifying, beside plain evaluation: tracing must cost nothing when it is off.
// BM_EvaluateTracing/0 (off) and /1 (on) evaluate the same Weld case, every decision, in one
// session; compare /0 with BM_EvaluateInMemory of pipeline_bench.cpp (the same work).
// Then the explanation as JSON and as text, and the notice of proposed action.
// Run: build/bench/tenet_bench --benchmark_filter='Tracing|Explain|Notice'
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "tenet/notice.hpp"
#include "tenet/tenet.hpp"

namespace {

const std::string kRuleset = std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/weld.tenet";
// a second-level sanction: the ladder, the job refusal rules and the grant all run
const std::string kCase = std::string(TENET_SOURCE_DIR) + "/tests/notice/cases/level2.json";

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Loaded {
    std::shared_ptr<const tenet::Ruleset> ruleset;
    std::unique_ptr<tenet::Session> session;
    tenet::Case c;
};

bool load(benchmark::State& state, Loaded* out) {
    auto r = tenet::compile_file(kRuleset);
    if (!r.ok()) {
        state.SkipWithError("the Weld ruleset does not compile");
        return false;
    }
    out->ruleset = r.ruleset;
    out->session = std::make_unique<tenet::Session>(r.ruleset);
    std::vector<tenet::InputError> errors;
    if (!out->session->decode(read(kCase), &out->c, &errors)) {
        state.SkipWithError("the case does not decode");
        return false;
    }
    return true;
}

void BM_EvaluateTracing(benchmark::State& state) {
    Loaded l;
    if (!load(state, &l)) return;
    tenet::Request request;
    request.explain = state.range(0) != 0;
    int grant = l.ruleset->find_decision("adjusted_grant");
    for (auto _ : state) {
        l.session->evaluate(l.c, request);
        benchmark::DoNotOptimize(l.session->result(grant));
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.SetLabel(request.explain ? "tracing on" : "tracing off");
}
BENCHMARK(BM_EvaluateTracing)->Arg(0)->Arg(1);

void BM_ExplainJson(benchmark::State& state) {
    Loaded l;
    if (!load(state, &l)) return;
    tenet::Request request;
    request.explain = true;
    std::string out;
    std::vector<tenet::InputError> errors;
    for (auto _ : state) {
        out.clear();
        l.session->evaluate_json(l.c, request, &out, &errors);
        benchmark::DoNotOptimize(out);
    }
    state.SetLabel("every decision with its explanation, JSON out");
}
BENCHMARK(BM_ExplainJson)->Unit(benchmark::kMicrosecond);

void BM_ExplainText(benchmark::State& state) {
    Loaded l;
    if (!load(state, &l)) return;
    std::vector<int> decisions{l.ruleset->find_decision("adjusted_grant")};
    tenet::Request request;
    request.decisions = decisions;
    std::string out;
    std::vector<tenet::InputError> errors;
    for (auto _ : state) {
        out.clear();
        l.session->explain_text(l.c, request, state.range(0) ? "es" : "en", &out, &errors);
        benchmark::DoNotOptimize(out);
    }
    state.SetLabel(state.range(0) ? "adjusted_grant, es_US" : "adjusted_grant, en_US");
}
BENCHMARK(BM_ExplainText)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_NoticeRender(benchmark::State& state) {
    Loaded l;
    if (!load(state, &l)) return;
    std::vector<tenet::Diagnostic> diags;
    auto notice = tenet::NoticeTemplates::load(*l.ruleset, "sanction", &diags);
    if (!notice) return state.SkipWithError("the sanction notice templates do not load");
    for (auto _ : state) {
        tenet::NoticeResult r = tenet::render_notice(*l.session, l.c, *notice, state.range(0) ? "es" : "en");
        benchmark::DoNotOptimize(r.text);
    }
    state.SetLabel(state.range(0) ? "es_US" : "en_US");
}
BENCHMARK(BM_NoticeRender)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
