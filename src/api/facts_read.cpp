// Ruleset::facts_read: the facts some decisions can read, from the programs of every period of
// parameter values (a parameter's value can decide which branch reads a fact).

#include "api/ruleset_impl.hpp"

namespace tenet {

std::vector<char> Ruleset::Impl::facts_read(const std::vector<int>& decision_indices) const {
    const check::Model& m = *model;
    std::vector<char> read(m.facts.size(), 0);
    for (size_t period = 0; period < breaks.size(); ++period) {
        // every operand, lazy ones included, from the decisions' rule nodes in the period's
        // program (built once and shared with evaluation)
        const compile::Program& p = program(period);
        std::vector<char> seen(p.nodes.size(), 0);
        std::vector<compile::NodeId> todo;
        auto add = [&](compile::NodeId x) {
            if (x != compile::kNoNode && !seen[x]) seen[x] = 1, todo.push_back(x);
        };
        if (decision_indices.empty()) {
            for (uint32_t rule : decision_rules) add(p.rule_nodes[rule]);
        } else {
            for (int d : decision_indices) add(p.rule_nodes[decision_rules.at(static_cast<size_t>(d))]);
        }
        while (!todo.empty()) {
            compile::NodeId x = todo.back();
            todo.pop_back();
            if (p.nodes[x].op == compile::Op::Fact) read[p.nodes[x].aux] = 1;
            p.for_each_operand(x, add);
        }
    }
    return read;
}

std::vector<std::string> Ruleset::facts_read(const std::vector<int>& decisions) const {
    std::vector<char> read = impl_->facts_read(decisions);
    std::vector<std::string> out;
    for (size_t f = 0; f < read.size(); ++f) {
        if (read[f]) out.push_back(impl_->model->facts[f].path);
    }
    return out;
}

}  // namespace tenet
