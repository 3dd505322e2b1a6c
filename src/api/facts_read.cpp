// Ruleset::facts_read: the facts some decisions can read, from the programs built for them in
// every period of parameter values (a parameter's value can decide which branch reads a fact).
#include <algorithm>

#include "api/ruleset_impl.hpp"
#include "util/stack.hpp"

namespace tenet {

std::vector<std::string> Ruleset::facts_read(const std::vector<int>& decisions) const {
    const Impl& rs = *impl_;
    const check::Model& m = *rs.model;
    std::vector<uint32_t> rules;
    if (decisions.empty()) {
        rules = rs.decision_rules;
    } else {
        for (int d : decisions) rules.push_back(rs.decision_rules.at(static_cast<size_t>(d)));
    }
    std::vector<bool> read(m.facts.size(), false);
    // the builder recurses along rule chains, as Impl::program does
    util::run_with_large_stack([&] {
        for (util::Days day : rs.breaks) {
            std::string error;
            auto p = compile::build_program(m, day, rules, &error);
            if (!p) {   // cannot happen for a ruleset that compiled; claim every fact rather than too few
                read.assign(read.size(), true);
                continue;
            }
            for (const compile::Node& n : p->nodes) {
                if (n.op == compile::Op::Fact) read[n.aux] = true;
            }
        }
    });
    std::vector<std::string> out;
    for (size_t f = 0; f < m.facts.size(); ++f) {
        if (read[f]) out.push_back(m.facts[f].path);
    }
    return out;
}

}  // namespace tenet
