// What a compiled Ruleset, a Case and a Session hold. Private to src/api.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "check/model.hpp"
#include "compile/builder.hpp"
#include "eval/case_json.hpp"
#include "eval/evaluator.hpp"
#include "tenet/tenet.hpp"

namespace tenet {

struct Ruleset::Impl {
    std::shared_ptr<const check::Model> model;
    std::unique_ptr<eval::CaseDecoder> decoder;
    std::vector<util::Days> breaks;        // first day of each period of parameter values
    std::vector<uint32_t> decision_rules;  // model rule index of each decision
    std::vector<DecisionInfo> decisions;
    std::vector<FactInfo> facts;
    std::vector<ParameterInfo> parameters;
    std::vector<EnumInfo> enums;
    // What every JSON result spells, escaped once: `"name":` per decision, `"path"` per fact
    // (the reasons of an unresolved decision).
    std::vector<std::string> decision_keys;
    std::vector<std::string> fact_strings;

    // The program with every decision, per period, built on first use.
    mutable std::vector<std::unique_ptr<compile::Program>> programs;
    mutable std::unique_ptr<std::once_flag[]> built;

    size_t period_of(util::Days day) const;
    const compile::Program& program(size_t period) const;
    // Per fact: whether one of the decisions (indices; empty: all) can read it on some day.
    std::vector<char> facts_read(const std::vector<int>& decision_indices) const;
};

// Fills the decisions, facts, parameters and enums of `impl` from the model (ruleset_info.cpp).
void describe_ruleset(const check::Model& m, Ruleset::Impl* impl);

struct Case::Impl {
    eval::CaseData data;
};

}  // namespace tenet
