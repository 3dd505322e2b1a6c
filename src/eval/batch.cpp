// Columnar evaluation: every node of a plan over a block of cases.
#include "eval/batch.hpp"

#include <algorithm>

namespace tenet::eval {

using compile::kNoNode;
using compile::Node;
using compile::NodeId;
using compile::Op;

namespace {

bool columnar(Op op) {
    switch (op) {
        case Op::Aggregate: case Op::Collect: case Op::Ladder: case Op::MakeList:
        case Op::LoopVar: case Op::In:
            return false;
        default:
            return true;
    }
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
    for (NodeId x = 0; x < program.nodes.size(); ++x) {
        if (!need[x]) continue;
        order_.push_back(x);   // ids are a topological order
        if (!columnar(program.nodes[x].op)) supported_ = false;
        // `hit collect` makes a list of rows; the table kernels pick one row
        const compile::Node& node = program.nodes[x];
        if (node.op == compile::Op::Table && program.table_calls[node.aux].hit == syntax::HitPolicy::Collect) supported_ = false;
    }
    // records built per block live until the next block: they cannot be results
    for (NodeId r : roots_) {
        ValueKind k = program.nodes[r].vk;
        if (k == ValueKind::Record || k == ValueKind::List) supported_ = false;
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
        all_missing_.assign(kBlock, State::Missing);
        mask_scratch_.assign(kBlock, 0);
        no_faults_.assign(kBlock, Fault::None);
    }
    for (size_t first = 0; first < count; first += kBlock) {
        size_t n = std::min(kBlock, count - first);
        arena_.reset();
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
    const compile::Program& p = plan.program();
    const Fault* no_faults = no_faults_.data();
    for (NodeId x : plan.order()) {
        const Node& node = p.nodes[x];
        Column& col = columns_[x];
        switch (node.op) {
            case Op::Const:
                col = Column{&p.constants[node.aux], &p.constant_states[node.aux], no_faults, 0};
                continue;
            case Op::Fact: {
                const FactColumn& f = facts[node.aux];
                col = Column{f.values ? f.values + first : nullptr, f.states ? f.states + first : all_missing_.data(), no_faults, 1};
                if (!f.values) col.v = values_.data();   // never read: every case is Missing
                continue;
            }
            case Op::Rule:
            case Op::Param:
                col = columns_[node.a];
                continue;
            default:
                break;
        }
        size_t base = static_cast<size_t>(slot_of_[x]) * kBlock;
        Value* ov = values_.data() + base;
        State* os = states_.data() + base;
        Fault* of = faults_.data() + base;
        col = Column{ov, os, of, 1};
        auto V = [&](NodeId y, size_t i) -> const Value& { const Column& c = columns_[y]; return c.v[i * c.stride]; };
        auto S = [&](NodeId y, size_t i) -> State { const Column& c = columns_[y]; return c.s[i * c.stride]; };
        auto F = [&](NodeId y, size_t i) -> Fault { const Column& c = columns_[y]; return c.f[i * c.stride]; };
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
            case Op::MakeRecord:
                for (size_t i = 0; i < n; ++i) {
                    // the first error, else the first missing value (LANGUAGE.md §7.1)
                    NodeId bad = kNoNode;
                    for (uint32_t k = 0; k < node.args_count; ++k) {
                        NodeId y = p.args[node.args_begin + k];
                        bool failed = S(y, i) == State::Missing || S(y, i) == State::Error;
                        if (failed && (bad == kNoNode || (S(y, i) == State::Error && S(bad, i) != State::Error))) bad = y;
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
                    ov[i] = Value::of_record(cells);
                    os[i] = State::Ok;
                }
                continue;
            case Op::Table: {
                const auto& call = p.table_calls[node.aux];
                if (integral_table(p, node, n, ov, os, of)) continue;
                for (size_t i = 0; i < n; ++i) {
                    NodeId bad = kNoNode;
                    for (NodeId a : call.args) {
                        if (S(a, i) != State::Ok && (bad == kNoNode || (S(a, i) == State::Error && S(bad, i) != State::Error))) bad = a;
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
            default:
                break;
        }

        // strict operations: the first non-Ok operand (an error first) decides, else the operation
        strict(p, node, n, ov, os, of);
    }
}

// A table whose inputs are all integral: the rows each case matches come from the table's row
// index (compile/row_index.hpp) with one lookup per input.
bool BatchEvaluator::integral_table(const compile::Program& p, const Node& node, size_t n, Value* ov, State* os, Fault* of) {
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
                int64_t key = k == ValueKind::Enum ? v[i].e : k == ValueKind::Int ? v[i].i : k == ValueKind::Date ? v[i].d : v[i].b;
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
                    bool ok = node.op == Op::Add ? fast_add(x, y, &ov[i].r)
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
                util::Rounding mode = b == check::Builtin::RoundDown ? util::Rounding::Down
                                      : b == check::Builtin::RoundUp ? util::Rounding::Up
                                      : b == check::Builtin::RoundHalfUp ? util::Rounding::HalfUp
                                                                         : util::Rounding::HalfEven;
                int places = static_cast<int>(node.sub) - 64;
                int64_t scale = 1;
                for (int k = 0; k < places && k < 18; ++k) scale *= 10;
                for (size_t i = 0; i < n; ++i) {
                    const util::Rational& x = A.v[i * A.stride].r;
                    if (x.den == 1 || (places >= 0 && places <= 18 && scale % x.den == 0)) {
                        ov[i].r = x;   // already a multiple of 10^-places (whole cents)
                    } else if (!util::round_to_places(x, places, mode, &ov[i].r)) {
                        fail(i, Fault::Overflow);
                    }
                }
                return;
            }
            break;
        }
        default:
            break;
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
    auto V = [&](NodeId y, size_t i) -> const Value& { const Column& c = columns_[y]; return c.v[i * c.stride]; };
    auto S = [&](NodeId y, size_t i) -> State { const Column& c = columns_[y]; return c.s[i * c.stride]; };
    auto F = [&](NodeId y, size_t i) -> Fault { const Column& c = columns_[y]; return c.f[i * c.stride]; };
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
