// Classifying and wording a decision's outcome: docs/CASES.md §3's decisions, unresolved, errors.
#include "api/outcome.hpp"

namespace tenet {

using compile::kNoNode;
using compile::NodeId;
using compile::Op;
using eval::State;

std::string cites_text(const syntax::Annotations& notes) {
    std::string s;
    for (const auto& c : notes.cites) s += (s.empty() ? "" : "; ") + c;
    return s;
}

namespace {

// The innermost rule on the path from `root` down to the node that failed: with shared
// sub-expressions, a failing node may belong to several rules, and the message names the one
// this decision went through.
uint32_t failing_rule(const compile::Program& p, const eval::Evaluator& ev, NodeId root, uint32_t error) {
    uint32_t rule = check::kNone;
    NodeId at = root;
    for (size_t guard = 0; guard < p.nodes.size(); ++guard) {
        const compile::Node& n = p.nodes[at];
        if (n.op == Op::Rule) rule = n.aux;
        if (at == ev.errors()[error].node) break;
        NodeId next = kNoNode;
        p.for_each_operand(at, [&](NodeId x) {
            if (next == kNoNode && x != kNoNode && ev.computed(x) && ev.slot(x).s == State::Error &&
                ev.slot(x).error == error)
                next = x;
        });
        if (next == kNoNode) break;
        at = next;
    }
    return rule == check::kNone ? p.nodes[ev.errors()[error].node].owner : rule;
}

}  // namespace

bool is_unresolved(const eval::Evaluator& ev, const eval::Slot& s) {
    return s.s == State::Missing || ev.undefined_parameter(s);
}

void outcome_of(const check::Model& m, const compile::Program& p, const eval::Evaluator& ev, NodeId root,
                util::Days day, Outcome* out) {
    // reset field by field: the missing-fact list keeps its buffer from case to case
    std::vector<uint32_t> missing = std::move(out->missing);
    missing.clear();
    *out = Outcome{};
    out->missing = std::move(missing);
    const eval::Slot& s = ev.slot(root);
    switch (s.s) {
        case State::Ok: out->kind = Outcome::Kind::Ok; return;
        case State::None: out->kind = Outcome::Kind::Absent; return;
        case State::Missing:
            out->kind = Outcome::Kind::Unresolved;
            ev.missing_facts(root, &out->missing);
            return;
        case State::Error: break;
    }
    const eval::EvalError& e = ev.errors()[s.error];
    const compile::Node& n = p.nodes[e.node];
    if (e.fault == eval::Fault::UndefinedParameter) {
        out->kind = Outcome::Kind::Unresolved;
        ev.missing_facts(root, &out->missing);  // the facts missing beside it, named too
        out->parameter = n.aux;
        // periods are sorted and do not overlap: the first that starts after the day, or else
        // the end of the last one
        const auto& periods = m.params[n.aux].periods;
        out->before = false;
        out->parameter_day = periods.empty() ? day : periods.back().to;
        for (const auto& period : periods) {
            if (period.from > day) {
                out->before = true;
                out->parameter_day = period.from;
                break;
            }
        }
        return;
    }
    out->kind = Outcome::Kind::Error;
    out->fault = e.fault;
    out->rule = failing_rule(p, ev, root, s.error);
    if (n.op == Op::Table) out->table = m.tables[p.table_calls[n.aux].table].name;
    out->detail = e.detail;
}

std::string effective_text(const check::PeriodInfo& p) {
    if (p.from <= util::min_date()) {
        return p.to == util::kForever ? "always" : "before " + util::format_iso_date(p.to + 1);
    }
    return "from " + util::format_iso_date(p.from) +
           (p.to != util::kForever ? " to " + util::format_iso_date(p.to) : "");
}

std::string parameter_reason(const check::Model& m, const Outcome& o) {
    return "parameter " + m.params[o.parameter].name + " has no value " + (o.before ? "before " : "after ") +
           util::format_iso_date(o.parameter_day);
}

std::vector<std::string> unresolved_reasons(const check::Model& m, const Outcome& o) {
    std::vector<std::string> reasons;
    for (uint32_t f : o.missing) reasons.push_back(m.facts[f].path);
    if (o.parameter != check::kNone) reasons.push_back(parameter_reason(m, o));
    return reasons;
}

std::string error_message(const check::Model& m, const Outcome& o) {
    std::string s = eval::fault_message(o.fault);
    if (!o.table.empty()) s += " of table `" + o.table + "`";
    if (o.rule != check::kNone) {
        const auto& r = m.rules[o.rule];
        std::string c = cites_text(r.origin.decl->notes);
        s += (r.decision ? " in decision `" : " in rule `") + r.name + "`" + (c.empty() ? "" : " [" + c + "]");
    }
    if (!o.detail.empty()) s += ": " + o.detail;
    return s;
}

std::string outcome_text(const check::Model& m, const Outcome& o) {
    if (o.kind == Outcome::Kind::Error) return error_message(m, o);
    std::string text;
    if (o.kind == Outcome::Kind::Unresolved) {
        for (const auto& r : unresolved_reasons(m, o)) text += (text.empty() ? "" : ", ") + r;
    }
    return text;
}

}  // namespace tenet
