// The columnar evaluator computes exactly what the on-demand evaluator computes: the same values
// and the same states (missing facts, errors in taken branches, discarded errors in untaken
// ones), on random cases of the peers' stylised decision and of a ruleset written to provoke
// errors, with facts left out at random.
#include <gtest/gtest.h>

#include <random>

#include "api/ruleset_impl.hpp"
#include "eval/batch.hpp"
#include "support/support.hpp"

namespace tenet {
namespace {

struct Columns {
    std::vector<std::vector<eval::Value>> values;
    std::vector<std::vector<eval::State>> states;
    std::vector<eval::FactColumn> columns;
};

// The facts of decoded cases, gathered into one column per fact.
Columns gather(const check::Model& m, const std::vector<Case>& cases) {
    Columns c;
    c.values.assign(m.facts.size(), {});
    c.states.assign(m.facts.size(), {});
    for (size_t f = 0; f < m.facts.size(); ++f) {
        for (const auto& k : cases) {
            c.values[f].push_back(k.impl().data.values[f]);
            c.states[f].push_back(k.impl().data.states[f]);
        }
        c.columns.push_back(eval::FactColumn{c.values[f].data(), c.states[f].data()});
    }
    return c;
}

void compare_all(const std::shared_ptr<const Ruleset>& rs, const std::vector<std::string>& jsons) {
    const Ruleset::Impl& impl = rs->impl();
    const check::Model& m = *impl.model;
    Session session(rs);
    std::vector<Case> cases(jsons.size());
    for (size_t i = 0; i < jsons.size(); ++i) {
        std::vector<InputError> errors;
        ASSERT_TRUE(session.decode(jsons[i], &cases[i], &errors)) << jsons[i] << " " << errors[0].message;
    }
    const compile::Program& program = impl.program(impl.period_of(cases[0].impl().data.values[0].d));
    std::vector<compile::NodeId> roots;
    for (uint32_t r : impl.decision_rules) roots.push_back(program.rule_nodes[r]);
    eval::BatchPlan plan(program, roots);
    ASSERT_TRUE(plan.supported());
    Columns cols = gather(m, cases);
    std::vector<std::vector<eval::Value>> vals(roots.size(), std::vector<eval::Value>(cases.size()));
    std::vector<std::vector<eval::State>> sts(roots.size(), std::vector<eval::State>(cases.size()));
    std::vector<eval::RootColumn> out;
    for (size_t r = 0; r < roots.size(); ++r) out.push_back(eval::RootColumn{vals[r].data(), sts[r].data()});
    eval::BatchEvaluator batch(m);
    batch.run(plan, cases.size(), cols.columns.data(), out.data());

    eval::Evaluator ev(m);
    size_t checked = 0;
    for (size_t i = 0; i < cases.size(); ++i) {
        ev.begin(program, cases[i].impl().data, false);
        for (size_t r = 0; r < roots.size(); ++r) {
            const eval::Slot& s = ev.force(roots[r]);
            check::TypeId t = m.rules[impl.decision_rules[r]].type;
            ASSERT_EQ(static_cast<int>(s.s), static_cast<int>(sts[r][i]))
                << "case " << i << " decision " << rs->decisions()[r].name << ": " << jsons[i];
            if (s.s == eval::State::Ok) {
                ASSERT_TRUE(eval::deep_equal(m, t, s.v, vals[r][i]))
                    << "case " << i << " decision " << rs->decisions()[r].name << ": " << jsons[i];
            }
            if (s.s == eval::State::Error) ++checked;
        }
    }
    std::printf("compared %zu cases x %zu decisions (%zu errors among them)\n", cases.size(), roots.size(), checked);
}

TEST(Batch, AgreesWithTheOnDemandEvaluatorOnThePeersDecision) {
    auto r = compile_file(std::string(TENET_SOURCE_DIR) + "/bench/peers/colorado_works_weld.tenet");
    ASSERT_TRUE(r.ok());
    std::mt19937 rng(20240601);
    auto pick = [&](std::vector<std::string> v) { return v[rng() % v.size()]; };
    std::vector<std::string> jsons;
    for (int i = 0; i < 5000; ++i) {
        std::string h;
        auto add = [&](const std::string& k, const std::string& v) {
            if (rng() % 20 == 0) return;  // a missing fact, now and then
            h += (h.empty() ? "" : ",") + ("\"" + k + "\":") + v;
        };
        add("sanction_count_prior", std::to_string(rng() % 4));
        add("months_in_current_sanction", std::to_string(rng() % 7));
        add("cured", rng() % 3 == 0 ? "true" : "false");
        add("monthly_grant", "\"" + std::to_string(200 + rng() % 500) + "." + std::to_string(10 + rng() % 90) + "\"");
        add("has_good_cause_exemption", rng() % 5 == 0 ? "true" : "false");
        add("exemption_reason",
            "\"" + pick({"child_care_unavailable", "remote_transport", "no_reason", "relative_care"}) + "\"");
        add("family_type", "\"" + pick({"single_parent", "two_parent"}) + "\"");
        add("fiscal_year", std::to_string(1996 + rng() % 14));
        add("weekly_hours_participated", std::to_string(rng() % 90) + ".5");
        add("diversion_paid_last_12_months", std::to_string(rng() % 4000));
        add("diversion_request", std::to_string(rng() % 1300));
        add("diversion_item", "\"" + pick({"vision", "tools", "vehicle_repair", "clothing", "relocation"}) + "\"");
        jsons.push_back("{\"as_of\":\"2000-01-01\",\"h\":{" + h + "}}");
    }
    compare_all(r.ruleset, jsons);
}

TEST(Batch, ErrorsInUntakenBranchesAreDiscardedAsOnDemand) {
    auto r = testing::compile_text(R"(
ruleset t
facts f {
  a: int
  b: int
  flag: bool
  amount: money
}
table band(x: int) -> int hit unique cite "x" {
  < 0 => 1
  > 0 => 2
}
decision safe: decimal cite "x" = if f.b == 0 then 0 else round_half_up(f.a / f.b, 2)
decision unsafe: decimal cite "x" = round_half_up(f.a / f.b, 2)
decision either: bool cite "x" = f.flag or f.a / f.b > 1
decision both: bool cite "x" = f.flag and f.a > f.b
decision banded: int cite "x" = band(f.a)
decision capped: money cite "x" = limit f.amount {
  at most $100 unless f.flag
  at least $0
}
decision overflow: int cite "x" = f.a * f.b
)",
                                   {}, false);
    ASSERT_TRUE(r.ok()) << testing::diagnostics_text(r);
    std::mt19937 rng(7);
    std::vector<std::string> jsons;
    const char* ints[] = {"0", "1", "-1", "2", "9223372036854775807", "3037000500", "-5"};
    for (int i = 0; i < 3000; ++i) {
        std::string f;
        auto add = [&](const std::string& k, const std::string& v) {
            if (rng() % 6 == 0) return;
            f += (f.empty() ? "" : ",") + ("\"" + k + "\":") + v;
        };
        add("a", ints[rng() % 7]);
        add("b", ints[rng() % 7]);
        add("flag", rng() % 2 ? "true" : "false");
        add("amount", std::to_string(static_cast<int>(rng() % 300) - 100));
        jsons.push_back("{\"as_of\":\"2000-01-01\",\"f\":{" + f + "}}");
    }
    compare_all(r.ruleset, jsons);
}

}  // namespace
}  // namespace tenet
