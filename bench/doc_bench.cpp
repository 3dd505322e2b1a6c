// `tenet doc` on the Weld ruleset, beyond compiling: reading the model into the index, the
// section matcher on the Weld manual, and the whole site (pages, Graphviz layouts, files).
// The manual comes from ../shared/seeds; without it the benchmarks that need it are skipped.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "doc/site.hpp"
#include "tenet/tenet.hpp"

namespace {

const std::string kWeld = TENET_SOURCE_DIR "/rulesets/colorado/weld.tenet";
const std::string kManual = TENET_SOURCE_DIR "/../shared/seeds/002_9025318621286bea.txt";

std::shared_ptr<const tenet::Ruleset> weld() {
    static auto compiled = tenet::compile_file(kWeld);
    return compiled.ruleset;
}

bool manual(std::string* text) {
    std::ifstream in(kManual, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    *text = s.str();
    return true;
}

void BM_DocIndex(benchmark::State& state) {
    auto rs = weld();
    for (auto _ : state) benchmark::DoNotOptimize(tenet::doc::index_ruleset(rs));
}
BENCHMARK(BM_DocIndex)->Unit(benchmark::kMillisecond);

void BM_DocSectionMatcher(benchmark::State& state) {
    std::string text;
    if (!manual(&text)) return state.SkipWithError("the Weld manual is not in ../shared/seeds");
    for (auto _ : state) benchmark::DoNotOptimize(tenet::doc::parse_source_text("weld", kManual, text));
}
BENCHMARK(BM_DocSectionMatcher)->Unit(benchmark::kMillisecond);

// Everything `tenet doc` does after compiling: index, manual, every page written.
void BM_DocWeldSite(benchmark::State& state) {
    std::string text;
    if (!manual(&text)) return state.SkipWithError("the Weld manual is not in ../shared/seeds");
    auto rs = weld();
    std::string dir = (std::filesystem::temp_directory_path() / "tenet_doc_bench").string();
    for (auto _ : state) {
        auto index = tenet::doc::index_ruleset(rs);
        std::vector<tenet::doc::SourceText> sources{tenet::doc::parse_source_text("weld", kManual, text)};
        tenet::doc::SiteReport report;
        std::string error;
        if (!tenet::doc::write_site(index, sources, dir, &report, &error)) return state.SkipWithError(error.c_str());
    }
    std::filesystem::remove_all(dir);
}
BENCHMARK(BM_DocWeldSite)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

}  // namespace
