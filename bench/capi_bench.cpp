// The C API's two ways in, on the same Weld County cases and decisions: one JSON case at a time
// (tenet_evaluate_json) against typed columns (tenet_evaluate_columns, on 1 and 2 threads).
// Items are cases; compare items_per_second.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tenet/tenet.h"

namespace {

constexpr size_t kCases = 4096;
const char* const kDecisions[] = {"eligible",
                                  "adjusted_grant",
                                  "sanction_percent",
                                  "required_weekly_hours",
                                  "meets_required_hours",
                                  "work_activity_monthly_hours",
                                  "child_care_income_limit",
                                  "child_care_daily_rate",
                                  "child_care_monthly_cost"};
constexpr int kDecisionCount = sizeof kDecisions / sizeof kDecisions[0];

// The baseline family of weld.tenet with its size, income, grant, hours and child varied.
struct Caseload {
    std::vector<int64_t> as_of, size, family, income, resources, grant, stamps, other, age, hours, wage, child_age,
        days, provider, care;
    std::vector<uint8_t> yes, no;
    std::vector<std::string> json;
    std::vector<tenet_fact_column> facts;

    Caseload() {
        for (size_t r = 0; r < kCases; ++r) {
            as_of.push_back(10743 + static_cast<int64_t>(r % 200));  // from 1999-06-01
            size.push_back(1 + static_cast<int64_t>(r % 6));
            family.push_back(r % 3 == 2);
            income.push_back(50000 + static_cast<int64_t>(r * 37 % 200000));
            resources.push_back(100000 + static_cast<int64_t>(r % 150000));
            grant.push_back(20000 + static_cast<int64_t>(r % 30000));
            stamps.push_back(15000 + static_cast<int64_t>(r % 20000));
            other.push_back(0);
            age.push_back(20 + static_cast<int64_t>(r % 40));
            hours.push_back(static_cast<int64_t>(r % 400));  // tenths
            wage.push_back(515);
            child_age.push_back(static_cast<int64_t>(r % 140));
            days.push_back(1 + static_cast<int64_t>(r % 22));
            provider.push_back(static_cast<int64_t>(r % 3));
            care.push_back(static_cast<int64_t>(r % 2));
            yes.push_back(1);
            no.push_back(0);
        }
        static const char* const providers[] = {"licensed_center", "licensed_home", "exempt"};
        static const char* const cares[] = {"regular", "alternate"};
        for (size_t r = 0; r < kCases; ++r) {
            int64_t day = as_of[r] - 10743;
            int month = day < 30    ? 6
                        : day < 61  ? 7
                        : day < 92  ? 8
                        : day < 122 ? 9
                        : day < 153 ? 10
                        : day < 183 ? 11
                                    : 12;
            static const int first[] = {0, 0, 0, 0, 0, 0, 0, 30, 61, 92, 122, 153, 183};
            char text[2048];
            std::snprintf(
                text, sizeof text,
                "{\"as_of\":\"1999-%02d-%02d\",\"household\":{\"size\":%lld,\"family_type\":\"%s\","
                "\"monthly_gross_income\":\"%lld.%02lld\",\"countable_resources\":\"%lld.%02lld\","
                "\"income_under_1996_standard\":true,\"monthly_basic_cash_grant\":\"%lld.%02lld\","
                "\"monthly_food_stamps\":\"%lld.%02lld\",\"monthly_other_cash\":\"0.00\"},"
                "\"caretaker\":{\"age\":%lld,\"is_parent\":true,\"married\":false,\"lives_with_parent_or_guardian\":"
                "false,"
                "\"abusive_home_referral\":false,\"high_school_complete\":true,\"in_school_or_ged\":false,"
                "\"fugitive_felon\":false,\"parole_or_probation_violator\":false,\"drug_rehabilitation\":false,"
                "\"alien_federal_exception\":false,\"weekly_work_hours\":%lld.%lld,\"comparable_hourly_wage\":\"5.15\"}"
                ","
                "\"history\":{\"sanction_episodes\":[],\"job_refusals\":[],\"fraud_convictions\":[]},"
                "\"child_care\":{\"child_age_months\":%lld,\"provider\":\"%s\",\"care\":\"%s\",\"days\":%lld}}",
                month, static_cast<int>(day - first[month] + 1), (long long)size[r],
                family[r] ? "two_parent" : "single_parent", (long long)(income[r] / 100), (long long)(income[r] % 100),
                (long long)(resources[r] / 100), (long long)(resources[r] % 100), (long long)(grant[r] / 100),
                (long long)(grant[r] % 100), (long long)(stamps[r] / 100), (long long)(stamps[r] % 100),
                (long long)age[r], (long long)(hours[r] / 10), (long long)(hours[r] % 10), (long long)child_age[r],
                providers[provider[r]], cares[care[r]], (long long)days[r]);
            json.push_back(text);
        }
        facts = {
            {"as_of", TENET_TYPE_DATE, 0, as_of.data(), nullptr},
            {"household.size", TENET_TYPE_INT, 0, size.data(), nullptr},
            {"household.family_type", TENET_TYPE_ENUM, 0, family.data(), nullptr},
            {"household.monthly_gross_income", TENET_TYPE_MONEY, 2, income.data(), nullptr},
            {"household.countable_resources", TENET_TYPE_MONEY, 2, resources.data(), nullptr},
            {"household.income_under_1996_standard", TENET_TYPE_BOOL, 0, yes.data(), nullptr},
            {"household.monthly_basic_cash_grant", TENET_TYPE_MONEY, 2, grant.data(), nullptr},
            {"household.monthly_food_stamps", TENET_TYPE_MONEY, 2, stamps.data(), nullptr},
            {"household.monthly_other_cash", TENET_TYPE_MONEY, 2, other.data(), nullptr},
            {"caretaker.age", TENET_TYPE_INT, 0, age.data(), nullptr},
            {"caretaker.is_parent", TENET_TYPE_BOOL, 0, yes.data(), nullptr},
            {"caretaker.married", TENET_TYPE_BOOL, 0, no.data(), nullptr},
            {"caretaker.lives_with_parent_or_guardian", TENET_TYPE_BOOL, 0, no.data(), nullptr},
            {"caretaker.abusive_home_referral", TENET_TYPE_BOOL, 0, no.data(), nullptr},
            {"caretaker.high_school_complete", TENET_TYPE_BOOL, 0, yes.data(), nullptr},
            {"caretaker.in_school_or_ged", TENET_TYPE_BOOL, 0, no.data(), nullptr},
            {"caretaker.fugitive_felon", TENET_TYPE_BOOL, 0, no.data(), nullptr},
            {"caretaker.parole_or_probation_violator", TENET_TYPE_BOOL, 0, no.data(), nullptr},
            {"caretaker.drug_rehabilitation", TENET_TYPE_BOOL, 0, no.data(), nullptr},
            {"caretaker.alien_federal_exception", TENET_TYPE_BOOL, 0, no.data(), nullptr},
            {"caretaker.weekly_work_hours", TENET_TYPE_DECIMAL, 1, hours.data(), nullptr},
            {"caretaker.comparable_hourly_wage", TENET_TYPE_MONEY, 2, wage.data(), nullptr},
            {"history.sanction_episodes", TENET_TYPE_LIST, 0, nullptr, nullptr},
            {"history.job_refusals", TENET_TYPE_LIST, 0, nullptr, nullptr},
            {"history.fraud_convictions", TENET_TYPE_LIST, 0, nullptr, nullptr},
            {"child_care.child_age_months", TENET_TYPE_INT, 0, child_age.data(), nullptr},
            {"child_care.provider", TENET_TYPE_ENUM, 0, provider.data(), nullptr},
            {"child_care.care", TENET_TYPE_ENUM, 0, care.data(), nullptr},
            {"child_care.days", TENET_TYPE_INT, 0, days.data(), nullptr},
        };
    }
};

tenet_ruleset* weld() {
    static tenet_ruleset* rules = [] {
        tenet_ruleset* r = nullptr;
        if (tenet_compile_file(TENET_SOURCE_DIR "/rulesets/colorado/weld.tenet", TENET_COMPILE_NO_WARNINGS, &r) !=
            TENET_OK) {
            std::fputs(tenet_ruleset_errmsg(r), stderr);
            std::abort();
        }
        return r;
    }();
    return rules;
}

const Caseload& caseload() {
    static Caseload c;
    return c;
}

void BM_CapiJson(benchmark::State& state) {
    const Caseload& cases = caseload();
    tenet_context* ctx = nullptr;
    tenet_context_new(weld(), &ctx);
    size_t i = 0;
    for (auto _ : state) {
        const std::string& text = cases.json[i++ % kCases];
        const char* result = nullptr;
        if (tenet_evaluate_json(ctx, text.data(), static_cast<int64_t>(text.size()), 0, kDecisions, kDecisionCount,
                                &result, nullptr) != TENET_OK) {
            state.SkipWithError(tenet_errmsg(ctx));
            break;
        }
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    tenet_context_free(ctx);
}
BENCHMARK(BM_CapiJson);

void BM_CapiColumns(benchmark::State& state) {
    const Caseload& cases = caseload();
    tenet_context* ctx = nullptr;
    tenet_context_new(weld(), &ctx);
    std::vector<std::vector<int64_t>> values(kDecisionCount, std::vector<int64_t>(kCases));
    std::vector<std::vector<uint8_t>> states(kDecisionCount, std::vector<uint8_t>(kCases));
    std::vector<tenet_decision_column> out;
    const tenet_ruleset* rules = weld();
    for (int d = 0; d < kDecisionCount; ++d) {
        int kind = tenet_decision_kind(rules, tenet_decision_index(rules, kDecisions[d]));
        out.push_back({kDecisions[d], kind, kind == TENET_TYPE_MONEY ? 2 : 0, values[d].data(), states[d].data()});
    }
    for (auto _ : state) {
        if (tenet_evaluate_columns(ctx, kCases, cases.facts.data(), static_cast<int>(cases.facts.size()), out.data(),
                                   kDecisionCount, static_cast<int>(state.range(0))) != TENET_OK) {
            state.SkipWithError(tenet_errmsg(ctx));
            break;
        }
        benchmark::DoNotOptimize(values[0].data());
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kCases));
    tenet_context_free(ctx);
}
BENCHMARK(BM_CapiColumns)->Arg(1)->Arg(2)->UseRealTime();

}  // namespace
