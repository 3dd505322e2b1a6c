// The compiler: checked model -> evaluation graph (Program) for one period of parameter values.
//
// Exports: build_program, ConstantBuilder. The builder expands functions at
// their call sites, shares identical sub-expressions (hash-consing), folds parameters and every
// operation on constants, and builds only what the requested rules need.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "compile/graph.hpp"
#include "compile/ops.hpp"

namespace tenet::compile {

// Builds the program for the parameter values in force on `day`, holding the Rule nodes of
// `rules` (model rule indices) and everything they need. On failure (a limit) returns null and
// sets *error, and *error_rule (when given) to the rule the error is about (check::kNone: none).
std::unique_ptr<Program> build_program(const check::Model& m, util::Days day, const std::vector<uint32_t>& rules,
                                       std::string* error, uint32_t* error_rule = nullptr);

// Evaluates constant expressions (test values, expected values) to values held by the program
// it builds into.
class ConstantBuilder {
public:
    ConstantBuilder(const check::Model& m, util::Days day);
    ~ConstantBuilder();
    // The value of a constant expression converted to `type`; false if it does not fold, and
    // then *fault (when given) says why when an operation failed (overflow, division by zero).
    bool evaluate(const syntax::Expr* e, check::TypeId type, eval::Cell* out, eval::Fault* fault = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::compile
