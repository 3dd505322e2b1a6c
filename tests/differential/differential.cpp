// Running cases through the graph evaluators and the reference interpreter, and comparing.
#include "differential.hpp"

#include <algorithm>

#include "util/stack.hpp"

namespace tenet::differential {

using check::TypeId;
using check::TypeKind;
using eval::RefFault;
using eval::RefOutcome;
using eval::RefValue;
using eval::State;

namespace {

RefFault fault_of(eval::Fault f) {
    switch (f) {
        case eval::Fault::DivisionByZero: return RefFault::DivisionByZero;
        case eval::Fault::DateOutOfRange: return RefFault::DateOutOfRange;
        case eval::Fault::ForeverArithmetic: return RefFault::ForeverArithmetic;
        case eval::Fault::MixedDurations: return RefFault::MixedDurations;
        case eval::Fault::InvalidDate: return RefFault::InvalidDate;
        case eval::Fault::NoTableRow: return RefFault::NoTableRow;
        case eval::Fault::SeveralTableRows: return RefFault::SeveralTableRows;
        case eval::Fault::UndefinedParameter: return RefFault::UndefinedParameter;
        case eval::Fault::TooDeep: return RefFault::TooDeep;
        default: return RefFault::Overflow;
    }
}

// Same outcome; `with_missing` also compares the missing facts.
bool same(const RefOutcome& a, const RefOutcome& b, bool with_missing) {
    if (a.state != b.state) return false;
    switch (a.state) {
        case RefOutcome::State::Value: return eval::ref_equal(a.value, b.value);
        case RefOutcome::State::Missing: return !with_missing || a.missing == b.missing;
        case RefOutcome::State::Error: return a.fault == b.fault;
    }
    return false;
}

}  // namespace

std::string describe(const Mismatch& m) {
    return m.where + ": rule `" + m.rule + "` (" + m.engine + "): graph " + m.graph + ", reference " + m.reference;
}

RefValue from_graph(const check::Model& m, TypeId type, const eval::Value& v, State s) {
    if (s == State::None) return RefValue::none();
    const check::TypeTable& T = m.types;
    TypeId t = T.strip_optional(type);
    switch (T.kind(t)) {
        case TypeKind::Bool: return RefValue::of_bool(v.b);
        case TypeKind::Int: return RefValue::of_int(v.i);
        case TypeKind::Decimal:
        case TypeKind::Money:
        case TypeKind::Percent: return RefValue::of_number(v.r);
        case TypeKind::Date: return RefValue::of_date(v.d);
        case TypeKind::Duration: return RefValue::of_duration(v.dur.count, v.dur.months);
        case TypeKind::Enum: return RefValue::of_enum(v.e);
        case TypeKind::Record: {
            const auto& rec = m.records[T.get(t).ref];
            std::vector<RefValue> fields;
            for (size_t i = 0; i < rec.fields.size(); ++i) {
                fields.push_back(from_graph(m, rec.fields[i].type, v.rec[i].v, v.rec[i].s));
            }
            return RefValue::of_record(std::move(fields));
        }
        case TypeKind::List:
        case TypeKind::EmptyList: {
            std::vector<RefValue> items;
            TypeId el = T.kind(t) == TypeKind::List ? T.element(t) : T.error();
            for (uint32_t i = 0; i < v.list.size; ++i)
                items.push_back(from_graph(m, el, v.list.items[i].v, v.list.items[i].s));
            return RefValue::of_list(std::move(items));
        }
        default: return RefValue::none();
    }
}

eval::RefFacts facts_of(const check::Model& m, const eval::CaseData& data) {
    eval::RefFacts facts;
    for (size_t f = 0; f < m.facts.size(); ++f) {
        if (data.states[f] == State::Missing) facts.values.emplace_back();
        else facts.values.emplace_back(from_graph(m, m.facts[f].type, data.values[f], data.states[f]));
    }
    return facts;
}

std::string show(const check::Model& m, TypeId type, const RefOutcome& o) {
    switch (o.state) {
        case RefOutcome::State::Value: return o.value.present() ? eval::ref_to_string(m, type, o.value) : "absent";
        case RefOutcome::State::Missing: {
            std::string s = "unresolved (missing";
            for (uint32_t f : o.missing) s += " " + m.facts[f].path;
            return s + ")";
        }
        case RefOutcome::State::Error: return std::string("error (") + eval::ref_fault_name(o.fault) + ")";
    }
    return "?";
}

Comparer::Comparer(std::shared_ptr<const Ruleset> ruleset)
    : ruleset_(std::move(ruleset)), m_(*ruleset_->impl().model), evaluator_(m_), batch_(m_), reference_(m_) {
    for (uint32_t r = 0; r < m_.rules.size(); ++r) rules_.push_back(r);
}

const compile::Program* Comparer::program(util::Days as_of) {
    const Ruleset::Impl& rs = ruleset_->impl();
    size_t period = rs.period_of(as_of);
    auto& p = programs_[period];
    if (!p) {
        util::run_with_large_stack([&] {
            std::string error;
            p = compile::build_program(m_, rs.breaks[period], rules_, &error);
        });
    }
    return p.get();
}

RefOutcome Comparer::graph_outcome(const eval::Evaluator& ev, compile::NodeId node, const eval::Slot& s) const {
    RefOutcome o;
    switch (s.s) {
        case State::Ok:
        case State::None: {
            uint32_t rule = ev.program().nodes[node].aux;
            return RefOutcome::of(from_graph(m_, m_.rules[rule].type, s.v, s.s));
        }
        case State::Missing: {
            o.state = RefOutcome::State::Missing;
            std::vector<uint32_t> facts;
            ev.missing_facts(node, &facts);
            o.missing.insert(facts.begin(), facts.end());
            return o;
        }
        case State::Error: return RefOutcome::failure(fault_of(ev.errors()[s.error].fault));
    }
    return o;
}

size_t Comparer::compare(const eval::CaseData& data, const std::string& where, std::vector<Mismatch>* out) {
    const compile::Program* p = program(data.values[0].d);
    if (!p) return 0;
    eval::RefFacts facts = facts_of(m_, data);
    reference_.begin(facts);
    evaluator_.begin(*p, data, false);
    size_t compared = 0;
    for (uint32_t r : rules_) {
        compile::NodeId node = p->rule_nodes[r];
        if (node == compile::kNoNode) continue;
        RefOutcome graph = graph_outcome(evaluator_, node, evaluator_.force(node));
        RefOutcome ref = reference_.rule(r);
        ++compared;
        if (!same(graph, ref, true)) {
            TypeId t = m_.rules[r].type;
            out->push_back(Mismatch{where, m_.rules[r].name, "scalar", show(m_, t, graph), show(m_, t, ref)});
        }
    }
    return compared;
}

std::string Comparer::dump(const eval::CaseData& data) {
    const compile::Program* p = program(data.values[0].d);
    if (!p) return "no program\n";
    eval::RefFacts facts = facts_of(m_, data);
    reference_.begin(facts);
    evaluator_.begin(*p, data, false);
    std::string s;
    for (uint32_t r : rules_) {
        compile::NodeId node = p->rule_nodes[r];
        if (node == compile::kNoNode) continue;
        TypeId t = m_.rules[r].type;
        s += "# " + m_.rules[r].name + ": graph " +
             show(m_, t, graph_outcome(evaluator_, node, evaluator_.force(node))) + ", reference " +
             show(m_, t, reference_.rule(r)) + "\n";
    }
    return s;
}

size_t Comparer::compare_batch(const std::vector<const eval::CaseData*>& cases, std::vector<Mismatch>* out) {
    const Ruleset::Impl& rs = ruleset_->impl();
    // the columnar evaluator runs one program, so one period, at a time
    std::map<size_t, std::vector<size_t>> by_period;
    for (size_t i = 0; i < cases.size(); ++i) by_period[rs.period_of(cases[i]->values[0].d)].push_back(i);
    size_t compared = 0;
    for (const auto& [period, members] : by_period) {
        const compile::Program* p = program(cases[members[0]]->values[0].d);
        if (!p) continue;
        // the rules whose plan is columnar (all but those through `hit collect` tables)
        auto& batched = batched_[period];
        if (!batched.plan) {
            for (uint32_t r : rules_) {
                if (p->rule_nodes[r] == compile::kNoNode) continue;
                if (!eval::BatchPlan(*p, {p->rule_nodes[r]}).supported()) continue;
                batched.rules.push_back(r);
                batched.roots.push_back(p->rule_nodes[r]);
            }
            batched.plan = std::make_unique<eval::BatchPlan>(*p, batched.roots);
        }
        if (batched.rules.empty() || !batched.plan->supported()) continue;
        const std::vector<uint32_t>& rules = batched.rules;
        const std::vector<compile::NodeId>& roots = batched.roots;
        const eval::BatchPlan* plan = batched.plan.get();

        size_t n = members.size();
        std::vector<std::vector<eval::Value>> fact_values(m_.facts.size(), std::vector<eval::Value>(n));
        std::vector<std::vector<State>> fact_states(m_.facts.size(), std::vector<State>(n));
        std::vector<eval::FactColumn> columns(m_.facts.size());
        for (size_t f = 0; f < m_.facts.size(); ++f) {
            for (size_t i = 0; i < n; ++i) {
                fact_values[f][i] = cases[members[i]]->values[f];
                fact_states[f][i] = cases[members[i]]->states[f];
            }
            columns[f] = eval::FactColumn{fact_values[f].data(), fact_states[f].data()};
        }
        std::vector<std::vector<eval::Value>> values(roots.size(), std::vector<eval::Value>(n));
        std::vector<std::vector<State>> states(roots.size(), std::vector<State>(n));
        std::vector<std::vector<eval::Fault>> faults(roots.size(), std::vector<eval::Fault>(n));
        std::vector<eval::RootColumn> results;
        for (size_t k = 0; k < roots.size(); ++k)
            results.push_back(eval::RootColumn{values[k].data(), states[k].data(), faults[k].data()});
        batch_.run(*plan, n, columns.data(), results.data());

        for (size_t i = 0; i < n; ++i) {
            eval::RefFacts facts = facts_of(m_, *cases[members[i]]);
            reference_.begin(facts);
            for (size_t k = 0; k < rules.size(); ++k) {
                uint32_t r = rules[k];
                TypeId t = m_.rules[r].type;
                RefOutcome graph;
                if (states[k][i] == State::Ok || states[k][i] == State::None) {
                    graph = RefOutcome::of(from_graph(m_, t, values[k][i], states[k][i]));
                } else if (states[k][i] == State::Missing) {
                    graph.state = RefOutcome::State::Missing;
                } else {
                    graph = RefOutcome::failure(fault_of(faults[k][i]));
                }
                RefOutcome ref = reference_.rule(r);
                ++compared;
                if (!same(graph, ref, false)) {
                    out->push_back(Mismatch{"case " + std::to_string(members[i]), m_.rules[r].name, "batch",
                                            show(m_, t, graph), show(m_, t, ref)});
                }
            }
        }
    }
    return compared;
}

void for_each_test_case(const Ruleset& ruleset,
                        const std::function<void(const std::string&, const eval::CaseData&)>& f) {
    const check::Model& m = *ruleset.impl().model;
    for (size_t t = 0; t < m.tests.size(); ++t) {
        const syntax::Decl& d = *m.tests[t].origin.decl;
        std::vector<const syntax::Assignment*> assignments = m.assignments_of(d);
        util::Days as_of = util::min_date();
        bool has_as_of = false;
        compile::ConstantBuilder probe(m, util::min_date());
        for (const auto* a : assignments) {
            eval::Cell c;
            if (check::dotted(a->path) == "as_of" && probe.evaluate(a->value.get(), m.types.date(), &c) &&
                c.s == State::Ok) {
                as_of = c.v.d;
                has_as_of = true;
            }
        }
        if (!has_as_of) continue;
        compile::ConstantBuilder constants(m, as_of);
        eval::CaseData data;  // its lists point into `constants`, which outlives the comparison
        data.reset(m.facts.size());
        for (const auto* a : assignments) {
            auto it = m.symbols.find(check::dotted(a->path));
            if (it == m.symbols.end()) continue;
            uint32_t fact = it->second.index;
            eval::Cell c;
            if (!constants.evaluate(a->value.get(), m.facts[fact].type, &c)) continue;
            data.values[fact] = c.v;
            data.states[fact] = c.s;
        }
        for (size_t k = 0; k < m.facts.size(); ++k) {
            if (data.states[k] == State::Missing && m.types.is_optional(m.facts[k].type)) data.states[k] = State::None;
        }
        f(d.name, data);
    }
}

size_t compare_ruleset_tests(std::shared_ptr<const Ruleset> ruleset, std::vector<Mismatch>* out) {
    Comparer comparer(ruleset);
    size_t tests = 0;
    for_each_test_case(*ruleset, [&](const std::string& name, const eval::CaseData& data) {
        comparer.compare(data, "test " + name, out);
        // and through the columnar evaluator, lists, aggregates and ladders included
        size_t before = out->size();
        comparer.compare_batch({&data}, out);
        for (size_t k = before; k < out->size(); ++k) (*out)[k].where = "test " + name;
        ++tests;
    });
    return tests;
}

}  // namespace tenet::differential
