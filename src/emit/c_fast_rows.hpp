// The dense batch's fast path: a program's rows where nothing fails, as C a compiler vectorises.
//
// Exports: FastRows, fast_rows. The row loops of c_emitter.cpp compute each row through slots
// (value, state, fault) and branch on states; that is what a row needs where something can be
// missing or fail. In the dense batch every fact is given, so a row fails only where a node
// faults (an overflow, no table row). The fast path computes a block of such rows with every
// value an int64 (numbers as integers at a scale fixed when the C is written), every branch a
// select, and a flag per node that says its value may not be the interpreter's (it faulted, or
// it stands for a case the fast path does not write). A row whose decisions' flags are all clear
// is stored as it is; the others go through the slot program as before, so no result changes.
// A program with a node it does not write gets no fast path.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "compile/graph.hpp"

namespace tenet::emit {

// The names it uses are rows_function's (c_emitter.cpp): c<f> a fact's widened block, b<f> a
// bool fact's bytes, den<f> a number fact's denominator, os<d>/ov<d>/od<d> the output columns,
// blk0/blk1 the block, `flagged` the count of rows flagged. All empty when the program has no
// fast path.
//
// The decisions are computed in parts that share no node and no fact (the stylised decision has
// three: the sanction, the hours, the diversion), each by a function of its own in a pass over the
// whole run of rows: a pass moves the same bytes as one loop over every column would, but through
// fewer memory streams at once, which the hardware's prefetchers follow (the stylised batch: 13 ns
// a row in one loop, 9 in three passes, 1,000,000 rows). A part with decimal or percent decisions
// has a second function, `_scaled`, for a batch that asks for them as integers at a scale
// (tenet_output's scaled) rather than as fractions.
struct FastPass {
    std::vector<uint32_t> widened;  // the facts whose blocks it reads widened (c<f>)
    std::string call;               // in a block, after the widening: adds to `flagged`, sets fallback[]
};
struct FastRows {
    std::string function;          // the C functions computing a block of each part
    std::string prologue;          // before the passes: whether the batch can take it (`fast`), its multipliers
    std::vector<FastPass> passes;  // one per part, in order: the first sets fallback[] (1: the row goes
                                   // the slow way), the others add their rows to it
};

// The fast path of `roots` (decisions `outputs`, of types `types`) in `p`, named `name`.
FastRows fast_rows(const check::Model& m, const compile::Program& p, const std::vector<compile::NodeId>& roots,
                   const std::vector<size_t>& outputs, const std::vector<check::TypeId>& types,
                   const std::string& name);

}  // namespace tenet::emit
