// The columnar evaluator: one program over many cases at once, node by node.
//
// Exports: FactColumn, BatchPlan, BatchEvaluator. Where the scalar Evaluator computes one case
// on demand, this one computes each node of the plan for a block of cases in a tight loop, so the
// cost of dispatching a node is shared by the whole block. It evaluates every node for every
// case (no short-circuit), which gives the same results as on-demand evaluation because errors
// and missing facts are values: `if`, `and`, `or` and `otherwise` pick per case exactly what the
// on-demand evaluator would have computed, and a failure in an untaken branch is discarded.
//
// Lists are columns too. An aggregate (`sum of`, `count of`, `any`, `max of` ... `for x in xs
// where ...`) is a level: the elements of every case's list in the block are laid end to end
// (the Arrow layout: each case's elements follow the previous case's), the filter and body are
// computed node by node over those elements, reading what they need from the case (gathered to
// one value per element), and each case's elements are then folded in list order exactly as
// the on-demand evaluator goes through them, stopping where it stops. Aggregates nested in an
// aggregate's body are levels within levels. Collect and the sanction ladder's walk over
// episodes run per case on the block's columns. Only `hit collect` tables are not columnar
// (BatchPlan::supported is false); callers evaluate those row by row with the scalar Evaluator.
// The evaluation budget (compile::kMaxEvaluationSteps) is not counted here: callers send cases
// whose lists could reach it (eval/step_bound.hpp) to the scalar Evaluator.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "check/model.hpp"
#include "compile/graph.hpp"
#include "eval/evaluator.hpp"
#include "eval/ladder.hpp"

namespace tenet::eval {

// The values of one fact for a range of cases: values[i] and states[i] for case i.
struct FactColumn {
    const Value* values = nullptr;
    const State* states = nullptr;  // Ok, None or Missing; null: all Missing
};

// What to compute for a program: the nodes the roots need, in order. Immutable; build once per
// program and set of roots and share between threads.
class BatchPlan {
public:
    BatchPlan(const compile::Program& program, std::vector<compile::NodeId> roots);
    bool supported() const { return supported_; }
    const compile::Program& program() const { return program_; }
    const std::vector<compile::NodeId>& roots() const { return roots_; }
    const std::vector<compile::NodeId>& order() const { return order_; }

    // An aggregate's nodes, computed once per element of its list.
    struct Level {
        compile::NodeId aggregate;
        std::vector<compile::NodeId> nodes;   // its loop variable and what depends on it, operands first;
                                              //   the nodes of aggregates nested in it are in their own level
        std::vector<compile::NodeId> inputs;  // nodes of the enclosing levels (or of the case) they read
    };
    // The nodes computed once per case, operands first.
    const std::vector<compile::NodeId>& top() const { return top_; }
    const std::vector<Level>& levels() const { return levels_; }
    // Node id -> index into levels() for the plan's aggregates.
    uint32_t level_of(compile::NodeId aggregate) const { return level_of_[aggregate]; }

private:
    const compile::Program& program_;
    std::vector<compile::NodeId> roots_;
    std::vector<compile::NodeId> order_;  // every node the roots need, operands first
    std::vector<compile::NodeId> top_;
    std::vector<Level> levels_;
    std::vector<uint32_t> level_of_;
    bool supported_ = true;
};

// One root's results for the cases of a run.
struct RootColumn {
    Value* values;
    State* states;
    // Error cases are reported with a fault here (index: case), when not null.
    Fault* faults = nullptr;
};

// Holds the block buffers; belongs to one thread at a time.
class BatchEvaluator {
public:
    explicit BatchEvaluator(const check::Model& model) : m_(model) {}

    // Evaluates cases [0, count) whose facts are `facts` (one column per model fact) with `plan`,
    // which must be supported; writes each root's value and state per case to `out` (one per
    // root). Every case must be in the program's period of parameter values. Lists and records
    // among the results live until the next run.
    void run(const BatchPlan& plan, size_t count, const FactColumn* facts, const RootColumn* out);

    static constexpr size_t kBlock = 256;

private:
    void run_block(const BatchPlan& plan, size_t first, size_t n, const FactColumn* facts);
    // Computes `nodes` for n cases (or elements, within a level); facts are read from row `first`.
    void eval_nodes(const BatchPlan& plan, const std::vector<compile::NodeId>& nodes, size_t first, size_t n,
                    const FactColumn* facts);
    // An aggregate over the lists of n rows of the enclosing level.
    void aggregate(const BatchPlan& plan, compile::NodeId x, size_t n, Value* ov, State* os, Fault* of);
    void collect(const compile::Program& p, const compile::Node& node, size_t n, Value* ov, State* os, Fault* of);
    void ladder(const compile::Program& p, const compile::Node& node, size_t n, Value* ov, State* os, Fault* of);
    bool integral_table(const compile::Program& p, const compile::Node& node, size_t n, Value* ov, State* os,
                        Fault* of);
    void strict(const compile::Program& p, const compile::Node& node, size_t n, Value* ov, State* os, Fault* of);
    void generic(const compile::Program& p, const compile::Node& node, size_t n, Value* ov, State* os, Fault* of);

    const check::Model& m_;
    // per node of the plan: where its block of values is (its own buffer, a fact column, an
    // operand's buffer for pass-through nodes, or a constant repeated with stride 0)
    struct Column {
        const Value* v;
        const State* s;
        const Fault* f;
        size_t stride;  // 1, or 0 for a constant
    };
    std::vector<Column> columns_;  // indexed by node id
    std::vector<Value> values_;    // kBlock per owned node
    std::vector<State> states_;
    std::vector<Fault> faults_;
    std::vector<uint32_t> slot_of_;  // node id -> buffer index
    const compile::Program* prepared_ = nullptr;
    const BatchPlan* prepared_plan_ = nullptr;
    std::vector<State> all_missing_;
    std::vector<Fault> no_faults_;  // the faults of facts and constants: none
    Arena arena_;                   // records built for the current block
    std::vector<uint64_t> mask_scratch_;
    bool limit_numbers(const compile::LimitInfo& info, size_t n, Value* ov, State* os, Fault* of);

    // One aggregate's fold, per row of its enclosing level: what the on-demand evaluator's loop
    // has seen so far of that row's elements.
    struct Fold {
        Value acc;
        Value missing_v;  // the filter or body that was undecided (its value, state, fault)
        Cell picked;      // first, last
        Cell* built;      // list
        uint32_t count;
        Fault missing_f;
        State missing_s;
        bool done;  // the row's result is written
        bool missing;
        bool have;  // max, min: a value seen
    };
    struct LevelScratch {
        std::vector<uint32_t> parent;   // per element of the current stretch: its row
        std::vector<const Cell*> item;  // per element: the list's cell
        std::vector<Fold> folds;        // per row
        std::vector<Column> saved;      // per input: its column in the enclosing level
        std::vector<Value> values;      // per input: kBlock gathered values
        std::vector<State> states;
        std::vector<Fault> faults;
    };
    std::vector<LevelScratch> levels_;  // per level of the plan
    LadderScratch ladder_;
};

}  // namespace tenet::eval
