// The full Weld County ruleset, every decision of a case, per path (issue 21), on the cases of the
// shipped sample caseload (rulesets/colorado/caseload/weld_sample.jsonl, 500 households) taken in
// turn, each reporting cases/s on one thread:
//   BM_WeldJson           JSON text in, decode, evaluate, JSON text out (the interpreter)
//   BM_WeldJsonCompiled   the same with the compiled engine (Session::use_compiled_code)
//   BM_WeldMemory         one decoded case in memory, all decisions (Session::evaluate)
//   BM_WeldCompiled       one decoded case through tenet_decide_all: its facts handed over as they
//                         are (lists as cells), the decisions it leaves to the interpreter not
//                         evaluated; `fallback_per_case` counts them, `interpreted_per_case`
//                         adds the unresolved and failed ones, which the engine leaves to the
//                         interpreter too (their reasons and messages are its words)
//   BM_WeldColumns        (frame_bench.cpp, the same binary) typed columns, histories included
// Before any timing the compiled engine's JSON is compared with the interpreter's for every case
// of the sample (a mismatch stops the benchmark). The C is built with `cc -O2` once into the
// cache ($TENET_CACHE_DIR, else ~/.cache/tenet; $TENET_CFLAGS replaces -O2, as for `tenet eval`):
// `cc_seconds` is that build's wall time, 0 when the cache held it (empty the cache to measure it).
// Run: build/bench/tenet_frame_bench --benchmark_filter='BM_Weld(Json|Memory|Compiled|Columns/cases:100000/threads:1/lists:1/compiled:0)'
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "api/compiled_code.hpp"
#include "api/ruleset_impl.hpp"

namespace {

struct Weld {
    std::shared_ptr<const tenet::Ruleset> ruleset;
    std::shared_ptr<const tenet::CompiledCode> code;
    std::vector<std::string> lines;
    std::vector<tenet::Case> cases;
    double cc_seconds = 0;
    std::string error;
};

const Weld& weld() {
    static Weld w;
    static bool loaded = [] {
        tenet::CompileOptions options;
        options.tests = false;
        auto r = tenet::compile_file(std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/weld.tenet", options);
        if (!r.ok()) return w.error = "weld.tenet does not compile", false;
        w.ruleset = r.ruleset;
        std::ifstream in(std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/caseload/weld_sample.jsonl");
        tenet::Session session(w.ruleset);
        for (std::string line; std::getline(in, line);) {
            tenet::Case c;
            std::vector<tenet::InputError> errors;
            if (!session.decode(line, &c, &errors)) return w.error = "a sample case does not decode", false;
            w.lines.push_back(line);
            w.cases.push_back(std::move(c));
        }
        if (w.cases.empty()) return w.error = "the sample caseload is missing", false;
        auto start = std::chrono::steady_clock::now();
        tenet::CompiledCodeOptions build;
        if (const char* flags = std::getenv("TENET_CFLAGS"); flags && *flags) build.flags = flags;  // as `tenet eval`
        w.code = tenet::CompiledCode::build(w.ruleset, build, &w.error);
        if (!w.code) return false;
        if (w.code->compiled_now())
            w.cc_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        // the compiled engine's results are the interpreter's, case by case
        tenet::Session compiled(w.ruleset);
        compiled.use_compiled_code(w.code);
        for (size_t i = 0; i < w.cases.size(); ++i) {
            std::string want, got;
            std::vector<tenet::InputError> errors;
            session.evaluate_json(w.cases[i], {}, &want, &errors);
            compiled.evaluate_json(w.cases[i], {}, &got, &errors);
            if (got != want) return w.error = "case " + std::to_string(i + 1) + ": compiled != interpreted", false;
        }
        return true;
    }();
    (void)loaded;
    return w;
}

void report(benchmark::State& state, const Weld& w) {
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.counters["cases_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["decisions"] = static_cast<double>(w.ruleset->decisions().size());
}

void json_path(benchmark::State& state, bool use_code) {
    const Weld& w = weld();
    if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
    tenet::Session session(w.ruleset);
    if (use_code) session.use_compiled_code(w.code);
    tenet::Case c;
    std::string out;
    std::vector<tenet::InputError> errors;
    size_t i = 0;
    for (auto _ : state) {
        const std::string& line = w.lines[i++ % w.lines.size()];
        out.clear();
        session.decode(line, &c, &errors);
        session.evaluate_json(c, {}, &out, &errors);
        benchmark::DoNotOptimize(out.data());
    }
    report(state, w);
}

void BM_WeldJson(benchmark::State& state) { json_path(state, false); }
BENCHMARK(BM_WeldJson)->Unit(benchmark::kMicrosecond);

void BM_WeldJsonCompiled(benchmark::State& state) {
    json_path(state, true);
    state.counters["cc_seconds"] = weld().cc_seconds;
}
BENCHMARK(BM_WeldJsonCompiled)->Unit(benchmark::kMicrosecond);

void BM_WeldMemory(benchmark::State& state) {
    const Weld& w = weld();
    if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
    tenet::Session session(w.ruleset);
    size_t i = 0;
    for (auto _ : state) {
        session.evaluate(w.cases[i++ % w.cases.size()]);
        benchmark::DoNotOptimize(session.result(0));
    }
    report(state, w);
}
BENCHMARK(BM_WeldMemory)->Unit(benchmark::kMicrosecond);

void BM_WeldCompiled(benchmark::State& state) {
    const Weld& w = weld();
    if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
    tenet::CompiledRun run(w.code);
    size_t i = 0, interpreted = 0, fallback = 0, n = w.ruleset->decisions().size();
    for (auto _ : state) {
        run.run(w.cases[i++ % w.cases.size()].impl().data);
        benchmark::DoNotOptimize(run.value(0));
    }
    for (size_t k = 0; k < w.cases.size(); ++k) {
        run.run(w.cases[k].impl().data);
        for (size_t d = 0; d < n; ++d) {
            interpreted += !run.answered(d);
            fallback += run.left_to_interpreter(d);
        }
    }
    report(state, w);
    state.counters["cc_seconds"] = w.cc_seconds;
    state.counters["interpreted_per_case"] = static_cast<double>(interpreted) / static_cast<double>(w.cases.size());
    state.counters["fallback_per_case"] = static_cast<double>(fallback) / static_cast<double>(w.cases.size());
}
BENCHMARK(BM_WeldCompiled)->Unit(benchmark::kMicrosecond);

}  // namespace
