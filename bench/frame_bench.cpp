// The Weld County ruleset over a caseload of 1,000,000 cases given as typed columns
// (tenet::evaluate_columns), on 1 and 2 threads: every decision, columnar kernels where the plan
// allows and row by row elsewhere. Also reports the input columns' size and the process's peak
// memory, to compare with "peak memory at most 2x the input columns" (issue 6).
//
// The caseload is the shipped synthetic sample (rulesets/colorado/caseload/weld_sample.jsonl,
// 500 households drawn like Exhibit G's baseline) repeated to the requested size; each fact is a
// column of its own type: bools, int64s, money and decimals as scaled int64s, dates as days,
// enums as dictionary codes, and history lists either as the JSON text of each row's array
// (lists:0) or in the Arrow layout (lists:1): offsets and one typed column per record field.
// compiled:1 evaluates with the ruleset's compiled code (FrameOptions::compiled_code), built by
// `cc` once into the cache ($TENET_CACHE_DIR, else ~/.cache/tenet) with $TENET_CFLAGS, else the
// default (-O0 for Weld's 12.7 MB of C), before the timing; `compiled_decisions` says how many
// decisions it computes.
// Run: build/bench/tenet_frame_bench [--benchmark_filter=Weld/1000000]
//      TENET_CACHE_DIR=build/native-cache build/bench/tenet_frame_bench --benchmark_filter='WeldColumns.*compiled:1'
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tenet/columns.hpp"
#include "tenet/tenet.hpp"
#include "util/date.hpp"
#include "util/rational.hpp"

namespace {

struct Caseload {
    std::shared_ptr<const tenet::Ruleset> ruleset;
    size_t rows = 0;
    std::vector<tenet::InputColumn> columns;
    // the storage the columns borrow
    std::vector<std::vector<uint8_t>> bools, present;
    std::vector<std::vector<int64_t>> numbers;
    std::vector<std::vector<int32_t>> codes;
    std::vector<std::vector<std::string_view>> views;
    std::vector<std::string> texts;  // one per sample row and list fact; views point here
    size_t input_bytes = 0;
    std::string error;
};

const nlohmann::json* at_path(const nlohmann::json& j, const std::string& path) {
    const nlohmann::json* p = &j;
    size_t start = 0;
    while (start <= path.size()) {
        size_t dot = path.find('.', start);
        std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!p->is_object() || !p->contains(key)) return nullptr;
        p = &(*p)[key];
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return p;
}

int64_t scaled(const nlohmann::json& v, int scale) {
    std::string text = v.is_string() ? v.get<std::string>() : v.dump();
    tenet::util::Rational r, s;
    int64_t factor = 1;
    for (int i = 0; i < scale; ++i) factor *= 10;
    if (!tenet::util::parse_decimal(text, &r, nullptr) || !tenet::util::mul(r, tenet::util::Rational::of(factor), &s) ||
        !s.is_integer()) {
        throw std::runtime_error("not a number with at most " + std::to_string(scale) + " decimals: " + text);
    }
    return s.num;
}

// A list fact's elements for every row end to end (the sample's lists repeated): offsets and one
// column per record field, typed as the values are (money in cents, dates as days, bools, enums
// as dictionary codes); a field no element has gets no column.
void arrow_list(Caseload& c, const std::string& path, const std::vector<nlohmann::json>& sample, size_t rows,
                const uint8_t* mask) {
    const size_t n = sample.size();
    std::vector<int64_t> offsets{0};
    std::vector<const nlohmann::json*> elements;
    for (size_t i = 0; i < rows; ++i) {
        const nlohmann::json* v = at_path(sample[i % n], path);
        if (v && v->is_array()) {
            for (const auto& e : *v) elements.push_back(&e);
        }
        offsets.push_back(static_cast<int64_t>(elements.size()));
    }
    c.numbers.push_back(std::move(offsets));
    const int64_t* offsets_data = c.numbers.back().data();
    c.input_bytes += (rows + 1) * sizeof(int64_t);
    std::vector<std::string> names;
    for (const nlohmann::json* e : elements) {
        for (const auto& item : e->items()) {
            if (std::find(names.begin(), names.end(), item.key()) == names.end()) names.push_back(item.key());
        }
    }
    const size_t count = elements.size();
    std::vector<tenet::InputColumn> fields;
    for (const std::string& name : names) {
        std::vector<uint8_t> here(count, 0);
        const nlohmann::json* first = nullptr;
        for (size_t e = 0; e < count; ++e) {
            auto it = elements[e]->find(name);
            here[e] = it != elements[e]->end() && !it->is_null();
            if (here[e] && !first) first = &*it;
        }
        if (!first) continue;
        c.present.push_back(std::move(here));
        const uint8_t* present = c.present.back().data();
        c.input_bytes += count;
        tenet::util::Days day = 0;
        if (first->is_boolean()) {
            std::vector<uint8_t> col(count, 0);
            for (size_t e = 0; e < count; ++e) col[e] = present[e] && elements[e]->at(name).get<bool>();
            c.bools.push_back(std::move(col));
            fields.push_back(tenet::InputColumn::booleans(name, c.bools.back().data(), present));
            c.input_bytes += count;
        } else if (first->is_string() && !tenet::util::parse_iso_date(first->get<std::string>(), &day) &&
                   !first->is_number() &&
                   first->get<std::string>().find_first_not_of("0123456789.-") != std::string::npos) {
            std::map<std::string, int32_t> index;
            std::vector<std::string> dictionary;
            std::vector<int32_t> col(count, -1);
            for (size_t e = 0; e < count; ++e) {
                if (!present[e]) continue;
                auto [it, added] =
                    index.emplace(elements[e]->at(name).get<std::string>(), static_cast<int32_t>(dictionary.size()));
                if (added) dictionary.push_back(it->first);
                col[e] = it->second;
            }
            c.codes.push_back(std::move(col));
            fields.push_back(tenet::InputColumn::dictionary_coded(name, c.codes.back().data(), dictionary));
            c.input_bytes += count * sizeof(int32_t);
        } else {
            bool dates = first->is_string() && tenet::util::parse_iso_date(first->get<std::string>(), &day);
            std::vector<int64_t> col(count, 0);
            for (size_t e = 0; e < count; ++e) {
                if (!present[e]) continue;
                const nlohmann::json& v = elements[e]->at(name);
                if (dates) {
                    tenet::util::parse_iso_date(v.get<std::string>(), &day);
                    col[e] = day;
                } else {
                    col[e] = scaled(v, 2);
                }
            }
            c.numbers.push_back(std::move(col));
            const int64_t* data = c.numbers.back().data();
            fields.push_back(dates ? tenet::InputColumn::days(name, data, present)
                                   : tenet::InputColumn::scaled(name, data, 2, present));
            c.input_bytes += count * sizeof(int64_t);
        }
    }
    c.columns.push_back(tenet::InputColumn::list(path, offsets_data, std::move(fields), mask));
}

std::unique_ptr<Caseload> load_caseload(size_t rows, bool arrow) {
    auto c = std::make_unique<Caseload>();
    c->rows = rows;
    auto compiled = tenet::compile_file(std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/weld.tenet");
    if (!compiled.ok()) {
        c->error = "weld.tenet does not compile";
        return c;
    }
    c->ruleset = compiled.ruleset;
    std::vector<nlohmann::json> sample;
    std::ifstream in(std::string(TENET_SOURCE_DIR) + "/rulesets/colorado/caseload/weld_sample.jsonl");
    for (std::string line; std::getline(in, line);) sample.push_back(nlohmann::json::parse(line));
    if (sample.empty()) {
        c->error = "the sample caseload is missing";
        return c;
    }
    const size_t n = sample.size();
    // reserve so that the borrowed pointers stay put
    const size_t facts = c->ruleset->facts().size();
    c->bools.reserve(facts * 4);
    c->present.reserve(facts * 4);
    c->numbers.reserve(facts * 4);
    c->codes.reserve(facts * 4);
    c->views.reserve(facts);
    c->texts.reserve(facts * n);
    for (const tenet::FactInfo& fact : c->ruleset->facts()) {
        const std::string& type = fact.type;
        std::string base = type.back() == '?' ? type.substr(0, type.size() - 1) : type;
        std::vector<uint8_t> present(rows, 1);
        bool any_absent = false;
        for (size_t i = 0; i < rows; ++i) {
            const nlohmann::json* v = at_path(sample[i % n], fact.path);
            if (!v || v->is_null()) present[i] = 0, any_absent = true;
        }
        const uint8_t* mask = nullptr;
        if (any_absent) {
            c->present.push_back(std::move(present));
            mask = c->present.back().data();
            c->input_bytes += rows;
        }
        auto value = [&](size_t i) { return at_path(sample[i % n], fact.path); };
        if (base == "bool") {
            std::vector<uint8_t> col(rows, 0);
            for (size_t i = 0; i < rows; ++i)
                if (auto v = value(i); v && v->is_boolean()) col[i] = v->get<bool>();
            c->bools.push_back(std::move(col));
            c->columns.push_back(tenet::InputColumn::booleans(fact.path, c->bools.back().data(), mask));
            c->input_bytes += rows;
        } else if (base == "int" || base == "money" || base == "decimal" || base == "percent" || base == "date") {
            std::vector<int64_t> col(rows, 0);
            int scale = base == "money" ? 2 : (base == "decimal" || base == "percent") ? 4 : 0;
            for (size_t i = 0; i < rows; ++i) {
                auto v = value(i);
                if (!v || v->is_null()) continue;
                if (base == "date") {
                    tenet::util::Days d = 0;
                    tenet::util::parse_iso_date(v->get<std::string>(), &d);
                    col[i] = d;
                } else {
                    col[i] = scaled(*v, scale);
                }
            }
            c->numbers.push_back(std::move(col));
            const int64_t* data = c->numbers.back().data();
            c->columns.push_back(base == "date"  ? tenet::InputColumn::days(fact.path, data, mask)
                                 : base == "int" ? tenet::InputColumn::integers(fact.path, data, mask)
                                                 : tenet::InputColumn::scaled(fact.path, data, scale, mask));
            c->input_bytes += rows * sizeof(int64_t);
        } else if (base.rfind("list", 0) == 0 && arrow) {
            arrow_list(*c, fact.path, sample, rows, mask);
        } else if (base.rfind("list", 0) == 0) {
            size_t first = c->texts.size();
            for (size_t i = 0; i < n; ++i) {
                const nlohmann::json* v = at_path(sample[i], fact.path);
                c->texts.push_back(v ? v->dump() : "[]");
            }
            std::vector<std::string_view> col(rows);
            for (size_t i = 0; i < rows; ++i) {
                col[i] = c->texts[first + i % n];
                c->input_bytes += col[i].size();
            }
            c->views.push_back(std::move(col));
            c->columns.push_back(tenet::InputColumn::text(fact.path, c->views.back().data(), mask));
            c->input_bytes += rows * sizeof(std::string_view);
        } else {  // an enum: dictionary codes, as pandas categoricals arrive
            std::map<std::string, int32_t> index;
            std::vector<std::string> dictionary;
            std::vector<int32_t> col(rows, -1);
            for (size_t i = 0; i < rows; ++i) {
                auto v = value(i);
                if (!v || !v->is_string()) continue;
                auto [it, added] = index.emplace(v->get<std::string>(), static_cast<int32_t>(dictionary.size()));
                if (added) dictionary.push_back(it->first);
                col[i] = it->second;
            }
            c->codes.push_back(std::move(col));
            c->columns.push_back(tenet::InputColumn::dictionary_coded(fact.path, c->codes.back().data(), dictionary));
            c->input_bytes += rows * sizeof(int32_t);
        }
    }
    return c;
}

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void BM_WeldColumns(benchmark::State& state) {
    const size_t rows = static_cast<size_t>(state.range(0));
    long rss_before_input = peak_rss_kib();
    std::unique_ptr<Caseload> caseload;
    try {
        caseload = load_caseload(rows, state.range(2) != 0);
    } catch (const std::exception& e) {
        return state.SkipWithError(e.what());
    }
    if (!caseload->error.empty()) return state.SkipWithError(caseload->error.c_str());
    long rss_with_input = peak_rss_kib();
    tenet::FrameOptions options;
    options.threads = static_cast<unsigned>(state.range(1));
    if (state.range(3) != 0) {
        tenet::CompiledCodeOptions build;
        if (const char* flags = std::getenv("TENET_CFLAGS"); flags && *flags) build.flags = flags;  // as `tenet eval`
        std::string error;
        options.compiled_code = tenet::CompiledCode::build(caseload->ruleset, build, &error);
        if (!options.compiled_code) return state.SkipWithError(("the compiled code: " + error).substr(0, 2000).c_str());
    }
    size_t columnar = 0, compiled = 0;
    // the process's CPU time (the workers' threads included): on a shared machine wall time
    // depends on the load, CPU time much less
    auto cpu_seconds = [] {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
               static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    };
    double cpu_start = cpu_seconds();
    for (auto _ : state) {
        tenet::FrameResult result;
        tenet::InputError error;
        if (!tenet::evaluate_columns(*caseload->ruleset, rows, caseload->columns, options, &result, &error)) {
            return state.SkipWithError((error.path + ": " + error.message).c_str());
        }
        columnar = result.columnar_decisions;
        compiled = result.compiled_decisions;
        benchmark::DoNotOptimize(result);
    }
    double cpu = cpu_seconds() - cpu_start;
    long rss_peak = peak_rss_kib();
    state.counters["cases_per_cpu_s"] = static_cast<double>(state.iterations() * rows) / cpu;
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
    state.counters["input_MiB"] = static_cast<double>(caseload->input_bytes) / (1 << 20);
    // what the evaluation itself needed beyond the input, over the input (issue 6: at most 2x
    // the input in all, so at most 1.0 here); a lower bound when an earlier run peaked higher
    state.counters["peak_over_input"] =
        static_cast<double>(rss_peak - rss_with_input) * 1024 / static_cast<double>(caseload->input_bytes);
    state.counters["input_rss_MiB"] = static_cast<double>(rss_with_input - rss_before_input) / 1024;
    state.counters["columnar_decisions"] = static_cast<double>(columnar);
    state.counters["compiled_decisions"] = static_cast<double>(compiled);
    state.counters["decisions"] = static_cast<double>(caseload->ruleset->decisions().size());
}
BENCHMARK(BM_WeldColumns)
    ->ArgNames({"cases", "threads", "lists", "compiled"})
    ->Args({100000, 1, 0, 0})
    ->Args({100000, 1, 1, 0})
    ->Args({1000000, 1, 1, 0})
    ->Args({1000000, 2, 1, 0})
    ->Args({1000000, 1, 0, 0})
    ->Args({100000, 1, 1, 1})
    ->Args({1000000, 1, 1, 1})
    ->Args({1000000, 2, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

}  // namespace
