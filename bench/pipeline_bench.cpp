// The pipeline's stages, each on its own: parse, check, compile, evaluate one case (facts already
// decoded), and one case from JSON text to JSON text. Run: build/bench/tenet_bench.
// The ruleset is the largest shipped one (Weld County over the Colorado state plan) when
// present, else the language tour; TENET_BENCH_RULESET and TENET_BENCH_CASE override both.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "api/ruleset_impl.hpp"
#include "check/checker.hpp"
#include "syntax/parser.hpp"
#include "tenet/tenet.hpp"

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool exists(const std::string& path) { return std::ifstream(path).good(); }

std::string ruleset_path() {
    if (const char* p = std::getenv("TENET_BENCH_RULESET")) return p;
    std::string weld = std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/weld.tenet";
    return exists(weld) ? weld : std::string(TENET_SOURCE_DIR) + "/tests/rulesets/tour/county.tenet";
}

std::string case_text() {
    if (const char* p = std::getenv("TENET_BENCH_CASE")) return read(p);
    std::string sample = std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/caseload/weld_sample.jsonl";
    if (exists(sample) && ruleset_path().find("weld") != std::string::npos) {
        std::string line;
        std::ifstream in(sample);
        std::getline(in, line);
        return line;
    }
    return R"({"as_of":"1999-06-01","household":{"size":3,"family_type":"single_parent","monthly_gross_income":"900","countable_resources":"1500","monthly_grant":"303.00"},"caretaker":{"fugitive_felon":false,"weekly_hours":25},"history":{"episodes":[{"start":"1999-05-03"}],"diversion_payments":[{"date":"1998-09-01","item":"tools","amount":"150.00"}]},"request":{"items":[{"item":"vision","amount":"200"},{"item":"relocation","amount":"1000"}],"director_exception":false},"child_care":{"provider":"licensed_center","age_months":23,"days":20}})";
}

// The shipped rulesets, for the parse, check and compile figures of each.
const char* const kShipped[] = {"rulesets/colorado/works.tenet", "rulesets/colorado/weld.tenet",
                                "rulesets/kentucky/kwp.tenet"};

std::string path_of(benchmark::State& state) {
    if (std::getenv("TENET_BENCH_RULESET")) return ruleset_path();
    return std::string(TENET_SOURCE_DIR) + "/" + kShipped[state.range(0)];
}

void BM_Parse(benchmark::State& state) {
    std::string path = path_of(state);
    std::string text = read(path);
    for (auto _ : state) {
        tenet::syntax::SourceSet sources;
        tenet::syntax::DiagnosticSink sink(sources);
        const auto& file = sources.add(path, text);
        auto module = tenet::syntax::parse_module(file, sink);
        benchmark::DoNotOptimize(module);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
    state.SetLabel(path.substr(path.rfind('/') + 1) + " alone");
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMicrosecond)->DenseRange(0, 2);

void BM_Check(benchmark::State& state) {
    std::string path = path_of(state);
    for (auto _ : state) {
        std::vector<tenet::Diagnostic> diags;
        auto model = tenet::check::check_file(path, &diags);
        if (!model) state.SkipWithError("the ruleset does not check");
        benchmark::DoNotOptimize(model);
    }
    state.SetLabel(path.substr(path.rfind('/') + 1) + ": parse + check, every file it extends and imports");
}
BENCHMARK(BM_Check)->Unit(benchmark::kMicrosecond)->DenseRange(0, 2);

void BM_Compile(benchmark::State& state) {
    std::string path = path_of(state);
    for (auto _ : state) {
        auto r = tenet::compile_file(path);
        if (!r.ok()) state.SkipWithError("the ruleset does not compile");
        benchmark::DoNotOptimize(r);
    }
    state.SetLabel(path.substr(path.rfind('/') + 1) + ": parse + check + graph for one period");
}
BENCHMARK(BM_Compile)->Unit(benchmark::kMicrosecond)->DenseRange(0, 2)->UseRealTime();

// What a host that only evaluates waits for: compile without the ruleset's own tests, and
// without the time to free the previous result (a host frees a ruleset when it is done with it).
void BM_CompileForEvaluation(benchmark::State& state) {
    std::string path = path_of(state);
    tenet::CompileOptions options;
    options.tests = false;
    options.warnings = false;
    for (auto _ : state) {
        auto r = tenet::compile_file(path, options);
        if (!r.ok()) state.SkipWithError("the ruleset does not compile");
        state.PauseTiming();
        r = {};
        state.ResumeTiming();
    }
    state.SetLabel(path.substr(path.rfind('/') + 1) + ": parse + check + graph, tests not checked");
}
BENCHMARK(BM_CompileForEvaluation)->Unit(benchmark::kMicrosecond)->DenseRange(0, 2)->UseRealTime();

void BM_EvaluateInMemory(benchmark::State& state) {
    auto r = tenet::compile_file(ruleset_path());
    if (!r.ok()) return state.SkipWithError("the ruleset does not compile");
    tenet::Session session(r.ruleset);
    tenet::Case c;
    std::vector<tenet::InputError> errors;
    if (!session.decode(case_text(), &c, &errors)) return state.SkipWithError("the case does not decode");
    int grant = r.ruleset->find_decision("adjusted_grant");
    for (auto _ : state) {
        session.evaluate(c);
        benchmark::DoNotOptimize(session.result(grant >= 0 ? grant : 0));
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.SetLabel("every decision, facts in memory, values read in memory");
}
BENCHMARK(BM_EvaluateInMemory);

void BM_EvaluateDecoded(benchmark::State& state) {
    auto r = tenet::compile_file(ruleset_path());
    if (!r.ok()) return state.SkipWithError("the ruleset does not compile");
    tenet::Session session(r.ruleset);
    tenet::Case c;
    std::vector<tenet::InputError> errors;
    if (!session.decode(case_text(), &c, &errors)) return state.SkipWithError("the case does not decode");
    std::string out;
    for (auto _ : state) {
        out.clear();
        session.evaluate_json(c, {}, &out, &errors);
        benchmark::DoNotOptimize(out);
    }
    state.SetLabel("every decision, facts in memory, JSON out");
}
BENCHMARK(BM_EvaluateDecoded);

// Reading the JSON case alone: with decode()'s reader (simdjson, which defers to nlohmann on
// anything it does not read as a valid case), and with the reference reader (nlohmann) alone.
void BM_DecodeJson(benchmark::State& state) {
    auto r = tenet::compile_file(ruleset_path());
    if (!r.ok()) return state.SkipWithError("the ruleset does not compile");
    const tenet::eval::CaseDecoder& decoder = *r.ruleset->impl().decoder;
    bool reference = state.range(0) == 1;
    std::string text = case_text();
    tenet::eval::CaseData data;
    std::vector<tenet::eval::InputError> errors;
    for (auto _ : state) {
        errors.clear();
        bool ok = reference ? decoder.decode_reference(text, &data, &errors) : decoder.decode(text, &data, &errors);
        if (!ok) return state.SkipWithError("the case does not decode");
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
    state.SetLabel(reference ? "the reference reader (nlohmann) alone" : "decode(): simdjson");
}
BENCHMARK(BM_DecodeJson)->Arg(0)->Arg(1);

void BM_JsonInJsonOut(benchmark::State& state) {
    auto r = tenet::compile_file(ruleset_path());
    if (!r.ok()) return state.SkipWithError("the ruleset does not compile");
    tenet::Session session(r.ruleset);
    std::string text = case_text();
    tenet::Case c;
    std::vector<tenet::InputError> errors;
    std::string out;
    for (auto _ : state) {
        out.clear();
        errors.clear();
        session.decode(text, &c, &errors);
        session.evaluate_json(c, {}, &out, &errors);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_JsonInJsonOut);

}  // namespace
