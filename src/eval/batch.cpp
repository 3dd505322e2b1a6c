// Columnar evaluation: every node of a plan over a block of cases.
#include "eval/batch.hpp"

#include <algorithm>

namespace tenet::eval {

using compile::kNoNode;
using compile::Node;
using compile::NodeId;
using compile::Op;

namespace {

// Whether a node's node kind has a columnar kernel: all but `hit collect` tables.
bool columnar(const compile::Program& program, const Node& node) {
    return !(node.op == Op::Table && program.table_calls[node.aux].hit == syntax::HitPolicy::Collect);
}

}  // namespace

BatchPlan::BatchPlan(const compile::Program& program, std::vector<NodeId> roots)
    : program_(program), roots_(std::move(roots)) {
    std::vector<char> need(program.nodes.size(), 0);
    std::vector<NodeId> todo(roots_.begin(), roots_.end());
    for (NodeId r : roots_) need[r] = 1;
    while (!todo.empty()) {
        NodeId x = todo.back();
        todo.pop_back();
        program.for_each_operand(x, [&](NodeId y) {
            if (y != kNoNode && !need[y]) {
                need[y] = 1;
                todo.push_back(y);
            }
        });
    }
    // Each node is computed in the level of the innermost aggregate it depends on the variable
    // of: the one of smallest id among those it is a member of (a nested aggregate is built, so
    // numbered, before the one around it).
    std::vector<NodeId> owner(program.nodes.size(), kNoNode);
    level_of_.assign(program.nodes.size(), 0xffffffffu);
    for (NodeId x = 0; x < program.nodes.size(); ++x) {
        if (!need[x]) continue;
        order_.push_back(x);  // ids are a topological order
        const Node& node = program.nodes[x];
        if (!columnar(program, node)) supported_ = false;
        if (node.op != Op::Aggregate) continue;
        level_of_[x] = static_cast<uint32_t>(levels_.size());
        levels_.push_back(Level{x, {}, {}});
    }
    for (const Level& level : levels_) {
        const compile::AggregateInfo& ag = program.aggregates[program.nodes[level.aggregate].aux];
        if (owner[ag.var] == kNoNode) owner[ag.var] = level.aggregate;
        for (NodeId m : ag.members) {
            if (owner[m] == kNoNode) owner[m] = level.aggregate;
        }
    }
    for (NodeId x : order_) {
        if (owner[x] == kNoNode) top_.push_back(x);
        else levels_[level_of_[owner[x]]].nodes.push_back(x);
    }
    auto inside = [&](NodeId y, NodeId aggregate) {
        for (NodeId o = owner[y]; o != kNoNode; o = owner[o]) {
            if (o == aggregate) return true;
        }
        return false;
    };
    // inputs, nested levels first (they are numbered first): what a level's nodes and the levels
    // nested in it read from outside it
    for (Level& level : levels_) {
        std::vector<NodeId> inputs;
        auto add = [&](NodeId y) {
            if (y == kNoNode || inside(y, level.aggregate) || program.nodes[y].op == Op::Const) return;
            inputs.push_back(y);
        };
        // a filter or body that does not read the variable is the case's (or an enclosing level's)
        const compile::AggregateInfo& own = program.aggregates[program.nodes[level.aggregate].aux];
        add(own.filter);
        add(own.body);
        for (NodeId x : level.nodes) {
            const Node& node = program.nodes[x];
            if (node.op == Op::Aggregate) {
                const Level& nested = levels_[level_of_[x]];
                add(program.aggregates[node.aux].list);
                for (NodeId y : nested.inputs) add(y);
                continue;
            }
            program.for_each_operand(x, add);
        }
        std::sort(inputs.begin(), inputs.end());
        inputs.erase(std::unique(inputs.begin(), inputs.end()), inputs.end());
        level.inputs = std::move(inputs);
    }
}

void BatchEvaluator::run(const BatchPlan& plan, size_t count, const FactColumn* facts, const RootColumn* out) {
    const compile::Program& p = plan.program();
    if (prepared_plan_ != &plan) {
        prepared_plan_ = &plan;
        prepared_ = &p;
        slot_of_.assign(p.nodes.size(), 0xffffffffu);
        uint32_t owned = 0;
        for (NodeId x : plan.order()) {
            Op op = p.nodes[x].op;
            if (op != Op::Const && op != Op::Fact && op != Op::Rule && op != Op::Param) slot_of_[x] = owned++;
        }
        values_.assign(static_cast<size_t>(owned) * kBlock, Value());
        states_.assign(static_cast<size_t>(owned) * kBlock, State::Ok);
        faults_.assign(static_cast<size_t>(owned) * kBlock, Fault::None);
        columns_.assign(p.nodes.size(), Column{nullptr, nullptr, nullptr, 0});
        levels_.resize(plan.levels().size());
        for (size_t l = 0; l < plan.levels().size(); ++l) {
            LevelScratch& ls = levels_[l];
            size_t inputs = plan.levels()[l].inputs.size();
            ls.parent.assign(kBlock, 0);
            ls.item.assign(kBlock, nullptr);
            ls.folds.assign(kBlock, Fold{});
            ls.saved.assign(inputs, Column{nullptr, nullptr, nullptr, 0});
            ls.values.assign(inputs * kBlock, Value());
            ls.states.assign(inputs * kBlock, State::Ok);
            ls.faults.assign(inputs * kBlock, Fault::None);
        }
        all_missing_.assign(kBlock, State::Missing);
        mask_scratch_.assign(kBlock, 0);
        no_faults_.assign(kBlock, Fault::None);
    }
    arena_.reset();  // the lists and records of the previous run's results
    for (size_t first = 0; first < count; first += kBlock) {
        size_t n = std::min(kBlock, count - first);
        run_block(plan, first, n, facts);
        for (size_t r = 0; r < plan.roots().size(); ++r) {
            const Column& c = columns_[plan.roots()[r]];
            Value* v = out[r].values + first;
            State* st = out[r].states + first;
            if (c.stride == 1) {
                std::copy(c.v, c.v + n, v);
                std::copy(c.s, c.s + n, st);
                if (out[r].faults) std::copy(c.f, c.f + n, out[r].faults + first);
            } else {
                std::fill(v, v + n, c.v[0]);
                std::fill(st, st + n, c.s[0]);
                if (out[r].faults) std::fill(out[r].faults + first, out[r].faults + first + n, c.f[0]);
            }
        }
    }
}

namespace {

inline bool fast_add(util::Rational a, util::Rational b, util::Rational* out) {
    if (a.den == 1 && b.den == 1) {
        out->den = 1;
        return !__builtin_add_overflow(a.num, b.num, &out->num);
    }
    return util::add(a, b, out);
}

inline bool fast_sub(util::Rational a, util::Rational b, util::Rational* out) {
    if (a.den == 1 && b.den == 1) {
        out->den = 1;
        return !__builtin_sub_overflow(a.num, b.num, &out->num);
    }
    return util::sub(a, b, out);
}

}  // namespace

void BatchEvaluator::run_block(const BatchPlan& plan, size_t first, size_t n, const FactColumn* facts) {
    eval_nodes(plan, plan.top(), first, n, facts);
}

void BatchEvaluator::eval_nodes(const BatchPlan& plan, const std::vector<NodeId>& nodes, size_t first, size_t n,
                                const FactColumn* facts) {
    const compile::Program& p = plan.program();
    const Fault* no_faults = no_faults_.data();
    for (NodeId x : nodes) {
        const Node& node = p.nodes[x];
        Column& col = columns_[x];
        switch (node.op) {
            case Op::LoopVar: continue;  // set by its aggregate for each stretch of elements
            case Op::Const: col = Column{&p.constants[node.aux], &p.constant_states[node.aux], no_faults, 0}; continue;
            case Op::Fact: {
                const FactColumn& f = facts[node.aux];
                col = Column{f.values ? f.values + first : nullptr, f.states ? f.states + first : all_missing_.data(),
                             no_faults, 1};
                if (!f.values) col.v = values_.data();  // never read: every case is Missing
                continue;
            }
            case Op::Rule:
            case Op::Param: col = columns_[node.a]; continue;
            default: break;
        }
        size_t base = static_cast<size_t>(slot_of_[x]) * kBlock;
        Value* ov = values_.data() + base;
        State* os = states_.data() + base;
        Fault* of = faults_.data() + base;
        col = Column{ov, os, of, 1};
        auto V = [&](NodeId y, size_t i) -> const Value& {
            const Column& c = columns_[y];
            return c.v[i * c.stride];
        };
        auto S = [&](NodeId y, size_t i) -> State {
            const Column& c = columns_[y];
            return c.s[i * c.stride];
        };
        auto F = [&](NodeId y, size_t i) -> Fault {
            const Column& c = columns_[y];
            return c.f[i * c.stride];
        };
        auto copy = [&](NodeId y, size_t i) {
            ov[i] = V(y, i);
            os[i] = S(y, i);
            of[i] = F(y, i);
        };
        switch (node.op) {
            case Op::Undefined:
                for (size_t i = 0; i < n; ++i) {
                    os[i] = State::Error;
                    of[i] = Fault::UndefinedParameter;
                }
                continue;
            case Op::And:
            case Op::Or: {
                bool stop = node.op == Op::Or;
                for (size_t i = 0; i < n; ++i) {
                    State a = S(node.a, i), b = S(node.b, i);
                    if (a == State::Ok && V(node.a, i).b == stop) {
                        ov[i] = Value::of_bool(stop);
                        os[i] = State::Ok;
                    } else if (a == State::Error) {
                        copy(node.a, i);
                    } else if (b == State::Ok && (a == State::Ok || V(node.b, i).b == stop)) {
                        ov[i] = Value::of_bool(V(node.b, i).b);
                        os[i] = State::Ok;
                    } else if (b == State::Error) {
                        copy(node.b, i);
                    } else {
                        copy(a == State::Missing ? node.a : node.b, i);
                    }
                }
                continue;
            }
            case Op::If:
                for (size_t i = 0; i < n; ++i) {
                    if (S(node.a, i) != State::Ok) copy(node.a, i);
                    else copy(V(node.a, i).b ? node.b : node.c, i);
                }
                continue;
            case Op::IsPresent:
                for (size_t i = 0; i < n; ++i) {
                    State a = S(node.a, i);
                    if (a == State::Ok || a == State::None) {
                        ov[i] = Value::of_bool(a == State::Ok);
                        os[i] = State::Ok;
                    } else {
                        copy(node.a, i);
                    }
                }
                continue;
            case Op::Otherwise:
                for (size_t i = 0; i < n; ++i) copy(S(node.a, i) == State::None ? node.b : node.a, i);
                continue;
            case Op::Field:
                for (size_t i = 0; i < n; ++i) {
                    if (S(node.a, i) != State::Ok) {
                        copy(node.a, i);
                        continue;
                    }
                    const Cell& cell = V(node.a, i).rec[node.aux];
                    ov[i] = cell.v;
                    os[i] = cell.s;
                    of[i] = Fault::None;
                }
                continue;
            case Op::Aggregate: aggregate(plan, x, n, ov, os, of); continue;
            case Op::Collect: collect(p, node, n, ov, os, of); continue;
            case Op::Ladder: ladder(p, node, n, ov, os, of); continue;
            case Op::MakeRecord:
            case Op::MakeList:
                for (size_t i = 0; i < n; ++i) {
                    // the first error, else the first missing value (LANGUAGE.md §7.1)
                    NodeId bad = kNoNode;
                    for (uint32_t k = 0; k < node.args_count; ++k) {
                        NodeId y = p.args[node.args_begin + k];
                        bool failed = S(y, i) == State::Missing || S(y, i) == State::Error;
                        if (failed && (bad == kNoNode || (S(y, i) == State::Error && S(bad, i) != State::Error)))
                            bad = y;
                    }
                    if (bad != kNoNode) {
                        copy(bad, i);
                        continue;
                    }
                    Cell* cells = arena_.cells(node.args_count);
                    for (uint32_t k = 0; k < node.args_count; ++k) {
                        NodeId y = p.args[node.args_begin + k];
                        cells[k].v = V(y, i);
                        cells[k].s = S(y, i);
                    }
                    ov[i] =
                        node.op == Op::MakeRecord ? Value::of_record(cells) : Value::of_list(cells, node.args_count);
                    os[i] = State::Ok;
                    of[i] = Fault::None;
                }
                continue;
            case Op::Table: {
                const auto& call = p.table_calls[node.aux];
                if (integral_table(p, node, n, ov, os, of)) continue;
                for (size_t i = 0; i < n; ++i) {
                    NodeId bad = kNoNode;
                    for (NodeId a : call.args) {
                        if (S(a, i) != State::Ok &&
                            (bad == kNoNode || (S(a, i) == State::Error && S(bad, i) != State::Error)))
                            bad = a;
                    }
                    if (bad != kNoNode) {
                        copy(bad, i);
                        continue;
                    }
                    size_t rows = call.outputs.size(), found = rows;
                    bool several = false;
                    for (size_t r = 0; r < rows && !several; ++r) {
                        bool match = true;
                        for (size_t c = 0; c < call.args.size() && match; ++c) {
                            const auto& tests = call.cells[r][c];
                            if (tests.empty()) continue;
                            const Value& v = V(call.args[c], i);
                            bool any = false;
                            for (const auto& t : tests) {
                                Fault f = Fault::None;
                                using K = syntax::CellTest::Kind;
                                int cmp = t.kind == K::Any ? 0 : compare_values(call.arg_kinds[c], v, t.low, &f);
                                switch (t.kind) {
                                    case K::Any: any = true; break;
                                    case K::Equal: any = cmp == 0; break;
                                    case K::NotEqual: any = cmp != 0; break;
                                    case K::Less: any = cmp < 0; break;
                                    case K::LessEq: any = cmp <= 0; break;
                                    case K::Greater: any = cmp > 0; break;
                                    case K::GreaterEq: any = cmp >= 0; break;
                                    case K::Range:
                                        any = (!t.has_low || cmp >= 0) &&
                                              (!t.has_high || compare_values(call.arg_kinds[c], v, t.high, &f) <= 0);
                                        break;
                                }
                                if (any) break;
                            }
                            match = any;
                        }
                        if (!match) continue;
                        if (found == rows) {
                            found = r;
                            if (call.hit == syntax::HitPolicy::First) break;
                        } else {
                            several = true;
                        }
                    }
                    if (several || found == rows) {
                        os[i] = State::Error;
                        of[i] = several ? Fault::SeveralTableRows : Fault::NoTableRow;
                        continue;
                    }
                    copy(call.outputs[found], i);
                }
                continue;
            }
            case Op::Limit: {
                const auto& info = p.limits[node.aux];
                if (node.vk == ValueKind::Number && limit_numbers(info, n, ov, os, of)) continue;
                for (size_t i = 0; i < n; ++i) {
                    if (S(info.start, i) != State::Ok) {
                        copy(info.start, i);
                        continue;
                    }
                    Value x = V(info.start, i);
                    bool done = false;
                    for (const auto& step : info.steps) {
                        if (step.unless != kNoNode) {
                            if (S(step.unless, i) != State::Ok) {
                                copy(step.unless, i);
                                done = true;
                                break;
                            }
                            if (V(step.unless, i).b) continue;
                        }
                        if (S(step.bound, i) != State::Ok) {
                            copy(step.bound, i);
                            done = true;
                            break;
                        }
                        Fault f = Fault::None;
                        int c = compare_values(node.vk, V(step.bound, i), x, &f);
                        if (f != Fault::None) {
                            os[i] = State::Error;
                            of[i] = f;
                            done = true;
                            break;
                        }
                        if ((step.at_most && c < 0) || (!step.at_most && c > 0)) x = V(step.bound, i);
                    }
                    if (done) continue;
                    ov[i] = x;
                    os[i] = State::Ok;
                }
                continue;
            }
            default: break;
        }

        // strict operations: the first non-Ok operand (an error first) decides, else the operation
        strict(p, node, n, ov, os, of);
    }
}

// The aggregate node x over the lists of the n rows of its enclosing level: their elements,
// a stretch of up to kBlock at a time, through the level's nodes, then folded row by row in the
// order Evaluator::aggregate goes through them (LANGUAGE.md §7.3), which decides the same
// results: it stops at the same element, and what it never computed is discarded here.
void BatchEvaluator::aggregate(const BatchPlan& plan, NodeId x, size_t n, Value* ov, State* os, Fault* of) {
    using K = compile::AggregateInfo::Kind;
    const compile::Program& p = plan.program();
    const compile::AggregateInfo& ag = p.aggregates[p.nodes[x].aux];
    const BatchPlan::Level& level = plan.levels()[plan.level_of(x)];
    LevelScratch& ls = levels_[plan.level_of(x)];
    const Column list = columns_[ag.list];
    Fold* folds = ls.folds.data();
    for (size_t i = 0; i < n; ++i) {
        Fold& f = folds[i];
        f = Fold{};
        const size_t at = i * list.stride;
        if (list.s[at] != State::Ok) {
            ov[i] = list.v[at];
            os[i] = list.s[at];
            of[i] = list.f[at];
            f.done = true;
            continue;
        }
        f.picked.s = State::None;
        f.missing_f = Fault::None;
        f.missing_s = State::Ok;
        if (ag.kind == K::Sum) {
            if (ag.body_kind == ValueKind::Int) f.acc = Value::of_int(0);
            else if (ag.body_kind == ValueKind::Duration) f.acc = Value::of_duration({0, false});
            else f.acc = Value::of_number(util::Rational::of(0));
        }
        if (ag.kind == K::List) f.built = arena_.cells(list.v[at].list.size);
    }
    for (size_t k = 0; k < level.inputs.size(); ++k) ls.saved[k] = columns_[level.inputs[k]];
    const Column none{nullptr, nullptr, nullptr, 0};
    const Column& filter = ag.filter != kNoNode ? columns_[ag.filter] : none;
    const Column& body = ag.body != kNoNode ? columns_[ag.body] : none;
    auto finish = [&](size_t i, const Value& v, State s, Fault fault) {
        ov[i] = v;
        os[i] = s;
        of[i] = fault;
        folds[i].done = true;
    };
    // one stretch of m elements: the level's nodes over them, then the fold
    auto stretch = [&](size_t m) {
        for (size_t k = 0; k < level.inputs.size(); ++k) {
            const Column& from = ls.saved[k];
            if (from.stride == 0) {
                columns_[level.inputs[k]] = from;
                continue;
            }
            Value* gv = ls.values.data() + k * kBlock;
            State* gs = ls.states.data() + k * kBlock;
            Fault* gf = ls.faults.data() + k * kBlock;
            for (size_t e = 0; e < m; ++e) {
                uint32_t r = ls.parent[e];
                gv[e] = from.v[r];
                gs[e] = from.s[r];
                gf[e] = from.f[r];
            }
            columns_[level.inputs[k]] = Column{gv, gs, gf, 1};
        }
        if (slot_of_[ag.var] != 0xffffffffu) {  // else nothing reads the variable: `count of x in xs`
            size_t base = static_cast<size_t>(slot_of_[ag.var]) * kBlock;
            Value* vv = values_.data() + base;
            State* vs = states_.data() + base;
            Fault* vf = faults_.data() + base;
            for (size_t e = 0; e < m; ++e) {
                vv[e] = ls.item[e]->v;
                vs[e] = ls.item[e]->s;
                vf[e] = Fault::None;
            }
            columns_[ag.var] = Column{vv, vs, vf, 1};
        }
        eval_nodes(plan, level.nodes, 0, m, nullptr);
        for (size_t e = 0; e < m; ++e) {
            const size_t i = ls.parent[e];
            Fold& f = folds[i];
            if (f.done || (f.missing && ag.kind != K::Any && ag.kind != K::All && ag.kind != K::Count)) continue;
            if (ag.filter != kNoNode) {
                const size_t at = e * filter.stride;
                State fs = filter.s[at];
                if (fs == State::Error) {
                    finish(i, filter.v[at], fs, filter.f[at]);
                    continue;
                }
                if (fs != State::Ok) {
                    f.missing = true;
                    f.missing_v = filter.v[at];
                    f.missing_s = fs;
                    f.missing_f = filter.f[at];
                    continue;
                }
                if (!filter.v[at].b) {
                    if (ag.kind == K::All) finish(i, Value::of_bool(false), State::Ok, Fault::None);
                    continue;
                }
            }
            switch (ag.kind) {
                case K::Any: finish(i, Value::of_bool(true), State::Ok, Fault::None); continue;
                case K::All: continue;
                case K::Count: ++f.count; continue;
                case K::First:
                case K::Last:
                    f.picked = *ls.item[e];
                    if (ag.kind == K::First) finish(i, f.picked.v, f.picked.s, Fault::None);
                    continue;
                default: break;
            }
            const size_t at = e * body.stride;
            const Value& b = body.v[at];
            State bs = body.s[at];
            if (bs == State::Error) {
                finish(i, b, bs, body.f[at]);
                continue;
            }
            if (bs == State::Missing) {
                f.missing = true;
                f.missing_v = b;
                f.missing_s = bs;
                f.missing_f = body.f[at];
                continue;
            }
            switch (ag.kind) {
                case K::Sum: {
                    bool ok;
                    if (ag.body_kind == ValueKind::Int) {
                        ok = !__builtin_add_overflow(f.acc.i, b.i, &f.acc.i);
                    } else if (ag.body_kind == ValueKind::Duration) {
                        if (f.acc.dur.count != 0 && b.dur.count != 0 && f.acc.dur.months != b.dur.months) {
                            finish(i, Value(), State::Error, Fault::MixedDurations);
                            continue;
                        }
                        if (b.dur.count != 0) f.acc.dur.months = b.dur.months;
                        ok = !__builtin_add_overflow(f.acc.dur.count, b.dur.count, &f.acc.dur.count);
                    } else {
                        ok = fast_add(f.acc.r, b.r, &f.acc.r);
                    }
                    if (!ok) finish(i, Value(), State::Error, Fault::Overflow);
                    break;
                }
                case K::Max:
                case K::Min: {
                    if (!f.have) {
                        f.acc = b;
                        f.have = true;
                        break;
                    }
                    Fault fault = Fault::None;
                    int c = compare_values(ag.body_kind, b, f.acc, &fault);
                    if (fault != Fault::None) finish(i, Value(), State::Error, fault);
                    else if ((ag.kind == K::Max && c > 0) || (ag.kind == K::Min && c < 0)) f.acc = b;
                    break;
                }
                case K::List:
                    f.built[f.count].v = b;
                    f.built[f.count].s = bs;
                    ++f.count;
                    break;
                default: break;
            }
        }
    };
    size_t m = 0;
    for (size_t i = 0; i < n; ++i) {
        if (folds[i].done) continue;
        ListRef items = list.v[i * list.stride].list;
        for (uint32_t j = 0; j < items.size; ++j) {
            ls.parent[m] = static_cast<uint32_t>(i);
            ls.item[m] = &items.items[j];
            if (++m == kBlock) {
                stretch(m);
                m = 0;
            }
        }
    }
    if (m) stretch(m);
    for (size_t k = 0; k < level.inputs.size(); ++k) columns_[level.inputs[k]] = ls.saved[k];
    for (size_t i = 0; i < n; ++i) {
        Fold& f = folds[i];
        if (f.done) continue;
        if (f.missing) {
            finish(i, f.missing_v, f.missing_s, f.missing_f);
            continue;
        }
        switch (ag.kind) {
            case K::Sum: finish(i, f.acc, State::Ok, Fault::None); break;
            case K::Count: finish(i, Value::of_int(f.count), State::Ok, Fault::None); break;
            case K::Any: finish(i, Value::of_bool(false), State::Ok, Fault::None); break;
            case K::All: finish(i, Value::of_bool(true), State::Ok, Fault::None); break;
            case K::Max:
            case K::Min: finish(i, f.acc, f.have ? State::Ok : State::None, Fault::None); break;
            case K::First:
            case K::Last: finish(i, f.picked.v, f.picked.s, Fault::None); break;
            case K::List: finish(i, Value::of_list(f.built, f.count), State::Ok, Fault::None); break;
        }
    }
}

// `collect`, per case, as Evaluator::collect: the first failing condition or chosen value.
void BatchEvaluator::collect(const compile::Program& p, const Node& node, size_t n, Value* ov, State* os, Fault* of) {
    const auto& info = p.collects[node.aux];
    auto at = [&](NodeId y, size_t i) {
        const Column& c = columns_[y];
        return i * c.stride;
    };
    for (size_t i = 0; i < n; ++i) {
        Cell* cells = arena_.cells(info.entries.size());
        uint32_t count = 0;
        NodeId missing = kNoNode, failed = kNoNode;
        for (const auto& e : info.entries) {
            const Column& c = columns_[e.condition];
            State cs = c.s[at(e.condition, i)];
            if (cs == State::Error) {
                failed = e.condition;
                break;
            }
            if (cs != State::Ok) {
                if (missing == kNoNode) missing = e.condition;
                continue;
            }
            if (!c.v[at(e.condition, i)].b) continue;
            const Column& v = columns_[e.value];
            State vs = v.s[at(e.value, i)];
            if (vs == State::Error || vs == State::Missing) {
                failed = e.value;
                break;
            }
            cells[count].v = v.v[at(e.value, i)];
            cells[count].s = vs;
            ++count;
        }
        NodeId from = failed != kNoNode ? failed : missing;
        if (from != kNoNode) {
            const Column& c = columns_[from];
            ov[i] = c.v[at(from, i)];
            os[i] = c.s[at(from, i)];
            of[i] = c.f[at(from, i)];
            continue;
        }
        ov[i] = Value::of_list(cells, count);
        os[i] = State::Ok;
        of[i] = Fault::None;
    }
}

// The sanction ladder, per case, as Evaluator::ladder: the walk is shared (eval/ladder.hpp).
void BatchEvaluator::ladder(const compile::Program& p, const Node& node, size_t n, Value* ov, State* os, Fault* of) {
    const auto& call = p.ladders[node.aux];
    std::vector<NodeId> operands{call.episodes, call.as_of};
    for (const auto& lv : call.levels) {
        operands.push_back(lv.percent);
        if (lv.length != kNoNode) operands.push_back(lv.length);
        if (lv.at_most != kNoNode) operands.push_back(lv.at_most);
    }
    for (size_t i = 0; i < n; ++i) {
        auto value = [&](NodeId y) -> const Value& {
            const Column& c = columns_[y];
            return c.v[i * c.stride];
        };
        // the first error, else the first missing or absent operand (Evaluator::note_failure)
        NodeId bad = kNoNode;
        State bad_state = State::Ok;
        for (NodeId y : operands) {
            const Column& c = columns_[y];
            State s = c.s[i * c.stride];
            if (s != State::Ok && (bad == kNoNode || (s == State::Error && bad_state != State::Error))) {
                bad = y;
                bad_state = s;
            }
        }
        if (bad != kNoNode) {
            const Column& c = columns_[bad];
            ov[i] = c.v[i * c.stride];
            os[i] = bad_state;
            of[i] = c.f[i * c.stride];
            continue;
        }
        ListRef list = value(call.episodes).list;
        const LadderSpan* current = nullptr;
        if (walk_ladder(call, list, value(call.as_of).d, value, ladder_, &current) != Fault::None) {
            os[i] = State::Error;
            of[i] = Fault::DateOutOfRange;
            continue;
        }
        ov[i] = ladder_record(call, list, current, value, arena_);
        os[i] = State::Ok;
        of[i] = Fault::None;
    }
}

// A table whose inputs are all integral: the rows each case matches come from the table's row
// index (compile/row_index.hpp) with one lookup per input.
bool BatchEvaluator::integral_table(const compile::Program& p, const Node& node, size_t n, Value* ov, State* os,
                                    Fault* of) {
    const auto& call = p.table_calls[node.aux];
    const compile::RowIndex& index = call.index;
    if (!index.usable) return false;
    size_t cols = call.args.size();
    uint64_t* mask = mask_scratch_.data();
    std::fill(mask, mask + n, index.all_rows);
    // a case with an input missing takes that input's state (below)
    bool any_absent = false;
    for (size_t c = 0; c < cols; ++c) {
        const Column& col = columns_[call.args[c]];
        ValueKind k = call.arg_kinds[c];
        const Value* v = col.v;
        const State* st = col.s;
        size_t stride = col.stride;
        const std::vector<uint64_t>& dense = index.dense[c];
        if (!dense.empty() && stride == 1) {
            // the common case, with everything the loop needs in registers
            const uint64_t* d = dense.data();
            const int64_t size = static_cast<int64_t>(dense.size()), base = index.base[c];
            const uint64_t below = index.masks[c].front(), above = index.masks[c].back();
            for (size_t i = 0; i < n; ++i) {
                if (st[i] != State::Ok) {
                    any_absent = true;
                    continue;
                }
                int64_t key = k == ValueKind::Enum   ? v[i].e
                              : k == ValueKind::Int  ? v[i].i
                              : k == ValueKind::Date ? v[i].d
                                                     : v[i].b;
                // key - base in unsigned arithmetic: the extreme ints must not overflow
                uint64_t at = static_cast<uint64_t>(key) - static_cast<uint64_t>(base);
                mask[i] &= key < base ? below : at >= static_cast<uint64_t>(size) ? above : d[at];
            }
            continue;
        }
        for (size_t i = 0; i < n; ++i) {
            if (st[i * stride] != State::Ok) {
                any_absent = true;
                continue;
            }
            mask[i] &= index.rows(c, compile::RowIndex::key(k, v[i * stride]));
        }
    }
    bool first_hit = call.hit == syntax::HitPolicy::First;
    for (size_t i = 0; i < n; ++i) {
        if (any_absent) {
            NodeId bad = kNoNode;
            State bad_state = State::Ok;
            for (size_t c = 0; c < cols; ++c) {
                const Column& col = columns_[call.args[c]];
                State s = col.s[i * col.stride];
                if (s != State::Ok && (bad == kNoNode || (s == State::Error && bad_state != State::Error))) {
                    bad = call.args[c];
                    bad_state = s;
                }
            }
            if (bad != kNoNode) {
                const Column& col = columns_[bad];
                ov[i] = col.v[i * col.stride];
                os[i] = col.s[i * col.stride];
                of[i] = col.f[i * col.stride];
                continue;
            }
        }
        uint64_t m = mask[i];
        if (m == 0 || (!first_hit && (m & (m - 1)))) {
            os[i] = State::Error;
            of[i] = m == 0 ? Fault::NoTableRow : Fault::SeveralTableRows;
            continue;
        }
        const Column& o = columns_[call.outputs[static_cast<size_t>(__builtin_ctzll(m))]];
        ov[i] = o.v[i * o.stride];
        os[i] = o.s[i * o.stride];
        of[i] = o.f[i * o.stride];
    }
    return true;
}

// `limit` over amounts when every bound and condition is present in every case of the block.
bool BatchEvaluator::limit_numbers(const compile::LimitInfo& info, size_t n, Value* ov, State* os, Fault* of) {
    auto all_ok = [&](NodeId y) {
        const Column& c = columns_[y];
        size_t m = c.stride ? n : 1;
        for (size_t i = 0; i < m; ++i) {
            if (c.s[i] != State::Ok) return false;
        }
        return true;
    };
    if (!all_ok(info.start)) return false;
    for (const auto& step : info.steps) {
        if (!all_ok(step.bound) || (step.unless != kNoNode && !all_ok(step.unless))) return false;
    }
    const Column& start = columns_[info.start];
    for (size_t i = 0; i < n; ++i) ov[i] = start.v[i * start.stride];
    for (const auto& step : info.steps) {
        const Column& b = columns_[step.bound];
        const Column* u = step.unless != kNoNode ? &columns_[step.unless] : nullptr;
        for (size_t i = 0; i < n; ++i) {
            if (u && u->v[i * u->stride].b) continue;
            const util::Rational& bound = b.v[i * b.stride].r;
            int c = util::compare(bound, ov[i].r);
            if ((step.at_most && c < 0) || (!step.at_most && c > 0)) ov[i].r = bound;
        }
    }
    std::fill(os, os + n, State::Ok);
    std::fill(of, of + n, Fault::None);
    return true;
}

// The operands of a strict node, resolved once per block.
struct Operand {
    const Value* v;
    const State* s;
    const Fault* f;
    size_t stride;
};

void BatchEvaluator::strict(const compile::Program& p, const Node& node, size_t n, Value* ov, State* os, Fault* of) {
    Operand ops[16];
    size_t count = 0;
    auto add = [&](NodeId y) {
        const Column& c = columns_[y];
        if (count < 16) ops[count] = Operand{c.v, c.s, c.f, c.stride};
        ++count;
    };
    for (NodeId y : {node.a, node.b, node.c}) {
        if (y != kNoNode) add(y);
    }
    for (uint32_t k = 0; k < node.args_count; ++k) add(p.args[node.args_begin + k]);
    if (count > 16) {
        // more operands than the fast path holds (a long min/max): per case, through the table
        generic(p, node, n, ov, os, of);
        return;
    }
    // are all operands present in every case of the block?
    bool all_ok = true;
    for (size_t k = 0; k < count && all_ok; ++k) {
        const Operand& o = ops[k];
        if (o.stride == 0) {
            all_ok = o.s[0] == State::Ok;
            continue;
        }
        for (size_t i = 0; i < n; ++i) {
            if (o.s[i] != State::Ok) {
                all_ok = false;
                break;
            }
        }
    }
    if (!all_ok) {
        generic(p, node, n, ov, os, of);
        return;
    }
    for (size_t i = 0; i < n; ++i) os[i] = State::Ok;
    const Operand& A = ops[0];
    const Operand& B = ops[count > 1 ? 1 : 0];
    auto fail = [&](size_t i, Fault f) {
        os[i] = State::Error;
        of[i] = f;
    };
    switch (node.op) {
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
            if (node.vk == ValueKind::Int) {
                for (size_t i = 0; i < n; ++i) {
                    int64_t x = A.v[i * A.stride].i, y = B.v[i * B.stride].i, r;
                    bool overflow = node.op == Op::Add   ? __builtin_add_overflow(x, y, &r)
                                    : node.op == Op::Sub ? __builtin_sub_overflow(x, y, &r)
                                                         : __builtin_mul_overflow(x, y, &r);
                    if (overflow) fail(i, Fault::Overflow);
                    else ov[i].i = r;
                }
            } else {
                for (size_t i = 0; i < n; ++i) {
                    util::Rational x = A.v[i * A.stride].r, y = B.v[i * B.stride].r;
                    if (node.op == Op::Mul && x.den == 1 && y.den == 1) {
                        ov[i].r.den = 1;
                        if (__builtin_mul_overflow(x.num, y.num, &ov[i].r.num)) fail(i, Fault::Overflow);
                        continue;
                    }
                    bool ok = node.op == Op::Add   ? fast_add(x, y, &ov[i].r)
                              : node.op == Op::Sub ? fast_sub(x, y, &ov[i].r)
                                                   : util::mul(x, y, &ov[i].r);
                    if (!ok) fail(i, Fault::Overflow);
                }
            }
            return;
        case Op::IntToNumber:
            for (size_t i = 0; i < n; ++i) ov[i].r = util::Rational::of(A.v[i * A.stride].i);
            return;
        case Op::Not:
            for (size_t i = 0; i < n; ++i) ov[i] = Value::of_bool(!A.v[i * A.stride].b);
            return;
        case Op::Compare: {
            ValueKind k = kind_of(m_, node.aux);
            syntax::Op op = static_cast<syntax::Op>(node.sub);
            auto decide = [op](int c) { return comparison_holds(op, c); };
            auto integral = [&](auto key) {
                for (size_t i = 0; i < n; ++i) {
                    int64_t l = key(A.v[i * A.stride]), r = key(B.v[i * B.stride]);
                    ov[i] = Value::of_bool(decide((l > r) - (l < r)));
                }
            };
            switch (k) {
                case ValueKind::Int: integral([](const Value& v) -> int64_t { return v.i; }); return;
                case ValueKind::Date: integral([](const Value& v) -> int64_t { return v.d; }); return;
                case ValueKind::Enum: integral([](const Value& v) -> int64_t { return v.e; }); return;
                case ValueKind::Bool: integral([](const Value& v) -> int64_t { return v.b; }); return;
                default: break;
            }
            if (k == ValueKind::Number) {
                for (size_t i = 0; i < n; ++i) {
                    util::Rational x = A.v[i * A.stride].r, y = B.v[i * B.stride].r;
                    int c = x.den == y.den ? (x.num > y.num) - (x.num < y.num) : util::compare(x, y);
                    ov[i] = Value::of_bool(decide(c));
                }
                return;
            }
            break;
        }
        case Op::Builtin: {
            check::Builtin b = static_cast<check::Builtin>(node.aux);
            if (b == check::Builtin::RoundDown || b == check::Builtin::RoundUp || b == check::Builtin::RoundHalfUp ||
                b == check::Builtin::RoundHalfEven) {
                util::Rounding mode = b == check::Builtin::RoundDown     ? util::Rounding::Down
                                      : b == check::Builtin::RoundUp     ? util::Rounding::Up
                                      : b == check::Builtin::RoundHalfUp ? util::Rounding::HalfUp
                                                                         : util::Rounding::HalfEven;
                int places = static_cast<int>(node.sub) - 64;
                int64_t scale = 1;
                for (int k = 0; k < places && k < 18; ++k) scale *= 10;
                for (size_t i = 0; i < n; ++i) {
                    const util::Rational& x = A.v[i * A.stride].r;
                    if (x.den == 1 || (places >= 0 && places <= 18 && scale % x.den == 0)) {
                        ov[i].r = x;  // already a multiple of 10^-places (whole cents)
                    } else if (!util::round_to_places(x, places, mode, &ov[i].r)) {
                        fail(i, Fault::Overflow);
                    }
                }
                return;
            }
            break;
        }
        default: break;
    }
    // the rest: per case, through the operation table shared with the scalar evaluator
    Value in[16];
    for (size_t i = 0; i < n; ++i) {
        for (size_t k = 0; k < count; ++k) in[k] = ops[k].v[i * ops[k].stride];
        Fault f = apply_strict(m_, p, node, in, &ov[i]);
        if (f != Fault::None) fail(i, f);
    }
}

// Strict operations when some case lacks an operand: that case takes the operand's state.
void BatchEvaluator::generic(const compile::Program& p, const Node& node, size_t n, Value* ov, State* os, Fault* of) {
    auto V = [&](NodeId y, size_t i) -> const Value& {
        const Column& c = columns_[y];
        return c.v[i * c.stride];
    };
    auto S = [&](NodeId y, size_t i) -> State {
        const Column& c = columns_[y];
        return c.s[i * c.stride];
    };
    auto F = [&](NodeId y, size_t i) -> Fault {
        const Column& c = columns_[y];
        return c.f[i * c.stride];
    };
    NodeId ops[3] = {node.a, node.b, node.c};
    for (size_t i = 0; i < n; ++i) {
        NodeId worst = kNoNode;
        for (NodeId y : ops) {
            if (y == kNoNode) continue;
            State s = S(y, i);
            if (s != State::Ok && (worst == kNoNode || s == State::Error)) {
                worst = y;
                if (s == State::Error) break;
            }
        }
        for (uint32_t k = 0; k < node.args_count && !(worst != kNoNode && S(worst, i) == State::Error); ++k) {
            NodeId y = p.args[node.args_begin + k];
            State s = S(y, i);
            if (s != State::Ok && (worst == kNoNode || s == State::Error)) worst = y;
        }
        if (worst != kNoNode) {
            ov[i] = V(worst, i);
            os[i] = S(worst, i);
            of[i] = F(worst, i);
            if (os[i] == State::None) {
                os[i] = State::Error;
                of[i] = Fault::Overflow;
            }
            continue;
        }
        os[i] = State::Ok;
        Value in[8];
        std::vector<Value> many;
        Value* ins = in;
        size_t count = (node.a != kNoNode) + (node.b != kNoNode) + (node.c != kNoNode) + node.args_count;
        if (count > 8) {
            many.resize(count);
            ins = many.data();
        }
        size_t k = 0;
        for (NodeId y : ops) {
            if (y != kNoNode) ins[k++] = V(y, i);
        }
        for (uint32_t a = 0; a < node.args_count; ++a) ins[k++] = V(p.args[node.args_begin + a], i);
        Fault f = apply_strict(m_, p, node, ins, &ov[i]);
        if (f != Fault::None) {
            os[i] = State::Error;
            of[i] = f;
        }
    }
}

}  // namespace tenet::eval
