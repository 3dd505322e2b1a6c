// Why the bound holds (src/eval/evaluator.cpp):
//
// - Steps are counted by three operations, each once per evaluation of its node, by the length
//   of one list: `in` (its list operand), an aggregate (its list), a ladder (its episodes). If
//   every list is at most L long, an evaluation of such a node counts at most L steps.
// - A node is computed at most once per case, unless an aggregate resets it: aggregate() resets
//   its members (AggregateInfo::members) before each element, at most L times per evaluation,
//   and once more after the loop when `any`, `all` or `count` met an undecided filter. Nothing
//   else resets a node. So with E(N) the evaluations of node N,
//       E(N) <= 1 + sum over the aggregates A with N in A.members of E(A) * (L + 1).
//   (Being a member of the outer aggregates is not enough to bound this: in
//   `sum(count(c for c in xs where c in ys and b > 0) for b in xs)` the `in` is a member of the
//   inner aggregate only, but that aggregate is recomputed for each b, so the `in` runs L^2
//   times.) Node ids are a topological order and an aggregate comes after its members, so E is
//   computed from the last node down.
// - Every list the evaluation goes through is at most L long when L is the longest list of the
//   case (nested lists included) or of the program itself, going by the operations that make a
//   list (compile/graph.hpp): a Fact is the case's; a Const is the program's (list_literal and
//   fold in compile/builder.cpp build a constant list only from constant nodes, so every list
//   within a constant is the value of a Const node of kind List); MakeList has its arguments;
//   Collect at most its entries; a `hit collect` Table at most its rows; an aggregate's `list of`
//   at most its own list's elements. Builtins, limits and ladders make no list, and the other
//   operations (Rule, Param, LoopVar, Field, If, Otherwise, First/Last/Max/Min, a table's chosen
//   row) pass on a list made by one of these or an element of one.
#include "eval/step_bound.hpp"

#include <algorithm>

namespace tenet::eval {

using compile::kNoNode;
using compile::NodeId;
using compile::Op;

namespace {

uint64_t saturating_mul(uint64_t a, uint64_t b) {
    uint64_t r;
    return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}

uint64_t saturating_add(uint64_t a, uint64_t b) {
    uint64_t r;
    return __builtin_add_overflow(a, b, &r) ? UINT64_MAX : r;
}

bool counts_steps(Op op) { return op == Op::Aggregate || op == Op::In || op == Op::Ladder; }

// The nodes that count steps or reset others, with what resets each: enough to compute E.
struct Nesting {
    std::vector<NodeId> nodes;                    // counting nodes, from the last id down
    std::vector<std::vector<uint32_t>> resetters;  // per node: indices into `nodes` of its aggregates
};

// The steps of a case whose lists are at most `longest` long, at most (saturating).
uint64_t steps_at_most(const Nesting& n, uint64_t longest) {
    std::vector<uint64_t> evaluations(n.nodes.size());
    uint64_t steps = 0;
    for (size_t k = 0; k < n.nodes.size(); ++k) {
        uint64_t e = 1;
        for (uint32_t a : n.resetters[k]) e = saturating_add(e, saturating_mul(evaluations[a], longest + 1));
        evaluations[k] = e;
        steps = saturating_add(steps, saturating_mul(e, longest));
    }
    return steps;
}

}  // namespace

StepBound step_bound(const compile::Program& p, const std::vector<NodeId>& roots) {
    StepBound bound;
    // the nodes the roots need
    std::vector<char> needed(p.nodes.size(), 0);
    std::vector<NodeId> stack(roots.begin(), roots.end());
    while (!stack.empty()) {
        NodeId id = stack.back();
        stack.pop_back();
        if (id == kNoNode || needed[id]) continue;
        needed[id] = 1;
        p.for_each_operand(id, [&](NodeId x) { stack.push_back(x); });
    }
    // the aggregates that reset each node, only among those that count or reset
    Nesting nesting;
    std::vector<uint32_t> index(p.nodes.size(), UINT32_MAX);
    for (size_t id = p.nodes.size(); id-- > 0;) {
        const compile::Node& node = p.nodes[id];
        if (node.op == Op::Const && node.vk == ValueKind::List && p.constant_states[node.aux] == State::Ok)
            bound.program_longest = std::max<size_t>(bound.program_longest, p.constants[node.aux].list.size);
        if (!needed[id]) continue;
        if (node.op == Op::MakeList) bound.program_longest = std::max<size_t>(bound.program_longest, node.args_count);
        if (node.op == Op::Collect)
            bound.program_longest = std::max(bound.program_longest, p.collects[node.aux].entries.size());
        if (node.op == Op::Table && p.table_calls[node.aux].hit == syntax::HitPolicy::Collect)
            bound.program_longest = std::max(bound.program_longest, p.table_calls[node.aux].outputs.size());
        if (!counts_steps(node.op)) continue;
        index[id] = static_cast<uint32_t>(nesting.nodes.size());
        nesting.nodes.push_back(static_cast<NodeId>(id));
        nesting.resetters.emplace_back();
    }
    for (size_t k = 0; k < nesting.nodes.size(); ++k) {
        const compile::Node& node = p.nodes[nesting.nodes[k]];
        if (node.op != Op::Aggregate) continue;
        for (NodeId m : p.aggregates[node.aux].members) {
            if (index[m] != UINT32_MAX) nesting.resetters[index[m]].push_back(static_cast<uint32_t>(k));
        }
    }
    bound.counting_nodes = nesting.nodes.size();
    if (nesting.nodes.empty()) return bound;
    // the largest L within the budget: steps grow with L, and are at least L
    uint64_t low = 0, high = compile::kMaxEvaluationSteps;
    while (low < high) {
        uint64_t mid = low + (high - low + 1) / 2;
        if (steps_at_most(nesting, mid) <= compile::kMaxEvaluationSteps) low = mid;
        else high = mid - 1;
    }
    bound.longest_within = static_cast<size_t>(low);
    return bound;
}

}  // namespace tenet::eval
