// Evaluating cases: the decisions, the unresolved ones with their reasons, and explanations.
#include <algorithm>
#include <map>

#include "api/compiled_code.hpp"
#include "api/outcome.hpp"
#include "api/ruleset_impl.hpp"
#include "util/stack.hpp"

namespace tenet {

using compile::kNoNode;
using compile::NodeId;
using compile::Op;
using eval::State;

struct Session::Impl {
    explicit Impl(const check::Model& m) : evaluator(m) {}
    eval::Evaluator evaluator;
    // programs holding only the decisions of the last custom request, per period
    std::vector<int> selection;
    std::map<size_t, std::unique_ptr<compile::Program>> selected;
    std::vector<char> cone;
    std::vector<int> all;                       // 0..n-1: the decisions of a request for all of them
    std::vector<Outcome> outcomes;              // of the wanted decisions, in evaluate_json
    util::Days day = 0;                         // the case's as_of, of the last evaluation
    const compile::Program* program = nullptr;  // of the last evaluation
    std::unique_ptr<CompiledRun> compiled;      // the compiled code (use_compiled_code)
    bool compiled_answers = false;              // whether `compiled` answered the last evaluation

    // Runs the compiled code for the case when there is code and no explanation is asked for
    // (an explanation is the interpreter's trace); null otherwise.
    CompiledRun* run_compiled(const eval::CaseData& data, const Request& request) {
        compiled_answers = compiled && !request.explain;
        if (!compiled_answers) return nullptr;
        compiled->run(data);
        return compiled.get();
    }
    // The interpreter evaluates the decisions the code did not answer: the code's answers become
    // its slots first, so that a decision one of those needs is not computed twice (Weld's JSON
    // case: 47 unresolved decisions a case, forced for their missing facts; 4% fewer instructions).
    void interpret_the_rest(const Ruleset::Impl& rs, const compile::Program& program, const std::vector<int>& wanted) {
        bool seeded = false;
        for (int d : wanted) {
            if (compiled_answers && compiled->answered(static_cast<size_t>(d))) continue;
            if (compiled_answers && !seeded) {
                seeded = true;
                for (size_t k = 0; k < rs.decisions.size(); ++k) {
                    NodeId node = program.rule_nodes[rs.decision_rules[k]];
                    if (node != kNoNode && compiled->answered(k))
                        evaluator.seed(node, compiled->value(k), compiled->state(k));
                }
            }
            evaluator.force(program.rule_nodes[rs.decision_rules[static_cast<size_t>(d)]]);
        }
    }
    // The state and value of decision d in the last evaluation: the compiled code's answer, else
    // the interpreter's slot (*slot; null for an answer). False when d was not evaluated.
    bool last_result(const Ruleset::Impl& rs, int d, State* state, const eval::Value** value,
                     const eval::Slot** slot) const {
        *slot = nullptr;
        if (!program || d < 0 || static_cast<size_t>(d) >= rs.decisions.size()) return false;
        if (compiled_answers && compiled->answered(static_cast<size_t>(d))) {
            *state = compiled->state(static_cast<size_t>(d));
            *value = &compiled->value(static_cast<size_t>(d));
            return true;
        }
        NodeId node = program->rule_nodes[rs.decision_rules[static_cast<size_t>(d)]];
        if (node == kNoNode || !evaluator.computed(node)) return false;
        *slot = &evaluator.slot(node);
        *state = (*slot)->s;
        *value = &(*slot)->v;
        return true;
    }

    const compile::Program& program_for(const Ruleset::Impl& rs, const eval::CaseData& data, const Request& request);
    const std::vector<int>& wanted(const Ruleset::Impl& rs, const Request& request);
};

const compile::Program& Session::Impl::program_for(const Ruleset::Impl& rs, const eval::CaseData& data,
                                                   const Request& request) {
    size_t period = rs.period_of(data.values[0].d);
    if (request.decisions.empty()) return rs.program(period);
    // a program pruned to the requested decisions
    if (selection != request.decisions) {
        selection = request.decisions;
        selected.clear();
    }
    auto& slot = selected[period];
    if (!slot) {
        std::vector<uint32_t> rules;
        for (int d : request.decisions) rules.push_back(rs.decision_rules[static_cast<size_t>(d)]);
        util::run_with_large_stack([&] {
            std::string error;
            slot = compile::build_program(*rs.model, rs.breaks[period], rules, &error);
        });
    }
    return *slot;
}

const std::vector<int>& Session::Impl::wanted(const Ruleset::Impl& rs, const Request& request) {
    if (!request.decisions.empty()) return request.decisions;
    if (all.size() != rs.decisions.size()) {
        all.resize(rs.decisions.size());
        for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
    }
    return all;
}

void Session::evaluate(const Case& c, const Request& request) {
    const Ruleset::Impl& rs = ruleset_->impl();
    const eval::CaseData& data = c.impl().data;
    const compile::Program& program = impl_->program_for(rs, data, request);
    impl_->program = &program;
    impl_->day = data.values[0].d;
    eval::Evaluator& ev = impl_->evaluator;
    ev.begin(program, data, request.explain);
    impl_->run_compiled(data, request);
    impl_->interpret_the_rest(rs, program, impl_->wanted(rs, request));
}

DecisionValue Session::result(int decision) const {
    DecisionValue r;
    const Ruleset::Impl& rs = ruleset_->impl();
    State state;
    const eval::Value* v;
    const eval::Slot* slot;
    if (!impl_->last_result(rs, decision, &state, &v, &slot)) return r;
    if (slot && state == State::Error && !is_unresolved(impl_->evaluator, *slot)) r.state = DecisionValue::State::Error;
    if (state == State::None) r.state = DecisionValue::State::Absent;
    if (state != State::Ok) return r;
    r.state = DecisionValue::State::Ok;
    const check::Model& m = *rs.model;
    switch (eval::kind_of(m, m.rules[rs.decision_rules[static_cast<size_t>(decision)]].type)) {
        case eval::ValueKind::Bool: r.boolean = v->b; break;
        case eval::ValueKind::Int: r.integer = v->i; break;
        case eval::ValueKind::Enum: r.integer = v->e; break;
        case eval::ValueKind::Number:
            r.numerator = v->r.num;
            r.denominator = v->r.den;
            break;
        case eval::ValueKind::Date: r.days = v->d; break;
        default: break;
    }
    return r;
}

bool session_outcome(const Session& session, int decision, Outcome* out) {
    const Ruleset::Impl& rs = session.ruleset().impl();
    const Session::Impl& impl = *session.impl_;
    if (!impl.program || decision < 0 || static_cast<size_t>(decision) >= rs.decisions.size()) return false;
    NodeId node = impl.program->rule_nodes[rs.decision_rules[static_cast<size_t>(decision)]];
    if (node == kNoNode || !impl.evaluator.computed(node)) return false;
    outcome_of(*rs.model, *impl.program, impl.evaluator, node, impl.day, out);
    return true;
}

std::string Session::result_message(int decision) const {
    Outcome o;
    return session_outcome(*this, decision, &o) ? outcome_text(*ruleset_->impl().model, o) : "";
}

void Session::result_json(int decision, std::string* out) const {
    const Ruleset::Impl& rs = ruleset_->impl();
    State state;
    const eval::Value* v;
    const eval::Slot* slot;
    if (!impl_->last_result(rs, decision, &state, &v, &slot)) {
        *out += "null";
        return;
    }
    uint32_t r = rs.decision_rules[static_cast<size_t>(decision)];
    const check::Model& m = *rs.model;
    const syntax::Decl& decl = *m.rules[r].origin.decl;
    eval::write_value(m, m.rules[r].type, *v, state == State::Ok ? State::Ok : State::None, out,
                      decl.has_forever_as ? decl.forever_as.c_str() : "forever");
}

bool Session::use_compiled_code(std::shared_ptr<const CompiledCode> code) {
    if (code && &code->ruleset() != ruleset_.get()) return false;
    impl_->compiled = code ? std::make_unique<CompiledRun>(std::move(code)) : nullptr;
    impl_->compiled_answers = false;
    return true;
}

Session::Session(std::shared_ptr<const Ruleset> ruleset)
    : ruleset_(std::move(ruleset)), impl_(std::make_unique<Impl>(*ruleset_->impl().model)) {}
Session::~Session() = default;

bool Session::decode(std::string_view json, Case* out, std::vector<InputError>* errors,
                     const std::string& as_of) const {
    std::vector<eval::InputError> errs;
    util::Days day;
    const util::Days* override_day = nullptr;
    if (!as_of.empty()) {
        if (!util::parse_iso_date(as_of, &day)) {
            errors->push_back(
                InputError{"--as-of", eval::quote_input(as_of) + " is not a date YYYY-MM-DD between 1800 and 2299"});
            return false;
        }
        override_day = &day;
    }
    bool ok = ruleset_->impl().decoder->decode(json, &out->impl().data, &errs, override_day);
    for (auto& e : errs) errors->push_back(InputError{std::move(e.path), std::move(e.message), e.offset});
    return ok;
}

namespace {

// "from 1998-12-01", "before 1998-12-01", "from 1999-01-01 to 1999-12-31"
void write_key(const std::string& k, std::string* out) {
    util::write_string(k, out);
    out->push_back(':');
}

// The operands a node took in this evaluation: the condition and the taken branch of an `if`,
// the right side of `and`/`or` only when the left did not decide, a default only when it was
// needed, the value of a collect entry whose condition held, a limit step not skipped by its
// `unless`. Everything else takes all its operands. Another decision may have computed an
// untaken branch; following only taken edges keeps it out of this decision's explanation.
template <typename F>
void for_each_taken_operand(const compile::Program& p, const eval::Evaluator& ev, NodeId x, F f) {
    auto decided = [&](NodeId y, bool* value) {
        if (y == kNoNode || !ev.computed(y) || ev.slot(y).s != State::Ok) return false;
        *value = ev.slot(y).v.b;
        return true;
    };
    auto state_of = [&](NodeId y) { return ev.computed(y) ? ev.slot(y).s : State::Missing; };
    const compile::Node& n = p.nodes[x];
    bool v = false;
    switch (n.op) {
        case Op::If:
            f(n.a);
            if (decided(n.a, &v)) f(v ? n.b : n.c);
            return;
        case Op::And:
        case Op::Or:
            f(n.a);
            if (state_of(n.a) == State::Error || (decided(n.a, &v) && v == (n.op == Op::Or))) return;
            f(n.b);
            return;
        case Op::Otherwise:
            f(n.a);
            if (state_of(n.a) == State::None) f(n.b);
            return;
        case Op::Collect:
            for (const auto& e : p.collects[n.aux].entries) {
                f(e.condition);
                if (decided(e.condition, &v) && v) f(e.value);
            }
            return;
        case Op::Limit: {
            const auto& l = p.limits[n.aux];
            f(l.start);
            for (const auto& st : l.steps) {
                if (st.unless != kNoNode) {
                    f(st.unless);
                    if (decided(st.unless, &v) && v) continue;
                }
                f(st.bound);
            }
            return;
        }
        default: p.for_each_operand(x, f);
    }
}

// `,"reads":[...]`: the facts, parameters and rules a rule's own body read in this evaluation,
// by name. Only computed nodes are followed, so an untaken branch reads nothing;
// parameters folded into constants at compile time are named too.
void write_reads(const check::Model& m, const compile::Program& p, const eval::Evaluator& ev, NodeId rule,
                 std::string* out) {
    std::vector<NodeId> todo;
    std::vector<char> seen(p.nodes.size(), 0);
    std::vector<std::string> names;
    auto add = [&](const std::string& name) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    };
    for_each_taken_operand(p, ev, rule, [&](NodeId x) {
        if (x != kNoNode) todo.push_back(x);
    });
    while (!todo.empty()) {
        NodeId x = todo.back();
        todo.pop_back();
        if (seen[x] || !ev.computed(x)) continue;
        seen[x] = 1;
        auto folded = p.folded_params.find(x);
        if (folded != p.folded_params.end()) {
            for (NodeId param : folded->second) add(m.params[p.nodes[param].aux].name);
        }
        const compile::Node& n = p.nodes[x];
        if (n.op == Op::Fact) add(m.facts[n.aux].path);
        else if (n.op == Op::Param) add(m.params[n.aux].name);
        else if (n.op == Op::Rule) add(m.rules[n.aux].name);
        else
            for_each_taken_operand(p, ev, x, [&](NodeId y) {
                if (y != kNoNode) todo.push_back(y);
            });
    }
    if (names.empty()) return;
    std::sort(names.begin(), names.end());
    out->append(",\"reads\":[");
    for (size_t i = 0; i < names.size(); ++i) {
        if (i) out->push_back(',');
        util::write_string(names[i], out);
    }
    out->push_back(']');
}

// Writes the JSON of one evaluation (tenet::Session::evaluate_json): the decisions, those
// unresolved and failed, and on request the explanation of each, in that order.
struct EvaluationJson {
    const Ruleset::Impl& rs;
    const check::Model& m;
    const compile::Program* program;
    const eval::Evaluator& ev;
    util::Days day;
    const std::vector<int>* wanted;
    const CompiledRun* compiled;  // its answers stand for the decisions it answered; null: none
    const Request& request;
    std::string* out;
    std::vector<InputError>* errors;
    bool ok = true;  // false when a strict request found an unresolved or failed decision

    bool answered(int d) const { return compiled && compiled->answered(static_cast<size_t>(d)); }
    void decisions();
    void unresolved(std::vector<Outcome>& outcomes);
    void failures(const std::vector<Outcome>& outcomes);
    void explanation(std::vector<char>& cone);
    // marks in `cone` the nodes this evaluation took from `root`
    void taken(NodeId root, std::vector<char>& cone) const;
    void folded_parameters(const std::vector<char>& cone, bool* first_step);
    void trace_step(const eval::TraceEntry& t, const std::vector<char>& cone, bool* first_step);
};

void EvaluationJson::decisions() {
    out->append("{\"decisions\":{");
    bool first = true;
    for (int d : *wanted) {
        uint32_t r = rs.decision_rules[static_cast<size_t>(d)];
        State state;
        const eval::Value* value;
        if (answered(d)) {
            state = compiled->state(static_cast<size_t>(d));
            value = &compiled->value(static_cast<size_t>(d));
        } else {
            const eval::Slot& s = ev.slot(program->rule_nodes[r]);
            state = s.s;
            value = &s.v;
        }
        if (state != State::Ok) continue;
        if (!first) out->push_back(',');
        first = false;
        out->append(rs.decision_keys[static_cast<size_t>(d)]);
        const syntax::Decl& decl = *m.rules[r].origin.decl;
        eval::write_value(m, m.rules[r].type, *value, state, out,
                          decl.has_forever_as ? decl.forever_as.c_str() : "forever");
    }
}

void EvaluationJson::unresolved(std::vector<Outcome>& outcomes) {
    out->append("},\"unresolved\":{");
    // a decision is unresolved or failed, never both: each goes to its own object
    outcomes.resize(wanted->size());
    for (size_t k = 0; k < wanted->size(); ++k) {
        int d = (*wanted)[k];
        NodeId node = program->rule_nodes[rs.decision_rules[static_cast<size_t>(d)]];
        // of a decision with a value (most of them) only the kind is read below: the rest is not reset
        State st = answered(d) ? compiled->state(static_cast<size_t>(d)) : ev.slot(node).s;
        if (st == State::Ok || st == State::None) {
            outcomes[k].kind = st == State::Ok ? Outcome::Kind::Ok : Outcome::Kind::Absent;
            continue;
        }
        outcome_of(m, *program, ev, node, day, &outcomes[k]);
    }
    bool first = true;
    for (size_t k = 0; k < wanted->size(); ++k) {
        if (outcomes[k].kind != Outcome::Kind::Unresolved) continue;
        size_t d = static_cast<size_t>((*wanted)[k]);
        if (!first) out->push_back(',');
        first = false;
        out->append(rs.decision_keys[d]);
        // the reasons of unresolved_reasons, from the spellings escaped once
        out->push_back('[');
        const Outcome& o = outcomes[k];
        for (size_t i = 0; i < o.missing.size(); ++i) {
            if (i) out->push_back(',');
            out->append(rs.fact_strings[o.missing[i]]);
        }
        if (o.parameter != check::kNone) {
            if (!o.missing.empty()) out->push_back(',');
            util::write_string(parameter_reason(m, o), out);
        }
        out->push_back(']');
        if (request.strict) {
            const std::string& name = rs.decisions[d].name;
            std::vector<std::string> reasons = unresolved_reasons(m, o);
            for (size_t i = 0; i < reasons.size(); ++i) {
                ok = false;
                bool fact = i < o.missing.size();
                errors->push_back(fact
                                      ? InputError{"$." + reasons[i], "missing fact, needed by decision `" + name + "`"}
                                      : InputError{"$", "decision `" + name + "`: " + reasons[i]});
            }
        }
    }
    out->push_back('}');
}

void EvaluationJson::failures(const std::vector<Outcome>& outcomes) {
    bool first = true;
    for (size_t k = 0; k < wanted->size(); ++k) {
        if (outcomes[k].kind != Outcome::Kind::Error) continue;
        const std::string& name = rs.decisions[static_cast<size_t>((*wanted)[k])].name;
        out->append(first ? ",\"errors\":{" : ",");
        first = false;
        out->append(rs.decision_keys[static_cast<size_t>((*wanted)[k])]);
        std::string text = error_message(m, outcomes[k]);
        util::write_string(text, out);
        if (request.strict) {
            ok = false;
            errors->push_back(InputError{"$", "decision `" + name + "` failed: " + text});
        }
    }
    if (!first) out->push_back('}');
}

void EvaluationJson::explanation(std::vector<char>& cone) {
    out->append(",\"explanation\":{");
    bool first = true;
    for (int d : *wanted) {
        uint32_t r = rs.decision_rules[static_cast<size_t>(d)];
        taken(program->rule_nodes[r], cone);
        if (!first) out->push_back(',');
        first = false;
        write_key(rs.decisions[static_cast<size_t>(d)].name, out);
        out->push_back('[');
        bool first_step = true;
        folded_parameters(cone, &first_step);
        for (const auto& t : ev.trace()) trace_step(t, cone, &first_step);
        out->push_back(']');
    }
    out->push_back('}');
}

void EvaluationJson::taken(NodeId root, std::vector<char>& cone) const {
    cone.assign(program->nodes.size(), 0);
    std::vector<NodeId> todo{root};
    cone[root] = 1;
    while (!todo.empty()) {
        NodeId x = todo.back();
        todo.pop_back();
        for_each_taken_operand(*program, ev, x, [&](NodeId y) {
            if (y != kNoNode && !cone[y] && ev.computed(y)) {
                cone[y] = 1;
                todo.push_back(y);
            }
        });
    }
}

// Parameters folded into constants at compile time come first: they were inputs.
void EvaluationJson::folded_parameters(const std::vector<char>& cone, bool* first_step) {
    std::vector<NodeId> folded;
    for (NodeId x = 0; x < program->nodes.size(); ++x) {
        if (!cone[x]) continue;
        auto it = program->folded_params.find(x);
        if (it == program->folded_params.end()) continue;
        for (NodeId pnode : it->second) {
            if (std::find(folded.begin(), folded.end(), pnode) == folded.end()) folded.push_back(pnode);
        }
    }
    for (NodeId pnode : folded) {
        if (cone[pnode] && ev.computed(pnode)) continue;  // traced below
        const compile::Node& n = program->nodes[pnode];
        const auto& param = m.params[n.aux];
        const auto& period = param.periods[n.sub];
        const compile::Node& c = program->nodes[n.a];
        std::string step = "{\"rule\":";
        util::write_string(param.name, &step);
        step += ",\"kind\":\"parameter\",\"cite\":";
        std::string cite = cites_text(*period.notes);
        util::write_string(cite.empty() ? cites_text(param.origin.decl->notes) : cite, &step);
        step += ",\"type\":";
        util::write_string(m.type_name(param.type), &step);
        step += ",\"value\":";
        eval::write_value(m, param.type, program->constants[c.aux], program->constant_states[c.aux], &step);
        if (param.periods.size() > 1 || period.from > util::min_date()) {
            step += ",\"effective\":";
            util::write_string(effective_text(period), &step);
        }
        step += "}";
        if (!*first_step) out->push_back(',');
        *first_step = false;
        out->append(step);
    }
}

// One step of the trace, when it belongs to the decision being explained.
void EvaluationJson::trace_step(const eval::TraceEntry& t, const std::vector<char>& cone, bool* first_step) {
    if (!cone[t.node]) return;
    const compile::Node& n = program->nodes[t.node];
    const eval::Slot& s = ev.slot(t.node);
    std::string step = "{";
    auto field = [&](const char* k, const std::string& v) {
        if (step.size() > 1) step.push_back(',');
        write_key(k, &step);
        util::write_string(v, &step);
    };
    // a parameter with no value on the case's day leaves what needs it unresolved
    bool undefined = s.s == State::Error && is_unresolved(ev, s);
    auto value = [&](check::TypeId type, const eval::Value& v, State st, const char* forever = "forever") {
        field("type", m.type_name(type));
        if (step.size() > 1) step.push_back(',');
        write_key("value", &step);
        if (st == State::Missing) step += "\"(missing)\"";
        else if (st == State::Error) step += undefined ? "\"(missing)\"" : "\"(error)\"";
        else eval::write_value(m, type, v, st, &step, forever);
    };
    using K = eval::TraceEntry::Kind;
    switch (t.kind) {
        case K::Node:
            if (n.op == Op::Rule) {
                const auto& rule = m.rules[n.aux];
                field("rule", rule.name);
                field("kind", rule.decision ? "decision" : "rule");
                field("cite", cites_text(rule.origin.decl->notes));
                const syntax::Decl& decl = *rule.origin.decl;
                value(rule.type, s.v, s.s, decl.has_forever_as ? decl.forever_as.c_str() : "forever");
                write_reads(m, *program, ev, t.node, &step);
                if (s.s == State::Missing || s.s == State::Error) {
                    // an unresolved decision (or a rule it waited on) names what is
                    // missing; a failed one, the failure
                    Outcome o;
                    outcome_of(m, *program, ev, t.node, day, &o);
                    if (o.kind == Outcome::Kind::Unresolved) {
                        step += ",\"missing\":[";
                        std::vector<std::string> reasons = unresolved_reasons(m, o);
                        for (size_t i = 0; i < reasons.size(); ++i) {
                            if (i) step.push_back(',');
                            util::write_string(reasons[i], &step);
                        }
                        step.push_back(']');
                    } else {
                        field("error", error_message(m, o));
                    }
                }
            } else if (n.op == Op::Param) {
                const auto& param = m.params[n.aux];
                const auto& period = param.periods[n.sub];
                field("rule", param.name);
                field("kind", "parameter");
                std::string c = cites_text(*period.notes);
                field("cite", c.empty() ? cites_text(param.origin.decl->notes) : c);
                value(param.type, s.v, s.s);
                if (param.periods.size() > 1 || period.from > util::min_date())
                    field("effective", effective_text(period));
            } else {
                const auto& fact = m.facts[n.aux];
                field("rule", fact.path);
                field("kind", "fact");
                field("cite", "");
                value(fact.type, s.v, s.s);
            }
            break;
        case K::TableRow: {
            const auto& call = program->table_calls[n.aux];
            const auto& table = m.tables[call.table];
            const auto& row = table.origin.decl->rows[t.index];
            field("rule", table.name + " row " + std::to_string(t.index + 1));
            field("kind", "table");
            std::string c = cites_text(row.notes);
            field("cite", c.empty() ? cites_text(table.origin.decl->notes) : c);
            const eval::Slot& o = ev.slot(call.outputs[t.index]);
            value(table.row_type, o.v, o.s);
            // the row by what chose it: the table, the row's number and the inputs
            field("table", table.name);
            step += ",\"row\":" + std::to_string(t.index + 1) + ",\"inputs\":{";
            for (size_t i = 0; i < call.args.size(); ++i) {
                if (i) step.push_back(',');
                write_key(table.inputs[i].name, &step);
                const eval::Slot& in = ev.slot(call.args[i]);
                eval::write_value(m, table.inputs[i].type, in.v, in.s, &step);
            }
            step.push_back('}');
            break;
        }
        case K::CollectEntry: {
            const auto& entry = program->collects[n.aux].entries[t.index];
            field("rule", "collect");
            field("kind", "reason");
            field("cite", cites_text(entry.source->notes));
            const eval::Slot& o = ev.slot(entry.value);
            // the entry's value: the collected element
            const check::ExprInfo& info = m.at(entry.source->value.get());
            field("type", m.type_name(info.type));
            if (step.size() > 1) step.push_back(',');
            write_key("value", &step);
            eval::write_value(m, info.type, o.v, o.s, &step);
            break;
        }
        case K::LimitStep: {
            const auto& st = program->limits[n.aux].steps[t.index];
            field("rule", st.at_most ? "at most" : "at least");
            field("kind", "limit");
            field("cite", cites_text(st.source->notes));
            const eval::Slot& o = ev.slot(st.bound);
            const check::ExprInfo& info = m.at(st.source->bound.get());
            field("type", m.type_name(info.type));
            if (step.size() > 1) step.push_back(',');
            write_key("value", &step);
            eval::write_value(m, info.type, o.v, o.s, &step);
            break;
        }
        case K::LadderLevel: {
            const auto& call = program->ladders[n.aux];
            const auto& ladder = m.ladders[call.ladder];
            const auto& level = ladder.origin.decl->levels[t.index - 1];
            field("rule", ladder.name + " level " + std::to_string(t.index));
            field("kind", "ladder");
            std::string c = cites_text(level.notes);
            field("cite", c.empty() ? cites_text(ladder.origin.decl->notes) : c);
            value(m.ladder_type, s.v, s.s);
            field("ladder", ladder.name);
            step += ",\"level\":" + std::to_string(t.index);
            break;
        }
    }
    step.push_back('}');
    if (!*first_step) out->push_back(',');
    *first_step = false;
    out->append(step);
}

}  // namespace

bool Session::evaluate_json(const Case& c, const Request& request, std::string* out, std::vector<InputError>* errors) {
    const Ruleset::Impl& rs = ruleset_->impl();
    const eval::CaseData& data = c.impl().data;
    const compile::Program* program = &impl_->program_for(rs, data, request);
    impl_->program = program;
    impl_->day = data.values[0].d;
    eval::Evaluator& ev = impl_->evaluator;
    ev.begin(*program, data, request.explain);
    const std::vector<int>* wanted = &impl_->wanted(rs, request);
    CompiledRun* compiled = impl_->run_compiled(data, request);
    impl_->interpret_the_rest(rs, *program, *wanted);

    EvaluationJson json{rs, *rs.model, program, ev, impl_->day, wanted, compiled, request, out, errors};
    json.decisions();
    json.unresolved(impl_->outcomes);
    json.failures(impl_->outcomes);
    if (request.explain) json.explanation(impl_->cone);
    out->push_back('}');
    return json.ok;
}

}  // namespace tenet
