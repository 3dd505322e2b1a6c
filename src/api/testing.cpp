// Running the tests written in a ruleset (`tenet test`): build each test's case from its
// constants, evaluate, and compare every expectation.
#include <algorithm>
#include <map>

#include "api/outcome.hpp"
#include "api/ruleset_impl.hpp"

namespace tenet {

using eval::State;

namespace {

Diagnostic at(const check::Model& m, const syntax::Span& span, std::string message) {
    Diagnostic d;
    d.severity = Severity::Error;
    d.message = std::move(message);
    if (span.file < m.sources.size()) {
        const auto& f = m.sources.file(span.file);
        d.file = f.path();
        d.offset = span.begin;
        f.position(span.begin, &d.line, &d.column);
        d.source_line = std::string(f.line_text(d.line));
    }
    return d;
}

}  // namespace

std::vector<TestResult> run_tests(const Ruleset& ruleset) {
    const Ruleset::Impl& rs = ruleset.impl();
    const check::Model& m = *rs.model;
    std::vector<TestResult> results;
    eval::Evaluator ev(m);

    // every decision, and the rules the tests look at
    std::vector<uint32_t> rules = rs.decision_rules;
    for (const auto& t : m.tests) {
        for (const auto& ex : t.origin.decl->expectations) {
            auto it = m.symbols.find(ex.decision);
            if (it != m.symbols.end() && it->second.kind == check::SymbolKind::Rule &&
                std::find(rules.begin(), rules.end(), it->second.index) == rules.end()) {
                rules.push_back(it->second.index);
            }
        }
    }
    std::map<size_t, std::unique_ptr<compile::Program>> programs;

    for (const auto& t : m.tests) {
        const syntax::Decl& d = *t.origin.decl;
        TestResult result;
        result.name = d.name;
        result.title = d.title;
        result.inherited = t.inherited;
        std::vector<const syntax::Assignment*> assignments = m.assignments_of(d);

        // as_of first: parameters in test values take their value on that day
        util::Days as_of = util::min_date();
        bool has_as_of = false;
        {
            compile::ConstantBuilder probe(m, util::min_date());
            for (const auto* a : assignments) {
                if (check::dotted(a->path) != "as_of") continue;
                eval::Cell c;
                if (probe.evaluate(a->value.get(), m.types.date(), &c) && c.s == State::Ok) {
                    as_of = c.v.d;
                    has_as_of = true;
                }
            }
        }
        if (!has_as_of) {
            result.failures.push_back(
                at(m, d.name_span, "test `" + d.name + "` gives no `as_of`: set `as_of = YYYY-MM-DD`"));
            results.push_back(std::move(result));
            continue;
        }
        compile::ConstantBuilder constants(m, as_of);
        eval::CaseData data;
        data.reset(m.facts.size());
        for (const auto* a : assignments) {
            auto it = m.symbols.find(check::dotted(a->path));
            if (it == m.symbols.end()) continue;
            uint32_t f = it->second.index;
            eval::Cell c;
            if (!constants.evaluate(a->value.get(), m.facts[f].type, &c)) {
                result.failures.push_back(
                    at(m, a->span, "the value of `" + check::dotted(a->path) + "` is not a constant"));
                continue;
            }
            data.values[f] = c.v;
            data.states[f] = c.s;
        }
        for (size_t f = 0; f < m.facts.size(); ++f) {
            if (data.states[f] == State::Missing && m.types.is_optional(m.facts[f].type)) data.states[f] = State::None;
        }

        size_t period = rs.period_of(as_of);
        auto& program = programs[period];
        if (!program) {
            std::string error;
            program = compile::build_program(m, rs.breaks[period], rules, &error);
        }
        ev.begin(*program, data, false);
        for (const auto& ex : d.expectations) {
            auto it = m.symbols.find(ex.decision);
            if (it == m.symbols.end() || it->second.kind != check::SymbolKind::Rule) continue;
            uint32_t r = it->second.index;
            const eval::Slot& s = ev.force(program->rule_nodes[r]);
            const syntax::Decl& rd = *m.rules[r].origin.decl;
            const char* forever = rd.has_forever_as ? rd.forever_as.c_str() : "forever";
            auto show = [&]() {
                if (s.s == State::None) return std::string("absent");
                if (s.s == State::Missing || s.s == State::Error) {
                    Outcome o;
                    outcome_of(m, *program, ev, program->rule_nodes[r], as_of, &o);
                    if (o.kind == Outcome::Kind::Error) return "failed (" + error_message(m, o) + ")";
                    return (o.missing.empty() ? "unresolved (" : "unresolved (missing ") + outcome_text(m, o) + ")";
                }
                std::string v;
                eval::write_value(m, m.rules[r].type, s.v, s.s, &v, forever);
                return v;
            };
            using K = syntax::Expectation::Kind;
            switch (ex.kind) {
                case K::Equals: {
                    eval::Cell want;
                    if (!constants.evaluate(ex.value.get(), m.rules[r].type, &want)) {
                        result.failures.push_back(at(m, ex.span, "the expected value is not a constant"));
                        break;
                    }
                    eval::Cell got{s.v, s.s};
                    bool resolved = s.s == State::Ok || s.s == State::None;
                    if (!resolved || !eval::cell_equal(m, m.rules[r].type, got, want)) {
                        std::string w;
                        eval::write_value(m, m.rules[r].type, want.v, want.s, &w, forever);
                        result.failures.push_back(
                            at(m, ex.span,
                               "test `" + d.name + "`: expected " + ex.decision + " == " + w + ", got " + show()));
                    }
                    break;
                }
                case K::Absent:
                    if (s.s != State::None) {
                        result.failures.push_back(
                            at(m, ex.span,
                               "test `" + d.name + "`: expected " + ex.decision + " to be absent, got " + show()));
                    }
                    break;
                case K::Unresolved:
                    // a failure is not unresolved (docs/CASES.md §3): `expect d is failed` says that
                    if (!is_unresolved(ev, s)) {
                        result.failures.push_back(
                            at(m, ex.span,
                               "test `" + d.name + "`: expected " + ex.decision + " to be unresolved, got " + show()));
                    }
                    break;
                case K::Failed:
                    if (s.s != State::Error || is_unresolved(ev, s)) {
                        result.failures.push_back(at(
                            m, ex.span, "test `" + d.name + "`: expected " + ex.decision + " to fail, got " + show()));
                    }
                    break;
            }
        }
        result.passed = result.failures.empty();
        results.push_back(std::move(result));
    }
    return results;
}

}  // namespace tenet
