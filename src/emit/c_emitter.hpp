// The C emitter: evaluation graphs -> one portable C file (docs/COMPILED.md).
//
// Exports: PeriodProgram, NotCompiled, CSource, emit_c, c_int64, c_runtime_text. Each program (one
// period of parameter values) becomes straight-line C per decision: every node the decision needs is
// computed once, in the graph's topological order, into a slot (value, state, fault) exactly as
// the columnar evaluator computes it eagerly (failures are values, so eager evaluation gives the
// on-demand results); aggregates become loops over their list. A decision that uses a construct
// the emitter cannot compile is listed in CSource::not_compiled with the reason, and its C
// function answers "evaluate with the interpreter".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "compile/graph.hpp"

namespace tenet::emit {

struct PeriodProgram {
    util::Days from, to;              // the days the program's parameter values hold
    const compile::Program* program;  // holds the Rule node of every decision emitted
};

struct NotCompiled {
    uint32_t rule;       // model rule index of the decision
    std::string reason;  // "the sanction ladder `x` is not compiled"
};

struct CSource {
    std::string text;
    std::vector<NotCompiled> not_compiled;
};

struct EmitOptions {
    // A period's program whose C is larger than this many bytes is written as functions of about
    // 16 KB each (sharing a frame of slots) and one that calls them in turn, so that an optimising
    // compiler's time grows with the size of the file, not faster; 0: every program in pieces.
    size_t pieces_above = 256 * 1024;
};

// The C file for `decisions` (model rule indices, in output order) over `periods` (sorted, not
// overlapping). `source_name` is quoted in the file's header comment.
CSource emit_c(const check::Model& m, const std::vector<uint32_t>& decisions, const std::vector<PeriodProgram>& periods,
               const std::string& source_name, const EmitOptions& options = {});

// An int64 as a C literal (the emitters' constants).
std::string c_int64(int64_t v);

// The runtime the file starts with (c_runtime.cpp): the types a host sees, then the functions.
const char* c_types_text();
const char* c_runtime_text();

}  // namespace tenet::emit
