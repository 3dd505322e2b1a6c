// The evaluation graph: what the compiler produces and the evaluator runs.
//
// Exports: Op, Node, Program and the side tables of the nodes that need more than three
// operands (aggregates, collect, limit, tables, ladders). A Program is one ruleset specialised to
// one period of parameter values: parameters are constants in it. Node ids are a topological
// order (operands before users). Programs are immutable after building and shared by threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/model.hpp"
#include "compile/row_index.hpp"
#include "value/value.hpp"

namespace tenet::compile {

using NodeId = uint32_t;
constexpr NodeId kNoNode = 0xffffffffu;

// Limits (docs/LANGUAGE.md §12). The evaluator computes a value by recursing into its operands,
// so the longest chain of graph nodes bounds its recursion: 10,000 nodes (a rule's value is a few
// nodes, so about check::kMaxRuleDepth rules), within a thread's default stack; on a smaller stack
// the evaluator reports "nested too deeply" instead.
constexpr uint32_t kMaxGraphDepth = 10000;
// The graph is evaluated at most once per node and case, except inside aggregates, which
// recompute their element expression for every element: an aggregate inside another over two
// long lists (or `x in xs` inside one) would visit 100,000 x 100,000 elements. Every list an
// aggregate, `in`, a collect or a ladder goes through counts its length against this budget;
// past it the decision is unresolved ("evaluation takes too many steps"), never a hang.
constexpr uint64_t kMaxEvaluationSteps = 10000000;

enum class Op : uint8_t {
    Const,      // aux: index into Program::constants
    Fact,       // aux: fact index (None when an optional fact is absent, Missing otherwise)
    LoopVar,    // set by its aggregate; aux: region
    Undefined,  // a parameter with no value on the case's day; aux: parameter index
    Rule,       // the value of rule aux (a: its body): named, so traces and errors can cite it
    Param,      // the value of parameter aux (a: its constant); sub: period index

    // arithmetic; vk says Int or Number; operands have the same kind
    Add,
    Sub,
    Mul,
    Div,
    Neg,
    IntToNumber,  // a: int -> exact number
    DateAdd,      // a: date, b: duration
    DateSub,      // a: date, b: duration
    DateDiff,     // a - b in days
    DurAdd,
    DurSub,
    DurMul /* b: int */,
    DurNeg,

    Compare,  // sub: syntax::Op comparison; aux: ValueKind of the operands
    And,
    Or,
    Not,         // Kleene logic for missing values (LANGUAGE.md §7.1)
    If,          // a: condition, b: then, c: else (b and c lazy)
    IsPresent,   // a: optional value
    IsEmpty,     // a: list
    Otherwise,   // a: optional, b: default (lazy)
    In,          // a: value, b: list; aux: ValueKind
    Within,      // a: date, b: duration, c: reference date; sub: 0 before, 1 after
    Field,       // a: record; aux: field index
    MakeRecord,  // args: fields (None for an omitted optional field is a Const none)
    MakeList,    // args: elements
    Builtin,     // aux: check::Builtin; args; sub: rounding places + 64 (decimals) or unit
    Aggregate,   // aux: index into Program::aggregates
    Collect,     // aux: index into Program::collects
    Limit,       // aux: index into Program::limits
    Table,       // aux: index into Program::table_calls
    Ladder,      // aux: index into Program::ladders
};

struct Node {
    Op op = Op::Const;
    eval::ValueKind vk = eval::ValueKind::Bool;  // kind of the result
    uint8_t sub = 0;
    bool optional = false;  // the result may be None
    NodeId a = kNoNode, b = kNoNode, c = kNoNode;
    uint32_t aux = 0;
    uint32_t args_begin = 0, args_count = 0;  // into Program::args
    uint32_t owner = check::kNone;            // the rule whose body made it (first one), for error messages
};

struct AggregateInfo {
    enum class Kind : uint8_t { Sum, Count, Any, All, Max, Min, First, Last, List };
    Kind kind;
    NodeId list, var, filter /* or kNoNode */, body /* or kNoNode */;
    std::string var_name;         // the bound variable as written (`tenet graph` labels)
    std::vector<NodeId> members;  // nodes that depend on var: recomputed for each element
    eval::ValueKind body_kind;
};

struct CollectInfo {
    struct Entry {
        NodeId value, condition;
        const syntax::CollectEntry* source;
    };
    std::vector<Entry> entries;
};

struct LimitInfo {
    struct Step {
        bool at_most;
        NodeId bound, unless /* or kNoNode */;
        const syntax::LimitStep* source;
    };
    NodeId start;
    std::vector<Step> steps;
};

struct CellTest {
    syntax::CellTest::Kind kind;
    bool has_low = false, has_high = false;
    eval::Value low, high;  // Equal..GreaterEq use low
};

struct TableCall {
    uint32_t table;  // model table index
    std::vector<NodeId> args;
    std::vector<eval::ValueKind> arg_kinds;
    // per row: per input column the tests (any of; empty = any), and the row's output node
    std::vector<std::vector<std::vector<CellTest>>> cells;
    std::vector<NodeId> outputs;  // lazy: only the matching rows' are evaluated
    syntax::HitPolicy hit;
    RowIndex index;  // for integral inputs (see row_index.hpp)
};

struct LadderCall {
    uint32_t ladder;  // model ladder index
    NodeId episodes, as_of;
    uint32_t start_field, cure_field;
    struct Level {
        NodeId percent;
        NodeId length;   // kNoNode: plain `until cured` (no minimum)
        NodeId at_most;  // kNoNode: no longest length
        bool until_cured;
    };
    std::vector<Level> levels;
    bool carry_highest;
};

class Program {
public:
    std::vector<Node> nodes;
    std::vector<NodeId> args;
    std::vector<eval::Value> constants;
    std::vector<eval::State> constant_states;  // Ok or None
    eval::Arena constant_arena;                // lists and records among the constants

    std::vector<AggregateInfo> aggregates;
    std::vector<CollectInfo> collects;
    std::vector<LimitInfo> limits;
    std::vector<TableCall> table_calls;
    std::vector<LadderCall> ladders;

    // Constants computed at compile time from parameters: the Param nodes each one absorbed, so
    // explanations can still name the parameters (and periods) a decision used.
    std::unordered_map<NodeId, std::vector<NodeId>> folded_params;

    std::vector<NodeId> rule_nodes;  // per model rule: its Rule node, or kNoNode if not built
    std::vector<NodeId> fact_nodes;  // per model fact, or kNoNode
    util::Days period_from = 0;      // the days on which this program's parameter values hold
    util::Days period_to = 0;
    uint32_t depth = 0;  // the longest chain of operands: bounds the evaluator's recursion

    // Every operand of a node, strict and lazy (for graph walks).
    template <typename F>
    void for_each_operand(NodeId n, F&& f) const;
    // The node that computes n's value: a Rule or Param is its operand's value under a name.
    NodeId value_node(NodeId n) const {
        while (nodes[n].op == Op::Rule || nodes[n].op == Op::Param) n = nodes[n].a;
        return n;
    }
};

template <typename F>
void Program::for_each_operand(NodeId id, F&& f) const {
    const Node& n = nodes[id];
    if (n.a != kNoNode) f(n.a);
    if (n.b != kNoNode) f(n.b);
    if (n.c != kNoNode) f(n.c);
    for (uint32_t i = 0; i < n.args_count; ++i) f(args[n.args_begin + i]);
    switch (n.op) {
        case Op::Aggregate: {
            const auto& ag = aggregates[n.aux];
            f(ag.list);
            if (ag.filter != kNoNode) f(ag.filter);
            if (ag.body != kNoNode) f(ag.body);
            break;
        }
        case Op::Collect:
            for (const auto& e : collects[n.aux].entries) {
                f(e.condition);
                f(e.value);
            }
            break;
        case Op::Limit: {
            const auto& l = limits[n.aux];
            f(l.start);
            for (const auto& s : l.steps) {
                f(s.bound);
                if (s.unless != kNoNode) f(s.unless);
            }
            break;
        }
        case Op::Table: {
            const auto& t = table_calls[n.aux];
            for (NodeId a : t.args) f(a);
            for (NodeId o : t.outputs) f(o);
            break;
        }
        case Op::Ladder: {
            const auto& l = ladders[n.aux];
            f(l.episodes);
            f(l.as_of);
            for (const auto& lv : l.levels) {
                f(lv.percent);
                f(lv.length);
                if (lv.at_most != kNoNode) f(lv.at_most);
            }
            break;
        }
        default: break;
    }
}

}  // namespace tenet::compile
