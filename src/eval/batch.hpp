// The columnar evaluator: one program over many cases at once, node by node.
//
// Exports: FactColumn, BatchPlan, BatchEvaluator. Where the scalar Evaluator computes one case
// on demand, this one computes each node of the plan for a block of cases in a tight loop, so the
// cost of dispatching a node is shared by the whole block. It evaluates every node for every
// case (no short-circuit), which gives the same results as on-demand evaluation because errors
// and missing facts are values: `if`, `and`, `or` and `otherwise` pick per case exactly what the
// on-demand evaluator would have computed, and a failure in an untaken branch is discarded.
// Programs that need list, record or ladder operations are not columnar (BatchPlan::supported is
// false); callers evaluate those row by row with the scalar Evaluator.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "check/model.hpp"
#include "compile/graph.hpp"
#include "eval/evaluator.hpp"

namespace tenet::eval {

// The values of one fact for a range of cases: values[i] and states[i] for case i.
struct FactColumn {
    const Value* values = nullptr;
    const State* states = nullptr;   // Ok, None or Missing; null: all Missing
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

private:
    const compile::Program& program_;
    std::vector<compile::NodeId> roots_;
    std::vector<compile::NodeId> order_;   // every node the roots need, operands first
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
    // root). Every case must be in the program's period of parameter values.
    void run(const BatchPlan& plan, size_t count, const FactColumn* facts, const RootColumn* out);

    static constexpr size_t kBlock = 256;

private:
    void run_block(const BatchPlan& plan, size_t first, size_t n, const FactColumn* facts);
    bool integral_table(const compile::Program& p, const compile::Node& node, size_t n, Value* ov, State* os, Fault* of);
    void strict(const compile::Program& p, const compile::Node& node, size_t n, Value* ov, State* os, Fault* of);
    void generic(const compile::Program& p, const compile::Node& node, size_t n, Value* ov, State* os, Fault* of);

    const check::Model& m_;
    // per node of the plan: where its block of values is (its own buffer, a fact column, an
    // operand's buffer for pass-through nodes, or a constant repeated with stride 0)
    struct Column {
        const Value* v;
        const State* s;
        const Fault* f;
        size_t stride;   // 1, or 0 for a constant
    };
    std::vector<Column> columns_;           // indexed by node id
    std::vector<Value> values_;             // kBlock per owned node
    std::vector<State> states_;
    std::vector<Fault> faults_;
    std::vector<uint32_t> slot_of_;         // node id -> buffer index
    const compile::Program* prepared_ = nullptr;
    const BatchPlan* prepared_plan_ = nullptr;
    std::vector<State> all_missing_;
    std::vector<Fault> no_faults_;          // the faults of facts and constants: none
    Arena arena_;                           // records built for the current block
    std::vector<uint64_t> mask_scratch_;
    bool limit_numbers(const compile::LimitInfo& info, size_t n, Value* ov, State* os, Fault* of);

};

}  // namespace tenet::eval
