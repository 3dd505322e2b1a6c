// Building the evaluation graph from the checked model.
#include "compile/builder.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "check/checker.hpp"
#include "compile/ops.hpp"

namespace tenet::compile {

using check::Builtin;
using check::Model;
using check::RefKind;
using check::TypeId;
using check::TypeKind;
using eval::Cell;
using eval::State;
using eval::Value;
using eval::ValueKind;
using syntax::Expr;
using syntax::ExprKind;

namespace {

struct Key {
    Op op;
    ValueKind vk;
    uint8_t sub;
    bool optional;
    NodeId a, b, c;
    uint32_t aux;
    std::vector<NodeId> args;
    bool operator==(const Key& o) const {
        return op == o.op && vk == o.vk && sub == o.sub && optional == o.optional && a == o.a && b == o.b && c == o.c &&
               aux == o.aux && args == o.args;
    }
};

struct KeyHash {
    size_t operator()(const Key& k) const {
        size_t h =
            static_cast<size_t>(k.op) * 1000003u ^ static_cast<size_t>(k.vk) * 10007u ^ k.sub * 131u ^ k.optional;
        auto mix = [&](uint64_t v) { h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2); };
        mix(k.a);
        mix(k.b);
        mix(k.c);
        mix(k.aux);
        for (NodeId x : k.args) mix(x);
        return h;
    }
};

bool is_strict_scalar(Op op) {
    switch (op) {
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
        case Op::Neg:
        case Op::IntToNumber:
        case Op::DateAdd:
        case Op::DateSub:
        case Op::DateDiff:
        case Op::DurAdd:
        case Op::DurSub:
        case Op::DurMul:
        case Op::DurNeg:
        case Op::Compare:
        case Op::Not:
        case Op::IsEmpty:
        case Op::In:
        case Op::Within:
        case Op::Builtin: return true;
        default: return false;
    }
}

// Ops whose every instance is distinct (they own a side-table entry or name a declaration).
bool is_unique(Op op) {
    switch (op) {
        case Op::LoopVar:
        case Op::Rule:
        case Op::Param:
        case Op::Aggregate:
        case Op::Collect:
        case Op::Limit:
        case Op::Table:
        case Op::Ladder: return true;
        default: return false;
    }
}

}  // namespace

class Builder {
public:
    Builder(const Model& m, util::Days day, Program& p) : m_(m), day_(day), p_(p) {
        p_.rule_nodes.assign(m.rules.size(), kNoNode);
        p_.fact_nodes.assign(m.facts.size(), kNoNode);
        param_nodes_.assign(m.params.size(), kNoNode);
        ladder_nodes_.assign(m.ladders.size(), kNoNode);
    }

    NodeId rule(uint32_t i);
    NodeId expr(const Expr* e);  // dispatches on the node's kind (the functions below)
    NodeId convert(NodeId n, TypeId from, TypeId to);
    NodeId expr_to(const Expr* e, TypeId to) { return convert(expr(e), type_of(e), to); }
    bool constant(NodeId n, Cell* out) const {
        n = constant_of(n);
        if (n == kNoNode) return false;
        const Node& node = p_.nodes[n];
        out->v = p_.constants[node.aux];
        out->s = p_.constant_states[node.aux];
        return true;
    }

private:
    TypeId type_of(const Expr* e) const { return m_.at(e).type; }
    ValueKind vk(TypeId t) const { return eval::kind_of(m_, t); }
    bool optional(TypeId t) const { return m_.types.is_optional(t) || m_.types.kind(t) == TypeKind::None; }

    NodeId add(Node n, std::vector<NodeId> args = {});
    NodeId add_constant(ValueKind k, Value v, State s = State::Ok);
    NodeId fold(const Node& n, const std::vector<NodeId>& args);
    NodeId constant_of(NodeId x) const;
    NodeId with_sources(NodeId c, std::vector<NodeId> sources);
    NodeId fact(uint32_t i);
    NodeId param(uint32_t i);
    NodeId ladder(uint32_t i);
    NodeId literal(const Expr* e);
    NodeId reference(const Expr* e);
    NodeId unary(const Expr* e);
    NodeId binary(const Expr* e);
    NodeId comparison_chain(const Expr* e);
    NodeId is_test(const Expr* e);
    NodeId membership(const Expr* e);
    NodeId within(const Expr* e);
    NodeId otherwise(const Expr* e);
    NodeId conditional(const Expr* e);
    NodeId list_literal(const Expr* e);
    Cell* constant_cells(const std::vector<NodeId>& nodes);
    NodeId record_literal(const Expr* e);
    NodeId collect(const Expr* e);
    NodeId limit(const Expr* e);
    NodeId block(const Expr* e);
    NodeId call(const Expr* e);
    NodeId builtin(const Expr* e);
    NodeId table_call(const Expr* e, uint32_t t);
    NodeId aggregate(const Expr* e);
    NodeId compare(const Expr* l, const Expr* r, syntax::Op op);
    NodeId to_number(NodeId n, TypeId t) {
        return m_.types.kind(m_.types.strip_optional(t)) == TypeKind::Int
                   ? add(Node{Op::IntToNumber, ValueKind::Number, 0, false, n})
                   : n;
    }
    std::vector<NodeId> members_of(NodeId var) const;

    const Model& m_;
    util::Days day_;
    Program& p_;
    std::unordered_map<Key, NodeId, KeyHash> shared_;
    std::vector<NodeId> param_nodes_, ladder_nodes_;
    struct Binding {
        std::string name;
        NodeId node;
    };
    std::vector<Binding> env_;
    uint32_t owner_ = check::kNone;

public:
    // The first fault met folding an operation on constants (overflow, division by zero) since
    // it was last cleared; faults inside other parameters' values are theirs, not counted.
    eval::Fault fault = eval::Fault::None;
};

NodeId Builder::add_constant(ValueKind k, Value v, State s) {
    Node n;
    n.op = Op::Const;
    n.vk = k;
    n.optional = s == State::None;
    // constants of the scalar kinds are shared by their bits
    Key key{Op::Const, k, 0, n.optional, 0, 0, 0, 0, {}};
    bool shareable = k != ValueKind::List && k != ValueKind::Record;
    if (shareable && s == State::Ok) {
        uint64_t bits[2];
        std::memcpy(bits, &v, sizeof bits);
        key.a = static_cast<NodeId>(bits[0]);
        key.b = static_cast<NodeId>(bits[0] >> 32);
        key.c = static_cast<NodeId>(bits[1]);
        key.aux = static_cast<uint32_t>(bits[1] >> 32);
    } else if (shareable) {
        key.aux = 1;  // the one None of each kind
    }
    if (shareable) {
        auto it = shared_.find(key);
        if (it != shared_.end()) return it->second;
    }
    n.aux = static_cast<uint32_t>(p_.constants.size());
    p_.constants.push_back(v);
    p_.constant_states.push_back(s);
    n.owner = owner_;
    p_.nodes.push_back(n);
    NodeId id = static_cast<NodeId>(p_.nodes.size() - 1);
    if (shareable) shared_.emplace(std::move(key), id);
    return id;
}

// The constant a node stands for: itself, or the value of a parameter (folded per period).
NodeId Builder::constant_of(NodeId x) const {
    if (x == kNoNode) return kNoNode;
    const Node& n = p_.nodes[x];
    if (n.op == Op::Const) return x;
    if (n.op == Op::Param && p_.nodes[n.a].op == Op::Const) return n.a;
    return kNoNode;
}

// Folds an operation whose operands are constants; kNoNode when it cannot (or must not: an
// operation that fails is kept, so the failure is reported only if a decision needs it).
NodeId Builder::fold(const Node& n, const std::vector<NodeId>& args) {
    auto is_const = [&](NodeId x) { return x == kNoNode || constant_of(x) != kNoNode; };
    auto state = [&](NodeId x) { return p_.constant_states[p_.nodes[constant_of(x)].aux]; };
    auto value = [&](NodeId x) { return p_.constants[p_.nodes[constant_of(x)].aux]; };
    // the parameters behind the operands that decide the result
    std::vector<NodeId> sources;
    auto absorb = [&](NodeId x) {
        if (x == kNoNode) return;
        if (p_.nodes[x].op == Op::Param) sources.push_back(x);
        auto it = p_.folded_params.find(x);
        if (it != p_.folded_params.end()) sources.insert(sources.end(), it->second.begin(), it->second.end());
    };
    auto result = [&](NodeId chosen) {
        // a branch or operand kept as it is: it carries its own parameters
        absorb(n.a);
        if (sources.empty() || chosen == kNoNode) return chosen;
        if (p_.nodes[chosen].op != Op::Const) return chosen;
        return with_sources(chosen, sources);
    };
    switch (n.op) {
        case Op::If:
            if (is_const(n.a)) return result(value(n.a).b ? n.b : n.c);
            return kNoNode;
        case Op::And:
        case Op::Or:
            if (is_const(n.a) && state(n.a) == State::Ok) {
                bool v = value(n.a).b;
                if (n.op == Op::And) return result(v ? n.b : constant_of(n.a));
                return result(v ? constant_of(n.a) : n.b);
            }
            return kNoNode;
        case Op::IsPresent:
            if (is_const(n.a)) return result(add_constant(ValueKind::Bool, Value::of_bool(state(n.a) == State::Ok)));
            return kNoNode;
        case Op::Otherwise:
            if (is_const(n.a)) return result(state(n.a) == State::Ok ? constant_of(n.a) : n.b);
            return kNoNode;
        default: break;
    }
    if (n.op == Op::MakeRecord || n.op == Op::MakeList) {
        // a record or list of constants is a constant (table rows with literal outputs)
        for (NodeId x : args) {
            if (constant_of(x) == kNoNode) return kNoNode;
        }
        Cell* cells = p_.constant_arena.cells(args.size());
        for (size_t i = 0; i < args.size(); ++i) {
            cells[i].v = p_.constants[p_.nodes[constant_of(args[i])].aux];
            cells[i].s = p_.constant_states[p_.nodes[constant_of(args[i])].aux];
            absorb(args[i]);
        }
        Value v = n.op == Op::MakeRecord ? Value::of_record(cells)
                                         : Value::of_list(cells, static_cast<uint32_t>(args.size()));
        Node c;
        c.op = Op::Const;
        c.vk = n.vk;
        c.aux = static_cast<uint32_t>(p_.constants.size());
        p_.constants.push_back(v);
        p_.constant_states.push_back(State::Ok);
        c.owner = owner_;
        p_.nodes.push_back(c);
        NodeId id = static_cast<NodeId>(p_.nodes.size() - 1);
        if (!sources.empty()) p_.folded_params.emplace(id, std::move(sources));
        return id;
    }
    if (!is_strict_scalar(n.op)) return kNoNode;
    std::vector<Value> in;
    for (NodeId x : {n.a, n.b, n.c}) {
        if (x == kNoNode) continue;
        if (!is_const(x) || state(x) != State::Ok) return kNoNode;
        in.push_back(value(x));
    }
    for (NodeId x : args) {
        if (!is_const(x) || state(x) != State::Ok) return kNoNode;
        in.push_back(value(x));
    }
    in.resize(std::max<size_t>(in.size(), 3));
    Node copy = n;
    copy.args_count = static_cast<uint32_t>(args.size());
    Value out;
    eval::Fault f = eval::apply_strict(m_, p_, copy, in.data(), &out);
    if (f != eval::Fault::None) {
        if (fault == eval::Fault::None) fault = f;
        return kNoNode;
    }
    absorb(n.b);
    absorb(n.c);
    for (NodeId x : args) absorb(x);
    return result(add_constant(n.vk, out));
}

// A copy of constant c that remembers the parameters it was computed from (not shared with
// other uses of the same value, whose explanations differ).
NodeId Builder::with_sources(NodeId c, std::vector<NodeId> sources) {
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    Node n = p_.nodes[c];
    n.owner = owner_;
    p_.nodes.push_back(n);
    NodeId id = static_cast<NodeId>(p_.nodes.size() - 1);
    p_.folded_params.emplace(id, std::move(sources));
    return id;
}

NodeId Builder::add(Node n, std::vector<NodeId> args) {
    NodeId folded = fold(n, args);
    if (folded != kNoNode) return folded;
    Key key{n.op, n.vk, n.sub, n.optional, n.a, n.b, n.c, n.aux, args};
    bool unique = is_unique(n.op);
    if (!unique) {
        auto it = shared_.find(key);
        if (it != shared_.end()) return it->second;
    }
    n.args_begin = static_cast<uint32_t>(p_.args.size());
    n.args_count = static_cast<uint32_t>(args.size());
    p_.args.insert(p_.args.end(), args.begin(), args.end());
    n.owner = owner_;
    p_.nodes.push_back(n);
    NodeId id = static_cast<NodeId>(p_.nodes.size() - 1);
    if (!unique) shared_.emplace(std::move(key), id);
    return id;
}

NodeId Builder::convert(NodeId n, TypeId from, TypeId to) {
    const check::TypeTable& T = m_.types;
    if (n == kNoNode || from == to) return n;
    TypeKind fk = T.kind(from);
    if (fk == TypeKind::None) return add_constant(vk(to), Value(), State::None);
    if (fk == TypeKind::EmptyList) return add_constant(ValueKind::List, Value::of_list(nullptr, 0));
    TypeId f = T.strip_optional(from), t = T.strip_optional(to);
    if (T.kind(f) == TypeKind::Int && (T.kind(t) == TypeKind::Decimal || T.kind(t) == TypeKind::Money)) {
        return add(Node{Op::IntToNumber, ValueKind::Number, 0, T.is_optional(from), n});
    }
    return n;  // decimal -> money, T -> T?: the same representation
}

NodeId Builder::fact(uint32_t i) {
    if (p_.fact_nodes[i] != kNoNode) return p_.fact_nodes[i];
    Node n{Op::Fact, vk(m_.facts[i].type), 0, optional(m_.facts[i].type)};
    n.aux = i;
    NodeId id = add(n);
    p_.fact_nodes[i] = id;
    return id;
}

NodeId Builder::param(uint32_t i) {
    if (param_nodes_[i] != kNoNode) return param_nodes_[i];
    const check::ParamInfo& p = m_.params[i];
    NodeId id = kNoNode;
    for (size_t k = 0; k < p.periods.size(); ++k) {
        const auto& period = p.periods[k];
        if (day_ >= period.from && day_ <= period.to) {
            auto saved_env = std::move(env_);
            eval::Fault saved_fault = fault;
            env_.clear();
            NodeId value = expr_to(period.value, p.type);
            env_ = std::move(saved_env);
            fault = saved_fault;
            Node n{Op::Param, vk(p.type), static_cast<uint8_t>(std::min<size_t>(k, 255)), optional(p.type), value};
            n.aux = i;
            id = add(n);
            break;
        }
    }
    if (id == kNoNode) {
        Node n{Op::Undefined, vk(p.type), 0, optional(p.type)};
        n.aux = i;
        id = add(n);
    }
    param_nodes_[i] = id;
    return id;
}

NodeId Builder::rule(uint32_t i) {
    if (p_.rule_nodes[i] != kNoNode) return p_.rule_nodes[i];
    const check::RuleInfo& r = m_.rules[i];
    auto saved_env = std::move(env_);
    env_.clear();
    uint32_t saved_owner = owner_;
    owner_ = i;
    NodeId body = expr_to(r.origin.decl->body.get(), r.type);
    Node n{Op::Rule, vk(r.type), 0, optional(r.type), body};
    n.aux = i;
    NodeId id = add(n);
    owner_ = saved_owner;
    env_ = std::move(saved_env);
    p_.rule_nodes[i] = id;
    return id;
}

NodeId Builder::ladder(uint32_t i) {
    if (ladder_nodes_[i] != kNoNode) return ladder_nodes_[i];
    const check::LadderInfo& l = m_.ladders[i];
    const syntax::Decl& d = *l.origin.decl;
    auto saved_env = std::move(env_);
    env_.clear();
    LadderCall call;
    call.ladder = i;
    call.episodes = expr(d.episodes.get());
    call.as_of = fact(0);
    call.start_field = l.start_field;
    call.cure_field = l.cure_field;
    call.carry_highest = d.carry_highest;
    for (const auto& level : d.levels) {
        auto length = [&](const syntax::ExprPtr& e) { return e ? expr_to(e.get(), m_.types.duration()) : kNoNode; };
        call.levels.push_back(LadderCall::Level{expr_to(level.percent.get(), m_.types.percent()), length(level.length),
                                                length(level.at_most), level.until_cured});
    }
    env_ = std::move(saved_env);
    p_.ladders.push_back(std::move(call));
    Node n{Op::Ladder, ValueKind::Record, 0, false};
    n.aux = static_cast<uint32_t>(p_.ladders.size() - 1);
    NodeId id = add(n);
    ladder_nodes_[i] = id;
    return id;
}

std::vector<NodeId> Builder::members_of(NodeId var) const {
    std::vector<bool> depends(p_.nodes.size() - var, false);
    std::vector<NodeId> out;
    depends[0] = true;
    for (NodeId id = var + 1; id < p_.nodes.size(); ++id) {
        bool d = false;
        p_.for_each_operand(id, [&](NodeId x) {
            if (x >= var && x != kNoNode && depends[x - var]) d = true;
        });
        if (d) {
            depends[id - var] = true;
            out.push_back(id);
        }
    }
    return out;
}

NodeId Builder::compare(const Expr* l, const Expr* r, syntax::Op op) {
    const check::TypeTable& T = m_.types;
    TypeId lt = type_of(l), rt = type_of(r);
    TypeKind lk = T.kind(lt), rk = T.kind(rt);
    if (lk == TypeKind::EmptyList || rk == TypeKind::EmptyList) {
        NodeId list = expr(lk == TypeKind::EmptyList ? r : l);
        NodeId empty = add(Node{Op::IsEmpty, ValueKind::Bool, 0, false, list});
        return op == syntax::Op::Eq ? empty : add(Node{Op::Not, ValueKind::Bool, 0, false, empty});
    }
    NodeId a = expr(l), b = expr(r);
    TypeId common = lt;
    if (T.is_numeric(lt) && T.is_numeric(rt) && lt != rt) {
        a = to_number(a, lt);
        b = to_number(b, rt);
        common = T.decimal();
    }
    Node n{Op::Compare, ValueKind::Bool, static_cast<uint8_t>(op), false, a, b};
    n.aux = common;
    return add(n);
}

NodeId Builder::expr(const Expr* e) {
    switch (e->kind) {
        case ExprKind::IntLit:
        case ExprKind::DecimalLit:
        case ExprKind::MoneyLit:
        case ExprKind::PercentLit:
        case ExprKind::DateLit:
        case ExprKind::DurationLit:
        case ExprKind::BoolLit:
        case ExprKind::NoneLit:
        case ExprKind::StringLit: return literal(e);
        case ExprKind::Name:
        case ExprKind::Field: return reference(e);
        case ExprKind::Unary: return unary(e);
        case ExprKind::Binary: return binary(e);
        case ExprKind::Compare: return comparison_chain(e);
        case ExprKind::Is: return is_test(e);
        case ExprKind::In: return membership(e);
        case ExprKind::Within: return within(e);
        case ExprKind::Otherwise: return otherwise(e);
        case ExprKind::If: return conditional(e);
        case ExprKind::Call: return call(e);
        case ExprKind::Aggregate: return aggregate(e);
        case ExprKind::ListLit: return list_literal(e);
        case ExprKind::RecordLit: return record_literal(e);
        case ExprKind::Collect: return collect(e);
        case ExprKind::Limit: return limit(e);
        case ExprKind::Block: return block(e);
    }
    return kNoNode;
}

// A literal: its constant node.
NodeId Builder::literal(const Expr* e) {
    auto parse_number = [](const std::string& text) {
        util::Rational r;
        util::parse_decimal(text, &r, nullptr);
        return r;
    };
    TypeId type = type_of(e);
    switch (e->kind) {
        case ExprKind::IntLit: return add_constant(ValueKind::Int, Value::of_int(parse_number(e->text).num));
        case ExprKind::DecimalLit:
        case ExprKind::MoneyLit: return add_constant(ValueKind::Number, Value::of_number(parse_number(e->text)));
        case ExprKind::PercentLit: {
            util::Rational r;
            util::div(parse_number(e->text), util::Rational::of(100), &r);
            return add_constant(ValueKind::Number, Value::of_number(r));
        }
        case ExprKind::DateLit: {
            util::Days d = util::kForever;
            if (e->text != "forever") util::parse_iso_date(e->text, &d);
            return add_constant(ValueKind::Date, Value::of_date(d));
        }
        case ExprKind::DurationLit: {
            int64_t count = parse_number(e->text).num;
            bool months = e->unit == syntax::DurationUnit::Months || e->unit == syntax::DurationUnit::Years;
            if (e->unit == syntax::DurationUnit::Weeks) count *= 7;
            if (e->unit == syntax::DurationUnit::Years) count *= 12;
            return add_constant(ValueKind::Duration, Value::of_duration({count, months}));
        }
        case ExprKind::BoolLit: return add_constant(ValueKind::Bool, Value::of_bool(e->text == "true"));
        case ExprKind::NoneLit: return add_constant(vk(type), Value(), State::None);
        case ExprKind::StringLit: return kNoNode;
        default: return kNoNode;
    }
}

// A name or a field: the node of the fact, parameter, rule, local or field it refers to.
NodeId Builder::reference(const Expr* e) {
    const check::ExprInfo& info = m_.at(e);
    TypeId type = info.type;
    switch (info.ref) {
        case RefKind::Local:
            for (auto it = env_.rbegin(); it != env_.rend(); ++it) {
                if (it->name == e->text) return it->node;
            }
            return kNoNode;
        case RefKind::Fact: return fact(info.index);
        case RefKind::Parameter: return param(info.index);
        case RefKind::Rule: return rule(info.index);
        case RefKind::Ladder: return ladder(info.index);
        case RefKind::EnumValue: return add_constant(ValueKind::Enum, Value::of_enum(info.index2));
        case RefKind::Field: {
            NodeId base = expr(e->args[0].get());
            Node n{Op::Field, vk(type), 0, optional(type), base};
            n.aux = info.index;
            return add(n);
        }
        default:
            if (e->text == "as_of") return fact(0);
            return kNoNode;
    }
}

// `not a`, `-a` (a duration has its own negation).
NodeId Builder::unary(const Expr* e) {
    TypeId type = type_of(e);
    NodeId a = expr(e->args[0].get());
    if (e->op == syntax::Op::Not) return add(Node{Op::Not, ValueKind::Bool, 0, false, a});
    ValueKind k = vk(type);
    return add(Node{k == ValueKind::Duration ? Op::DurNeg : Op::Neg, k, 0, false, a});
}

// `and`, `or` and arithmetic: the operation for the operand and result types the checker found.
NodeId Builder::binary(const Expr* e) {
    const check::TypeTable& T = m_.types;
    TypeId type = type_of(e);
    const Expr* l = e->args[0].get();
    const Expr* r = e->args[1].get();
    if (e->op == syntax::Op::And || e->op == syntax::Op::Or) {
        return add(Node{e->op == syntax::Op::And ? Op::And : Op::Or, ValueKind::Bool, 0, false, expr(l), expr(r)});
    }
    TypeId lt = type_of(l), rt = type_of(r);
    TypeKind lk = T.kind(lt), rk = T.kind(rt);
    TypeKind result = T.kind(type);
    NodeId a = expr(l), b = expr(r);
    switch (e->op) {
        case syntax::Op::Add:
        case syntax::Op::Sub:
            if (result == TypeKind::Date) {
                // operands stay in source order, so the first failing one is reported;
                // sub = 1 says the duration is first (`30 days + d`)
                uint8_t duration_first = lk == TypeKind::Duration;
                return add(Node{e->op == syntax::Op::Add ? Op::DateAdd : Op::DateSub, ValueKind::Date, duration_first,
                                false, a, b});
            }
            if (lk == TypeKind::Date && rk == TypeKind::Date)
                return add(Node{Op::DateDiff, ValueKind::Duration, 0, false, a, b});
            if (result == TypeKind::Duration) {
                return add(
                    Node{e->op == syntax::Op::Add ? Op::DurAdd : Op::DurSub, ValueKind::Duration, 0, false, a, b});
            }
            if (result == TypeKind::Int)
                return add(Node{e->op == syntax::Op::Add ? Op::Add : Op::Sub, ValueKind::Int, 0, false, a, b});
            return add(Node{e->op == syntax::Op::Add ? Op::Add : Op::Sub, ValueKind::Number, 0, false, to_number(a, lt),
                            to_number(b, rt)});
        case syntax::Op::Mul:
            if (result == TypeKind::Duration) {
                uint8_t count_first = lk == TypeKind::Int;  // `2 * 30 days`; source order kept
                return add(Node{Op::DurMul, ValueKind::Duration, count_first, false, a, b});
            }
            if (result == TypeKind::Int) return add(Node{Op::Mul, ValueKind::Int, 0, false, a, b});
            return add(Node{Op::Mul, ValueKind::Number, 0, false, to_number(a, lt), to_number(b, rt)});
        case syntax::Op::Div:
            return add(Node{Op::Div, ValueKind::Number, 0, false, to_number(a, lt), to_number(b, rt)});
        default: return kNoNode;
    }
}

// `a < b <= c`: the comparisons of neighbours, joined by `and`.
NodeId Builder::comparison_chain(const Expr* e) {
    NodeId result = kNoNode;
    for (size_t i = 0; i + 1 < e->args.size(); ++i) {
        NodeId c = compare(e->args[i].get(), e->args[i + 1].get(), e->ops[i]);
        result = result == kNoNode ? c : add(Node{Op::And, ValueKind::Bool, 0, false, result, c});
    }
    return result;
}

// `a is [not] present|none|empty`.
NodeId Builder::is_test(const Expr* e) {
    NodeId a = expr(e->args[0].get());
    NodeId r;
    bool negate = e->negated;
    if (e->op == syntax::Op::IsEmpty) {
        r = add(Node{Op::IsEmpty, ValueKind::Bool, 0, false, a});
    } else {
        r = add(Node{Op::IsPresent, ValueKind::Bool, 0, false, a});
        if (e->op == syntax::Op::IsNone) negate = !negate;
    }
    return negate ? add(Node{Op::Not, ValueKind::Bool, 0, false, r}) : r;
}

// `a [not] in list`.
NodeId Builder::membership(const Expr* e) {
    const check::TypeTable& T = m_.types;
    TypeId lt = type_of(e->args[0].get());
    TypeId listt = type_of(e->args[1].get());
    NodeId list = expr(e->args[1].get());
    NodeId r;
    if (T.kind(listt) == TypeKind::EmptyList) {
        r = add_constant(ValueKind::Bool, Value::of_bool(false));
    } else {
        TypeId el = T.element(listt);
        NodeId a = convert(expr(e->args[0].get()), lt, el);
        if (T.is_numeric(lt) && T.kind(el) != T.kind(lt)) a = to_number(a, lt);
        Node n{Op::In, ValueKind::Bool, 0, false, a, list};
        n.aux = el;
        r = add(n);
    }
    return e->negated ? add(Node{Op::Not, ValueKind::Bool, 0, false, r}) : r;
}

// `d within D before|after e`.
NodeId Builder::within(const Expr* e) {
    Node n{Op::Within,
           ValueKind::Bool,
           static_cast<uint8_t>(e->op == syntax::Op::After),
           false,
           expr(e->args[0].get()),
           expr(e->args[1].get()),
           expr(e->args[2].get())};
    return add(n);
}

// `a otherwise b`.
NodeId Builder::otherwise(const Expr* e) {
    const check::TypeTable& T = m_.types;
    TypeId type = type_of(e);
    TypeId inner = T.strip_optional(type);
    NodeId a = convert(expr(e->args[0].get()), T.element(type_of(e->args[0].get())), inner);
    NodeId b = expr_to(e->args[1].get(), type);
    return add(Node{Op::Otherwise, vk(type), 0, optional(type), a, b});
}

// `if c then a else b`.
NodeId Builder::conditional(const Expr* e) {
    TypeId type = type_of(e);
    NodeId c = expr(e->args[0].get());
    NodeId a = expr_to(e->args[1].get(), type);
    NodeId b = expr_to(e->args[2].get(), type);
    return add(Node{Op::If, vk(type), 0, optional(type), c, a, b});
}

// The cells of the constants `nodes` are, in the program's arena; null when one is no constant.
Cell* Builder::constant_cells(const std::vector<NodeId>& nodes) {
    bool all_const = std::all_of(nodes.begin(), nodes.end(), [&](NodeId x) { return constant_of(x) != kNoNode; });
    if (!all_const) return nullptr;
    Cell* cells = p_.constant_arena.cells(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
        cells[i].v = p_.constants[p_.nodes[constant_of(nodes[i])].aux];
        cells[i].s = p_.constant_states[p_.nodes[constant_of(nodes[i])].aux];
    }
    return cells;
}

// `[a, b, ...]`: a constant when every element is one.
NodeId Builder::list_literal(const Expr* e) {
    const check::TypeTable& T = m_.types;
    TypeId type = type_of(e);
    TypeId el = T.kind(type) == TypeKind::List ? T.element(type) : T.error();
    std::vector<NodeId> items;
    for (const auto& a : e->args) items.push_back(expr_to(a.get(), el));
    if (Cell* cells = constant_cells(items)) {
        return add_constant(ValueKind::List, Value::of_list(cells, static_cast<uint32_t>(items.size())));
    }
    return add(Node{Op::MakeList, ValueKind::List, 0, false}, items);
}

// `{field: value, ...}`: absent fields are none; a constant when every field is one.
NodeId Builder::record_literal(const Expr* e) {
    const check::TypeTable& T = m_.types;
    TypeId type = type_of(e);
    const auto& rec = m_.records[T.get(T.strip_optional(type)).ref];
    std::vector<NodeId> fields;
    for (const auto& f : rec.fields) {
        auto it = std::find(e->names.begin(), e->names.end(), f.name);
        if (it == e->names.end()) {
            fields.push_back(add_constant(vk(f.type), Value(), State::None));
        } else {
            fields.push_back(expr_to(e->args[static_cast<size_t>(it - e->names.begin())].get(), f.type));
        }
    }
    if (Cell* cells = constant_cells(fields)) return add_constant(ValueKind::Record, Value::of_record(cells));
    return add(Node{Op::MakeRecord, ValueKind::Record, 0, false}, fields);
}

// `collect { value when condition ... }`.
NodeId Builder::collect(const Expr* e) {
    const check::TypeTable& T = m_.types;
    TypeId type = type_of(e);
    TypeId el = T.element(type);
    CollectInfo ci;
    for (const auto& entry : e->entries) {
        NodeId cond = expr(entry.condition.get());
        NodeId value = expr_to(entry.value.get(), el);
        ci.entries.push_back(CollectInfo::Entry{value, cond, &entry});
    }
    p_.collects.push_back(std::move(ci));
    Node n{Op::Collect, ValueKind::List, 0, false};
    n.aux = static_cast<uint32_t>(p_.collects.size() - 1);
    return add(n);
}

// `limit start { at most b [unless c] ... }`.
NodeId Builder::limit(const Expr* e) {
    TypeId type = type_of(e);
    LimitInfo li;
    li.start = expr_to(e->args[0].get(), type);
    for (const auto& step : e->steps) {
        NodeId bound = expr_to(step.bound.get(), type);
        NodeId unless = step.unless ? expr(step.unless.get()) : kNoNode;
        li.steps.push_back(LimitInfo::Step{step.at_most, bound, unless, &step});
    }
    p_.limits.push_back(std::move(li));
    Node n{Op::Limit, vk(type), 0, false};
    n.aux = static_cast<uint32_t>(p_.limits.size() - 1);
    return add(n);
}

// `{ let x = a ... result }`: each let binds its node for the expressions after it.
NodeId Builder::block(const Expr* e) {
    TypeId type = type_of(e);
    size_t saved = env_.size();
    for (size_t i = 0; i + 1 < e->args.size(); ++i) {
        NodeId v = expr(e->args[i].get());
        env_.push_back(Binding{e->names[i], v});
    }
    NodeId r = expr_to(e->args.back().get(), type);
    env_.resize(saved);
    return r;
}

NodeId Builder::call(const Expr* e) {
    const check::ExprInfo& info = m_.at(e);
    if (info.ref == RefKind::Builtin) return builtin(e);
    if (info.ref == RefKind::Table) return table_call(e, info.index);
    // a function: its body, with its parameters bound to the arguments
    const check::FunctionInfo& f = m_.functions[info.index];
    std::vector<Binding> bindings;
    for (size_t i = 0; i < f.params.size(); ++i) {
        bindings.push_back(Binding{f.params[i].name, expr_to(e->args[i].get(), f.params[i].type)});
    }
    auto saved = std::move(env_);
    env_ = std::move(bindings);
    NodeId body = expr_to(f.origin.decl->body.get(), f.result);
    env_ = std::move(saved);
    return body;
}

NodeId Builder::builtin(const Expr* e) {
    const check::TypeTable& T = m_.types;
    TypeId type = m_.at(e).type;
    Builtin b = static_cast<Builtin>(m_.at(e).index);
    Node n{Op::Builtin, vk(type), 0, false};
    n.aux = static_cast<uint32_t>(b);
    std::vector<NodeId> args;
    switch (b) {
        case Builtin::Min:
        case Builtin::Max:
        case Builtin::Clamp:
        case Builtin::Abs:
            for (const auto& a : e->args) args.push_back(expr_to(a.get(), type));
            break;
        case Builtin::Floor:
        case Builtin::Ceil: {
            TypeId at = type_of(e->args[0].get());
            if (T.kind(at) == TypeKind::Int) return expr(e->args[0].get());
            n.sub = T.kind(at) == TypeKind::Percent ? 1 : 0;
            args.push_back(expr(e->args[0].get()));
            break;
        }
        case Builtin::RoundDown:
        case Builtin::RoundUp:
        case Builtin::RoundHalfUp:
        case Builtin::RoundHalfEven: {
            const Expr* x = e->args[0].get();
            const Expr* u = e->args[1].get();
            TypeId xt = type_of(x);
            int places;
            if (m_.at(u).ref == RefKind::Unit) {
                places = m_.at(u).index == 0 ? 2 : 0;
            } else {
                util::Rational r;
                util::parse_decimal(u->text, &r, nullptr);
                places = static_cast<int>(r.num);
                if (T.kind(xt) == TypeKind::Percent) places += 2;  // places of the points
            }
            n.sub = static_cast<uint8_t>(places + 64);
            n.vk = ValueKind::Number;
            args.push_back(to_number(expr(x), xt));
            break;
        }
        default:
            for (const auto& a : e->args) args.push_back(expr(a.get()));
            break;
    }
    return add(n, args);
}

NodeId Builder::table_call(const Expr* e, uint32_t ti) {
    const check::TableInfo& t = m_.tables[ti];
    const syntax::Decl& d = *t.origin.decl;
    TableCall call;
    call.table = ti;
    call.hit = d.hit;
    for (size_t i = 0; i < t.inputs.size(); ++i) {
        call.args.push_back(expr_to(e->args[i].get(), t.inputs[i].type));
        call.arg_kinds.push_back(vk(t.inputs[i].type));
    }
    auto saved = std::move(env_);
    env_.clear();
    for (size_t i = 0; i < t.inputs.size(); ++i) env_.push_back(Binding{t.inputs[i].name, call.args[i]});
    for (const auto& row : d.rows) {
        std::vector<std::vector<CellTest>> cells;
        for (size_t c = 0; c < row.inputs.size(); ++c) {
            std::vector<CellTest> tests;
            for (const auto& test : row.inputs[c].tests) {
                CellTest ct;
                ct.kind = test.kind;
                Cell v;
                if (test.value) {
                    NodeId k = expr_to(test.value.get(), t.inputs[c].type);
                    constant(k, &v);
                    ct.low = v.v;
                    ct.has_low = true;
                }
                if (test.high) {
                    NodeId k = expr_to(test.high.get(), t.inputs[c].type);
                    constant(k, &v);
                    ct.high = v.v;
                    ct.has_high = true;
                }
                tests.push_back(ct);
            }
            cells.push_back(std::move(tests));
        }
        call.cells.push_back(std::move(cells));
        NodeId out;
        if (t.output_record == check::kNone) {
            out = expr_to(row.outputs[0].get(), t.outputs[0].type);
        } else {
            std::vector<NodeId> fields;
            for (size_t o = 0; o < row.outputs.size(); ++o)
                fields.push_back(expr_to(row.outputs[o].get(), t.outputs[o].type));
            out = add(Node{Op::MakeRecord, ValueKind::Record, 0, false}, fields);
        }
        call.outputs.push_back(out);
    }
    env_ = std::move(saved);
    build_row_index(call);
    p_.table_calls.push_back(std::move(call));
    Node n{Op::Table, vk(t.result), 0, false};
    n.aux = static_cast<uint32_t>(p_.table_calls.size() - 1);
    return add(n);
}

NodeId Builder::aggregate(const Expr* e) {
    const check::TypeTable& T = m_.types;
    TypeId type = m_.at(e).type;
    TypeId list_type = type_of(e->args[0].get());
    TypeId el = T.element(list_type);
    AggregateInfo ag;
    const std::string& k = e->text;
    ag.kind = k == "sum"     ? AggregateInfo::Kind::Sum
              : k == "count" ? AggregateInfo::Kind::Count
              : k == "any"   ? AggregateInfo::Kind::Any
              : k == "all"   ? AggregateInfo::Kind::All
              : k == "max"   ? AggregateInfo::Kind::Max
              : k == "min"   ? AggregateInfo::Kind::Min
              : k == "first" ? AggregateInfo::Kind::First
              : k == "last"  ? AggregateInfo::Kind::Last
                             : AggregateInfo::Kind::List;
    ag.list = expr(e->args[0].get());
    uint32_t index = static_cast<uint32_t>(p_.aggregates.size());
    p_.aggregates.push_back(AggregateInfo{});
    Node var{Op::LoopVar, vk(el), 0, optional(el)};
    var.aux = index;
    ag.var = add(var);
    ag.var_name = e->var;
    env_.push_back(Binding{e->var, ag.var});
    ag.filter = e->args.size() > 1 && e->args[1] ? expr(e->args[1].get()) : kNoNode;
    ag.body = kNoNode;
    if (e->args.size() > 2 && e->args[2]) {
        TypeId body_type = type_of(e->args[2].get());
        TypeId want = ag.kind == AggregateInfo::Kind::List ? T.element(type) : T.strip_optional(type);
        ag.body = convert(expr(e->args[2].get()), body_type, want);
        ag.body_kind = vk(want);
    } else {
        ag.body_kind = vk(el);
    }
    env_.pop_back();
    ag.members = members_of(ag.var);
    p_.aggregates[index] = std::move(ag);
    Node n{Op::Aggregate, vk(type), static_cast<uint8_t>(p_.aggregates[index].kind), optional(type)};
    n.aux = index;
    return add(n);
}

std::unique_ptr<Program> build_program(const Model& m, util::Days day, const std::vector<uint32_t>& rules,
                                       std::string* error, uint32_t* error_rule) {
    if (error_rule) *error_rule = check::kNone;
    auto p = std::make_unique<Program>();
    std::vector<util::Days> breaks = check::parameter_breaks(m);
    auto it = std::upper_bound(breaks.begin(), breaks.end(), day);
    p->period_from = *(it - 1);
    p->period_to = it == breaks.end() ? util::kForever : *it - 1;
    Builder b(m, day, *p);
    for (uint32_t r : rules) b.rule(r);

    // the longest operand chain bounds the evaluator's recursion
    std::vector<uint32_t> depth(p->nodes.size(), 1);
    uint32_t deepest = 0;
    NodeId deepest_node = kNoNode;
    for (NodeId id = 0; id < p->nodes.size(); ++id) {
        uint32_t d = 1;
        p->for_each_operand(id, [&](NodeId x) {
            if (x != kNoNode && x < id) d = std::max(d, depth[x] + 1);
        });
        depth[id] = d;
        if (d > deepest) deepest = d, deepest_node = id;
    }
    p->depth = deepest;
    if (deepest > kMaxGraphDepth) {
        // the rule at the end of the chain (its own node is the deepest, unless none owns it)
        uint32_t owner = p->nodes[deepest_node].owner;
        std::string who = "the rules depend";
        if (owner < m.rules.size()) {
            who = std::string(m.rules[owner].decision ? "decision" : "rule") + " `" + m.rules[owner].name + "` depends";
            if (error_rule) *error_rule = owner;
        }
        *error = who + " on other rules too deeply: a chain of " + std::to_string(deepest) +
                 " operations, the limit is " + std::to_string(kMaxGraphDepth) + " (about " +
                 std::to_string(check::kMaxRuleDepth) + " rules)";
        return nullptr;
    }
    return p;
}

struct ConstantBuilder::Impl {
    const Model& m;
    Program p;
    Builder b;
    Impl(const Model& model, util::Days day) : m(model), b(model, day, p) {}
};

ConstantBuilder::ConstantBuilder(const Model& m, util::Days day) : impl_(std::make_unique<Impl>(m, day)) {}
ConstantBuilder::~ConstantBuilder() = default;

bool ConstantBuilder::evaluate(const Expr* e, TypeId type, Cell* out, eval::Fault* fault) {
    impl_->b.fault = eval::Fault::None;
    NodeId n = impl_->b.expr_to(e, type);
    if (fault) *fault = impl_->b.fault;
    return n != kNoNode && impl_->b.constant(n, out);
}

}  // namespace tenet::compile
