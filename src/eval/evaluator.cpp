// On-demand evaluation of a Program for one case.
#include "eval/evaluator.hpp"

#include "util/stack.hpp"

#include <algorithm>

namespace tenet::eval {

using compile::AggregateInfo;
using compile::kNoNode;
using compile::Node;
using compile::NodeId;
using compile::Op;

void Evaluator::begin(const compile::Program& program, const CaseData& case_data, bool trace) {
    p_ = &program;
    c_ = &case_data;
    trace_on_ = trace;
    if (slots_.size() < program.nodes.size()) slots_.resize(program.nodes.size());
    if (++epoch_ == 0) {
        // after 2^32 evaluations every stale epoch must be cleared once
        for (auto& s : slots_) s.epoch = 0;
        epoch_ = 1;
    }
    depth_ = 0;
    steps_ = 0;
    // The host may call us on a thread with a small stack: keep 64 KiB for the work between two
    // checks and for reporting. Finding the stack's bounds is costly, so once per thread.
    thread_local uintptr_t floor = util::stack_floor(64 * 1024);
    stack_floor_ = floor;
    arena_.reset();
    errors_.clear();
    trace_.clear();
}

const Slot& Evaluator::force(NodeId n) { return trace_on_ ? force_impl<true>(n) : force_impl<false>(n); }

void Evaluator::fail(Slot& out, NodeId node, Fault f, std::string detail) {
    out.s = State::Error;
    out.error = static_cast<uint32_t>(errors_.size());
    errors_.push_back(EvalError{node, f, std::move(detail)});
}

// Inline: most operands were computed already in this evaluation (the decisions share them), and
// such a call is then one comparison, not a call.
template <bool Trace>
inline const Slot& Evaluator::force_impl(NodeId n) {
    Slot& s = slots_[n];
    if (s.epoch == epoch_) return s;
    return fill_slot<Trace>(n, s);
}

template <bool Trace>
__attribute__((noinline)) const Slot& Evaluator::fill_slot(NodeId n, Slot& s) {
    // the program's depth was checked at compile time; this guards the recursion regardless
    if (++depth_ > compile::kMaxGraphDepth + 8 || util::stack_here() < stack_floor_) {
        --depth_;
        fail(s, n, Fault::TooDeep);
        s.epoch = epoch_;
        return s;
    }
    s.s = State::Ok;
    compute<Trace>(n, s);
    s.epoch = epoch_;
    --depth_;
    if constexpr (Trace) {
        Op op = p_->nodes[n].op;
        if (op == Op::Rule || op == Op::Param || op == Op::Fact) {
            trace_.push_back(TraceEntry{TraceEntry::Kind::Node, n});
        }
    }
    return s;
}

void Evaluator::missing_facts(NodeId n, std::vector<uint32_t>* facts) const {
    // The missing facts n waited on: follow its missing operands, but through the lazy
    // operations only the operands they took. A branch, default or step they did not take may
    // still be missing because another decision computed it; it says nothing about n.
    if (walk_marks_.size() < p_->nodes.size() || ++walk_ == 0) {  // a bigger program, or marks wrapped around
        walk_marks_.assign(std::max(walk_marks_.size(), p_->nodes.size()), 0);
        walk_ = 1;
    }
    auto seen = [&](NodeId y) { return walk_marks_[y] == walk_; };
    std::vector<NodeId>& todo = walk_todo_;
    todo.assign(1, n);
    walk_marks_[n] = walk_;
    auto computed_as = [&](NodeId y, State s) { return y != kNoNode && slots_[y].epoch == epoch_ && slots_[y].s == s; };
    // unresolved: a missing fact, or a parameter without a value (whose operands beside it were
    // still computed, so that the facts also missing are named with it)
    auto missing = [&](NodeId y) {
        return computed_as(y, State::Missing) || (computed_as(y, State::Error) && undefined_parameter(slots_[y]));
    };
    auto visit = [&](NodeId y) {
        if (missing(y) && !seen(y)) {
            walk_marks_[y] = walk_;
            todo.push_back(y);
        }
    };
    while (!todo.empty()) {
        NodeId x = todo.back();
        todo.pop_back();
        const Node& node = p_->nodes[x];
        switch (node.op) {
            case Op::Fact: facts->push_back(node.aux); continue;
            case Op::If:
                if (missing(node.a)) visit(node.a);
                else if (computed_as(node.a, State::Ok)) visit(slots_[node.a].v.b ? node.b : node.c);
                continue;
            case Op::Otherwise:
                if (missing(node.a)) visit(node.a);
                else visit(node.b);
                continue;
            case Op::Collect:
                for (const auto& e : p_->collects[node.aux].entries) {
                    if (missing(e.condition)) visit(e.condition);
                    else if (computed_as(e.condition, State::Ok) && slots_[e.condition].v.b) visit(e.value);
                }
                continue;
            case Op::Limit: {
                const auto& info = p_->limits[node.aux];
                if (missing(info.start)) {
                    visit(info.start);
                    continue;
                }
                for (const auto& step : info.steps) {
                    if (step.unless != kNoNode) {
                        if (missing(step.unless)) {
                            visit(step.unless);
                            break;
                        }
                        if (computed_as(step.unless, State::Ok) && slots_[step.unless].v.b) continue;
                    }
                    if (missing(step.bound)) {
                        visit(step.bound);
                        break;
                    }
                }
                continue;
            }
            case Op::Aggregate: {
                // A missing list: the filter and body never ran. An undecided filter: the body
                // did not run on that element. (Their slots may hold what another rule computed,
                // when they do not depend on the element.)
                const auto& ag = p_->aggregates[node.aux];
                if (missing(ag.list)) visit(ag.list);
                else if (missing(ag.filter)) visit(ag.filter);
                else visit(ag.body);
                continue;
            }
            case Op::Table: {
                const auto& call = p_->table_calls[node.aux];
                bool input_missing = false;
                for (NodeId a : call.args) input_missing = input_missing || missing(a);
                if (input_missing) {
                    for (NodeId a : call.args) visit(a);
                } else {
                    for (NodeId o : call.outputs) visit(o);
                }
                continue;
            }
            default: p_->for_each_operand(x, visit); continue;
        }
    }
    std::sort(facts->begin(), facts->end());
    facts->erase(std::unique(facts->begin(), facts->end()), facts->end());
}

template <bool Trace>
void Evaluator::compute(NodeId id, Slot& out) {
    const Node& n = p_->nodes[id];
    switch (n.op) {
        case Op::Const:
            out.v = p_->constants[n.aux];
            out.s = p_->constant_states[n.aux];
            return;
        case Op::Fact:
            out.v = c_->values[n.aux];
            out.s = c_->states[n.aux];
            return;
        case Op::LoopVar:
            // set by the aggregate before anything in its body is forced
            fail(out, id, Fault::Overflow, "internal: loop variable read outside its loop");
            return;
        case Op::Undefined: fail(out, id, Fault::UndefinedParameter); return;
        case Op::Rule:
        case Op::Param: {
            const Slot& a = force_impl<Trace>(n.a);
            out.v = a.v;
            out.s = a.s;
            out.error = a.error;
            return;
        }
        case Op::And:
        case Op::Or: {
            bool stop_value = n.op == Op::Or;  // `or` stops at true, `and` at false
            const Slot& a = force_impl<Trace>(n.a);
            if (a.s == State::Ok && a.v.b == stop_value) {
                out.v = Value::of_bool(stop_value);
                return;
            }
            if (a.s == State::Error) {
                if (undefined_parameter(a)) force_impl<Trace>(n.b);  // only so that the facts it misses are named too
                return propagate(out, a);
            }
            const Slot& b = force_impl<Trace>(n.b);
            if (b.s == State::Ok && (a.s == State::Ok || b.v.b == stop_value)) {
                out.v = Value::of_bool(b.v.b);
                return;
            }
            if (b.s == State::Error) return propagate(out, b);
            propagate(out, a.s == State::Missing ? a : b);
            return;
        }
        case Op::If: {
            const Slot& c = force_impl<Trace>(n.a);
            if (c.s != State::Ok) return propagate(out, c);
            const Slot& r = force_impl<Trace>(c.v.b ? n.b : n.c);
            out.v = r.v;
            out.s = r.s;
            out.error = r.error;
            return;
        }
        case Op::IsPresent: {
            const Slot& a = force_impl<Trace>(n.a);
            if (a.s == State::Ok || a.s == State::None) {
                out.v = Value::of_bool(a.s == State::Ok);
                return;
            }
            return propagate(out, a);
        }
        case Op::Otherwise: {
            const Slot& a = force_impl<Trace>(n.a);
            if (a.s == State::Ok) {
                out.v = a.v;
                return;
            }
            if (a.s != State::None) return propagate(out, a);
            const Slot& b = force_impl<Trace>(n.b);
            out.v = b.v;
            out.s = b.s;
            out.error = b.error;
            return;
        }
        case Op::Field: {
            const Slot& a = force_impl<Trace>(n.a);
            if (a.s != State::Ok) return propagate(out, a);
            const Cell& cell = a.v.rec[n.aux];
            out.v = cell.v;
            out.s = cell.s;
            return;
        }
        case Op::MakeRecord:
        case Op::MakeList: {
            const Slot* failed = nullptr;
            for (uint32_t i = 0; i < n.args_count; ++i)
                note_failure(force_impl<Trace>(p_->args[n.args_begin + i]), &failed, false);
            if (failed) return propagate(out, *failed);
            Cell* cells = arena_.cells(n.args_count);
            for (uint32_t i = 0; i < n.args_count; ++i) {
                const Slot& a = slots_[p_->args[n.args_begin + i]];
                cells[i].v = a.v;
                cells[i].s = a.s;
            }
            out.v = n.op == Op::MakeRecord ? Value::of_record(cells) : Value::of_list(cells, n.args_count);
            return;
        }
        case Op::Aggregate: return aggregate<Trace>(n, out);
        case Op::Collect: return collect<Trace>(n, id, out);
        case Op::Limit: return limit<Trace>(n, id, out);
        case Op::Table: return table<Trace>(n, id, out);
        case Op::Ladder: return ladder<Trace>(n, id, out);
        default: break;
    }

    // strict operations: every operand first, then the operation on their values. The first error
    // wins and stops the rest, except a parameter without a value: the operands after it are
    // still computed (their value unused) so that the facts they miss are named beside it.
    const Slot* worst = nullptr;
    auto visit = [&](NodeId x) {
        const Slot& s = force_impl<Trace>(x);
        if (s.s != State::Ok && (!worst || (s.s == State::Error && worst->s != State::Error))) worst = &s;
    };
    auto stopped = [&] { return worst && worst->s == State::Error && !undefined_parameter(*worst); };
    for (NodeId x : {n.a, n.b, n.c}) {
        if (x == kNoNode) continue;
        visit(x);
        if (stopped()) break;
    }
    for (uint32_t i = 0; i < n.args_count && !stopped(); ++i) visit(p_->args[n.args_begin + i]);
    if (worst) {
        if (worst->s == State::None)
            return fail(out, id, Fault::Overflow, "internal: an absent value reached an operation");
        return propagate(out, *worst);
    }
    // left uninitialised (a strict operation is computed hundreds of times a case): each operand
    // is written before apply_strict reads it
    union Operands {
        Value v[8];
        Operands() {}
    } in;
    std::vector<Value> many;
    Value* ins = in.v;
    size_t count = (n.a != kNoNode) + (n.b != kNoNode) + (n.c != kNoNode) + n.args_count;
    if (count > 8) {
        many.resize(count);
        ins = many.data();
    }
    size_t k = 0;
    for (NodeId x : {n.a, n.b, n.c}) {
        if (x != kNoNode) ins[k++] = slots_[x].v;
    }
    for (uint32_t i = 0; i < n.args_count; ++i) ins[k++] = slots_[p_->args[n.args_begin + i]].v;
    if (n.op == Op::In && (steps_ += ins[1].list.size) > compile::kMaxEvaluationSteps) {
        return fail(out, id, Fault::TooManySteps);
    }
    Fault f = apply_strict(m_, *p_, n, ins, &out.v);
    if (f != Fault::None) fail(out, id, f);
}

template <bool Trace>
void Evaluator::aggregate(const Node& n, Slot& out) {
    const AggregateInfo& ag = p_->aggregates[n.aux];
    const Slot& list = force_impl<Trace>(ag.list);
    if (list.s != State::Ok) return propagate(out, list);
    ListRef items = list.v.list;
    if ((steps_ += items.size) > compile::kMaxEvaluationSteps) return fail(out, ag.list, Fault::TooManySteps);
    using K = AggregateInfo::Kind;
    bool missing = false;
    Slot missing_slot;  // a copy: the filter's slot is recomputed for the next element
    Value acc;
    bool have = false;
    uint32_t count = 0;
    Cell* built = ag.kind == K::List ? arena_.cells(items.size) : nullptr;
    Cell picked;
    picked.s = State::None;
    uint32_t first_missing = items.size;  // the element whose filter was first undecided
    Slot& var = slots_[ag.var];
    switch (ag.kind) {
        case K::Sum:
            if (ag.body_kind == ValueKind::Int) acc = Value::of_int(0);
            else if (ag.body_kind == ValueKind::Duration) acc = Value::of_duration({0, false});
            else acc = Value::of_number(util::Rational::of(0));
            break;
        default: break;
    }
    for (uint32_t i = 0; i < items.size; ++i) {
        // a new element: everything that depends on the variable is recomputed
        for (NodeId mbr : ag.members) slots_[mbr].epoch = 0;
        var.v = items.items[i].v;
        var.s = items.items[i].s;
        var.epoch = epoch_;
        if (ag.filter != kNoNode) {
            const Slot& f = force_impl<Trace>(ag.filter);
            if (f.s == State::Error) return propagate(out, f);
            if (f.s != State::Ok) {
                if (!missing) first_missing = i;
                missing = true;
                missing_slot = f;
                if (ag.kind != K::Any && ag.kind != K::All && ag.kind != K::Count) break;
                continue;
            }
            if (!f.v.b) {
                if (ag.kind == K::All) {
                    out.v = Value::of_bool(false);
                    return;
                }
                continue;
            }
        }
        if (ag.kind == K::Any) {
            out.v = Value::of_bool(true);
            return;
        }
        if (ag.kind == K::All) continue;
        if (ag.kind == K::Count) {
            ++count;
            continue;
        }
        if (ag.kind == K::First || ag.kind == K::Last) {
            picked = items.items[i];
            if (ag.kind == K::First) break;
            continue;
        }
        const Slot& b = force_impl<Trace>(ag.body);
        if (b.s == State::Error) return propagate(out, b);
        if (b.s == State::Missing) {
            missing = true;
            missing_slot = b;
            break;
        }
        switch (ag.kind) {
            case K::Sum: {
                bool ok;
                if (ag.body_kind == ValueKind::Int) {
                    ok = !__builtin_add_overflow(acc.i, b.v.i, &acc.i);
                } else if (ag.body_kind == ValueKind::Duration) {
                    if (acc.dur.count != 0 && b.v.dur.count != 0 && acc.dur.months != b.v.dur.months) {
                        return fail(out, ag.body, Fault::MixedDurations);
                    }
                    if (b.v.dur.count != 0) acc.dur.months = b.v.dur.months;
                    ok = !__builtin_add_overflow(acc.dur.count, b.v.dur.count, &acc.dur.count);
                } else {
                    ok = util::add(acc.r, b.v.r, &acc.r);
                }
                if (!ok) return fail(out, ag.body, Fault::Overflow);
                break;
            }
            case K::Max:
            case K::Min: {
                if (!have) {
                    acc = b.v;
                    have = true;
                    break;
                }
                Fault fault = Fault::None;
                int c = compare_values(ag.body_kind, b.v, acc, &fault);
                if (fault != Fault::None) return fail(out, ag.body, fault);
                if ((ag.kind == K::Max && c > 0) || (ag.kind == K::Min && c < 0)) acc = b.v;
                break;
            }
            case K::List:
                built[count].v = b.v;
                built[count].s = b.s;
                ++count;
                break;
            default: break;
        }
    }
    // The body's slots keep the last element's values: only this aggregate reaches them, and
    // missing_facts() follows them to the facts a missing result waited on. `any`, `all` and
    // `count` go on past an undecided filter: recompute the first one, so those slots show it.
    if (missing && (ag.kind == K::Any || ag.kind == K::All || ag.kind == K::Count) && first_missing + 1 < items.size) {
        for (NodeId mbr : ag.members) slots_[mbr].epoch = 0;
        var.v = items.items[first_missing].v;
        var.s = items.items[first_missing].s;
        var.epoch = epoch_;
        force_impl<Trace>(ag.filter);
    }
    if (missing) return propagate(out, missing_slot);
    switch (ag.kind) {
        case K::Sum: out.v = acc; return;
        case K::Count: out.v = Value::of_int(count); return;
        case K::Any: out.v = Value::of_bool(false); return;
        case K::All: out.v = Value::of_bool(true); return;
        case K::Max:
        case K::Min:
            if (!have) out.s = State::None;
            else out.v = acc;
            return;
        case K::First:
        case K::Last:
            out.v = picked.v;
            out.s = picked.s;
            return;
        case K::List: out.v = Value::of_list(built, count); return;
    }
}

template <bool Trace>
void Evaluator::collect(const Node& n, NodeId id, Slot& out) {
    const auto& info = p_->collects[n.aux];
    Cell* cells = arena_.cells(info.entries.size());
    uint32_t count = 0;
    const Slot* missing = nullptr;
    for (uint32_t i = 0; i < info.entries.size(); ++i) {
        const auto& e = info.entries[i];
        const Slot& c = force_impl<Trace>(e.condition);
        if (c.s == State::Error) return propagate(out, c);
        if (c.s != State::Ok) {
            if (!missing) missing = &c;
            continue;
        }
        if (!c.v.b) continue;
        const Slot& v = force_impl<Trace>(e.value);
        if (v.s == State::Error || v.s == State::Missing) return propagate(out, v);
        cells[count].v = v.v;
        cells[count].s = v.s;
        ++count;
        if constexpr (Trace) trace_.push_back(TraceEntry{TraceEntry::Kind::CollectEntry, id, i});
    }
    if (missing) return propagate(out, *missing);
    out.v = Value::of_list(cells, count);
}

template <bool Trace>
void Evaluator::limit(const Node& n, NodeId id, Slot& out) {
    const auto& info = p_->limits[n.aux];
    const Slot& start = force_impl<Trace>(info.start);
    if (start.s != State::Ok) return propagate(out, start);
    Value x = start.v;
    for (uint32_t i = 0; i < info.steps.size(); ++i) {
        const auto& step = info.steps[i];
        if (step.unless != kNoNode) {
            const Slot& u = force_impl<Trace>(step.unless);
            if (u.s != State::Ok) return propagate(out, u);
            if (u.v.b) continue;
        }
        const Slot& b = force_impl<Trace>(step.bound);
        if (b.s != State::Ok) return propagate(out, b);
        Fault f = Fault::None;
        int c = compare_values(n.vk, b.v, x, &f);
        if (f != Fault::None) return fail(out, step.bound, f);
        if ((step.at_most && c < 0) || (!step.at_most && c > 0)) {
            x = b.v;
            if constexpr (Trace) trace_.push_back(TraceEntry{TraceEntry::Kind::LimitStep, id, i});
        }
    }
    out.v = x;
}

static bool cell_matches(const compile::CellTest& t, ValueKind k, const Value& v) {
    using K = syntax::CellTest::Kind;
    Fault f = Fault::None;
    switch (t.kind) {
        case K::Any: return true;
        case K::Equal: return compare_values(k, v, t.low, &f) == 0;
        case K::NotEqual: return compare_values(k, v, t.low, &f) != 0;
        case K::Less: return compare_values(k, v, t.low, &f) < 0;
        case K::LessEq: return compare_values(k, v, t.low, &f) <= 0;
        case K::Greater: return compare_values(k, v, t.low, &f) > 0;
        case K::GreaterEq: return compare_values(k, v, t.low, &f) >= 0;
        case K::Range:
            if (t.has_low && compare_values(k, v, t.low, &f) < 0) return false;
            if (t.has_high && compare_values(k, v, t.high, &f) > 0) return false;
            return true;
    }
    return false;
}

template <bool Trace>
void Evaluator::table(const Node& n, NodeId id, Slot& out) {
    const auto& call = p_->table_calls[n.aux];
    const Slot* failed = nullptr;
    for (NodeId a : call.args) note_failure(force_impl<Trace>(a), &failed, true);
    if (failed) return propagate(out, *failed);
    auto matches = [&](size_t r) {
        const auto& row = call.cells[r];
        for (size_t c = 0; c < row.size(); ++c) {
            if (row[c].empty()) continue;
            const Value& v = slots_[call.args[c]].v;
            bool any = false;
            for (const auto& t : row[c]) {
                if (cell_matches(t, call.arg_kinds[c], v)) {
                    any = true;
                    break;
                }
            }
            if (!any) return false;
        }
        return true;
    };
    size_t rows = call.outputs.size();
    if (call.hit == syntax::HitPolicy::Collect) {
        Cell* cells = arena_.cells(rows);
        uint32_t count = 0;
        for (size_t r = 0; r < rows; ++r) {
            if (!matches(r)) continue;
            const Slot& o = force_impl<Trace>(call.outputs[r]);
            if (o.s == State::Error || o.s == State::Missing) return propagate(out, o);
            cells[count].v = o.v;
            cells[count].s = o.s;
            ++count;
            if constexpr (Trace) trace_.push_back(TraceEntry{TraceEntry::Kind::TableRow, id, static_cast<uint32_t>(r)});
        }
        out.v = Value::of_list(cells, count);
        return;
    }
    size_t found = rows;
    if (call.index.usable) {
        uint64_t mask = call.index.all_rows;
        for (size_t c = 0; c < call.args.size() && mask; ++c) {
            mask &= call.index.rows(c, compile::RowIndex::key(call.arg_kinds[c], slots_[call.args[c]].v));
        }
        if (mask) {
            found = static_cast<size_t>(__builtin_ctzll(mask));
            if (call.hit == syntax::HitPolicy::Unique && (mask & (mask - 1))) {
                return fail(out, id, Fault::SeveralTableRows,
                            "rows " + std::to_string(found + 1) + " and " +
                                std::to_string(__builtin_ctzll(mask & (mask - 1)) + 1));
            }
        }
    }
    for (size_t r = 0; r < rows && !call.index.usable; ++r) {
        if (!matches(r)) continue;
        if (found == rows) {
            found = r;
            if (call.hit == syntax::HitPolicy::First) break;
        } else {
            return fail(out, id, Fault::SeveralTableRows,
                        "rows " + std::to_string(found + 1) + " and " + std::to_string(r + 1));
        }
    }
    if (found == rows) {
        std::string inputs;
        const auto& t = m_.tables[call.table];
        for (size_t c = 0; c < call.args.size(); ++c) {
            const Value& v = slots_[call.args[c]].v;
            std::string text;
            switch (call.arg_kinds[c]) {
                case ValueKind::Bool: text = v.b ? "true" : "false"; break;
                case ValueKind::Int: text = std::to_string(v.i); break;
                case ValueKind::Number: text = util::to_decimal_string(v.r); break;
                case ValueKind::Date: text = util::format_iso_date(v.d); break;
                case ValueKind::Enum:
                    text = m_.enums[m_.types.get(m_.types.strip_optional(t.inputs[c].type)).ref].values[v.e];
                    break;
                default: text = "?"; break;
            }
            inputs += (c ? ", " : "") + t.inputs[c].name + " = " + text;
        }
        return fail(out, id, Fault::NoTableRow, inputs);
    }
    const Slot& o = force_impl<Trace>(call.outputs[found]);
    if constexpr (Trace) trace_.push_back(TraceEntry{TraceEntry::Kind::TableRow, id, static_cast<uint32_t>(found)});
    out.v = o.v;
    out.s = o.s;
    out.error = o.error;
}

// LANGUAGE.md §8: levels of fixed length escalate unless cured by their last day; a level
// `until cured` lasts its minimum and until the day before the cure, and one with a longest
// length (`at most`) escalates when there is no cure by its last day.
template <bool Trace>
void Evaluator::ladder(const Node& n, NodeId id, Slot& out) {
    const auto& call = p_->ladders[n.aux];
    const Slot* failed = nullptr;
    const Slot& eps = force_impl<Trace>(call.episodes);
    note_failure(eps, &failed, true);
    const Slot& as_of_slot = force_impl<Trace>(call.as_of);
    note_failure(as_of_slot, &failed, true);
    for (const auto& lv : call.levels) {
        note_failure(force_impl<Trace>(lv.percent), &failed, true);
        if (lv.length != compile::kNoNode) note_failure(force_impl<Trace>(lv.length), &failed, true);
        if (lv.at_most != compile::kNoNode) note_failure(force_impl<Trace>(lv.at_most), &failed, true);
    }
    if (failed) return propagate(out, *failed);
    util::Days as_of = as_of_slot.v.d;
    ListRef list = eps.v.list;
    if ((steps_ += list.size) > compile::kMaxEvaluationSteps) return fail(out, call.episodes, Fault::TooManySteps);
    auto value = [&](NodeId x) -> const Value& { return slots_[x].v; };
    const LadderSpan* current = nullptr;
    if (walk_ladder(call, list, as_of, value, ladder_, &current) != Fault::None)
        return fail(out, id, Fault::DateOutOfRange);
    if constexpr (Trace) {
        if (current) {
            trace_.push_back(
                TraceEntry{TraceEntry::Kind::LadderLevel, id, static_cast<uint32_t>(current->level), current->episode});
        }
    }
    out.v = ladder_record(call, list, current, value, arena_);
}

}  // namespace tenet::eval
