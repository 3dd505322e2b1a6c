// `tenet lsp` on a keystroke: Weld County's ruleset (weld.tenet with works.tenet and
// contract.tenet, about 250 KB) open in the server, one character typed, and the time until the
// fresh diagnostics are published -- the budget is 100 ms. Also a hover and a
// completion on the same document, which answer from the last check.
#include <benchmark/benchmark.h>

#include <time.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/server.hpp"
#include "lsp/text.hpp"

namespace {

using json = nlohmann::json;

const std::string kWeld = std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/weld.tenet";

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

json message(const std::string& method, json params, int id = 0) {
    json m = {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
    if (id) m["id"] = id;
    return m;
}

double process_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Open {
    int published = 0;
    tenet::lsp::Server server{[this](const std::string& body) {
        if (body.find("publishDiagnostics") != std::string::npos) ++published;
        return true;
    }};
    std::string uri = tenet::lsp::path_to_uri(kWeld);
    Open() {
        server.handle(message("initialize", {{"capabilities", json::object()}}, 1).dump());
        server.handle(
            message("textDocument/didOpen",
                    {{"textDocument", {{"uri", uri}, {"languageId", "tenet"}, {"version", 1}, {"text", read(kWeld)}}}})
                .dump());
        server.publish_pending();
    }
    json at(int line, int character) {
        return {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", character}}}};
    }
};

// A character typed at the end of a comment line, then deleted: each is a check of the whole
// ruleset, through the server's own path (didChange, publish).
void BM_KeystrokeToDiagnostics(benchmark::State& state) {
    Open open;
    int version = 1;
    double cpu_ms = 0;  // the whole process's CPU time, the checking thread's included
    for (auto _ : state) {
        double before = process_cpu_ms();
        bool insert = version % 2 == 1;
        json change = {
            {"range",
             {{"start", {{"line", 0}, {"character", 2}}}, {"end", {{"line", 0}, {"character", insert ? 2 : 3}}}}},
            {"text", insert ? "x" : ""}};
        open.server.handle(
            message("textDocument/didChange",
                    {{"textDocument", {{"uri", open.uri}, {"version", ++version}}}, {"contentChanges", {change}}})
                .dump());
        open.server.publish_pending();
        cpu_ms += process_cpu_ms() - before;
    }
    // what an idle machine's wall time approaches, whatever else the machine runs
    state.counters["cpu_ms"] = benchmark::Counter(cpu_ms, benchmark::Counter::kAvgIterations);
    if (open.published < static_cast<int>(state.iterations())) state.SkipWithError("diagnostics were not published");
}
// the check runs on a thread of its own (a large stack): real time, not this thread's CPU time
BENCHMARK(BM_KeystrokeToDiagnostics)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Hover(benchmark::State& state) {
    Open open;
    std::string body = message("textDocument/hover", open.at(576, 14), 2).dump();  // diversion_yearly_cap
    for (auto _ : state) open.server.handle(body);
}
BENCHMARK(BM_Hover)->Unit(benchmark::kMicrosecond);

void BM_Completion(benchmark::State& state) {
    Open open;
    std::string body = message("textDocument/completion", open.at(576, 14), 2).dump();
    for (auto _ : state) open.server.handle(body);
}
BENCHMARK(BM_Completion)->Unit(benchmark::kMicrosecond);

}  // namespace
