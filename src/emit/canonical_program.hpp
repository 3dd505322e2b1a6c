// One period's program in a form that is the same for every period of the same structure, so
// that the C emitter can give those periods one function (docs/COMPILED.md, "Periods").
//
// Exports: CanonicalProgram, canonical_program. The builder shares a constant between its users
// when their values are equal, folds parameters into constants and numbers nodes in the order it
// made them, so two periods whose parameters differ in value only still get different node ids
// (a constant shared in one period is two in the next). The canonical form keeps only the nodes
// the roots need, gives every use of a constant (and of a parameter's value, or of a parameter
// without a value on those days) a copy of its own placed just before its user, and numbers the
// nodes in that order. Two periods whose programs compute the same way then have the same
// canonical program except for the constants' values and the original node ids.
#pragma once

#include <memory>
#include <vector>

#include "compile/graph.hpp"

namespace tenet::emit {

struct CanonicalProgram {
    compile::Program program;               // constants point into the original program's arena
    std::vector<compile::NodeId> original;  // per canonical node: the node of the original program
};

// The canonical form of `p` for `roots` (nodes of p; kNoNode entries are skipped). Its rule_nodes
// name the canonical Rule nodes of the rules the roots need.
std::unique_ptr<CanonicalProgram> canonical_program(const compile::Program& p,
                                                    const std::vector<compile::NodeId>& roots);

}  // namespace tenet::emit
