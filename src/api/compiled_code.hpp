// What CompiledCode holds, and one session's use of it: its context and the answers of the last
// case. Private to src/api.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "emit/native_code.hpp"
#include "eval/evaluator.hpp"
#include "tenet/tenet.hpp"

namespace tenet {

struct CompiledCode::Impl {
    std::shared_ptr<const Ruleset> ruleset;
    emit::NativeCode native;
    std::vector<std::pair<std::string, std::string>> not_compiled;
};

// The compiled code's answers for one case, with a context of its own (one per session).
class CompiledRun {
public:
    explicit CompiledRun(std::shared_ptr<const CompiledCode> code);
    ~CompiledRun();
    CompiledRun(const CompiledRun&) = delete;
    CompiledRun& operator=(const CompiledRun&) = delete;

    // Computes every decision of the case (tenet_decide_all).
    void run(const eval::CaseData& data);
    // Row i of facts already converted, a column per fact (values[f][i], states[f][i]), written by
    // the code into row i of the typed columns `out` (one per decision of the ruleset; states null:
    // not written). 0, with each decision's state, fault and (for a list or record) value read by
    // state(), fault() and value() until the next run; 1: the interpreter evaluates the row.
    // answered() and left_to_interpreter() still speak of the last run().
    int run_row(const eval::Value* const* values, const eval::State* const* states, size_t i, emit::COutput* out) {
        if (!ctx_) return 1;
        return code_->impl().native.row_values(ctx_, values, states, i, out, results_.data());
    }
    // Whether the code computes decision d at all: those it does not are the interpreter's.
    bool computes(size_t d) const { return code_->impl().native.computes(d); }
    // Whether the code's answer for decision d stands: a value or absent. Otherwise the
    // interpreter evaluates d: the code left it to the interpreter, or it is unresolved or
    // failed, whose reasons and message only the interpreter words.
    bool answered(size_t d) const {
        return !fallback_[d] && (results_[d].s == eval::State::Ok || results_[d].s == eval::State::None);
    }
    // Whether the code left decision d to the interpreter (not compiled, or not for this case).
    bool left_to_interpreter(size_t d) const { return fallback_[d] != 0; }
    // The answer of an answered decision (State::Ok or State::None), valid until the next run().
    const eval::Value& value(size_t d) const { return results_[d].v; }
    eval::State state(size_t d) const { return results_[d].s; }
    // Why a decision in State::Error failed.
    eval::Fault fault(size_t d) const { return static_cast<eval::Fault>(results_[d].fault); }
    // False when the context could not be made (out of memory): the interpreter answers all.
    bool usable() const { return ctx_ != nullptr; }

private:
    std::shared_ptr<const CompiledCode> code_;
    void* ctx_ = nullptr;
    std::vector<emit::CompiledResult> results_;
    std::vector<uint8_t> fallback_;
};

}  // namespace tenet
