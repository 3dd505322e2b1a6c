// A program with a constant per use and its nodes numbered in use order (canonical_program.hpp).
#include "emit/canonical_program.hpp"

namespace tenet::emit {

using compile::kNoNode;
using compile::Node;
using compile::NodeId;
using compile::Op;
using compile::Program;

namespace {

class Canonicaliser {
public:
    Canonicaliser(const Program& p, CanonicalProgram* out) : p_(p), out_(*out), q_(out->program) {}

    void run(const std::vector<NodeId>& roots) {
        mark_needed(roots);
        map_.assign(p_.nodes.size(), kNoNode);
        for (NodeId x = 0; x < p_.nodes.size(); ++x) {
            if (needed_[x] && !per_use(x)) map_[x] = copy(x);
        }
        q_.rule_nodes.assign(p_.rule_nodes.size(), kNoNode);
        for (size_t r = 0; r < p_.rule_nodes.size(); ++r) {
            if (p_.rule_nodes[r] != kNoNode) q_.rule_nodes[r] = map_[p_.rule_nodes[r]];
        }
        q_.fact_nodes.assign(p_.fact_nodes.size(), kNoNode);
        for (size_t f = 0; f < p_.fact_nodes.size(); ++f) {
            if (p_.fact_nodes[f] != kNoNode) q_.fact_nodes[f] = map_[p_.fact_nodes[f]];
        }
        q_.period_from = p_.period_from;
        q_.period_to = p_.period_to;
        q_.depth = p_.depth;
    }

private:
    void mark_needed(const std::vector<NodeId>& roots) {
        needed_.assign(p_.nodes.size(), false);
        std::vector<NodeId> todo;
        auto need = [&](NodeId y) {
            if (y != kNoNode && !needed_[y]) {
                needed_[y] = true;
                todo.push_back(y);
            }
        };
        for (NodeId r : roots) need(r);
        while (!todo.empty()) {
            NodeId x = todo.back();
            todo.pop_back();
            p_.for_each_operand(x, need);
            if (p_.nodes[x].op == Op::Aggregate) need(p_.aggregates[p_.nodes[x].aux].var);
        }
    }

    // What gets a copy per use: a constant, a parameter's constant value, a parameter without a
    // value (which one period folds into a constant and another cannot: same place either way).
    bool per_use(NodeId x) const {
        const Node& n = p_.nodes[x];
        if (n.op == Op::Const || n.op == Op::Undefined) return true;
        return n.op == Op::Param && n.a != kNoNode && p_.nodes[n.a].op == Op::Const;
    }

    NodeId push(Node n, NodeId original) {
        q_.nodes.push_back(n);
        out_.original.push_back(original);
        return static_cast<NodeId>(q_.nodes.size() - 1);
    }

    NodeId push_constant(NodeId c) {
        Node n = p_.nodes[c];
        n.aux = static_cast<uint32_t>(q_.constants.size());
        q_.constants.push_back(p_.constants[p_.nodes[c].aux]);
        q_.constant_states.push_back(p_.constant_states[p_.nodes[c].aux]);
        return push(n, c);
    }

    // The canonical node for one use of original node y: a fresh copy for what per_use() names,
    // a parameter's value always under a Param node (so that a defined and an undefined
    // parameter take the same nodes), else y's one copy, made before its users.
    NodeId use(NodeId y) {
        if (y == kNoNode) return kNoNode;
        if (!per_use(y)) return map_[y];
        const Node& n = p_.nodes[y];
        if (n.op == Op::Const) return push_constant(y);
        Node param = n;
        param.op = Op::Param;
        param.sub = 0;  // the parameter's period index: not part of the computation
        param.b = param.c = kNoNode;
        if (n.op == Op::Undefined) {
            param.a = push(n, y);
        } else {
            param.a = push_constant(n.a);
        }
        return push(param, y);
    }

    NodeId copy(NodeId x) {
        Node n = p_.nodes[x];
        n.a = use(n.a);
        n.b = use(n.b);
        n.c = use(n.c);
        std::vector<NodeId> args;
        for (uint32_t i = 0; i < n.args_count; ++i) args.push_back(use(p_.args[n.args_begin + i]));
        n.args_begin = static_cast<uint32_t>(q_.args.size());
        q_.args.insert(q_.args.end(), args.begin(), args.end());
        switch (n.op) {
            case Op::Aggregate: {
                compile::AggregateInfo ag = p_.aggregates[n.aux];
                ag.list = use(ag.list);
                ag.filter = use(ag.filter);
                ag.body = use(ag.body);
                ag.var = map_[ag.var];
                std::vector<NodeId> members;
                for (NodeId m : ag.members) {
                    if (needed_[m] && !per_use(m)) members.push_back(map_[m]);
                }
                ag.members = std::move(members);
                n.aux = static_cast<uint32_t>(q_.aggregates.size());
                q_.aggregates.push_back(std::move(ag));
                break;
            }
            case Op::Collect: {
                compile::CollectInfo info = p_.collects[n.aux];
                for (auto& e : info.entries) {
                    e.condition = use(e.condition);
                    e.value = use(e.value);
                }
                n.aux = static_cast<uint32_t>(q_.collects.size());
                q_.collects.push_back(std::move(info));
                break;
            }
            case Op::Limit: {
                compile::LimitInfo info = p_.limits[n.aux];
                info.start = use(info.start);
                for (auto& s : info.steps) {
                    s.bound = use(s.bound);
                    s.unless = use(s.unless);
                }
                n.aux = static_cast<uint32_t>(q_.limits.size());
                q_.limits.push_back(std::move(info));
                break;
            }
            case Op::Table: {
                const compile::TableCall& t = p_.table_calls[n.aux];
                compile::TableCall call;  // without the row index, which the C does not use
                call.table = t.table;
                call.arg_kinds = t.arg_kinds;
                call.cells = t.cells;
                call.hit = t.hit;
                for (NodeId a : t.args) call.args.push_back(use(a));
                for (NodeId o : t.outputs) call.outputs.push_back(use(o));
                n.aux = static_cast<uint32_t>(q_.table_calls.size());
                q_.table_calls.push_back(std::move(call));
                break;
            }
            case Op::Ladder: {
                compile::LadderCall call = p_.ladders[n.aux];
                call.episodes = use(call.episodes);
                call.as_of = use(call.as_of);
                for (auto& lv : call.levels) {
                    lv.percent = use(lv.percent);
                    lv.length = use(lv.length);
                    lv.at_most = use(lv.at_most);
                }
                n.aux = static_cast<uint32_t>(q_.ladders.size());
                q_.ladders.push_back(std::move(call));
                break;
            }
            default: break;
        }
        return push(n, x);
    }

    const Program& p_;
    CanonicalProgram& out_;
    Program& q_;
    std::vector<bool> needed_;
    std::vector<NodeId> map_;  // per original node not copied per use: its canonical node
};

}  // namespace

std::unique_ptr<CanonicalProgram> canonical_program(const Program& p, const std::vector<NodeId>& roots) {
    auto out = std::make_unique<CanonicalProgram>();
    Canonicaliser(p, out.get()).run(roots);
    return out;
}

}  // namespace tenet::emit
