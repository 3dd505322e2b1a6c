// Differential testing: the graph evaluators against the reference interpreter.
//
// Exports: Mismatch, Comparer (one ruleset: a case through the on-demand Evaluator, the columnar
// BatchEvaluator and the ReferenceInterpreter, every rule compared), compare_ruleset_tests (the
// ruleset's own in-language tests as cases). Every rule is compared, not only the decisions:
// value, absent, unresolved with the missing facts, or the kind of error. The batch evaluator
// reports no missing facts, so for it the state, value and error kind are compared.
// A Comparer belongs to one thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api/ruleset_impl.hpp"
#include "eval/batch.hpp"
#include "eval/reference.hpp"

namespace tenet::differential {

struct Mismatch {
    std::string where;  // the case: a test's name, or the index of a generated case
    std::string rule;
    std::string engine;     // "scalar" or "batch"
    std::string graph;      // what the engine computed
    std::string reference;  // what the reference computed
};
std::string describe(const Mismatch& m);

// The value of a graph slot in the reference's representation (Ok or None only).
eval::RefValue from_graph(const check::Model& m, check::TypeId type, const eval::Value& v, eval::State s);
eval::RefFacts facts_of(const check::Model& m, const eval::CaseData& data);
std::string show(const check::Model& m, check::TypeId type, const eval::RefOutcome& o);

class Comparer {
public:
    explicit Comparer(std::shared_ptr<const Ruleset> ruleset);

    // One case through the scalar evaluator and the reference. Returns the rules compared.
    size_t compare(const eval::CaseData& data, const std::string& where, std::vector<Mismatch>* out);
    // Cases through the columnar evaluator (where the period's plan is supported) and the
    // reference. Returns the rule values compared (0 when no plan is supported).
    size_t compare_batch(const std::vector<const eval::CaseData*>& cases, std::vector<Mismatch>* out);

    // Every rule's value from both engines, one line each: for reading a mismatch.
    std::string dump(const eval::CaseData& data);

    const check::Model& model() const { return m_; }

private:
    const compile::Program* program(util::Days as_of);
    eval::RefOutcome graph_outcome(const eval::Evaluator& ev, compile::NodeId node, const eval::Slot& s) const;

    std::shared_ptr<const Ruleset> ruleset_;
    const check::Model& m_;
    std::vector<uint32_t> rules_;  // every rule the program builds
    std::map<size_t, std::unique_ptr<compile::Program>> programs_;
    struct Batched {
        std::vector<uint32_t> rules;
        std::vector<compile::NodeId> roots;
        std::unique_ptr<eval::BatchPlan> plan;
    };
    std::map<size_t, Batched> batched_;  // per period
    eval::Evaluator evaluator_;
    eval::BatchEvaluator batch_;
    eval::ReferenceInterpreter reference_;
};

// Each of the ruleset's own tests (with an as_of) as a case, as `tenet test` builds it.
void for_each_test_case(const Ruleset& ruleset,
                        const std::function<void(const std::string& name, const eval::CaseData&)>& f);

// Runs each of the ruleset's own tests as a case (as `tenet test` builds it) through both
// evaluators. Returns the number of tests compared.
size_t compare_ruleset_tests(std::shared_ptr<const Ruleset> ruleset, std::vector<Mismatch>* out);

}  // namespace tenet::differential
