// Tenet on the peers' stylised decision (bench/peers/colorado_works_weld.tenet), on the exact
// households the peers' harness generates (node gen_households.js 100000 20240601). Every output is
// checked against the peers' oracle before anything is timed; a mismatch aborts the run.
//   TENET_PEERS_HOUSEHOLDS=/tmp/peers/out/households_100000_20240601.jsonl build/bench/tenet_peers_bench
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include <unistd.h>

#include "api/ruleset_impl.hpp"
#include "compile/ops.hpp"
#include "emit/native_code.hpp"
#include "eval/batch.hpp"
#include "tenet/columns.hpp"
#include "tenet/tenet.hpp"

namespace {

struct Fixture {
    std::shared_ptr<const tenet::Ruleset> rs;
    std::vector<tenet::Case> cases;
    std::vector<std::string> texts;  // each household as a Tenet case, for the JSON benchmark
    std::vector<int> outputs;        // decision indices of the seven outputs
    size_t hand_a = 0;
    std::string error;
};

// The peers write exemption_reason and sanction level "none"; `none` is reserved in Tenet.
std::string tenet_case(const nlohmann::json& in) {
    nlohmann::json h = in;
    if (h["exemption_reason"] == "none") h["exemption_reason"] = "no_reason";
    for (const char* money : {"monthly_grant", "diversion_paid_last_12_months", "diversion_request"}) {
        h[money] = std::to_string(h[money].get<long>());
    }
    nlohmann::json c;
    c["as_of"] = "2000-01-01";
    c["h"] = h;
    return c.dump();
}

std::string text(const tenet::DecisionValue& v, const std::string& type, const std::vector<std::string>& levels) {
    if (v.state != tenet::DecisionValue::State::Ok) return "unresolved";
    if (type == "SanctionLevel") {
        std::string l = levels[static_cast<size_t>(v.integer)];
        return l == "not_sanctioned" ? "none" : l;
    }
    if (type == "bool") return v.boolean ? "true" : "false";
    if (type == "int") return std::to_string(v.integer);
    // money and percent: exact value in hundredths, which every expected value is a whole number of
    long double x = static_cast<long double>(v.numerator) * 100 / v.denominator;
    return std::to_string(std::llround(x));
}

std::string expected_text(const nlohmann::json& e, const std::string& type) {
    if (type == "SanctionLevel") return e.get<std::string>();
    if (type == "bool") return e.get<bool>() ? "true" : "false";
    if (type == "int") return std::to_string(e.get<long>());
    return std::to_string(std::llround(e.get<double>() * 100));  // peers: percent as 0.25, money in dollars
}

Fixture& fixture() {
    static Fixture f = [] {
        Fixture fx;
        std::string ruleset = std::string(TENET_SOURCE_DIR) + "/bench/peers/colorado_works_weld.tenet";
        auto compiled = tenet::compile_file(ruleset);
        if (!compiled.ok()) {
            fx.error = "the peers ruleset does not compile";
            return fx;
        }
        fx.rs = compiled.ruleset;
        const char* path = std::getenv("TENET_PEERS_HOUSEHOLDS");
        if (!path) {
            fx.error = "set TENET_PEERS_HOUSEHOLDS to the peers' households JSONL (see bench/peers/run.sh)";
            return fx;
        }
        std::ifstream in(path);
        if (!in) {
            fx.error = std::string("cannot read ") + path;
            return fx;
        }
        const char* names[] = {"sanction_level",           "sanction_percent", "adjusted_grant",
                               "required_weekly_hours",    "meets_hours",      "diversion_item_cap",
                               "diversion_approved_amount"};
        for (const char* n : names) fx.outputs.push_back(fx.rs->find_decision(n));
        const std::vector<std::string> levels{"exempt", "not_sanctioned", "cured", "first", "second", "third"};
        tenet::Session session(fx.rs);
        std::string line;
        size_t mismatches = 0;
        while (std::getline(in, line)) {
            auto j = nlohmann::json::parse(line);
            std::string text_case = tenet_case(j["input"]);
            tenet::Case c;
            std::vector<tenet::InputError> errors;
            if (!session.decode(text_case, &c, &errors)) {
                fx.error = "a household does not decode: " + errors[0].path + ": " + errors[0].message;
                return fx;
            }
            session.evaluate(c);
            for (size_t k = 0; k < fx.outputs.size(); ++k) {
                const std::string& type = fx.rs->decisions()[static_cast<size_t>(fx.outputs[k])].type;
                std::string got = text(session.result(fx.outputs[k]), type, levels);
                std::string want = expected_text(j["expected"][names[k]], type);
                if (got != want && ++mismatches <= 5) {
                    std::fprintf(stderr, "mismatch in household %zu, %s: expected %s, got %s\n", fx.cases.size(),
                                 names[k], want.c_str(), got.c_str());
                }
            }
            const auto& input = j["input"];
            if (fx.cases.empty() ||
                (input["monthly_grant"] == 400 && input["diversion_request"] == 250 && input["fiscal_year"] == 1999)) {
                fx.hand_a = fx.cases.size();
            }
            fx.cases.push_back(std::move(c));
            fx.texts.push_back(std::move(text_case));
        }
        if (mismatches) fx.error = std::to_string(mismatches) + " outputs differ from the peers' oracle";
        std::fprintf(stderr, "tenet: %zu households decoded and checked against the oracle: %zu mismatches\n",
                     fx.cases.size(), mismatches);
        return fx;
    }();
    return f;
}

// One household, facts in memory, all seven decisions computed and read: the peers' latency.
void BM_Single(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
    tenet::Session session(f.rs);
    const tenet::Case& c = f.cases[f.hand_a];
    int64_t sink = 0;
    for (auto _ : state) {
        session.evaluate(c);
        for (int d : f.outputs) sink += session.result(d).integer;
        benchmark::DoNotOptimize(sink);
    }
}
BENCHMARK(BM_Single);

// Every household once, one at a time, one thread: the peers' sequential batch.
void BM_Batch(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
    tenet::Session session(f.rs);
    int64_t sink = 0;
    for (auto _ : state) {
        for (const auto& c : f.cases) {
            session.evaluate(c);
            for (int d : f.outputs) sink += session.result(d).integer;
        }
        benchmark::DoNotOptimize(sink);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.cases.size()));
}
BENCHMARK(BM_Batch)->Unit(benchmark::kMillisecond);

// The same on N threads sharing one compiled ruleset, a session each.
void BM_BatchThreads(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
    size_t threads = static_cast<size_t>(state.range(0));
    for (auto _ : state) {
        std::vector<std::thread> pool;
        for (size_t t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                tenet::Session session(f.rs);
                int64_t sink = 0;
                for (size_t i = t; i < f.cases.size(); i += threads) {
                    session.evaluate(f.cases[i]);
                    for (int d : f.outputs) sink += session.result(d).integer;
                }
                benchmark::DoNotOptimize(sink);
            });
        }
        for (auto& th : pool) th.join();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.cases.size()));
}
BENCHMARK(BM_BatchThreads)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// JSON case text in, JSON decisions out, per household.
void BM_JsonInJsonOut(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
    tenet::Session session(f.rs);
    tenet::Case c;
    std::vector<tenet::InputError> errors;
    std::string out;
    size_t i = 0;
    for (auto _ : state) {
        out.clear();
        session.decode(f.texts[i], &c, &errors);
        session.evaluate_json(c, {}, &out, &errors);
        benchmark::DoNotOptimize(out);
        if (++i == f.texts.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_JsonInJsonOut);

// Columnar: 1,000,000 households (the 100,000 repeated ten times) as one column per fact,
// evaluated block by block; N threads each take a contiguous share. Facts are already in
// Tenet's value columns: this is the engine's own throughput.
void BM_Columnar(benchmark::State& state) {
    Fixture& f = fixture();
    if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
    const tenet::Ruleset::Impl& impl = f.rs->impl();
    const tenet::check::Model& m = *impl.model;
    const size_t rows = 1000000;
    static std::vector<std::vector<tenet::eval::Value>> values;
    static std::vector<std::vector<tenet::eval::State>> states;
    static std::vector<tenet::eval::FactColumn> columns;
    if (columns.empty()) {
        values.assign(m.facts.size(), std::vector<tenet::eval::Value>(rows));
        states.assign(m.facts.size(), std::vector<tenet::eval::State>(rows));
        for (size_t fact = 0; fact < m.facts.size(); ++fact) {
            for (size_t i = 0; i < rows; ++i) {
                const auto& data = f.cases[i % f.cases.size()].impl().data;
                values[fact][i] = data.values[fact];
                states[fact][i] = data.states[fact];
            }
            columns.push_back(tenet::eval::FactColumn{values[fact].data(), states[fact].data()});
        }
    }
    const tenet::compile::Program& program = impl.program(impl.period_of(f.cases[0].impl().data.values[0].d));
    std::vector<tenet::compile::NodeId> roots;
    for (int d : f.outputs) roots.push_back(program.rule_nodes[impl.decision_rules[static_cast<size_t>(d)]]);
    tenet::eval::BatchPlan plan(program, roots);
    if (!plan.supported()) return state.SkipWithError("the plan is not columnar");
    size_t threads = static_cast<size_t>(state.range(0));
    std::vector<std::vector<tenet::eval::Value>> out_values(roots.size(), std::vector<tenet::eval::Value>(rows));
    std::vector<std::vector<tenet::eval::State>> out_states(roots.size(), std::vector<tenet::eval::State>(rows));
    std::vector<std::unique_ptr<tenet::eval::BatchEvaluator>> evaluators;
    for (size_t t = 0; t < threads; ++t) evaluators.push_back(std::make_unique<tenet::eval::BatchEvaluator>(m));
    for (auto _ : state) {
        std::vector<std::thread> pool;
        for (size_t t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                size_t first = rows * t / threads, last = rows * (t + 1) / threads;
                std::vector<tenet::eval::FactColumn> cols = columns;
                for (auto& c : cols) {
                    c.values += first;
                    c.states += first;
                }
                std::vector<tenet::eval::RootColumn> out;
                for (size_t r = 0; r < roots.size(); ++r)
                    out.push_back({out_values[r].data() + first, out_states[r].data() + first});
                evaluators[t]->run(plan, last - first, cols.data(), out.data());
            });
        }
        for (auto& th : pool) th.join();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
}
BENCHMARK(BM_Columnar)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

namespace {

// ---- compiled code: the C of `tenet compile --emit c` (docs/COMPILED.md), built with cc -O2 ----

struct Compiled {
    tenet::emit::NativeCode native;
    std::vector<int> outputs;  // the seven outputs' decision indices
    int (*all)(void*, const tenet::eval::Value*, const uint8_t*, tenet::emit::CompiledResult*, uint8_t*) = nullptr;
    size_t (*batch)(void*, const tenet::emit::CColumn*, size_t, tenet::emit::COutput*, uint8_t*) = nullptr;
    std::string error;
};

Compiled& compiled() {
    static Compiled x;
    static bool built = [] {
        Fixture& f = fixture();
        if (!f.error.empty()) {
            x.error = f.error;
            return false;
        }
        tenet::Ruleset::CSource source = f.rs->emit_c("", "colorado_works_weld.tenet");
        std::string dir = "/tmp/tenet_peers_compiled_" + std::to_string(::getpid());
        std::string mkdir = "mkdir -p '" + dir + "'";
        if (std::system(mkdir.c_str()) != 0 ||
            !x.native.build(source.text, dir, "stylised", &x.error, "-march=native")) {
            if (x.error.empty()) x.error = "cannot create " + dir;
            return false;
        }
        x.all = reinterpret_cast<decltype(x.all)>(x.native.symbol("tenet_decide_all"));
        x.batch = reinterpret_cast<decltype(x.batch)>(x.native.symbol("tenet_batch_all"));
        x.outputs = f.outputs;
        return true;
    }();
    (void)built;
    return x;
}

// One household, all seven decisions, from the case's values: the compiled scalar path.
void BM_CompiledSingle(benchmark::State& state) {
    Compiled& c = compiled();
    if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
    Fixture& f = fixture();
    const auto& data = f.cases[f.hand_a].impl().data;
    size_t nd = f.rs->decisions().size();
    std::vector<tenet::emit::CompiledResult> out(nd);
    std::vector<uint8_t> fallback(nd);
    int64_t sink = 0;
    for (auto _ : state) {
        c.all(c.native.context(), data.values.data(), reinterpret_cast<const uint8_t*>(data.states.data()), out.data(),
              fallback.data());
        for (int d : c.outputs) sink += out[static_cast<size_t>(d)].v.i;
        benchmark::DoNotOptimize(sink);
    }
}
BENCHMARK(BM_CompiledSingle);

// 1,000,000 households as typed columns at their natural width (the floor's: 0/1 bytes for bools,
// int8 enum indices, int32 ints and dates, int32 hundredths of an hour, int64 cents for money, at
// scale 2), every decision into a typed column (a state byte and the value: int64 cents, int32 enum
// indices, the percent in basis points...), one thread: the compiled columnar path. The outputs are checked against the scalar
// evaluator's first, household by household.
void BM_CompiledColumnar(benchmark::State& state) {
    Compiled& c = compiled();
    if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
    Fixture& f = fixture();
    const tenet::check::Model& m = *f.rs->impl().model;
    const size_t rows = 1000000;
    size_t nf = m.facts.size(), nd = f.rs->decisions().size();
    static std::vector<std::vector<int64_t>> int64s;
    static std::vector<std::vector<int32_t>> int32s;
    static std::vector<std::vector<int8_t>> int8s;
    static std::vector<std::vector<uint8_t>> bools;
    static std::vector<tenet::emit::CColumn> cols;
    if (cols.empty()) {
        int64s.resize(nf);
        int32s.resize(nf);
        int8s.resize(nf);
        bools.resize(nf);
        cols.resize(nf);
        for (size_t fact = 0; fact < nf; ++fact) {
            auto kind = tenet::eval::kind_of(m, m.facts[fact].type);
            auto type = m.types.kind(m.types.strip_optional(m.facts[fact].type));
            bool money = type == tenet::check::TypeKind::Money, percent = type == tenet::check::TypeKind::Percent;
            for (size_t i = 0; i < rows; ++i) {
                const tenet::eval::Value& v = f.cases[i % f.cases.size()].impl().data.values[fact];
                switch (kind) {
                    case tenet::eval::ValueKind::Bool: bools[fact].push_back(v.b); break;
                    case tenet::eval::ValueKind::Enum: int8s[fact].push_back(static_cast<int8_t>(v.e)); break;
                    case tenet::eval::ValueKind::Date: int32s[fact].push_back(v.d); break;
                    case tenet::eval::ValueKind::Number: {
                        int64_t scaled = v.r.num * (percent ? 10000 : 100) / v.r.den;
                        if (money) int64s[fact].push_back(scaled);
                        else int32s[fact].push_back(static_cast<int32_t>(scaled));
                        break;
                    }
                    default: int32s[fact].push_back(static_cast<int32_t>(v.i)); break;
                }
            }
            tenet::emit::CColumn& col = cols[fact];
            if (!bools[fact].empty()) col.bools = bools[fact].data();
            else if (!int8s[fact].empty()) col.values = int8s[fact].data(), col.width = 1;
            else if (!int64s[fact].empty()) col.values = int64s[fact].data(), col.width = 8;
            else col.values = int32s[fact].data(), col.width = 4;
            col.scale = kind == tenet::eval::ValueKind::Number ? 2 : 0;
        }
    }
    // typed output columns, as tenet/columns.hpp's: a state byte and the value at its natural width
    std::vector<std::vector<uint8_t>> states(nd, std::vector<uint8_t>(rows)), out_bools(nd);
    std::vector<std::vector<int64_t>> out_int64s(nd), points(nd);
    std::vector<std::vector<int32_t>> out_int32s(nd);
    std::vector<tenet::emit::COutput> out(nd);
    for (size_t d = 0; d < nd; ++d) {
        const std::string& type = f.rs->decisions()[d].type;
        out[d].states = states[d].data();
        if (type == "bool") out[d].bools = (out_bools[d].resize(rows), out_bools[d].data());
        else if (type == "int" || type == "money") out[d].int64s = (out_int64s[d].resize(rows), out_int64s[d].data());
        else if (type == "percent") {
            // in basis points (hundredths of a point), as the floor writes it: an int64 at scale 2
            out[d].scaled = (points[d].resize(rows), points[d].data());
            out[d].scale = 2;
        } else out[d].int32s = (out_int32s[d].resize(rows), out_int32s[d].data());
    }
    std::vector<uint8_t> fallback(rows);
    if (c.batch(c.native.context(), cols.data(), rows, out.data(), fallback.data()) != 0)
        return state.SkipWithError("rows left to the interpreter");
    // the compiled columns against the evaluator, household by household
    tenet::Session session(f.rs);
    for (size_t i = 0; i < f.cases.size(); ++i) {
        session.evaluate(f.cases[i]);
        for (int d : c.outputs) {
            size_t k = static_cast<size_t>(d);
            tenet::DecisionValue want = session.result(d);
            bool same = states[k][i] == static_cast<uint8_t>(tenet::RowState::Ok) &&
                        want.state == tenet::DecisionValue::State::Ok;
            const std::string& type = f.rs->decisions()[k].type;
            if (same && type == "money") same = out_int64s[k][i] * want.denominator == want.numerator * 100;
            else if (same && type == "percent") same = points[k][i] * want.denominator == want.numerator * 10000;
            else if (same && type == "bool") same = (out_bools[k][i] != 0) == want.boolean;
            else if (same && type == "int") same = out_int64s[k][i] == want.integer;
            else if (same) same = out_int32s[k][i] == want.integer;
            if (!same) return state.SkipWithError("the compiled columns differ from the evaluator");
        }
    }
    for (auto _ : state) {
        size_t left = c.batch(c.native.context(), cols.data(), rows, out.data(), fallback.data());
        benchmark::DoNotOptimize(left);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
}
BENCHMARK(BM_CompiledColumnar)->Unit(benchmark::kMillisecond);

}  // namespace
