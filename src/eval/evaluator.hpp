// The evaluator: runs a Program on one case, computing only what is asked for.
//
// Exports: CaseData (a case's decoded facts), Slot, EvalError, TraceEntry, Evaluator.
// Evaluation is on demand: force(node) computes a node's operands as it needs them, so untaken
// branches are never evaluated, and memoises the result in the frame for this case. The frame
// (slots, arena, error list, trace) is reused from case to case, so once it has grown to a
// program's size, evaluating a case with scalar decisions allocates nothing.
// An Evaluator belongs to one thread at a time; Programs and Models are shared.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "compile/graph.hpp"
#include "compile/ops.hpp"
#include "eval/ladder.hpp"
#include "value/value.hpp"

namespace tenet::eval {

// The facts of one case, indexed like Model::facts. A fact's state is Ok, None (an optional
// fact that is absent or null) or Missing (a required fact that is absent).
struct CaseData {
    std::vector<Value> values;
    std::vector<State> states;
    Arena arena;  // the lists and records of the case
    void reset(size_t facts) {
        values.assign(facts, Value());
        states.assign(facts, State::Missing);
        arena.reset();
    }
};

struct Slot {
    Value v;
    uint32_t epoch = 0;  // computed in this evaluation when equal to the frame's epoch
    State s = State::Ok;
    uint32_t error = 0;  // Error: index into Evaluator::errors()
};

struct EvalError {
    compile::NodeId node;
    Fault fault;
    std::string detail;  // e.g. the inputs a table did not match
};

// One step of an explanation, in the order it was computed.
struct TraceEntry {
    enum class Kind : uint8_t { Node, TableRow, CollectEntry, LimitStep, LadderLevel };
    Kind kind;
    compile::NodeId node;  // the Rule/Param/Fact node, or the Table/Collect/Limit/Ladder node
    uint32_t index = 0;    // row, entry or step number; ladder: the level
    uint32_t extra = 0;    // ladder: the episode
};

class Evaluator {
public:
    explicit Evaluator(const check::Model& model) : m_(model) {}

    // Starts evaluating `case_data` with `program`: previous results are forgotten.
    void begin(const compile::Program& program, const CaseData& case_data, bool trace);
    // Computes a node (and what it needs) and returns its slot.
    const Slot& force(compile::NodeId n);

    const std::vector<EvalError>& errors() const { return errors_; }
    const std::vector<TraceEntry>& trace() const { return trace_; }
    const compile::Program& program() const { return *p_; }
    const CaseData& case_data() const { return *c_; }
    bool computed(compile::NodeId n) const { return slots_[n].epoch == epoch_; }
    const Slot& slot(compile::NodeId n) const { return slots_[n]; }
    // Node n's value for this case as another engine computed it (the compiled code, whose values
    // are the evaluator's), so that what needs n takes it instead of computing it again. A value or
    // absent only (an unresolved or failed node carries what only this evaluator records), and not
    // while tracing (an explanation shows how n was computed).
    void seed(compile::NodeId n, const Value& v, State s) {
        Slot& x = slots_[n];
        x.v = v;
        x.s = s;
        x.error = 0;
        x.epoch = epoch_;
    }
    // The missing facts that the value of `n` waited on (meaningful once n is Missing, or failed for
    // a parameter without a value: then the facts missing beside that parameter).
    void missing_facts(compile::NodeId n, std::vector<uint32_t>* facts) const;
    // A parameter without a value on the case's day: carried as an error so that it stops the
    // computation, but the decision is unresolved, like one waiting on a missing fact.
    bool undefined_parameter(const Slot& s) const {
        return s.s == State::Error && errors_[s.error].fault == Fault::UndefinedParameter;
    }

private:
    template <bool Trace>
    const Slot& force_impl(compile::NodeId n);
    template <bool Trace>
    const Slot& fill_slot(compile::NodeId n, Slot& s);
    template <bool Trace>
    void compute(compile::NodeId id, Slot& out);
    template <bool Trace>
    void aggregate(const compile::Node& n, Slot& out);
    template <bool Trace>
    void collect(const compile::Node& n, compile::NodeId id, Slot& out);
    template <bool Trace>
    void limit(const compile::Node& n, compile::NodeId id, Slot& out);
    template <bool Trace>
    void table(const compile::Node& n, compile::NodeId id, Slot& out);
    template <bool Trace>
    void ladder(const compile::Node& n, compile::NodeId id, Slot& out);

    void fail(Slot& out, compile::NodeId node, Fault f, std::string detail = {});
    // The operand that decides a strict construct's failure: the first error, else the first
    // missing value (LANGUAGE.md §7.1); `none_fails` when an absent value is a failure too.
    static void note_failure(const Slot& s, const Slot** failed, bool none_fails) {
        bool bad = s.s == State::Error || s.s == State::Missing || (none_fails && s.s == State::None);
        if (bad && (!*failed || (s.s == State::Error && (*failed)->s != State::Error))) *failed = &s;
    }
    static void propagate(Slot& out, const Slot& from) {
        out.s = from.s;
        out.error = from.error;
    }

    const check::Model& m_;
    const compile::Program* p_ = nullptr;
    const CaseData* c_ = nullptr;
    std::vector<Slot> slots_;
    uint32_t epoch_ = 0;
    bool trace_on_ = false;
    uint32_t depth_ = 0;
    uint64_t steps_ = 0;         // list elements gone through (compile::kMaxEvaluationSteps)
    uintptr_t stack_floor_ = 0;  // below this address force() stops (TooDeep)
    Arena arena_;
    std::vector<EvalError> errors_;
    std::vector<TraceEntry> trace_;
    std::vector<Value> operands_;  // scratch for strict operations
    LadderScratch ladder_;
    // missing_facts(): the nodes seen in this walk are those marked with walk_; kept from call
    // to call so that a result with many unresolved decisions allocates and clears nothing
    mutable std::vector<uint32_t> walk_marks_;
    mutable uint32_t walk_ = 0;
    mutable std::vector<compile::NodeId> walk_todo_;
};

}  // namespace tenet::eval
