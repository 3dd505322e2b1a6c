// Why the bound holds (src/eval/evaluator.cpp):
//
// - Steps are counted by three operations, each once per evaluation of its node, by the length
//   of one list: `in` (its list operand), an aggregate (its list), a ladder (its episodes). With
//   len(N) a bound on the length of N's list, an evaluation of N counts at most len(N) steps.
// - A node is computed at most once per case, unless an aggregate resets it: aggregate() resets
//   its members (AggregateInfo::members) before each element, at most len(A) times per
//   evaluation of A, and once more after the loop when `any`, `all` or `count` met an undecided
//   filter. Nothing else resets a node. So with E(N) the evaluations of node N,
//       E(N) <= 1 + sum over the aggregates A with N in A.members of E(A) * (len(A) + 1)
//   and the steps are at most the sum of E(N) * len(N) over the counting nodes. (Counting the
//   aggregates N is a member of is not enough: in
//   `sum(count(c in xs where c in xs and b > 0) for b in xs)` the `in` is a member of the inner
//   aggregate only, but that aggregate is recomputed for each b, so the `in` runs L^2 times.)
//   Node ids are a topological order and an aggregate comes after its members, so E is computed
//   from the last node down.
// - Every list the evaluation goes through is at most L long when L is the longest list of the
//   case (nested lists included) or of the program itself, going by the operations that make a
//   list (compile/graph.hpp): a Fact is the case's; a Const is the program's (list_literal and
//   fold in compile/builder.cpp build a constant list only from constant nodes, so every list
//   within a constant is the value of a Const node of kind List); MakeList has its arguments;
//   Collect at most its entries; a `hit collect` Table at most its rows; an aggregate's `list of`
//   at most its own list's elements. Builtins, limits and ladders make no list, and the other
//   operations (Rule, Param, LoopVar, Field, If, Otherwise, First/Last/Max/Min, a table's chosen
//   row) pass on a list made by one of these or an element of one. So len(N) is L, or closer
//   where source_of traces N's list to one of these: a list of the program's own is its length,
//   a list fact that fact's length in the case.
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

// Where the list node `id` gives comes from: the program itself (`x in [a, b, c]` goes through 3
// elements however long the case's lists are), a list fact (or a `list of` over one, no longer),
// or anything else of the case (a field of an element: its nested lists).
StepBound::Source source_of(const compile::Program& p, NodeId id, std::vector<uint32_t>* facts) {
    using Kind = StepBound::Source::Kind;
    while (id != kNoNode) {
        const compile::Node& n = p.nodes[id];
        switch (n.op) {
            case Op::Rule:
            case Op::Param: id = n.a; continue;  // the rule's body, the parameter's constant
            case Op::Aggregate:
                if (p.aggregates[n.aux].kind != compile::AggregateInfo::Kind::List) return {Kind::Case, 0};
                id = p.aggregates[n.aux].list;
                continue;
            case Op::Const:
                return {Kind::Own, p.constant_states[n.aux] == State::Ok ? p.constants[n.aux].list.size : 0u};
            case Op::MakeList: return {Kind::Own, n.args_count};
            case Op::Collect: return {Kind::Own, p.collects[n.aux].entries.size()};
            case Op::Table:
                if (p.table_calls[n.aux].hit != syntax::HitPolicy::Collect) return {Kind::Case, 0};
                return {Kind::Own, p.table_calls[n.aux].outputs.size()};
            case Op::Fact: {
                auto at = std::find(facts->begin(), facts->end(), n.aux);
                if (at == facts->end()) at = facts->insert(at, n.aux);
                return {Kind::Fact, static_cast<uint64_t>(at - facts->begin())};
            }
            default: return {Kind::Case, 0};
        }
    }
    return {Kind::Case, 0};
}

}  // namespace

uint64_t StepBound::steps_at_most(uint64_t longest, const std::vector<uint64_t>* fact_lengths) const {
    using Kind = Source::Kind;
    auto length = [&](size_t k) {
        const Source& s = sources_[k];
        if (s.kind == Kind::Own) return s.n;
        if (s.kind == Kind::Fact && fact_lengths) return (*fact_lengths)[s.n];
        return longest;
    };
    std::vector<uint64_t> evaluations(sources_.size());
    uint64_t steps = 0;
    for (size_t k = 0; k < sources_.size(); ++k) {
        uint64_t e = 1;
        for (uint32_t a : resetters_[k]) e = saturating_add(e, saturating_mul(evaluations[a], length(a) + 1));
        evaluations[k] = e;
        steps = saturating_add(steps, saturating_mul(e, length(k)));
    }
    return steps;
}

bool StepBound::within(size_t case_longest, const std::vector<uint64_t>& fact_lengths) const {
    if (within(case_longest)) return true;
    if (!program_within_) return false;
    return steps_at_most(std::max(case_longest, program_longest_), &fact_lengths) <= compile::kMaxEvaluationSteps;
}

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
    // the counting nodes, from the last id down (an aggregate before its members), and the
    // aggregates that reset each
    std::vector<NodeId> counting;
    std::vector<uint32_t> index(p.nodes.size(), UINT32_MAX);
    for (size_t id = p.nodes.size(); id-- > 0;) {
        const compile::Node& node = p.nodes[id];
        auto longest = [&](size_t n) { bound.program_longest_ = std::max(bound.program_longest_, n); };
        if (node.op == Op::Const && node.vk == ValueKind::List && p.constant_states[node.aux] == State::Ok)
            longest(p.constants[node.aux].list.size);
        if (!needed[id]) continue;
        if (node.op == Op::MakeList) longest(node.args_count);
        if (node.op == Op::Collect) longest(p.collects[node.aux].entries.size());
        if (node.op == Op::Table && p.table_calls[node.aux].hit == syntax::HitPolicy::Collect)
            longest(p.table_calls[node.aux].outputs.size());
        if (!counts_steps(node.op)) continue;
        index[id] = static_cast<uint32_t>(counting.size());
        counting.push_back(static_cast<NodeId>(id));
        NodeId list = node.op == Op::In       ? node.b
                      : node.op == Op::Ladder ? p.ladders[node.aux].episodes
                                              : p.aggregates[node.aux].list;
        bound.sources_.push_back(source_of(p, list, &bound.facts_));
    }
    bound.resetters_.resize(counting.size());
    for (size_t k = 0; k < counting.size(); ++k) {
        const compile::Node& node = p.nodes[counting[k]];
        if (node.op != Op::Aggregate) continue;
        for (NodeId m : p.aggregates[node.aux].members) {
            if (index[m] != UINT32_MAX) bound.resetters_[index[m]].push_back(static_cast<uint32_t>(k));
        }
    }
    auto within = [&](uint64_t longest) {
        return bound.steps_at_most(longest, nullptr) <= compile::kMaxEvaluationSteps;
    };
    if (within(UINT32_MAX)) return bound;  // no list of the case counts
    if (!within(0)) {
        bound.program_within_ = false;
        return bound;
    }
    // the largest L within the budget: steps grow with L, and are at least L
    uint64_t low = 0, high = compile::kMaxEvaluationSteps;
    while (low < high) {
        uint64_t mid = low + (high - low + 1) / 2;
        if (within(mid)) low = mid;
        else high = mid - 1;
    }
    bound.longest_within_ = static_cast<size_t>(low);
    return bound;
}

}  // namespace tenet::eval
