// Compile time against ruleset size: synthetic rulesets of 100, 1,000 and 10,000 rules, shaped
// like real policy (facts, effective-dated parameters, tables, rules that use earlier rules,
// aggregates over a history list, decisions), compiled from text. Compile = parse + check +
// build the evaluation graph for one period.
#include <benchmark/benchmark.h>

#include <string>

#include "tenet/tenet.hpp"

namespace {

std::string synthetic_ruleset(int rules) {
    std::string s = "ruleset bench.synthetic \"Synthetic ruleset for compile benchmarks\"\n";
    s += "enum Kind { a, b, c, d }\nrecord Payment { date: date, amount: money, kind: Kind }\n";
    s += "facts h {\n  payments: list<Payment>\n";
    int facts = rules / 10 + 1;
    for (int f = 0; f < facts; ++f) s += "  m" + std::to_string(f) + ": money\n  k" + std::to_string(f) + ": Kind\n";
    s += "}\n";
    int params = rules / 20 + 1;
    for (int p = 0; p < params; ++p) {
        s += "parameter cap" + std::to_string(p) + ": money cite \"s. " + std::to_string(p) + "\" {\n";
        s += "  before 1998-12-01 = $" + std::to_string(1000 + p) + "\n  from 1998-12-01 = $" +
             std::to_string(2000 + p) + "\n}\n";
    }
    int tables = rules / 50 + 1;
    for (int t = 0; t < tables; ++t) {
        s += "table t" + std::to_string(t) + "(k: Kind, x: int) -> money hit first cite \"t. " + std::to_string(t) +
             "\" {\n";
        s += "  a | < 10 => $1\n  a | any => $2\n  b, c | >= 5 => $3\n  any | any => $4\n}\n";
    }
    for (int r = 0; r < rules; ++r) {
        std::string name = "r" + std::to_string(r);
        std::string fact = "h.m" + std::to_string(r % facts);
        std::string kind = "h.k" + std::to_string(r % facts);
        std::string cap = "cap" + std::to_string(r % params);
        bool decision = r % 10 == 9;
        s += std::string(decision ? "decision " : "rule ") + name + ": money cite \"" + std::to_string(r) + "\" = ";
        switch (r % 5) {
            case 0: s += "min(" + fact + ", " + cap + ")"; break;
            case 1:
                s += "if " + kind + " == b then " + fact + " + t" + std::to_string(r % tables) + "(" + kind + ", " +
                     std::to_string(r % 20) + ") else $0";
                break;
            case 2:
                s += "sum(p.amount for p in h.payments where p.kind == c and p.date within 12 months before as_of)";
                break;
            case 3: s += "limit " + fact + " {\n  at most " + cap + "\n  at least $0\n}"; break;
            default: s += "max(r" + std::to_string(r > 4 ? r - 4 : 0) + ", $" + std::to_string(r) + ")"; break;
        }
        if (r % 5 == 4 && r <= 4) s.resize(s.rfind('=') + 2), s += "$1";
        s += "\n";
    }
    return s;
}

void BM_CompileSynthetic(benchmark::State& state) {
    std::string text = synthetic_ruleset(static_cast<int>(state.range(0)));
    tenet::CompileOptions options;
    options.warnings = false;
    for (auto _ : state) {
        auto r = tenet::compile_source("synthetic.tenet", text, options);
        if (!r.ok()) {
            state.SkipWithError(r.diagnostics.empty() ? "does not compile" : r.diagnostics[0].message.c_str());
            break;
        }
        benchmark::DoNotOptimize(r);
        // a compiled ruleset lives as long as the host uses it: freeing it is not compiling
        state.PauseTiming();
        r = tenet::CompileResult();
        state.ResumeTiming();
    }
    state.SetLabel(std::to_string(text.size() / 1024) + " KiB of source");
}
BENCHMARK(BM_CompileSynthetic)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
