// Evaluation graphs as C: one slot per node, computed in topological order, loops for aggregates.
#include "emit/c_emitter.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

#include "compile/ops.hpp"
#include "emit/c_fast_rows.hpp"
#include "emit/canonical_program.hpp"
#include "syntax/operators.hpp"
#include "value/fault.hpp"

namespace tenet::emit {

using check::Builtin;
using check::TypeId;
using check::TypeKind;
using compile::AggregateInfo;
using compile::kNoNode;
using compile::Node;
using compile::NodeId;
using compile::Op;
using compile::Program;
using eval::Cell;
using eval::State;
using eval::Value;
using eval::ValueKind;

namespace {

constexpr TypeId kUnknown = 0xffffffffu;

// A construct the emitter does not compile: the decision that needs it is left to the interpreter.
struct Unsupported : std::runtime_error {
    using std::runtime_error::runtime_error;
};

const char* state_name(State s) {
    switch (s) {
        case State::Ok: return "TN_OK";
        case State::None: return "TN_NONE";
        case State::Missing: return "TN_MISSING";
        case State::Error: return "TN_ERROR";
    }
    return "TN_OK";
}

// C identifiers from decision names (letters, digits, underscores already; keep it safe anyway).
std::string identifier(const std::string& name) {
    std::string s;
    for (char c : name) s += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    return s;
}

std::string c_string(const std::string& text) {
    std::string s = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') s += '\\';
        if (c == '\n') {
            s += "\\n";
            continue;
        }
        s += c;
    }
    return s + "\"";
}

// The C condition that a three-way comparison result `c` satisfies `op`.
std::string holds(syntax::Op op, const std::string& c) {
    std::vector<std::string> terms;
    if (syntax::comparison_holds(op, -1)) terms.push_back(c + " < 0");
    if (syntax::comparison_holds(op, 0)) terms.push_back(c + " == 0");
    if (syntax::comparison_holds(op, 1)) terms.push_back(c + " > 0");
    if (terms.empty()) return "0";
    if (terms.size() == 3) return "1";
    std::string s = "(";
    for (size_t i = 0; i < terms.size(); ++i) s += (i ? " || " : "") + terms[i];
    return s + ")";
}

// The file-scope constant cells of the programs of one file, each array once: periods whose
// constant lists are equal use the same array (and the same text, so they can share a function).
struct Statics {
    std::string text;
    std::map<std::string, std::string> names;  // initialiser -> array name
};

// What may differ between the periods of one structure (canonical_program.hpp), written into a
// function's text as a token ("\x01" index "\x02") that emit_c replaces: a constant's value or
// state, or the node a failure names. Where every period of a group has the same `inline_text`
// it is written as it is; else the group's function reads it from the period's table, K (slots,
// `init` a tn_slot initialiser) or N (node ids, `init` the number): `table_text` with the column
// in place of "\x03".
struct Site {
    std::string inline_text, table_text, init;
    bool node;
};

// One program as C functions; the file-scope statics (constant cells, equality functions) go to
// `statics`, shared by the programs of one file. `original` (when given) maps the program's nodes
// to those a failure names (canonical_program.hpp).
class ProgramEmitter {
public:
    ProgramEmitter(const check::Model& m, const Program& p, Statics* statics, std::set<TypeId>* eq_types,
                   const std::vector<NodeId>* original = nullptr)
        : m_(m), p_(p), statics_(statics), eq_types_(eq_types), original_(original) {
        infer_types();
        find_loops();
    }

    // A program whose body is larger than this is written in pieces (pieces()).
    void set_pieces_above(size_t bytes) { pieces_above_ = bytes; }

    // The sites of the last function(), in the order of their tokens.
    const std::vector<Site>& sites() const { return sites_; }

    // The body of a function computing `roots` into out[0..]; throws Unsupported.
    // `outputs` (when given) says which out[] entry each root goes to.
    std::string function(const std::string& name, const std::vector<NodeId>& roots,
                         const std::vector<size_t>& outputs = {}) {
        sites_.clear();
        compute(roots);
        // the slots' names are known only now, once the size says whether the program is in pieces
        const bool in_pieces = body_.size() > pieces_above_;
        uses_ctx_ = body_.find("ctx") != std::string::npos;
        // `normalise` 0: the batch, which writes money as cents without a gcd (tn_cents); K and N:
        // the period's values of the sites (Site)
        const std::string params =
            "(tenet_ctx* ctx, const tn_value* fv, const uint8_t* fs, tn_slot* out, int normalise, "
            "const tn_slot* K, const uint32_t* N) {\n";
        const std::string unused = "    (void)ctx; (void)fv; (void)fs; (void)normalise; (void)K; (void)N;\n";
        std::string s;
        if (!in_pieces) {
            s = "static TN_INLINE int " + name + params;
            for (const auto& [slot_name, zero] : slots_)
                s += "    tn_slot " + slot_name + " = {{" + zero + "}, 0, 0, 0}; (void)" + slot_name + ";\n";
            s += unused + body_;
        } else {
            s = pieces(name, params, unused);
        }
        // a value not in cents that had to be (TN_F_CENTS): the interpreter answers the case (the fault
        // alone, as in output_store)
        for (NodeId r : roots) s += "    if (normalise && " + slot(r) + ".fault == TN_F_CENTS) return 1;\n";
        for (size_t i = 0; i < roots.size(); ++i) {
            std::string target = "out[" + std::to_string(outputs.empty() ? i : outputs[i]) + "]";
            std::string m = member(roots[i]), x = slot(roots[i]);
            s += "    " + target + ".v = (tn_value){ " + m + " = " + x + ".v" + m + " }; TN_PASS(" + target + ", " + x +
                 ");\n";
            // cents leave as a normalised fraction, except to the batch, which writes them as they are
            if (cents(roots[i]))
                s += "    if (normalise && " + target + ".s == TN_OK) " + target + ".v.r = tn_cents_norm(" + x +
                     ".v.i);\n";
            else if (is_number(roots[i]) && !normal(roots[i]))
                s += "    if (normalise && " + target + ".s == TN_OK) " + target + ".v.r = tn_rat_norm(" + target +
                     ".v.r);\n";
        }
        s += "    return 0;\n}\n\n";
        const std::string frame = in_pieces ? "F->" : "";
        name_slots(&s, frame);
        for (Site& site : sites_) {
            name_slots(&site.inline_text, frame);
            name_slots(&site.table_text, frame);
        }
        return s;
    }

    // The same computation over rows [from, to) of typed columns, its results written straight into
    // typed output columns (tenet_output: the layout of tenet/columns.hpp's OutputColumn, as
    // src/api/columns.cpp writes it). `types` are the decisions' types; returns how many rows the
    // interpreter must evaluate (fallback[i] = 1). Each row calls `program` (the function() just
    // emitted for these roots), which an optimising compiler inlines (TN_INLINE), so that every
    // slot of a row stays in registers, while the file holds the program once.
    // With `general` (the name of this function without it), the variant for batches where every
    // column read is given and has no `present` array, which is the usual batch: its facts are
    // known present, so the C compiler drops the checks of their states; other batches go to
    // `general`.
    // With `strict` too (the strict program of strict_program()), the dense loop runs it first and
    // the row's results are stored from it where it finishes; a row where it stops goes to `program`.
    // With `fast` (c_fast_rows.hpp), the dense loop computes each block by it first, and only the
    // rows it flags go row by row.
    std::string rows_function(const std::string& name, const std::string& program, const std::vector<NodeId>& roots,
                              const std::vector<size_t>& outputs, const std::vector<TypeId>& types,
                              const std::string& general = "", const std::string& strict = "",
                              const FastRows* fast = nullptr) {
        dense_ = !general.empty();
        std::string s = "static size_t " + name +
                        "(tenet_ctx* ctx, const tenet_column* cols, size_t from, size_t to, tenet_output* out, "
                        "uint8_t* fallback, const tn_slot* K, const uint32_t* N) {\n    size_t i, left = 0;\n";
        // the columns read, hoisted: the output stores (bytes) may alias anything
        for (uint32_t f : facts_read_) {
            std::string k = std::to_string(f);
            s += "    const void* v" + k + " = cols[" + k + "].values; int32_t w" + k + " = cols[" + k +
                 "].width; const uint8_t* b" + k + " = cols[" + k + "].bools; const uint8_t* p" + k + " = cols[" + k +
                 "].present; int32_t sc" + k + " = cols[" + k + "].scale; tn_i128 den" + k + " = 1;\n";
            s += "    (void)v" + k + "; (void)w" + k + "; (void)b" + k + "; (void)p" + k + "; (void)sc" + k +
                 "; (void)den" + k + ";\n";
            TypeId t = m_.types.strip_optional(m_.facts[f].type);
            TypeKind kind = m_.types.kind(t);
            // a width that is not 1, 2, 4 or 8 (0 is 8): no row is computed
            s += "    if (v" + k + " && !tn_width_ok(w" + k +
                 ")) { for (i = from; i < to; ++i) fallback[i] = 1; return to - from; }\n";
            if (kind == TypeKind::Decimal || kind == TypeKind::Money || kind == TypeKind::Percent) {
                // percent columns are in points, as in JSON (25 is 25%); a bad scale: no row is computed
                s += "    if (v" + k + ") { if (cols[" + k + "].scale < 0 || cols[" + k +
                     "].scale > 18) { for (i = from; i < to; ++i) fallback[i] = 1; return to - from; } den" + k +
                     " = (tn_i128)tn_pow10(cols[" + k + "].scale)" + (kind == TypeKind::Percent ? " * 100" : "") +
                     "; }\n";
            }
            if (dense_ && kind != TypeKind::List && kind != TypeKind::Record) {
                // ... and a money column the dense loop reads as cents has scale 2
                bool fraction = !cents_fact(f) && (kind == TypeKind::Decimal || kind == TypeKind::Percent);
                s += "    if (!" + std::string(kind == TypeKind::Bool ? "b" : "v") + k + " || p" + k +
                     (cents_fact(f) ? " || sc" + k + " != 2" : "") + (fraction ? " || den" + k + " > INT64_MAX" : "") +
                     ") return " + general + "(ctx, cols, from, to, out, fallback, K, N);\n";
            }
        }
        s += output_columns(roots, outputs, types);
        const bool fast_path = dense_ && fast && !fast->function.empty();
        if (fast_path) s += fast->prologue;
        std::vector<uint32_t> widened;  // the dense loop's columns of integers
        if (dense_) {
            for (uint32_t f : facts_read_) {
                TypeKind kind = m_.types.kind(m_.types.strip_optional(m_.facts[f].type));
                if (kind != TypeKind::Bool && kind != TypeKind::List && kind != TypeKind::Record) widened.push_back(f);
            }
        }
        // (runtime, TN_WIDE_BLOCK: few columns, longer blocks)
        const std::string block = widened.size() <= 32 ? "TN_WIDE_BLOCK" : "TN_BLOCK";
        for (uint32_t f : widened) s += "    int64_t buf" + std::to_string(f) + "[" + block + "];\n";
        if (!strict.empty()) {
            s += "#if defined(__OPTIMIZE__)\n    const int every_output = 1";
            for (size_t r = 0; r < roots.size(); ++r) s += " && os" + std::to_string(outputs[r]);
            s += ";\n#endif\n";
        }
        s += "    (void)ctx;\n";
        std::string rows = "    for (i = from; i < to; ++i) {\n";
        auto widen = [&](const std::vector<uint32_t>& facts, const std::string& indent) {
            std::string w;
            for (uint32_t f : facts) {
                std::string k = std::to_string(f);
                w += indent + "const int64_t* c" + k + " = tn_widen(v" + k + ", w" + k + ", blk0, blk1 - blk0, buf" +
                     k + ");\n";
            }
            return w;
        };
        if (dense_) {
            s += "    size_t blk0, blk1;\n";
            if (fast_path) {
                // the fast path's passes over the whole run; the rows they flag go the slow way below
                s += "    if (fast) {\n      size_t flagged = 0;\n";
                for (const FastPass& pass : fast->passes) {
                    s += "      for (blk0 = from; blk0 < to; blk0 = blk1) {\n";
                    s += "       blk1 = to - blk0 < " + block + " ? to : blk0 + " + block + ";\n";
                    s += widen(pass.widened, "       ") + pass.call + "      }\n";
                }
                s += "      if (flagged == 0) return 0;\n    }\n";
            }
            s += "    for (blk0 = from; blk0 < to; blk0 = blk1) {\n";
            s += "     blk1 = to - blk0 < " + block + " ? to : blk0 + " + block + ";\n";
            if (fast_path) s += "     if (fast && !tn_any(fallback + blk0, blk1 - blk0)) continue;\n";
            s += widen(widened, "     ");
            rows = "     for (i = blk0; i < blk1; ++i) {\n";
        }
        s += rows;
        if (fast_path) s += "      if (fast && !fallback[i]) continue;\n";
        s += "      tn_value fv[TENET_FACTS]; uint8_t fs[TENET_FACTS]; tenet_result res[TENET_DECISIONS + 1];\n";
        for (uint32_t f : facts_read_) s += "      " + column_fact(f) + "\n";
        // the cells of lists and records built for a row live until the next row
        std::string stores;
        for (size_t r = 0; r < roots.size(); ++r) stores += output_store(roots[r], outputs[r], types[r]);
        if (!strict.empty()) {
            // the same stores follow it, where the C compiler knows every state is Ok
            s += "#if defined(__OPTIMIZE__)\n      { int strict;\n";
            if (uses_ctx_) s += "      tn_reset(ctx);\n";
            s += "      strict = " + strict + "(ctx, fv, fs, res, 0, K, N);\n";
            if (uses_ctx_) s += "        if (strict == 0 && ctx->out_of_memory) strict = 1;\n";
            // ... written without testing each column where the batch asked for every decision
            std::string given;
            for (size_t r = 0; r < roots.size(); ++r) given += output_store(roots[r], outputs[r], types[r], true);
            s += "        if (strict == 1) goto tn_row_fallback;\n        if (strict == 0) {\n      if (every_output) "
                 "{\n" +
                 given + "      } else {\n" + stores +
                 "      }\n      fallback[i] = 0;\n      continue;\n        } }\n#endif\n";
        }
        if (uses_ctx_) s += "      tn_reset(ctx);\n";
        s += "      if (" + program + "(ctx, fv, fs, res, 0, K, N)" + (uses_ctx_ ? " || ctx->out_of_memory" : "") +
             ") goto tn_row_fallback;\n";
        s += stores;
        s += "      fallback[i] = 0;\n      continue;\n";
        s += "    tn_row_fallback:\n      fallback[i] = 1;\n      ++left;\n";
        s += dense_ ? "     }\n    }\n    return left;\n}\n\n" : "    }\n    return left;\n}\n\n";
        return s;
    }

    // One row of a caller's converted facts (fv, fs: a batch's, money in whole cents), computed by
    // `program` (the function() just emitted) and written into row i of the typed output columns as
    // rows_function() writes a row; the results stay in res, where the caller reads those without a
    // typed column (lists, records). 1: the interpreter answers the row. For tenet_row_values.
    std::string values_function(const std::string& name, const std::string& program, const std::vector<NodeId>& roots,
                                const std::vector<size_t>& outputs, const std::vector<TypeId>& types) {
        std::string s = "static int " + name +
                        "(tenet_ctx* ctx, const tn_value* fv, const uint8_t* fs, size_t i, tenet_output* out, "
                        "tenet_result* res, const tn_slot* K, const uint32_t* N) {\n";
        s += output_columns(roots, outputs, types);
        s += "    (void)ctx; (void)i; (void)out;\n";
        if (uses_ctx_) s += "    tn_reset(ctx);\n";
        s += "    if (" + program + "(ctx, fv, fs, res, 0, K, N)" + (uses_ctx_ ? " || ctx->out_of_memory" : "") +
             ") return 1;\n";
        for (size_t r = 0; r < roots.size(); ++r) s += output_store(roots[r], outputs[r], types[r]);
        s += "    return 0;\n";
        if (!roots.empty()) s += "  tn_row_fallback:\n    return 1;\n";
        return s + "}\n\n";
    }

private:
    // The output columns' arrays (os, ov, od and the decision's index) that output_store() writes.
    std::string output_columns(const std::vector<NodeId>& roots, const std::vector<size_t>& outputs,
                               const std::vector<TypeId>& types) const {
        std::string s;
        for (size_t r = 0; r < roots.size(); ++r) {
            std::string d = std::to_string(outputs[r]);
            s += "    uint8_t* os" + d + " = out[" + d + "].states;";
            switch (output_kind(types[r])) {
                case TypeKind::Bool: s += " uint8_t* ov" + d + " = out[" + d + "].bools;\n"; break;
                case TypeKind::Int:
                case TypeKind::Money: s += " int64_t* ov" + d + " = out[" + d + "].int64s;\n"; break;
                case TypeKind::Date:
                case TypeKind::Enum: s += " int32_t* ov" + d + " = out[" + d + "].int32s;\n"; break;
                case TypeKind::Decimal:
                    s += " int64_t* ov" + d + " = out[" + d + "].numerators; int64_t* od" + d + " = out[" + d +
                         "].denominators; int64_t* sv" + d + " = out[" + d + "].scaled; int32_t ss" + d + " = out[" +
                         d + "].scale;\n";
                    break;
                default: s += "\n"; break;
            }
        }
        return s;
    }

    bool is_percent(TypeId t) const { return m_.types.kind(m_.types.strip_optional(t)) == TypeKind::Percent; }

    // How a decision of type t is written into a tenet_output: Decimal stands for every exact
    // fraction (decimal, percent); kinds without a column (lists, records) write the state only.
    TypeKind output_kind(TypeId t) const {
        TypeKind k = m_.types.kind(m_.types.strip_optional(t));
        if (k == TypeKind::Percent) return TypeKind::Decimal;
        return k;
    }

    // Row i of decision d's output column from slot x (FrameRun::write in src/api/columns.cpp): the
    // state as tenet::RowState, the value when it is Ok and zero otherwise.
    // `given`: the column is known to be given (no test of os).
    std::string output_store(NodeId root, size_t decision, TypeId type, bool given = false) {
        std::string d = std::to_string(decision), x = "res[" + d + "]", ok = x + ".s == TN_OK";
        std::string s;
        // a value that had to be cents and was not (TN_F_CENTS): the interpreter answers the row, unless the
        // decision is money and it is its own value whose cents do not fit, which the columns API writes as
        // an error (its exact value has more cents than an int64 holds)
        // (the fault alone: only a failure has one, and a test of the state byte with it is a 16-bit load of
        // two byte stores, which the CPU cannot forward)
        bool own = cents(root) && output_kind(type) == TypeKind::Money;
        s += "      if (" + x + ".fault == TN_F_CENTS" +
             (own ? " && " + x + ".node != " + node_id(value_node(root)) : "") + ") goto tn_row_fallback;\n";
        s += std::string("      ") + (given ? "" : "if (os" + d + ") ") + "{ os" + d + "[i] = tn_row_state(" + x +
             ".s, " + x + ".fault);";
        switch (output_kind(type)) {
            case TypeKind::Bool: s += " ov" + d + "[i] = " + ok + " ? " + x + ".v.b : 0;"; break;
            case TypeKind::Int: s += " ov" + d + "[i] = " + ok + " ? " + x + ".v.i : 0;"; break;
            case TypeKind::Date: s += " ov" + d + "[i] = " + ok + " ? " + x + ".v.d : 0;"; break;
            case TypeKind::Enum: s += " ov" + d + "[i] = " + ok + " ? (int32_t)" + x + ".v.e : 0;"; break;
            case TypeKind::Money:
                if (cents(root)) {
                    s += " ov" + d + "[i] = " + ok + " ? " + x + ".v.i : 0;";
                    break;
                }
                // whole cents; a money value that is not is an error, as the columns API says
                s += " { int64_t c = 0; if (" + ok + " && !tn_cents(" + x + ".v.r, &c)) os" + d +
                     "[i] = TN_ROW_ERROR; ov" + d + "[i] = c; }";
                break;
            case TypeKind::Decimal:
                s += " { tn_rat r = tn_rat_of(0, 1); if (" + ok + ") r = " +
                     (cents(root)    ? "tn_cents_norm(" + x + ".v.i)"
                      : normal(root) ? x + ".v.r"
                                     : "tn_rat_norm(" + x + ".v.r)") +
                     "; if (!sv" + d + ") { ov" + d + "[i] = r.num; od" + d +
                     "[i] = r.den; } else { int64_t q = 0; if (" + ok + " && !tn_scaled_out(r, ss" + d + ", " +
                     (is_percent(type) ? "1" : "0") + ", &q)) os" + d + "[i] = TN_ROW_INEXACT; sv" + d + "[i] = q; } }";
                break;
            default: break;
        }
        return s + " }\n";
    }

    // Works out which nodes `roots` need and emits them into body_, their slots into slots_.
    void compute(const std::vector<NodeId>& roots) {
        needed_.assign(p_.nodes.size(), false);
        std::vector<NodeId> todo(roots.begin(), roots.end());
        for (NodeId r : roots) needed_[r] = true;
        while (!todo.empty()) {
            NodeId x = todo.back();
            todo.pop_back();
            p_.for_each_operand(x, [&](NodeId y) {
                if (y != kNoNode && !needed_[y]) {
                    needed_[y] = true;
                    todo.push_back(y);
                }
            });
            if (p_.nodes[x].op == Op::Aggregate) {
                NodeId v = p_.aggregates[p_.nodes[x].aux].var;
                needed_[v] = true;
            }
        }
        body_.clear();
        ends_.clear();
        emitted_.assign(p_.nodes.size(), false);
        facts_read_.clear();
        normal_.clear();
        cents_.clear();
        slots_.clear();
        for (NodeId i = 0; i < p_.nodes.size(); ++i) {
            std::string own = "n" + std::to_string(i);
            if (needed_[i] && slot(i) == kSlot + own)
                slots_.emplace_back(own, cents(i) ? ".i = 0" : zero_member(p_.nodes[i].vk));
            if (needed_[i] && p_.nodes[i].op == Op::Fact) facts_read_.insert(p_.nodes[i].aux);
        }
        emit_scope(kNoNode, [&](NodeId) { return true; });
    }

    static constexpr size_t kPieceSize = 16 * 1024;  // about, of a program's pieces (pieces())

    // The program `name` as functions of at most about kPieceSize bytes each, its slots in a frame
    // they share, and a function that calls them in turn. An optimising C compiler's time grows
    // faster than the size of one function (register allocation, SSA over thousands of slots
    // live across thousands of branches: 29 s at -O1 for one of Weld's 1 MB programs, inlined
    // three times a period), so a large ruleset's C could only be built without optimising;
    // in pieces it grows with the file's size. The slots live in memory, where the unoptimised
    // build kept them too. The pieces are cut between the nodes of the outermost scope, so a
    // piece never jumps into another; `return 1` (the interpreter answers) passes up.
    std::string pieces(const std::string& name, const std::string& params, const std::string& unused) {
        const std::string frame = name + "_frame";
        std::string s = "typedef struct {";
        for (size_t k = 0; k < slots_.size(); ++k)
            s += (k % 16 ? ", " : k ? ";\n    tn_slot " : "\n    tn_slot ") + slots_[k].first;
        s += ";\n} " + frame + ";\n";
        const std::string piece_params = "(tenet_ctx* ctx, const tn_value* fv, const uint8_t* fs, " + frame +
                                         "* F, int normalise, const tn_slot* K, const uint32_t* N) {\n";
        std::string calls;
        size_t begin = 0, count = 0;
        for (size_t k = 0; k < ends_.size(); ++k) {
            size_t end = ends_[k];
            if (end - begin < kPieceSize && k + 1 < ends_.size()) continue;
            std::string piece = name + "_" + std::to_string(count++);
            s += "static TN_NOINLINE int " + piece + piece_params + unused;
            s.append(body_, begin, end - begin);
            s += "    return 0;\n}\n";
            calls += "    if (" + piece + "(ctx, fv, fs, F, normalise, K, N)) return 1;\n";
            begin = end;
        }
        s += "static int " + name + params;
        s += "    " + frame + "* F = (" + frame + "*)tn_frame(ctx, sizeof(" + frame + "));\n    if (!F) return 1;\n";
        s += unused + calls;
        return s;
    }

    // ---- types of the nodes (for constant lists and records, and equality) ----
    void infer_types() {
        types_.assign(p_.nodes.size(), kUnknown);
        auto set = [&](NodeId n, TypeId t, bool* changed) {
            if (n == kNoNode || t == kUnknown || types_[n] != kUnknown) return;
            types_[n] = m_.types.strip_optional(t);
            *changed = true;
        };
        bool changed = true;
        for (int pass = 0; changed && pass < 64; ++pass) {
            changed = false;
            for (NodeId i = 0; i < p_.nodes.size(); ++i) {
                const Node& n = p_.nodes[i];
                TypeId t = types_[i];
                switch (n.op) {
                    case Op::Rule:
                        set(i, m_.rules[n.aux].type, &changed);
                        set(n.a, m_.rules[n.aux].type, &changed);
                        break;
                    case Op::Param:
                        set(i, m_.params[n.aux].type, &changed);
                        set(n.a, m_.params[n.aux].type, &changed);
                        break;
                    case Op::Fact: set(i, m_.facts[n.aux].type, &changed); break;
                    case Op::If:
                        set(n.b, t, &changed);
                        set(n.c, t, &changed);
                        set(i, types_[n.b], &changed);
                        set(i, types_[n.c], &changed);
                        break;
                    case Op::Otherwise:
                        set(n.a, t, &changed);
                        set(n.b, t, &changed);
                        set(i, types_[n.a], &changed);
                        break;
                    case Op::Compare:
                        set(n.a, n.aux, &changed);
                        set(n.b, n.aux, &changed);
                        break;
                    case Op::In:
                        set(n.a, n.aux, &changed);
                        set(n.b, list_of(n.aux), &changed);
                        break;
                    case Op::Field:
                        if (types_[n.a] != kUnknown && m_.types.kind(types_[n.a]) == TypeKind::Record) {
                            set(i, m_.records[m_.types.get(types_[n.a]).ref].fields[n.aux].type, &changed);
                        }
                        break;
                    case Op::MakeRecord:
                        if (t != kUnknown && m_.types.kind(t) == TypeKind::Record) {
                            const auto& rec = m_.records[m_.types.get(t).ref];
                            for (uint32_t k = 0; k < n.args_count && k < rec.fields.size(); ++k) {
                                set(p_.args[n.args_begin + k], rec.fields[k].type, &changed);
                            }
                        }
                        break;
                    case Op::MakeList:
                        if (t != kUnknown && m_.types.kind(t) == TypeKind::List) {
                            for (uint32_t k = 0; k < n.args_count; ++k)
                                set(p_.args[n.args_begin + k], m_.types.element(t), &changed);
                        }
                        break;
                    case Op::Table: {
                        const auto& call = p_.table_calls[n.aux];
                        const auto& table = m_.tables[call.table];
                        set(i, table.result, &changed);
                        for (NodeId o : call.outputs) set(o, table.row_type, &changed);
                        for (size_t k = 0; k < call.args.size(); ++k) set(call.args[k], table.inputs[k].type, &changed);
                        break;
                    }
                    case Op::Limit: {
                        const auto& info = p_.limits[n.aux];
                        set(info.start, t, &changed);
                        for (const auto& s : info.steps) set(s.bound, t, &changed);
                        break;
                    }
                    case Op::Aggregate: {
                        const auto& ag = p_.aggregates[n.aux];
                        TypeId lt = types_[ag.list];
                        if (lt != kUnknown && m_.types.kind(lt) == TypeKind::List)
                            set(ag.var, m_.types.element(lt), &changed);
                        // and back: a constant list's type from how its elements are used
                        if (types_[ag.var] != kUnknown) set(ag.list, list_of(types_[ag.var]), &changed);
                        if (ag.kind == AggregateInfo::Kind::List && t != kUnknown &&
                            m_.types.kind(t) == TypeKind::List) {
                            set(ag.body, m_.types.element(t), &changed);
                        }
                        if ((ag.kind == AggregateInfo::Kind::First || ag.kind == AggregateInfo::Kind::Last) &&
                            lt != kUnknown && m_.types.kind(lt) == TypeKind::List) {
                            set(i, m_.types.element(lt), &changed);
                        }
                        break;
                    }
                    case Op::Builtin: {
                        // the lengths of durations are ints (`months(n) for n in [1, 3, 6]`)
                        auto b = static_cast<Builtin>(n.aux);
                        NodeId x = n.a != kNoNode ? n.a : n.args_count ? p_.args[n.args_begin] : kNoNode;
                        if (b == Builtin::Days || b == Builtin::Weeks || b == Builtin::Months || b == Builtin::Years)
                            set(x, m_.types.integer(), &changed);
                        break;
                    }
                    case Op::Collect:
                        if (t != kUnknown && m_.types.kind(t) == TypeKind::List) {
                            for (const auto& e : p_.collects[n.aux].entries)
                                set(e.value, m_.types.element(t), &changed);
                        }
                        break;
                    default: break;
                }
            }
        }
    }

    // The type `list<element>` when the checker made one (it has, for every list written).
    TypeId list_of(TypeId element) const {
        element = m_.types.strip_optional(element);
        for (TypeId t = 0; m_.types.known(t); ++t) {
            if (m_.types.kind(t) == TypeKind::List && m_.types.element(t) == element) return t;
        }
        return kUnknown;
    }

    // ---- aggregates: which loop each node is computed in ----
    void find_loops() {
        loop_of_.assign(p_.nodes.size(), kNoNode);
        // an aggregate nested in another is one of its members; the innermost loop wins
        std::vector<uint32_t> depth(p_.nodes.size(), 0);
        std::vector<NodeId> aggs;
        for (NodeId i = 0; i < p_.nodes.size(); ++i) {
            if (p_.nodes[i].op == Op::Aggregate) aggs.push_back(i);
        }
        auto members = [&](NodeId a) -> const std::vector<NodeId>& { return p_.aggregates[p_.nodes[a].aux].members; };
        std::function<uint32_t(NodeId)> depth_of = [&](NodeId a) -> uint32_t {
            if (depth[a]) return depth[a];
            uint32_t d = 1;
            for (NodeId o : aggs) {
                if (o != a && std::find(members(o).begin(), members(o).end(), a) != members(o).end())
                    d = std::max(d, depth_of(o) + 1);
            }
            return depth[a] = d;
        };
        for (NodeId a : aggs) {
            for (NodeId x : members(a)) {
                if (loop_of_[x] == kNoNode || depth_of(a) > depth_of(loop_of_[x])) loop_of_[x] = a;
            }
            loop_of_[p_.aggregates[p_.nodes[a].aux].var] = a;
        }
    }

    // Emits, in id order, the needed nodes computed in `loop` (kNoNode: outside every loop) that
    // `take` accepts.
    template <typename Take>
    void emit_scope(NodeId loop, Take&& take) {
        for (NodeId i = 0; i < p_.nodes.size(); ++i) {
            if (!needed_[i] || emitted_[i] || loop_of_[i] != loop || !take(i)) continue;
            if (p_.nodes[i].op == Op::LoopVar) continue;  // set by its loop
            emitted_[i] = true;
            node(i);
            if (loop == kNoNode) ends_.push_back(body_.size());
        }
    }

    // The nodes of `loop` that `root` needs (root included when it is one).
    std::vector<bool> reach(NodeId root, NodeId loop) {
        std::vector<bool> r(p_.nodes.size(), false);
        if (root == kNoNode) return r;
        std::vector<NodeId> todo{root};
        r[root] = true;
        while (!todo.empty()) {
            NodeId x = todo.back();
            todo.pop_back();
            p_.for_each_operand(x, [&](NodeId y) {
                if (y == kNoNode || r[y]) return;
                // through nested loops, whose members are emitted inside them
                if (loop_of_[y] == loop || (loop_of_[y] != kNoNode && inside(loop_of_[y], loop))) {
                    r[y] = true;
                    todo.push_back(y);
                }
            });
        }
        return r;
    }
    bool inside(NodeId inner, NodeId outer) const {
        for (NodeId a = inner; a != kNoNode; a = loop_of_[a]) {
            if (a == outer) return true;
        }
        return false;
    }

    void line(const std::string& s) { body_ += "    " + s + "\n"; }

    // Fact f from row i of its column into fv[f] and fs[f] (the hoisted v/w/b/p/sc/den locals of
    // rows_function): absent (none for a `T?` fact, else missing) when the column is not given, row
    // i is marked absent, or a date is its width's smallest value; lists and records do not come in
    // columns. Numbers are the column's integers over 10^scale as they are: no gcd (tn_fit); money
    // as whole cents (fv[f].i, cents()), a row whose amount is not goes to the interpreter.
    std::string column_fact(uint32_t f) const {
        std::string k = std::to_string(f), o = "fv[" + k + "]";
        TypeId t = m_.facts[f].type;
        TypeKind kind = m_.types.kind(m_.types.strip_optional(t));
        std::string absent = "fs[" + k + "] = " + (m_.types.is_optional(t) ? "TN_NONE" : "TN_MISSING") + "; " + o +
                             (kind == TypeKind::List     ? ".list.size = 0; "
                              : kind == TypeKind::Record ? ".rec = 0; "
                                                         : ".r = tn_rat_of(0, 1); ");
        std::string given = kind == TypeKind::Bool ? "b" + k : "v" + k;
        std::string when = dense_ ? "0" : "!" + given + " || (p" + k + " && !p" + k + "[i])";
        // the dense loop reads the block's values, widened once a block (tn_widen)
        std::string x = dense_ ? "c" + k + "[i - blk0]" : "tn_col(v" + k + ", w" + k + ", i)", read;
        switch (kind) {
            case TypeKind::Bool: read = o + ".b = b" + k + "[i] != 0;"; break;
            case TypeKind::Int: read = o + ".i = " + x + ";"; break;
            case TypeKind::Enum: read = o + ".e = (uint32_t)" + x + ";"; break;
            case TypeKind::Date: {
                std::string none = x + " == tn_col_none(w" + k + ")";
                when = dense_ ? none : when + " || " + none;
                read = o + ".d = (int32_t)" + x + ";";
                break;
            }
            case TypeKind::Decimal:
            case TypeKind::Money:
            case TypeKind::Percent:
                if (cents_fact(f)) {
                    // the dense loop runs only on scale 2
                    read = dense_ ? o + ".i = " + x + ";"
                                  : "if (!tn_scaled_cents(" + x + ", sc" + k + ", &" + o + ".i)) goto tn_row_fallback;";
                } else if (dense_) {
                    // the value over 10^scale as it is (what tn_fit keeps): the dense loop runs where it fits
                    read = o + ".r.num = " + x + "; " + o + ".r.den = (int64_t)den" + k + ";";
                } else {
                    read = "if (!tn_fit(" + x + ", den" + k + ", &" + o + ".r)) goto tn_row_fallback;";
                }
                break;
            default: return absent;
        }
        if (when == "0") return "fs[" + k + "] = TN_OK; " + read;
        return "if (" + when + ") { " + absent + "} else { fs[" + k + "] = TN_OK; " + read + " }";
    }

    // `o = x` where x has failed (or is absent): its state and failure, not its value.
    static std::string pass(const std::string& o, const std::string& x) { return "TN_PASS(" + o + ", " + x + ");"; }
    // `o = x` for node `id`, through the value's member of its kind (see zero_member); a number
    // in cents into one that is not becomes the fraction.
    std::string copy(NodeId id, NodeId x) {
        if (member(id) != member(x))
            return "{ " + slot(id) + ".v.r = tn_cv(" + slot(x) + ".v.i).r; " + pass(slot(id), slot(x)) + " }";
        return "TN_COPY(" + slot(id) + ", " + slot(x) + ", " + member(id).substr(1) + ");";
    }
    std::string member(NodeId id) {
        if (cents(id)) return ".i";
        return member_of(p_.nodes[id].vk);
    }
    static std::string member_of(ValueKind k) {
        switch (k) {
            case ValueKind::Bool: return ".b";
            case ValueKind::Int: return ".i";
            case ValueKind::Number: return ".r";
            case ValueKind::Date: return ".d";
            case ValueKind::Duration: return ".dur";
            case ValueKind::Enum: return ".e";
            case ValueKind::Record: return ".rec";
            default: return ".list";
        }
    }

    // A slot's value is zeroed through the member of its kind: the C compiler keeps a slot in
    // registers only when every access to its value has the same width (a 1-byte `b` written by
    // the initialiser and an 8-byte `i` read later keep it in memory).
    static std::string zero_member(ValueKind k) {
        switch (k) {
            case ValueKind::Bool: return ".b = 0";
            case ValueKind::Int: return ".i = 0";
            case ValueKind::Number: return ".r = { 0, 1 }";
            case ValueKind::Date: return ".d = 0";
            case ValueKind::Duration: return ".dur = { 0, 0 }";
            case ValueKind::Enum: return ".e = 0";
            case ValueKind::Record: return ".rec = 0";
            default: return ".list = { 0, 0 }";
        }
    }

    // Numbers are kept unreduced inside the code (tn_fit in the runtime); whatever leaves it, a
    // result or the cell of a list or record, is normalised.
    bool is_number(NodeId x) const {
        if (p_.nodes[x].vk == ValueKind::Number) return true;
        if (types_[x] == kUnknown) return false;
        TypeKind k = m_.types.kind(types_[x]);
        return k == TypeKind::Decimal || k == TypeKind::Money || k == TypeKind::Percent;
    }
    // Whether node x's number is always in normal form already: constants, cells (normalised when
    // stored), and what only picks one of those. Its results skip the gcd. Facts do not count: a
    // batch reads a money column's cents over 100 as they are.
    bool normal(NodeId x) {
        if (normal_.size() != p_.nodes.size()) normal_.assign(p_.nodes.size(), -1);
        if (normal_[x] >= 0) return normal_[x] != 0;
        normal_[x] = 0;
        if (cents(x)) return false;  // read as cents/100  // a cycle (none in a graph) counts as not normal
        const Node& n = p_.nodes[x];
        bool r = false;
        auto all = [&](const std::vector<NodeId>& xs) {
            for (NodeId y : xs) {
                if (y != kNoNode && !normal(y)) return false;
            }
            return true;
        };
        switch (n.op) {
            case Op::Const:
            case Op::Undefined:  // an error: its value is never read
            case Op::Field:
            case Op::IntToNumber: r = true; break;
            case Op::Rule:
            case Op::Param:
            case Op::Neg: r = normal(n.a); break;
            case Op::If: r = normal(n.b) && normal(n.c); break;
            case Op::Otherwise: r = normal(n.a) && normal(n.b); break;
            case Op::Table:
                r = p_.table_calls[n.aux].hit != syntax::HitPolicy::Collect && all(p_.table_calls[n.aux].outputs);
                break;
            case Op::Limit: {
                std::vector<NodeId> xs{p_.limits[n.aux].start};
                for (const auto& step : p_.limits[n.aux].steps) xs.push_back(step.bound);
                r = all(xs);
                break;
            }
            case Op::Aggregate: {
                auto kind = p_.aggregates[n.aux].kind;
                r = kind == AggregateInfo::Kind::First || kind == AggregateInfo::Kind::Last;
                break;
            }
            default: break;
        }
        normal_[x] = r ? 1 : 0;
        return r;
    }

    // The value of node x as stored in a cell.
    std::string stored(NodeId x) {
        if (cents(x)) return "(tn_value){ .r = tn_cents_norm(" + slot(x) + ".v.i) }";
        return is_number(x) && !normal(x) ? "tn_value_norm(" + slot(x) + ".v)" : slot(x) + ".v";
    }

    // The value of node x as a tn_value expression, a number as the fraction (see cents()).
    std::string val(NodeId x) { return cents(x) ? "tn_cv(" + slot(x) + ".v.i)" : slot(x) + ".v"; }

    // ---- fixed point: numbers kept as whole cents ----
    // Money facts (read as cents from a scale-2 column, and from a case's fraction when it is whole
    // cents: else the interpreter answers), constants of at most two decimals, and what +, -, unary
    // -, abs, min, max, clamp, multiplication by an int, `if`, `otherwise`, limits and tables make of
    // those, and round to two places of any number, are a multiple of 1/100: such a node keeps its
    // value as an int64 count of cents (slot .v.i) and computes with integer instructions, where
    // the fraction would cross-multiply in 128 bits. Every other use reads it as the fraction
    // cents/100 (val()). Where the cents overflow, the fraction might not (10^19 cents is
    // $10^17): the node fails with TN_F_CENTS, which only ever sends the case or row to the
    // interpreter (function(), output_store()), so no result differs from the evaluator's.
    bool cents_fact(uint32_t f) const {
        return m_.types.kind(m_.types.strip_optional(m_.facts[f].type)) == TypeKind::Money;
    }
    // The node that computes x's slot (a Rule or Param is its operand's value under a name).
    NodeId value_node(NodeId x) const { return p_.value_node(x); }
    // The int that multiplies a number in cents: an int turned into a number, or a whole constant;
    // "" when x is neither.
    std::string int_factor(NodeId x) {
        const Node& n = p_.nodes[value_node(x)];
        if (n.op == Op::IntToNumber) return slot(n.a) + ".v.i";
        if (n.op == Op::Const && n.vk == ValueKind::Number && p_.constant_states[n.aux] == State::Ok &&
            p_.constants[n.aux].r.den == 1)
            return c_int64(p_.constants[n.aux].r.num);
        return "";
    }
    bool cents(NodeId x) {
        if (cents_.size() != p_.nodes.size()) cents_.assign(p_.nodes.size(), -1);
        if (cents_[x] >= 0) return cents_[x] != 0;
        cents_[x] = 0;
        const Node& n = p_.nodes[x];
        bool r = false;
        auto all = [&](const std::vector<NodeId>& xs) {
            for (NodeId y : xs) {
                if (y == kNoNode || !cents(y)) return false;
            }
            return !xs.empty();
        };
        std::vector<NodeId> args;  // as node() gathers a strict operation's operands
        for (NodeId y : {n.a, n.b, n.c}) {
            if (y != kNoNode) args.push_back(y);
        }
        for (uint32_t k = 0; k < n.args_count; ++k) args.push_back(p_.args[n.args_begin + k]);
        if (n.vk == ValueKind::Number && loop_of_[x] == kNoNode) {
            switch (n.op) {
                case Op::Fact: r = cents_fact(n.aux); break;
                case Op::Const: {
                    const Value& v = p_.constants[n.aux];
                    r = p_.constant_states[n.aux] == State::Ok && v.r.den > 0 && 100 % v.r.den == 0 &&
                        v.r.num <= INT64_MAX / 100 && v.r.num >= INT64_MIN / 100;
                    break;
                }
                case Op::Rule:
                case Op::Param: r = n.a != kNoNode && cents(n.a); break;
                case Op::Add:
                case Op::Sub: r = all({n.a, n.b}); break;
                case Op::Neg: r = cents(n.a); break;
                case Op::Mul:
                    r = (cents(n.a) && !int_factor(n.b).empty()) || (cents(n.b) && !int_factor(n.a).empty());
                    break;
                case Op::If: r = all({n.b, n.c}); break;
                case Op::Otherwise: r = all({n.a, n.b}); break;
                case Op::Limit: {
                    std::vector<NodeId> xs{p_.limits[n.aux].start};
                    for (const auto& step : p_.limits[n.aux].steps) xs.push_back(step.bound);
                    r = all(xs);
                    break;
                }
                case Op::Table:
                    r = p_.table_calls[n.aux].hit != syntax::HitPolicy::Collect && all(p_.table_calls[n.aux].outputs);
                    break;
                case Op::Builtin:
                    switch (static_cast<Builtin>(n.aux)) {
                        case Builtin::Min:
                        case Builtin::Max:
                        case Builtin::Clamp: r = all(args); break;
                        case Builtin::Abs: r = all(args); break;
                        case Builtin::RoundDown:
                        case Builtin::RoundUp:
                        case Builtin::RoundHalfUp:
                        case Builtin::RoundHalfEven: r = static_cast<int>(n.sub) - 64 == 2; break;
                        default: break;
                    }
                    break;
                default: break;
            }
        }
        cents_[x] = r ? 1 : 0;
        return r;
    }

    // Where the name of a slot starts in the text being emitted: a local's name ("n12") in a
    // program of one function, the frame's member ("F->n12") in a program in pieces, which the
    // size of the whole text decides (function(), name_slots()).
    static inline const std::string kSlot = "\x05";
    static void name_slots(std::string* text, const std::string& frame) {
        if (text->find(kSlot) == std::string::npos) return;
        std::string named;
        named.reserve(text->size() + text->size() / 8 * frame.size());
        for (size_t from = 0;;) {
            size_t at = text->find(kSlot, from);
            named.append(*text, from, (at == std::string::npos ? text->size() : at) - from);
            if (at == std::string::npos) break;
            named += frame;
            from = at + kSlot.size();
        }
        *text = std::move(named);
    }

    // The C variable of a node's slot (kSlot, then its name). A Rule or Param node is its operand's
    // value under a name: it shares the operand's variable instead of copying it.
    std::string slot(NodeId n) const { return kSlot + "n" + std::to_string(p_.value_node(n)); }

    std::string value_literal(ValueKind k, const Value& v) {
        switch (k) {
            case ValueKind::Bool: return std::string(".b = ") + (v.b ? "1" : "0");
            case ValueKind::Int: return ".i = " + c_int64(v.i);
            case ValueKind::Number: return ".r = { " + c_int64(v.r.num) + ", " + c_int64(v.r.den) + " }";
            case ValueKind::Date: return ".d = " + std::to_string(v.d);
            case ValueKind::Duration:
                return ".dur = { " + c_int64(v.dur.count) + ", " + (v.dur.months ? "1" : "0") + " }";
            case ValueKind::Enum: return ".e = " + std::to_string(v.e) + "u";
            default: throw Unsupported("a constant of this kind");
        }
    }

    // A constant list or record as static cells; returns the array's name.
    std::string constant_cells(TypeId t, const Cell* cells, size_t count, bool list) {
        std::vector<TypeId> types;
        if (list) {
            types.assign(count, m_.types.element(t));
        } else {
            for (const auto& f : m_.records[m_.types.get(t).ref].fields) types.push_back(f.type);
        }
        std::vector<std::string> inits;
        for (size_t i = 0; i < count; ++i) inits.push_back(cell_literal(types[i], cells[i]));
        std::string s = "[" + std::to_string(std::max<size_t>(count, 1)) + "] = {";
        for (size_t i = 0; i < inits.size(); ++i) s += (i ? ", " : " ") + inits[i];
        if (inits.empty()) s += " { { .i = 0 }, 0 }";
        return static_cells(s + " };\n");
    }

    // Static cells with this initialiser ("[n] = { ... };"), one array per initialiser; its name.
    std::string static_cells(const std::string& init) {
        auto [at, added] = statics_->names.emplace(init, "tn_k" + std::to_string(statics_->names.size()));
        if (added) statics_->text += "static const tn_cell " + at->second + init;
        return at->second;
    }

    std::string cell_literal(TypeId t, const Cell& c) {
        t = m_.types.strip_optional(t);
        std::string state = state_name(c.s);
        if (c.s != State::Ok) return "{ { .i = 0 }, " + state + " }";
        return "{ { " + composite_literal(t, c.v) + " }, " + state + " }";
    }

    std::string composite_literal(TypeId t, const Value& v) {
        switch (m_.types.kind(t)) {
            case TypeKind::List: {
                std::string name = constant_cells(t, v.list.items, v.list.size, true);
                return ".list = { " + name + ", " + std::to_string(v.list.size) + "u }";
            }
            case TypeKind::EmptyList: return ".list = { 0, 0u }";
            case TypeKind::Record: {
                const auto& rec = m_.records[m_.types.get(t).ref];
                return ".rec = " + constant_cells(t, v.rec, rec.fields.size(), false);
            }
            default: return value_literal(eval::kind_of(m_, t), v);
        }
    }

    // The name of a C function deciding deep equality of two present values of type t.
    std::string eq_function(TypeId t) {
        t = m_.types.strip_optional(t);
        eq_types_->insert(t);
        return "tn_eq_" + std::to_string(t);
    }

    static std::string assign_value(const std::string& target, ValueKind k, const Value& v) {
        switch (k) {
            case ValueKind::Bool: return target + ".v.b = " + (v.b ? "1" : "0") + ";";
            case ValueKind::Int: return target + ".v.i = " + c_int64(v.i) + ";";
            case ValueKind::Number:
                return target + ".v.r.num = " + c_int64(v.r.num) + "; " + target + ".v.r.den = " + c_int64(v.r.den) +
                       ";";
            case ValueKind::Date: return target + ".v.d = " + std::to_string(v.d) + ";";
            case ValueKind::Duration:
                return target + ".v.dur.count = " + c_int64(v.dur.count) + "; " + target +
                       ".v.dur.months = " + (v.dur.months ? "1" : "0") + ";";
            case ValueKind::Enum: return target + ".v.e = " + std::to_string(v.e) + "u;";
            default: throw Unsupported("a constant of this kind");
        }
    }

    // The token of a site (see Site).
    std::string site(Site s) {
        sites_.push_back(std::move(s));
        return "\x01" + std::to_string(sites_.size() - 1) + "\x02";
    }
    // The node a failure of node id names: the original program's.
    std::string node_id(NodeId id) {
        std::string n = std::to_string(original_ ? (*original_)[id] : id);
        return site(Site{n + "u", "N[\x03]", n, true});
    }
    // Node id's slot set to a constant: `text` as it is, or its state, value and failure from K.
    std::string constant_site(NodeId id, const std::string& text, const std::string& init) {
        return site(Site{text, "TN_COPY(" + slot(id) + ", K[\x03], " + member(id).substr(1) + ");", init, false});
    }
    // A literal of kind k written as `text` in an expression.
    std::string literal_site(ValueKind k, const Value& v, const std::string& text) {
        return site(Site{text, "K[\x03].v" + member_of(k), "{ { " + value_literal(k, v) + " }, TN_OK, 0, 0 }", false});
    }

    // "the worst of these operands, else compute": the strict pattern.
    // A runtime function writing through a pointer into the slot would keep the whole slot in
    // memory: the value is computed in a local of its own (r_) and copied in.
    void strict(NodeId id, const std::vector<NodeId>& operands, const std::string& compute) {
        std::string o = slot(id), target = o + ".v", body = compute;
        bool local = false;
        for (size_t at = body.find(target); at != std::string::npos; at = body.find(target, at + 2)) {
            body.replace(at, target.size(), "r_");
            local = true;
        }
        if (local) {
            // a local of the member's own type where the body uses one member: the C compiler keeps
            // it in registers, where a union local goes through the stack and its 16-byte copy
            // stalls on the two 8-byte stores of a fraction just written
            std::string m = only_member(body, "r_");
            const char* type = member_type(m);
            if (type) {
                for (size_t at = body.find("r_." + m); at != std::string::npos; at = body.find("r_." + m, at + 2)) {
                    if (at == 0 || !is_word(body[at - 1])) body.replace(at, m.size() + 3, "r_");
                }
                body = std::string(type) + " r_ = " + o + ".v." + m + "; " + body + " " + o + ".v." + m + " = r_;";
            } else {
                body = "tn_value r_ = " + o + ".v; " + body + " " + o + ".v = r_;";
            }
        }
        line(worst_chain(id, operands, true) + "{ " + o + ".s = TN_OK; " + body + " }");
    }
    // The member of `local` that `body` uses, where it uses one and never the whole union; else "".
    static bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
    static std::string only_member(const std::string& body, const std::string& local) {
        std::string found;
        for (size_t at = body.find(local); at != std::string::npos; at = body.find(local, at + 1)) {
            if (at > 0 && is_word(body[at - 1])) continue;  // part of another name
            size_t end = at + local.size();
            if (end < body.size() && is_word(body[end])) continue;
            if (end >= body.size() || body[end] != '.') return "";
            size_t stop = end + 1;
            while (stop < body.size() && is_word(body[stop])) ++stop;
            std::string m = body.substr(end + 1, stop - end - 1);
            if (!found.empty() && m != found) return "";
            found = m;
        }
        return found;
    }
    // The C type of a tn_value member; null for one without a local of its own.
    static const char* member_type(const std::string& m) {
        if (m == "b") return "unsigned char";
        if (m == "i") return "int64_t";
        if (m == "r") return "tn_rat";
        if (m == "d") return "int32_t";
        if (m == "dur") return "tn_dur";
        if (m == "e") return "uint32_t";
        return nullptr;
    }

    // "if (the first error) o = it; else if (the first other failure) ... else ": compared by
    // value, so that the slots stay in registers (a pointer to one would keep it in memory).
    // `none_internal`: an absent operand of a strict operation is an internal error.
    std::string worst_chain(NodeId id, const std::vector<NodeId>& operands, bool none_internal) {
        std::string o = slot(id), s;
        for (NodeId x : operands) s += "if (" + slot(x) + ".s == TN_ERROR) " + pass(o, slot(x)) + " else ";
        for (NodeId x : operands) {
            std::string X = slot(x);
            if (none_internal) {
                s += "if (" + X + ".s != TN_OK) { if (" + X + ".s == TN_NONE) TN_FAIL(" + o + ", TN_F_OVERFLOW, " +
                     node_id(id) + "); else " + pass(o, X) + " } else ";
            } else {
                s += "if (" + X + ".s != TN_OK) " + pass(o, X) + " else ";
            }
        }
        return s;
    }

    std::string fail(NodeId id, const std::string& fault) {
        return "TN_FAIL(" + slot(id) + ", " + fault + ", " + node_id(id) + ");";
    }

    // The C expression comparing two present values of an ordered kind (three-way); durations set
    // `mixed`.
    static std::string compare_expr(ValueKind k, const std::string& a, const std::string& b, const std::string& mixed) {
        switch (k) {
            case ValueKind::Bool: return "((" + a + ".b > " + b + ".b) - (" + a + ".b < " + b + ".b))";
            case ValueKind::Int: return "tn_icmp(" + a + ".i, " + b + ".i)";
            case ValueKind::Number: return "tn_rcmp(" + a + ".r, " + b + ".r)";
            case ValueKind::Date: return "((" + a + ".d > " + b + ".d) - (" + a + ".d < " + b + ".d))";
            case ValueKind::Enum: return "((" + a + ".e > " + b + ".e) - (" + a + ".e < " + b + ".e))";
            case ValueKind::Duration: return "tn_dcmp(" + a + ".dur, " + b + ".dur, &" + mixed + ")";
            default: throw Unsupported("a comparison of lists or records by order");
        }
    }

    void node(NodeId id) {
        const Node& n = p_.nodes[id];
        std::string o = slot(id);
        std::string a = n.a != kNoNode ? slot(n.a) : "", b = n.b != kNoNode ? slot(n.b) : "",
                    c = n.c != kNoNode ? slot(n.c) : "";
        std::string nid = node_id(id);
        switch (n.op) {
            case Op::Const: {
                const Value& v = p_.constants[n.aux];
                State s = p_.constant_states[n.aux];
                std::string text = o + ".s = " + std::string(state_name(s)) + ";", literal = zero_member(n.vk);
                if (s == State::Ok) {
                    literal = constant_literal(id);
                    if (literal.empty())
                        throw Unsupported("a constant list or record whose type the emitter cannot tell");
                    if (n.vk == ValueKind::List || n.vk == ValueKind::Record)
                        text += " " + o + ".v = (tn_value){ " + literal + " };";
                    else if (cents(id)) text += " " + o + ".v" + literal + ";";
                    else text += " " + assign_value(o, n.vk, v);
                }
                line(constant_site(id, text, "{ { " + literal + " }, " + state_name(s) + ", 0, 0 }"));
                return;
            }
            case Op::Fact:
                if (cents(id)) {
                    // the batch (normalise 0) reads the column's cents; a case's fraction that is not whole
                    // cents, or too many of them, goes to the interpreter
                    std::string f = std::to_string(n.aux);
                    line(o + ".s = fs[" + f + "]; if (!normalise) " + o + ".v.i = fv[" + f + "].i; else if (" + o +
                         ".s == TN_OK && !tn_cents(fv[" + f + "].r, &" + o + ".v.i)) return 1;");
                    return;
                }
                line(o + ".v" + member(id) + " = fv[" + std::to_string(n.aux) + "]" + member(id) + "; " + o +
                     ".s = fs[" + std::to_string(n.aux) + "];");
                return;
            case Op::LoopVar: return;
            case Op::Undefined: {
                std::string at = std::to_string(original_ ? (*original_)[id] : id);
                line(
                    constant_site(id, "TN_FAIL(" + o + ", TN_F_UNDEFINED_PARAMETER, " + at + "u);",
                                  "{ { " + zero_member(n.vk) + " }, TN_ERROR, TN_F_UNDEFINED_PARAMETER, " + at + " }"));
                return;
            }
            case Op::Rule:
            case Op::Param: return;  // slot() names the operand
            case Op::And:
            case Op::Or: {
                std::string stop = n.op == Op::Or ? "1" : "0";
                line("if (" + a + ".s == TN_OK && " + a + ".v.b == " + stop + ") { " + o + ".s = TN_OK; " + o +
                     ".v.b = " + stop + "; }");
                line("else if (" + a + ".s == TN_ERROR) " + pass(o, a));
                line("else if (" + b + ".s == TN_OK && (" + a + ".s == TN_OK || " + b + ".v.b == " + stop + ")) { " +
                     o + ".s = TN_OK; " + o + ".v.b = " + b + ".v.b; }");
                line("else if (" + b + ".s == TN_ERROR) " + pass(o, b));
                line("else if (" + a + ".s == TN_MISSING) " + pass(o, a) + " else " + copy(id, n.b));
                return;
            }
            case Op::If:
                line("if (" + a + ".s != TN_OK) " + pass(o, a) + " else if (" + a + ".v.b) " + copy(id, n.b) +
                     " else " + copy(id, n.c));
                return;
            case Op::IsPresent:
                line("if (" + a + ".s == TN_OK || " + a + ".s == TN_NONE) { " + o + ".s = TN_OK; " + o + ".v.b = " + a +
                     ".s == TN_OK; } else " + pass(o, a));
                return;
            case Op::Otherwise: line("if (" + a + ".s == TN_NONE) " + copy(id, n.b) + " else " + copy(id, n.a)); return;
            case Op::Field:
                line("if (" + a + ".s != TN_OK) " + pass(o, a) + " else { TN_CHECK_CELL(" + a + ".v.rec[" +
                     std::to_string(n.aux) + "].s); " + o + ".s = " + a + ".v.rec[" + std::to_string(n.aux) + "].s; " +
                     o + ".v" + member(id) + " = " + a + ".v.rec[" + std::to_string(n.aux) + "].v" + member(id) +
                     "; }");
                return;
            case Op::MakeRecord:
            case Op::MakeList: {
                line("{ const tn_slot* w = 0;");
                for (uint32_t k = 0; k < n.args_count; ++k)
                    line("  TN_WORST_PRESENT(w, " + slot(p_.args[n.args_begin + k]) + ");");
                line("  if (w) " + o + " = *w; else { tn_cell* cells = tn_cells(ctx, " + std::to_string(n.args_count) +
                     ");");
                for (uint32_t k = 0; k < n.args_count; ++k) {
                    std::string x = slot(p_.args[n.args_begin + k]);
                    line("    cells[" + std::to_string(k) + "].v = " + stored(p_.args[n.args_begin + k]) + "; cells[" +
                         std::to_string(k) + "].s = " + x + ".s;");
                }
                line("    " + o + ".s = TN_OK; " +
                     (n.op == Op::MakeRecord ? o + ".v.rec = cells;"
                                             : o + ".v.list.items = cells; " + o +
                                                   ".v.list.size = " + std::to_string(n.args_count) + "u;") +
                     " } }");
                return;
            }
            case Op::Aggregate: return aggregate(id);
            case Op::Collect: return collect(id);
            case Op::Limit: return limit(id);
            case Op::Table: return table(id);
            case Op::Ladder: return ladder(id);
            default: break;
        }
        // strict operations
        std::vector<NodeId> operands;
        for (NodeId x : {n.a, n.b, n.c}) {
            if (x != kNoNode) operands.push_back(x);
        }
        for (uint32_t k = 0; k < n.args_count; ++k) operands.push_back(p_.args[n.args_begin + k]);
        if (cents(id)) return cents_operation(id, operands);
        std::string av = n.a != kNoNode ? val(n.a) : "", bv = n.b != kNoNode ? val(n.b) : "";
        std::string overflow = fail(id, "TN_F_OVERFLOW");
        switch (n.op) {
            case Op::Add:
            case Op::Sub:
            case Op::Mul: {
                std::string f = n.vk == ValueKind::Int ? (n.op == Op::Add   ? "tn_iadd"
                                                          : n.op == Op::Sub ? "tn_isub"
                                                                            : "tn_imul")
                                                       : (n.op == Op::Add   ? "tn_radd"
                                                          : n.op == Op::Sub ? "tn_rsub"
                                                                            : "tn_rmul");
                std::string field = n.vk == ValueKind::Int ? ".i" : ".r";
                return strict(
                    id, operands,
                    "if (!" + f + "(" + av + field + ", " + bv + field + ", &" + o + ".v" + field + ")) " + overflow);
            }
            case Op::Div:
                return strict(id, operands,
                              "if (" + bv + ".r.num == 0) " + fail(id, "TN_F_DIVISION_BY_ZERO") +
                                  " else if (!tn_rdiv(" + av + ".r, " + bv + ".r, &" + o + ".v.r)) " + overflow);
            case Op::Neg:
                if (n.vk == ValueKind::Int) {
                    return strict(
                        id, operands,
                        "if (" + av + ".i == INT64_MIN) " + overflow + " else " + o + ".v.i = -" + av + ".i;");
                }
                return strict(id, operands, "if (!tn_rneg(" + av + ".r, &" + o + ".v.r)) " + overflow);
            case Op::IntToNumber: return strict(id, operands, o + ".v.r = tn_rat_of(" + av + ".i, 1);");
            case Op::DateAdd:
            case Op::DateSub: {
                std::string date = n.sub ? bv : av, length = n.sub ? av : bv;
                return strict(id, operands,
                              "{ int f = tn_shift(" + date + ".d, " + length + ".dur, " +
                                  (n.op == Op::DateSub ? "1" : "0") + ", &" + o + ".v.d); if (f) TN_FAIL(" + o +
                                  ", f, " + nid + "); }");
            }
            case Op::DateDiff:
                return strict(id, operands,
                              "if (" + av + ".d == TN_FOREVER || " + bv + ".d == TN_FOREVER) " +
                                  fail(id, "TN_F_FOREVER_ARITHMETIC") + " else " + o + ".v.dur = tn_dur_of((int64_t)" +
                                  av + ".d - " + bv + ".d, 0);");
            case Op::DurAdd:
            case Op::DurSub:
                return strict(id, operands,
                              "if (" + av + ".dur.months != " + bv + ".dur.months && " + av + ".dur.count != 0 && " +
                                  bv + ".dur.count != 0) " + fail(id, "TN_F_MIXED_DURATIONS") +
                                  " else { unsigned char months = " + av + ".dur.count != 0 ? " + av +
                                  ".dur.months : " + bv + ".dur.months; if (!" +
                                  (n.op == Op::DurAdd ? "tn_iadd" : "tn_isub") + "(" + av + ".dur.count, " + bv +
                                  ".dur.count, &" + o + ".v.dur.count)) " + overflow + " else " + o +
                                  ".v.dur.months = months; }");
            case Op::DurMul: {
                std::string length = n.sub ? bv : av, count = n.sub ? av : bv;
                return strict(id, operands,
                              "if (!tn_imul(" + length + ".dur.count, " + count + ".i, &" + o + ".v.dur.count)) " +
                                  overflow + " else " + o + ".v.dur.months = " + length + ".dur.months;");
            }
            case Op::DurNeg:
                return strict(id, operands,
                              "if (" + av + ".dur.count == INT64_MIN) " + overflow + " else " + o +
                                  ".v.dur = tn_dur_of(-" + av + ".dur.count, " + av + ".dur.months);");
            case Op::Compare: {
                TypeId t = n.aux;
                ValueKind k = eval::kind_of(m_, t);
                auto op = static_cast<syntax::Op>(n.sub);
                if (k == ValueKind::List || k == ValueKind::Record) {
                    std::string eq = eq_function(t) + "(" + av + ", " + bv + ")";
                    return strict(id, operands, o + ".v.b = " + (op == syntax::Op::Eq ? "" : "!") + "(" + eq + ");");
                }
                if (k == ValueKind::Number && cents(n.a) && cents(n.b)) {
                    return strict(id, operands,
                                  o + ".v.b = " + holds(op, "tn_icmp(" + a + ".v.i, " + b + ".v.i)") + ";");
                }
                return strict(id, operands,
                              "{ int mixed = 0; int c = " + compare_expr(k, av, bv, "mixed") + "; " + o + ".v.b = " +
                                  holds(op, "c") + "; if (mixed) " + fail(id, "TN_F_MIXED_DURATIONS") + " }");
            }
            case Op::Not: return strict(id, operands, o + ".v.b = !" + av + ".b;");
            case Op::IsEmpty: return strict(id, operands, o + ".v.b = " + av + ".list.size == 0;");
            case Op::In:
                return strict(id, operands,
                              "{ uint32_t i; ctx->steps += " + bv + ".list.size; if (ctx->steps > TN_STEP_BUDGET) " +
                                  "return 1; " + o + ".v.b = 0; for (i = 0; i < " + bv + ".list.size; ++i) { if (" +
                                  bv + ".list.items[i].s == TN_OK && " + eq_function(n.aux) + "(" + av + ", " + bv +
                                  ".list.items[i].v)) { " + o + ".v.b = 1; break; } } }");
            case Op::Within: {
                std::string ref = c + ".v";
                if (n.sub == 0) {
                    return strict(id, operands,
                                  "{ int32_t edge = 0; int f = tn_shift(" + ref + ".d, " + bv +
                                      ".dur, 1, &edge); if (f) TN_FAIL(" + o + ", f, " + nid + "); else " + o +
                                      ".v.b = " + av + ".d > edge && " + av + ".d <= " + ref + ".d; }");
                }
                return strict(id, operands,
                              "{ int32_t edge = 0; int f = tn_shift(" + ref + ".d, " + bv +
                                  ".dur, 0, &edge); if (f) TN_FAIL(" + o + ", f, " + nid + "); else " + o +
                                  ".v.b = " + av + ".d >= " + ref + ".d && " + av + ".d < edge; }");
            }
            case Op::Builtin: return builtin(id, operands);
            default: throw Unsupported("an operation the emitter does not know");
        }
    }

    // A strict operation of a node kept in cents (cents()) on its operands' cents: where they
    // overflow, TN_F_CENTS (the interpreter answers).
    void cents_operation(NodeId id, const std::vector<NodeId>& operands) {
        const Node& n = p_.nodes[id];
        std::string o = slot(id), overflow = fail(id, "TN_F_CENTS");
        auto c = [&](NodeId x) { return slot(x) + ".v.i"; };
        switch (n.op) {
            case Op::Add:
            case Op::Sub:
                return strict(id, operands,
                              "if (!" + std::string(n.op == Op::Add ? "tn_iadd(" : "tn_isub(") + c(n.a) + ", " +
                                  c(n.b) + ", &" + o + ".v.i)) " + overflow);
            case Op::Neg:
                return strict(
                    id, operands,
                    "if (" + c(n.a) + " == INT64_MIN) " + overflow + " else " + o + ".v.i = -" + c(n.a) + ";");
            case Op::Mul: {
                bool left = cents(n.a) && !int_factor(n.b).empty();
                return strict(id, operands,
                              "if (!tn_imul(" + c(left ? n.a : n.b) + ", " + int_factor(left ? n.b : n.a) + ", &" + o +
                                  ".v.i)) " + overflow);
            }
            case Op::Builtin: break;
            default: throw Unsupported("an operation in cents the emitter does not know");
        }
        auto b = static_cast<Builtin>(n.aux);
        switch (b) {
            case Builtin::Min:
            case Builtin::Max: {
                std::string s = "{ int64_t best = " + c(operands[0]) + ";";
                for (size_t k = 1; k < operands.size(); ++k)
                    s += " if (" + c(operands[k]) + (b == Builtin::Min ? " < " : " > ") +
                         "best) best = " + c(operands[k]) + ";";
                return strict(id, operands, s + " " + o + ".v.i = best; }");
            }
            case Builtin::Clamp:
                return strict(id, operands,
                              "{ int64_t v = " + c(operands[0]) + "; if (v < " + c(operands[1]) +
                                  ") v = " + c(operands[1]) + "; if (v > " + c(operands[2]) +
                                  ") v = " + c(operands[2]) + "; " + o + ".v.i = v; }");
            case Builtin::Abs:
                return strict(id, operands,
                              "if (" + c(operands[0]) + " == INT64_MIN) " + overflow + " else " + o + ".v.i = " +
                                  c(operands[0]) + " < 0 ? -" + c(operands[0]) + " : " + c(operands[0]) + ";");
            case Builtin::RoundDown:
            case Builtin::RoundUp:
            case Builtin::RoundHalfUp:
            case Builtin::RoundHalfEven: {
                // to cents: whole cents are already; a fraction x is round(x * 100) cents (util/rational.cpp)
                if (cents(operands[0])) return strict(id, operands, o + ".v.i = " + c(operands[0]) + ";");
                const char* mode = b == Builtin::RoundDown     ? "TN_DOWN"
                                   : b == Builtin::RoundUp     ? "TN_UP"
                                   : b == Builtin::RoundHalfUp ? "TN_HALF_UP"
                                                               : "TN_HALF_EVEN";
                std::string x = val(operands[0]) + ".r";
                return strict(id, operands,
                              "if (!tn_round_cents(" + x + ", " + mode + ", &" + o + ".v.i)) " + overflow);
            }
            default: throw Unsupported("a built-in function in cents the emitter does not know");
        }
    }

    void builtin(NodeId id, const std::vector<NodeId>& operands) {
        const Node& n = p_.nodes[id];
        std::string o = slot(id);
        std::vector<std::string> in;
        for (NodeId x : operands) in.push_back(val(x));
        std::string overflow = fail(id, "TN_F_OVERFLOW");
        std::string forever = fail(id, "TN_F_FOREVER_ARITHMETIC");
        auto b = static_cast<Builtin>(n.aux);
        switch (b) {
            case Builtin::Min:
            case Builtin::Max: {
                std::string s = "{ int mixed = 0; tn_value best = " + in[0] + ";";
                for (size_t k = 1; k < in.size(); ++k) {
                    s += " if (!mixed) { int c = " + compare_expr(n.vk, in[k], "best", "mixed") + "; if (!mixed && c " +
                         (b == Builtin::Min ? "<" : ">") + " 0) best = " + in[k] + "; }";
                }
                s += " if (mixed) " + fail(id, "TN_F_MIXED_DURATIONS") + " else " + o + ".v = best; }";
                return strict(id, operands, s);
            }
            case Builtin::Clamp:
                return strict(id, operands,
                              "{ int mixed = 0; tn_value v = " + in[0] + "; if (" +
                                  compare_expr(n.vk, "v", in[1], "mixed") + " < 0) v = " + in[1] + "; if (" +
                                  compare_expr(n.vk, "v", in[2], "mixed") + " > 0) v = " + in[2] + "; " + o +
                                  ".v = v; if (mixed) " + fail(id, "TN_F_MIXED_DURATIONS") + " }");
            case Builtin::Abs:
                if (n.vk == ValueKind::Int) {
                    return strict(id, operands,
                                  "if (" + in[0] + ".i == INT64_MIN) " + overflow + " else " + o + ".v.i = " + in[0] +
                                      ".i < 0 ? -" + in[0] + ".i : " + in[0] + ".i;");
                }
                if (n.vk == ValueKind::Duration) {
                    return strict(id, operands,
                                  "if (" + in[0] + ".dur.count == INT64_MIN) " + overflow + " else " + o +
                                      ".v.dur = tn_dur_of(" + in[0] + ".dur.count < 0 ? -" + in[0] +
                                      ".dur.count : " + in[0] + ".dur.count, " + in[0] + ".dur.months);");
                }
                return strict(id, operands,
                              "{ tn_rat r = " + in[0] + ".r; if (r.num < 0 && !tn_rneg(r, &r)) " + overflow + " else " +
                                  o + ".v.r = r; }");
            case Builtin::Floor:
            case Builtin::Ceil:
                return strict(id, operands,
                              "if (!tn_floor_ceil(" + in[0] + ".r, " + (n.sub == 1 ? "1" : "0") + ", " +
                                  (b == Builtin::Ceil ? "1" : "0") + ", &" + o + ".v.i)) " + overflow);
            case Builtin::RoundDown:
            case Builtin::RoundUp:
            case Builtin::RoundHalfUp:
            case Builtin::RoundHalfEven: {
                const char* mode = b == Builtin::RoundDown     ? "TN_DOWN"
                                   : b == Builtin::RoundUp     ? "TN_UP"
                                   : b == Builtin::RoundHalfUp ? "TN_HALF_UP"
                                                               : "TN_HALF_EVEN";
                return strict(id, operands,
                              "if (!tn_round_places(" + in[0] + ".r, " + std::to_string(static_cast<int>(n.sub) - 64) +
                                  ", " + mode + ", &" + o + ".v.r)) " + overflow);
            }
            case Builtin::PercentPoints:
                return strict(id, operands,
                              "if (!tn_rmul(" + in[0] + ".r, tn_rat_of(100, 1), &" + o + ".v.r)) " + overflow);
            case Builtin::DaysBetween:
                return strict(id, operands,
                              "if (" + in[0] + ".d == TN_FOREVER || " + in[1] + ".d == TN_FOREVER) " + forever +
                                  " else " + o + ".v.i = (int64_t)" + in[1] + ".d - " + in[0] + ".d;");
            case Builtin::MonthsBetween:
                return strict(id, operands,
                              "if (" + in[0] + ".d == TN_FOREVER || " + in[1] + ".d == TN_FOREVER) " + forever +
                                  " else " + o + ".v.i = tn_months_between(" + in[0] + ".d, " + in[1] + ".d);");
            case Builtin::Year:
            case Builtin::Month:
            case Builtin::Day:
            case Builtin::FederalFiscalYear:
            case Builtin::StateFiscalYear: {
                int part = b == Builtin::Year                ? 0
                           : b == Builtin::Month             ? 1
                           : b == Builtin::Day               ? 2
                           : b == Builtin::FederalFiscalYear ? 3
                                                             : 4;
                return strict(id, operands,
                              "if (" + in[0] + ".d == TN_FOREVER) " + forever + " else " + o + ".v.i = tn_date_part(" +
                                  in[0] + ".d, " + std::to_string(part) + ");");
            }
            case Builtin::FirstOfMonth:
            case Builtin::LastOfMonth:
                return strict(id, operands,
                              o + ".v.d = " + in[0] + ".d == TN_FOREVER ? " + in[0] +
                                  ".d : " + (b == Builtin::FirstOfMonth ? "tn_first_of_month(" : "tn_last_of_month(") +
                                  in[0] + ".d);");
            case Builtin::MakeDate:
                return strict(id, operands,
                              "if (!tn_make_date(" + in[0] + ".i, " + in[1] + ".i, " + in[2] + ".i, &" + o + ".v.d)) " +
                                  fail(id, "TN_F_INVALID_DATE"));
            case Builtin::Days:
            case Builtin::Weeks:
            case Builtin::Months:
            case Builtin::Years: {
                int k = b == Builtin::Weeks ? 7 : b == Builtin::Years ? 12 : 1;
                bool months = b == Builtin::Months || b == Builtin::Years;
                return strict(id, operands,
                              "if (!tn_imul(" + in[0] + ".i, " + std::to_string(k) + ", &" + o + ".v.dur.count)) " +
                                  overflow + " else " + o + ".v.dur.months = " + (months ? "1" : "0") + ";");
            }
            case Builtin::Length: return strict(id, operands, o + ".v.i = " + in[0] + ".list.size;");
        }
        throw Unsupported("a built-in function the emitter does not know");
    }

    void aggregate(NodeId id) {
        const Node& n = p_.nodes[id];
        const AggregateInfo& ag = p_.aggregates[n.aux];
        using K = AggregateInfo::Kind;
        std::string o = slot(id), L = slot(ag.list), var = slot(ag.var), done = "done_" + std::to_string(id);
        std::string ids = std::to_string(id);
        line("if (" + L + ".s != TN_OK) " + pass(o, L) + " else {");
        line("  tn_list items = " + L + ".v.list; uint32_t i; int missing = 0; tn_slot missing_slot = {{0}, 0, 0, 0};");
        line("  tn_value acc; int have = 0; uint32_t count = 0; tn_cell picked; tn_cell* built = 0;");
        line("  (void)have; (void)count; (void)built; (void)picked; (void)missing;");
        line("  ctx->steps += items.size; if (ctx->steps > TN_STEP_BUDGET) return 1;");
        line("  picked.s = TN_NONE; picked.v.i = 0; acc.i = 0; (void)acc;");
        if (ag.kind == K::Sum && ag.body_kind == ValueKind::Int) line("  acc.i = 0;");
        else if (ag.kind == K::Sum && ag.body_kind == ValueKind::Duration) line("  acc.dur = tn_dur_of(0, 0);");
        else line("  acc.r = tn_rat_of(0, 1);");
        if (ag.kind == K::List) line("  built = tn_cells(ctx, items.size);");
        line("  " + o + ".s = TN_OK;");
        line("  for (i = 0; i < items.size; ++i) {");
        line("    " + var + ".v = items.items[i].v; " + var + ".s = items.items[i].s;");
        std::vector<bool> filter_reach = reach(ag.filter, id);
        emit_scope(id, [&](NodeId x) { return filter_reach[x]; });
        if (ag.filter != kNoNode) {
            std::string F = slot(ag.filter);
            line("    if (" + F + ".s == TN_ERROR) { " + pass(o, F) + " goto " + done + "; }");
            bool goes_on = ag.kind == K::Any || ag.kind == K::All || ag.kind == K::Count;
            line("    if (" + F + ".s != TN_OK) { missing = 1; missing_slot = " + F + "; " +
                 (goes_on ? "continue; }" : "break; }"));
            line("    if (!" + F + ".v.b) { " +
                 (ag.kind == K::All ? o + ".s = TN_OK; " + o + ".v.b = 0; goto " + done + ";"
                                    : std::string("continue;")) +
                 " }");
        }
        switch (ag.kind) {
            case K::Any: line("    " + o + ".s = TN_OK; " + o + ".v.b = 1; goto " + done + ";"); break;
            case K::All: line("    continue;"); break;
            case K::Count: line("    ++count; continue;"); break;
            case K::First: line("    picked = items.items[i]; break;"); break;
            case K::Last: line("    picked = items.items[i]; continue;"); break;
            default: {
                std::vector<bool> body_reach = reach(ag.body, id);
                emit_scope(id, [&](NodeId x) { return body_reach[x]; });
                std::string B = slot(ag.body);
                std::string body_fail =
                    "TN_FAIL(" + o + ", TN_F_OVERFLOW, " + node_id(ag.body) + "); goto " + done + ";";
                line("    if (" + B + ".s == TN_ERROR) { " + pass(o, B) + " goto " + done + "; }");
                line("    if (" + B + ".s == TN_MISSING) { missing = 1; missing_slot = " + B + "; break; }");
                if (ag.kind == K::Sum) {
                    if (ag.body_kind == ValueKind::Int) {
                        line("    if (!tn_iadd(acc.i, " + B + ".v.i, &acc.i)) { " + body_fail + " }");
                    } else if (ag.body_kind == ValueKind::Duration) {
                        line("    if (acc.dur.count != 0 && " + B + ".v.dur.count != 0 && acc.dur.months != " + B +
                             ".v.dur.months) { TN_FAIL(" + o + ", TN_F_MIXED_DURATIONS, " + node_id(ag.body) +
                             "); goto " + done + "; }");
                        line("    if (" + B + ".v.dur.count != 0) acc.dur.months = " + B + ".v.dur.months;");
                        line("    if (!tn_iadd(acc.dur.count, " + B + ".v.dur.count, &acc.dur.count)) { " + body_fail +
                             " }");
                    } else {
                        line("    if (!tn_radd(acc.r, " + val(ag.body) + ".r, &acc.r)) { " + body_fail + " }");
                    }
                } else if (ag.kind == K::Max || ag.kind == K::Min) {
                    std::string bv = val(ag.body);
                    line("    if (!have) { acc = " + bv + "; have = 1; } else { int mixed = 0; int c = " +
                         compare_expr(ag.body_kind, bv, "acc", "mixed") + "; if (mixed) { TN_FAIL(" + o +
                         ", TN_F_MIXED_DURATIONS, " + node_id(ag.body) + "); goto " + done + "; } if (c " +
                         (ag.kind == K::Max ? ">" : "<") + " 0) acc = " + bv + "; }");
                } else if (ag.kind == K::List) {
                    line("    built[count].v = " + stored(ag.body) + "; built[count].s = " + B + ".s; ++count;");
                }
                break;
            }
        }
        line("  }");
        line("  if (missing) " + o + " = missing_slot; else {");
        switch (ag.kind) {
            case K::Sum: line("    " + o + ".v = acc;"); break;
            case K::Count: line("    " + o + ".v.i = count;"); break;
            case K::Any: line("    " + o + ".v.b = 0;"); break;
            case K::All: line("    " + o + ".v.b = 1;"); break;
            case K::Max:
            case K::Min: line("    if (!have) " + o + ".s = TN_NONE; else " + o + ".v = acc;"); break;
            case K::First:
            case K::Last: line("    " + o + ".v = picked.v; " + o + ".s = picked.s;"); break;
            case K::List: line("    " + o + ".v.list.items = built; " + o + ".v.list.size = count;"); break;
        }
        line("  }");
        line("  goto " + done + ";");
        line("  " + done + ": ;");
        line("}");
        (void)ids;
    }

    void ladder(NodeId id) {
        const auto& call = p_.ladders[p_.nodes[id].aux];
        std::string o = slot(id), E = slot(call.episodes), A = slot(call.as_of);
        size_t top = call.levels.size();
        line("{ const tn_slot* w = 0;");
        line("  TN_WORST(w, " + E + "); TN_WORST(w, " + A + ");");
        for (const auto& lv : call.levels) {
            line("  TN_WORST(w, " + slot(lv.percent) + ");");
            if (lv.length != kNoNode) line("  TN_WORST(w, " + slot(lv.length) + ");");
            if (lv.at_most != kNoNode) line("  TN_WORST(w, " + slot(lv.at_most) + ");");
        }
        line("  if (w) " + o + " = *w; else {");
        line("    tn_level levels[" + std::to_string(top) + "]; tn_rat percents[" + std::to_string(top) +
             "]; const tn_span* cur = 0; int f;");
        for (size_t k = 0; k < top; ++k) {
            const auto& lv = call.levels[k];
            std::string L = "levels[" + std::to_string(k) + "]";
            line("    " + L + ".has_length = " + (lv.length != kNoNode ? "1" : "0") + "; " + L +
                 ".length = " + (lv.length != kNoNode ? slot(lv.length) + ".v.dur" : "tn_dur_of(0, 0)") + ";");
            line("    " + L + ".has_at_most = " + (lv.at_most != kNoNode ? "1" : "0") + "; " + L +
                 ".at_most = " + (lv.at_most != kNoNode ? slot(lv.at_most) + ".v.dur" : "tn_dur_of(0, 0)") + "; " + L +
                 ".until_cured = " + (lv.until_cured ? "1" : "0") + ";");
            line("    percents[" + std::to_string(k) + "] = " + val(lv.percent) + ".r;");
        }
        line("    ctx->steps += " + E + ".v.list.size; if (ctx->steps > TN_STEP_BUDGET) return 1;");
        line("    f = tn_ladder(ctx, " + E + ".v.list, " + std::to_string(call.start_field) + "u, " +
             std::to_string(call.cure_field) + "u, " + A + ".v.d, levels, " + std::to_string(top) + ", " +
             (call.carry_highest ? "1" : "0") + ", &cur);");
        line("    if (f) " + fail(id, "f") + " else {");
        line("      tn_cell* rec = tn_cells(ctx, 5);");
        line(
            "      if (!cur) { rec[0].v.i = 0; rec[1].v.r = tn_rat_of(0, 1); rec[2].s = rec[3].s = rec[4].s = TN_NONE; "
            "}");
        line(
            "      else { rec[0].v.i = cur->level; rec[1].v.r = tn_rat_norm(percents[cur->level - 1]); rec[2].v.d = "
            "cur->first;");
        line("        if (cur->last == TN_FOREVER) rec[3].s = TN_NONE; else rec[3].v.d = cur->last;");
        line("        rec[4].v.d = " + E + ".v.list.items[cur->episode].v.rec[" + std::to_string(call.start_field) +
             "].v.d; }");
        line("      " + o + ".s = TN_OK; " + o + ".v.rec = rec; } } }");
    }

    void collect(NodeId id) {
        const auto& info = p_.collects[p_.nodes[id].aux];
        std::string o = slot(id), done = "done_" + std::to_string(id);
        line("{ tn_cell* cells = tn_cells(ctx, " + std::to_string(info.entries.size()) +
             "); uint32_t count = 0; const tn_slot* missing = 0;");
        for (const auto& e : info.entries) {
            std::string C = slot(e.condition), V = slot(e.value);
            line("  if (" + C + ".s == TN_ERROR) { " + pass(o, C) + " goto " + done + "; }");
            line("  if (" + C + ".s != TN_OK) { if (!missing) missing = &" + C + "; }");
            line("  else if (" + C + ".v.b) { if (" + V + ".s == TN_ERROR || " + V + ".s == TN_MISSING) { " + o +
                 " = " + V + "; goto " + done + "; } cells[count].v = " + stored(e.value) + "; cells[count].s = " + V +
                 ".s; ++count; }");
        }
        line("  if (missing) " + o + " = *missing; else { " + o + ".s = TN_OK; " + o + ".v.list.items = cells; " + o +
             ".v.list.size = count; }");
        line("  goto " + done + "; " + done + ": ; }");
    }

    void limit(NodeId id) {
        const Node& n = p_.nodes[id];
        const auto& info = p_.limits[n.aux];
        std::string o = slot(id), S = slot(info.start), done = "done_" + std::to_string(id);
        // in cents (every bound is), the values compare as ints
        bool in_cents = cents(id);
        ValueKind k = in_cents ? ValueKind::Int : n.vk;
        line("if (" + S + ".s != TN_OK) " + pass(o, S) +
             " else { tn_value x = " + (in_cents ? S + ".v" : val(info.start)) + ";");
        for (const auto& step : info.steps) {
            std::string B = slot(step.bound), bv = in_cents ? B + ".v" : val(step.bound);
            const char* closer = step.at_most ? "<" : ">";
            std::string apply = "if (" + B + ".s != TN_OK) { " + pass(o, B) + " goto " + done + "; } ";
            if (k == ValueKind::Int) {  // ints (and cents) compare directly: a select, where c is several instructions
                apply += "if (" + bv + ".i " + closer + " x.i) x = " + bv + ";";
            } else {
                apply += "{ int mixed = 0; int c = " + compare_expr(k, bv, "x", "mixed") + "; if (mixed) { TN_FAIL(" +
                         o + ", TN_F_MIXED_DURATIONS, " + node_id(step.bound) + "); goto " + done + "; } if (c " +
                         closer + " 0) x = " + bv + "; }";
            }
            if (step.unless != kNoNode) {
                std::string U = slot(step.unless);
                line("  if (" + U + ".s != TN_OK) { " + pass(o, U) + " goto " + done + "; }");
                line("  if (!" + U + ".v.b) { " + apply + " }");
            } else {
                line("  " + apply);
            }
        }
        line("  " + o + ".s = TN_OK; " + o + ".v" + member(id) + " = x" + member(id) + ";");
        line("  goto " + done + "; " + done + ": ; }");
    }

    std::string any_failed(const std::vector<NodeId>& xs) {
        std::string s;
        for (NodeId x : xs) s += (s.empty() ? "" : " || ") + slot(x) + ".s != TN_OK";
        return s;
    }

    // `eager`: every comparison is made and joined with & (the branch-free tables of table());
    // else && short-cuts.
    std::string cell_test(const compile::CellTest& t, ValueKind k, const std::string& v, bool eager) {
        using CK = syntax::CellTest::Kind;
        // `v op literal`: bools, ints, dates and enums compare directly (a three-way comparison then
        // compared with 0 is several instructions more in a branch-free table); numbers and
        // durations through their three-way comparison
        auto rel = [&](const Value& lit, const char* op) -> std::string {
            // a duration compared with one of the other unit counts as equal (cell_matches ignores the fault)
            switch (k) {
                case ValueKind::Bool: return "(" + v + ".b " + op + " " + literal_site(k, lit, lit.b ? "1" : "0") + ")";
                case ValueKind::Int: return "(" + v + ".i " + op + " " + literal_site(k, lit, c_int64(lit.i)) + ")";
                case ValueKind::Number:
                    return "(tn_rcmp(" + v + ".r, " +
                           literal_site(k, lit, "tn_rat_of(" + c_int64(lit.r.num) + ", " + c_int64(lit.r.den) + ")") +
                           ") " + op + " 0)";
                case ValueKind::Date:
                    return "(" + v + ".d " + op + " " + literal_site(k, lit, std::to_string(lit.d)) + ")";
                case ValueKind::Enum:
                    return "(" + v + ".e " + op + " " + literal_site(k, lit, std::to_string(lit.e) + "u") + ")";
                case ValueKind::Duration: {
                    std::string l = literal_site(
                        k, lit, "tn_dur_of(" + c_int64(lit.dur.count) + ", " + (lit.dur.months ? "1" : "0") + ")");
                    return "(tn_dcmp(" + v + ".dur, " + l + ", &mixed) " + op + " 0)";
                }
                default: throw Unsupported("a table input of this kind");
            }
        };
        switch (t.kind) {
            case CK::Any: return "1";
            case CK::Equal: return rel(t.low, "==");
            case CK::NotEqual: return rel(t.low, "!=");
            case CK::Less: return rel(t.low, "<");
            case CK::LessEq: return rel(t.low, "<=");
            case CK::Greater: return rel(t.low, ">");
            case CK::GreaterEq: return rel(t.low, ">=");
            case CK::Range: {
                std::string s = "(1", op = eager ? " & " : " && ";
                if (t.has_low) s += op + rel(t.low, ">=");
                if (t.has_high) s += op + rel(t.high, "<=");
                return s + ")";
            }
        }
        return "0";
    }

    // The value of Ok constant node c as a tn_value initialiser (".i = 35", whole cents where cents()
    // says so); "" for a list or record whose type the emitter cannot tell.
    std::string constant_literal(NodeId c) {
        const Node& n = p_.nodes[c];
        const Value& v = p_.constants[n.aux];
        if (n.vk == ValueKind::List || n.vk == ValueKind::Record)
            return types_[c] == kUnknown ? "" : composite_literal(types_[c], v);
        if (cents(c)) return ".i = " + c_int64(v.r.num * (100 / v.r.den));
        return value_literal(n.vk, v);
    }

    // When every outcome of a table is a constant in the table's member (an Ok one, through rules
    // and parameters): a site naming static cells of their values in row order (the period's own
    // cells where the periods of a group differ). Else "".
    std::string constant_outcomes(NodeId id, const compile::TableCall& call) {
        std::string cells = "[" + std::to_string(std::max<size_t>(call.outputs.size(), 1)) + "] = {";
        for (size_t r = 0; r < call.outputs.size(); ++r) {
            NodeId out = call.outputs[r], c = value_node(out);
            const Node& n = p_.nodes[c];
            if (n.op != Op::Const || p_.constant_states[n.aux] != State::Ok || member(out) != member(id) ||
                n.vk != p_.nodes[id].vk)
                return "";
            std::string literal = constant_literal(c);
            if (literal.empty()) return "";
            cells += std::string(r ? ", " : " ") + "{ { " + literal + " }, TN_OK }";
        }
        std::string name = static_cells(cells + " };\n");
        return site(Site{name, "K[\x03].v.rec", "{ { .rec = " + name + " }, TN_OK, 0, 0 }", false});
    }

    void table(NodeId id) {
        const auto& call = p_.table_calls[p_.nodes[id].aux];
        std::string o = slot(id), done = "done_" + std::to_string(id);
        size_t rows = call.outputs.size();
        line("{ int mixed = 0; (void)mixed;");
        // note_failure with none_fails: the first error, else the first missing or absent input
        line("  " + worst_chain(id, call.args, false) + "{}");
        line("  if (" + std::string(call.args.empty() ? "0" : "") + any_failed(call.args) + ") goto " + done + ";");
        auto matches = [&](size_t r, bool eager) {
            std::string cond = "1", all = eager ? " & " : " && ", any_of = eager ? " | " : " || ";
            const auto& row = call.cells[r];
            for (size_t c = 0; c < row.size(); ++c) {
                if (row[c].empty()) continue;
                std::string any = "(0";
                for (const auto& t : row[c]) any += any_of + cell_test(t, call.arg_kinds[c], val(call.args[c]), eager);
                cond += all + any + ")";
            }
            return cond;
        };
        std::string outcomes =
            call.hit != syntax::HitPolicy::Collect && rows < 64 ? constant_outcomes(id, call) : std::string();
        if (!outcomes.empty()) {
            // Every outcome a constant: in the batch (normalise 0), which rows hold is a bit mask,
            // the row its lowest bit (or its only one), and the value a load from the outcomes'
            // cells, without a branch on the data: a switch over `found` mispredicts on rows that
            // vary. One case keeps the branches, which a host deciding similar cases has predicted
            // and which do not wait for the cells' load (10 ns more on the stylised decision's case).
            line("  if (!normalise) { uint64_t m_ = 0; int found;");
            for (size_t r = 0; r < rows; ++r)
                line("    m_ |= (uint64_t)(" + matches(r, true) + ") << " + std::to_string(r) + ";");
            if (call.hit != syntax::HitPolicy::First)
                line("    if (m_ & (m_ - 1)) { " + fail(id, "TN_F_SEVERAL_TABLE_ROWS") + " goto " + done + "; }");
            line("    found = (int)__builtin_ctzll(m_ | (UINT64_C(1) << 63));");
            line("    if (found < " + std::to_string(rows) + ") { const tn_cell* c_ = " + outcomes + "; " + o + ".v" +
                 member(id) + " = c_[found].v" + member(id) + "; " + o + ".s = TN_OK; " + o + ".fault = 0; " + o +
                 ".node = 0; }");
            line("    else " + fail(id, "TN_F_NO_TABLE_ROW") + " }");
            line("  else");
        }
        if (call.hit == syntax::HitPolicy::Collect) {
            line("  { tn_cell* cells = tn_cells(ctx, " + std::to_string(rows) + "); uint32_t count = 0;");
            for (size_t r = 0; r < rows; ++r) {
                std::string O = slot(call.outputs[r]);
                line("    if (" + matches(r, false) + ") { if (" + O + ".s == TN_ERROR || " + O +
                     ".s == TN_MISSING) { " + o + " = " + O + "; goto " + done +
                     "; } cells[count].v = " + stored(call.outputs[r]) + "; cells[count].s = " + O + ".s; ++count; }");
            }
            line("    " + o + ".s = TN_OK; " + o + ".v.list.items = cells; " + o + ".v.list.size = count; }");
        } else {
            line("  { int found = -1;");
            for (size_t r = 0; r < rows; ++r) {
                std::string rs = std::to_string(r);
                if (call.hit == syntax::HitPolicy::First) {
                    line("    if (found < 0 && " + matches(r, false) + ") found = " + rs + ";");
                } else {
                    line("    if (" + matches(r, false) + ") { if (found >= 0) { " +
                         fail(id, "TN_F_SEVERAL_TABLE_ROWS") + " goto " + done + "; } found = " + rs + "; }");
                }
            }
            line("    switch (found) {");
            for (size_t r = 0; r < rows; ++r)
                line("      case " + std::to_string(r) + ": " + copy(id, call.outputs[r]) + " break;");
            line("      default: " + fail(id, "TN_F_NO_TABLE_ROW"));
            line("    } }");
        }
        line("  goto " + done + "; " + done + ": ; }");
    }

    const check::Model& m_;
    const Program& p_;
    Statics* statics_;
    std::set<TypeId>* eq_types_;
    const std::vector<NodeId>* original_;
    std::vector<TypeId> types_;
    std::vector<NodeId> loop_of_;
    std::vector<bool> needed_, emitted_;
    std::string body_;
    std::vector<size_t> ends_;                                // where each node of the outermost scope ends in body_
    std::vector<std::pair<std::string, std::string>> slots_;  // the last compute()'s slots: name, zero member
    size_t pieces_above_ = EmitOptions{}.pieces_above;
    bool dense_ = false;             // ... every column read given, none with `present`
    bool uses_ctx_ = false;          // the last function() allocates or counts steps
    std::set<uint32_t> facts_read_;  // the facts the last compute() read
    std::vector<int8_t> normal_;     // normal(): -1 not known yet
    std::vector<int8_t> cents_;      // cents(): -1 not known yet
    std::vector<Site> sites_;
};

// Deep equality functions for the types `In` and `==` on lists and records need (and the types
// inside them).
std::string equality_functions(const check::Model& m, std::set<TypeId> types) {
    std::set<TypeId> all;
    std::vector<TypeId> todo(types.begin(), types.end());
    while (!todo.empty()) {
        TypeId t = m.types.strip_optional(todo.back());
        todo.pop_back();
        if (!all.insert(t).second) continue;
        if (m.types.kind(t) == TypeKind::List) todo.push_back(m.types.element(t));
        if (m.types.kind(t) == TypeKind::Record) {
            for (const auto& f : m.records[m.types.get(t).ref].fields) todo.push_back(f.type);
        }
    }
    std::string protos, defs;
    for (TypeId t : all) {
        std::string name = "tn_eq_" + std::to_string(t);
        protos += "static inline int " + name + "(tn_value a, tn_value b);\n";
        std::string body;
        auto cell_eq = [&](TypeId et, const std::string& x, const std::string& y) {
            return "(" + x + ".s == " + y + ".s && (" + x + ".s != TN_OK || tn_eq_" +
                   std::to_string(m.types.strip_optional(et)) + "(" + x + ".v, " + y + ".v)))";
        };
        switch (m.types.kind(t)) {
            case TypeKind::List:
                body = "uint32_t i; if (a.list.size != b.list.size) return 0; for (i = 0; i < a.list.size; ++i) if (!" +
                       cell_eq(m.types.element(t), "a.list.items[i]", "b.list.items[i]") + ") return 0; return 1;";
                break;
            case TypeKind::EmptyList: body = "return a.list.size == b.list.size;"; break;
            case TypeKind::Record: {
                const auto& rec = m.records[m.types.get(t).ref];
                for (size_t i = 0; i < rec.fields.size(); ++i) {
                    std::string k = std::to_string(i);
                    body +=
                        "if (!" + cell_eq(rec.fields[i].type, "a.rec[" + k + "]", "b.rec[" + k + "]") + ") return 0; ";
                }
                body += "return 1;";
                break;
            }
            case TypeKind::Duration:
                body = "return a.dur.count == b.dur.count && (a.dur.months == b.dur.months || a.dur.count == 0);";
                break;
            case TypeKind::Bool: body = "return a.b == b.b;"; break;
            case TypeKind::Int: body = "return a.i == b.i;"; break;
            case TypeKind::Decimal:
            case TypeKind::Money:
            case TypeKind::Percent: body = "return tn_rcmp(a.r, b.r) == 0;"; break;
            case TypeKind::Date: body = "return a.d == b.d;"; break;
            case TypeKind::Enum: body = "return a.e == b.e;"; break;
            default: body = "(void)a; (void)b; return 1;"; break;
        }
        defs += "static inline int " + name + "(tn_value a, tn_value b) { " + body + " }\n";
    }
    return protos + defs;
}

// The token emit_c writes for the name of a group's functions.
constexpr const char* kNameToken = "\x01P\x02";

// Periods whose functions have the same text, sites as tokens: one set of functions for all.
struct StructureGroup {
    const std::string* text;
    std::vector<size_t> periods;
    std::vector<std::vector<Site>> sites;  // per period of the group
    bool has_k = false, has_n = false;     // whether group_functions made the tables
};

// The strict program of a period's function `program` (named `from`), named `to`, or "" for a
// function too large to be worth it. It computes the same, except that where `program` would
// record a failure (TN_FAIL) or read a record's cell that is not Ok, it stops at once and returns
// 2, and the row is computed again by `program`. Its failures never flow on, so wherever the
// inputs are Ok (the dense batch's facts) the C compiler sees every state as Ok and drops their
// tests, stores and the output states' switches: the code of a row without states. Only an
// optimising compiler gains from it (a large ruleset's C is built without optimising, see
// native_code.cpp), so it is compiled only there.
std::string strict_program(const std::string& program, const std::string& from, const std::string& to) {
    constexpr size_t kLargest = 256 * 1024;
    if (program.size() > kLargest) return "";
    std::string head = "static TN_INLINE int " + from + "(";
    if (program.compare(0, head.size(), head) != 0) return "";
    std::string text = "static TN_INLINE int " + to + "(" + program.substr(head.size());
    // the runtime's two meanings of TN_FAIL and TN_CHECK_CELL (c_runtime.cpp), switched around it
    return "#if defined(__OPTIMIZE__)\n"
           "#undef TN_FAIL\n#define TN_FAIL TN_FAIL_STOPS\n#undef TN_CHECK_CELL\n#define TN_CHECK_CELL "
           "TN_CELL_OK_OR_STOP\n" +
           text +
           "#undef TN_FAIL\n#define TN_FAIL TN_FAIL_RECORDED\n#undef TN_CHECK_CELL\n#define TN_CHECK_CELL "
           "TN_CELL_AS_IT_IS\n#endif\n\n";
}

// The group's tables and functions, named `name`: a site is written as it is where the group's
// periods agree on it, else read from the period's row of the group's K (slots) or N (node ids).
std::string group_functions(StructureGroup& g, const std::string& name) {
    const std::string& text = *g.text;
    size_t np = g.periods.size();
    std::vector<bool> used(g.sites[0].size(), false);
    for (size_t at = text.find('\x01'); at != std::string::npos; at = text.find('\x01', at + 1)) {
        if (text[at + 1] != 'P') used[std::stoul(text.substr(at + 1, text.find('\x02', at) - at - 1))] = true;
    }
    std::vector<std::string> resolved(used.size());
    std::map<std::vector<std::string>, size_t> columns[2];  // K, N: the periods' values -> column
    std::vector<std::vector<std::string>> rows[2] = {std::vector<std::vector<std::string>>(np),
                                                     std::vector<std::vector<std::string>>(np)};
    for (size_t j = 0; j < used.size(); ++j) {
        if (!used[j]) continue;
        const Site& first = g.sites[0][j];
        bool same = true;
        for (size_t i = 1; i < np && same; ++i) same = g.sites[i][j].inline_text == first.inline_text;
        if (same) {
            resolved[j] = first.inline_text;
            continue;
        }
        std::vector<std::string> inits;
        for (size_t i = 0; i < np; ++i) inits.push_back(g.sites[i][j].init);
        int t = first.node ? 1 : 0;
        auto [at, added] = columns[t].emplace(inits, columns[t].size());
        if (added) {
            for (size_t i = 0; i < np; ++i) rows[t][i].push_back(inits[i]);
        }
        resolved[j] = first.table_text;
        resolved[j].replace(resolved[j].find('\x03'), 1, std::to_string(at->second));
    }
    std::string s;
    const char* types[2] = {"tn_slot", "uint32_t"};
    const char* suffixes[2] = {"_k", "_n"};
    for (int t = 0; t < 2; ++t) {
        if (columns[t].empty()) continue;
        s += std::string("static const ") + types[t] + " " + name + suffixes[t] + "[" + std::to_string(np) + "][" +
             std::to_string(columns[t].size()) + "] = {\n";
        for (size_t i = 0; i < np; ++i) {
            s += "  {";
            for (size_t c = 0; c < rows[t][i].size(); ++c) s += (c ? ", " : " ") + rows[t][i][c];
            s += " },\n";
        }
        s += "};\n";
    }
    g.has_k = !columns[0].empty();
    g.has_n = !columns[1].empty();
    s.reserve(s.size() + text.size());
    for (size_t i = 0; i < text.size();) {
        size_t token = text.find('\x01', i);
        if (token != i) {
            s.append(text, i, (token == std::string::npos ? text.size() : token) - i);
            if (token == std::string::npos) break;
        }
        size_t close = text.find('\x02', token);
        s += text[token + 1] == 'P' ? name : resolved[std::stoul(text.substr(token + 1, close - token - 1))];
        i = close + 1;
    }
    return s;
}

}  // namespace

std::string c_int64(int64_t v) {
    if (v == INT64_MIN) return "(-INT64_C(9223372036854775807) - 1)";
    return "INT64_C(" + std::to_string(v) + ")";
}

CSource emit_c(const check::Model& m, const std::vector<uint32_t>& decisions, const std::vector<PeriodProgram>& periods,
               const std::string& source_name, const EmitOptions& options) {
    CSource result;
    Statics statics;
    std::set<TypeId> eq_types;
    size_t nd = decisions.size();
    std::vector<std::string> reason(nd);
    // every period's program in the form that is the same for periods of the same structure
    std::vector<std::unique_ptr<CanonicalProgram>> canonical;
    for (const auto& period : periods) {
        std::vector<NodeId> roots;
        for (uint32_t rule : decisions) roots.push_back(period.program->rule_nodes[rule]);
        canonical.push_back(canonical_program(*period.program, roots));
    }
    // A decision compiles when its nodes do in every period; the code is one function per period
    // computing every compiled decision, so that what they share is computed once (and the file
    // stays small: a function per decision would repeat the shared rules in each).
    for (size_t p = 0; p < periods.size(); ++p) {
        const Program& prog = canonical[p]->program;
        Statics scratch;
        std::set<TypeId> scratch_types;
        ProgramEmitter probe(m, prog, &scratch, &scratch_types);
        for (size_t d = 0; d < nd; ++d) {
            if (!reason[d].empty()) continue;
            NodeId root = prog.rule_nodes[decisions[d]];
            try {
                if (root == kNoNode) throw Unsupported("the decision is not in the program");
                probe.function("probe", {root});
            } catch (const Unsupported& e) {
                reason[d] = e.what();
            }
        }
    }
    for (size_t d = 0; d < nd; ++d) {
        if (!reason[d].empty()) result.not_compiled.push_back(NotCompiled{decisions[d], reason[d]});
    }
    // every compiled decision at once, sharing what they have in common
    std::vector<size_t> compiled;
    for (size_t d = 0; d < nd; ++d) {
        if (reason[d].empty()) compiled.push_back(d);
    }
    // each period's functions, their names and sites as tokens: periods with the same text share them
    std::vector<StructureGroup> groups;
    std::map<std::string, size_t> group_of_text;
    std::vector<std::unique_ptr<std::string>> texts;  // the groups' texts
    std::vector<size_t> group_of(periods.size()), index_in_group(periods.size());
    std::vector<TypeId> types;
    for (size_t d : compiled) types.push_back(m.rules[decisions[d]].type);
    const std::string name = std::string(kNameToken);
    // a program's functions, named by the token, with its sites
    auto program_text = [&](const Program& prog, const std::vector<NodeId>* original, std::vector<Site>* sites) {
        ProgramEmitter pe(m, prog, &statics, &eq_types, original);
        pe.set_pieces_above(options.pieces_above);
        std::vector<NodeId> roots;
        for (size_t d : compiled) roots.push_back(prog.rule_nodes[decisions[d]]);
        std::string text = pe.function(name + "_all", roots, compiled);
        std::string strict = strict_program(text, name + "_all", name + "_strict");
        text += strict;
        text += pe.rows_function(name + "_rows", name + "_all", roots, compiled, types);
        // the fast path writes constants as they are: only a period's own program (not one of several
        // periods sharing a text, whose constants are the period's sites)
        FastRows fast;
        if (!original) fast = fast_rows(m, prog, roots, compiled, types, name + "_fast");
        text += fast.function;
        text += pe.rows_function(name + "_rows_dense", name + "_all", roots, compiled, types, name + "_rows",
                                 strict.empty() ? "" : name + "_strict", &fast);
        text += pe.values_function(name + "_values", name + "_all", roots, compiled, types);
        *sites = pe.sites();  // the row loops' too
        return text;
    };
    for (size_t p = 0; p < periods.size(); ++p) {
        std::vector<Site> sites;
        std::string text = program_text(canonical[p]->program, &canonical[p]->original, &sites);
        // the key: the text, and how each site reads its table (a slot's member is the text's too)
        std::string key = text + '\0';
        for (const Site& site : sites) key += site.table_text + '\0';
        auto [at, added] = group_of_text.emplace(std::move(key), groups.size());
        if (added) {
            texts.push_back(std::make_unique<std::string>(std::move(text)));
            groups.push_back(StructureGroup{texts.back().get(), {}, {}});
        }
        StructureGroup& g = groups[at->second];
        group_of[p] = at->second;
        index_in_group[p] = g.periods.size();
        g.periods.push_back(p);
        g.sites.push_back(std::move(sites));
    }
    // a period with a structure of its own is written from its own program, as the interpreter has
    // it (its constants shared between their users): the code of a single period does not change
    std::vector<std::string> alone(groups.size());
    for (size_t k = 0; k < groups.size(); ++k) {
        if (groups[k].periods.size() != 1) continue;
        const Program& prog = *periods[groups[k].periods[0]].program;
        std::vector<Site> sites;
        try {
            alone[k] = program_text(prog, nullptr, &sites);
        } catch (const Unsupported&) {
            continue;  // the canonical program's text is as good
        }
        groups[k].text = &alone[k];
        groups[k].sites[0] = std::move(sites);
    }
    std::string functions;
    for (size_t k = 0; k < groups.size(); ++k) functions += group_functions(groups[k], "g" + std::to_string(k));

    std::ostringstream s;
    s << "/* Generated by `tenet compile --emit c` from " << source_name << " (ruleset " << m.name << ").\n"
      << " * Do not edit: regenerate it. The API is described in docs/COMPILED.md of Tenet. A host that\n"
      << " * compiles this file separately gets its declarations with\n"
      << " *   #define TENET_DECLARATIONS_ONLY\n *   #include \"this-file.c\"  */\n";
    s << "#ifndef TENET_GENERATED_DECLARATIONS\n#define TENET_GENERATED_DECLARATIONS\n";
    s << c_types_text();
    s << "typedef tn_slot tenet_result;\n";
    s << "typedef struct { const void* values; const uint8_t* bools; int32_t scale; const uint8_t* present; int32_t "
         "width; } "
         "tenet_column;\n";
    s << "/* one decision's results over a batch (tenet/columns.hpp's OutputColumn): states[i] a TN_ROW_*;\n"
         " * bool: bools; int, money (whole cents): int64s; date, enum: int32s; decimal, percent:\n"
         " * numerators / denominators, or, where scaled is given, the value as an int64 count of\n"
         " * 10^-scale (0 <= scale <= 18; a percent in points, as tenet.h's columns: 2500 at scale 2 is\n"
         " * 25%), TN_ROW_INEXACT (value 0) where it is not whole at that scale or does not fit; lists and\n"
         " * records: the state only. states NULL: not written */\n";
    s << "typedef struct { uint8_t* states; uint8_t* bools; int64_t* int64s; int32_t* int32s; int64_t* numerators; "
         "int64_t* denominators; int64_t* scaled; int32_t scale; } tenet_output;\n";
    s << "#define TENET_FACTS " << m.facts.size() << "\n#define TENET_DECISIONS " << nd << "\n";
    s << "extern const char* const tenet_fact_paths[TENET_FACTS];\n";
    s << "extern const char* const tenet_decision_names[TENET_DECISIONS];\n";
    s << "extern const unsigned char tenet_decision_compiled[TENET_DECISIONS];\n";
    s << "tenet_ctx* tenet_ctx_new(void);\nvoid tenet_ctx_free(tenet_ctx* ctx);\nconst char* tenet_fault_text(int "
         "fault);\n";
    s << "int tenet_decide(tenet_ctx* ctx, int decision, const tn_value* facts, const uint8_t* states, tenet_result* "
         "out);\n";
    s << "/* all decisions: out[TENET_DECISIONS]; fallback[d] = 1 where the interpreter must evaluate it */\n";
    s << "int tenet_decide_all(tenet_ctx* ctx, const tn_value* facts, const uint8_t* states, tenet_result* out, "
         "uint8_t* fallback);\n";
    s << "/* columns in, a typed column per decision out (out[TENET_DECISIONS]); fallback[i] = 1 where the\n"
         " * interpreter must evaluate row i */\n";
    s << "size_t tenet_batch_all(tenet_ctx* ctx, const tenet_column* cols, size_t rows, tenet_output* out, uint8_t* "
         "fallback);\n";
    s << "/* row i of facts already converted (values[f][i] and states[f][i], fact f's column as a host\n"
         " * holds it: numbers as exact fractions), its results written into row i of the typed columns\n"
         " * out[TENET_DECISIONS] (states NULL: not written) and left in res[TENET_DECISIONS] until the\n"
         " * next call, where a list's or record's value is read; 1: the interpreter must evaluate row i */\n";
    s << "int tenet_row_values(tenet_ctx* ctx, const tn_value* const* values, const uint8_t* const* states, size_t i, "
         "tenet_output* out, tenet_result* res);\n";
    for (size_t d = 0; d < nd; ++d) {
        std::string id = identifier(m.rules[decisions[d]].name);
        s << "int tenet_decide_" << id
          << "(tenet_ctx* ctx, const tn_value* facts, const uint8_t* states, tenet_result* out);\n";
    }
    s << "#endif\n\n#ifndef TENET_DECLARATIONS_ONLY\n";
    s << c_runtime_text();
    s << "\n#define TN_STEP_BUDGET UINT64_C(" << compile::kMaxEvaluationSteps << ")\n";
    s << "static inline int64_t tn_pow10(int32_t scale) {\n  static const int64_t p[19] = {";
    int64_t p10 = 1;
    for (int i = 0; i <= 18; ++i) {
        s << (i ? ", " : " ") << c_int64(p10);
        if (i < 18) p10 *= 10;  // 10^19 does not fit
    }
    s << " };\n  return p[scale];\n}\n\n";
    s << "const char* const tenet_fact_paths[TENET_FACTS] = {";
    for (size_t f = 0; f < m.facts.size(); ++f) s << (f ? ", " : " ") << c_string(m.facts[f].path);
    s << " };\n";
    s << "const char* const tenet_decision_names[TENET_DECISIONS] = {";
    for (size_t d = 0; d < nd; ++d) s << (d ? ", " : " ") << c_string(m.rules[decisions[d]].name);
    if (nd == 0) s << " 0";
    s << " };\n";
    s << "const unsigned char tenet_decision_compiled[TENET_DECISIONS] = {";
    for (size_t d = 0; d < nd; ++d) s << (d ? ", " : " ") << (reason[d].empty() ? 1 : 0);
    if (nd == 0) s << " 0";
    s << " };\n";
    s << "tenet_ctx* tenet_ctx_new(void) { return (tenet_ctx*)calloc(1, sizeof(tenet_ctx)); }\n";
    s << "void tenet_ctx_free(tenet_ctx* ctx) { tn_block* b; if (!ctx) return; b = ctx->first; while (b) { tn_block* n "
         "= b->next; free(b); b = n; } free(ctx->frame); free(ctx); }\n";
    s << "const char* tenet_fault_text(int fault) {\n  switch (fault) {\n";
    for (int f = 0; f <= static_cast<int>(eval::Fault::TooManySteps); ++f) {
        s << "    case " << f << ": return " << c_string(eval::fault_message(static_cast<eval::Fault>(f))) << ";\n";
    }
    s << "  }\n  return \"error\";\n}\n\n";
    s << statics.text << "\n" << equality_functions(m, eq_types) << "\n" << functions;
    // per period: its group's function and the period's row of that group's tables
    size_t np = std::max<size_t>(periods.size(), 1);
    s << "static const int tn_group_of[" << np << "] = {";
    for (size_t p = 0; p < np; ++p) s << (p ? ", " : " ") << (p < periods.size() ? group_of[p] : 0);
    s << " };\nstatic const tn_slot* const tn_k_of[" << np << "] = {";
    for (size_t p = 0; p < np; ++p) {
        bool table = p < periods.size() && groups[group_of[p]].has_k;
        s << (p ? ", " : " ")
          << (table ? "g" + std::to_string(group_of[p]) + "_k[" + std::to_string(index_in_group[p]) + "]" : "0");
    }
    s << " };\nstatic const uint32_t* const tn_n_of[" << np << "] = {";
    for (size_t p = 0; p < np; ++p) {
        bool table = p < periods.size() && groups[group_of[p]].has_n;
        s << (p ? ", " : " ")
          << (table ? "g" + std::to_string(group_of[p]) + "_n[" + std::to_string(index_in_group[p]) + "]" : "0");
    }
    s << " };\n";

    // per decision: dispatch on the period of the case's as_of
    std::vector<uint32_t> list_facts;
    for (uint32_t f = 0; f < m.facts.size(); ++f) {
        if (m.types.kind(m.types.strip_optional(m.facts[f].type)) == TypeKind::List) list_facts.push_back(f);
    }
    // the periods' bounds and the period of a day (-1: none), for one case and for the batch's runs
    s << "static const int64_t tn_period_from[" << std::max<size_t>(periods.size(), 1) << "] = {";
    for (size_t p = 0; p < periods.size(); ++p) s << (p ? ", " : " ") << periods[p].from;
    s << (periods.empty() ? " 0 };\n" : " };\n");
    s << "static const int64_t tn_period_to[" << std::max<size_t>(periods.size(), 1) << "] = {";
    for (size_t p = 0; p < periods.size(); ++p) s << (p ? ", " : " ") << periods[p].to;
    s << (periods.empty() ? " 0 };\n" : " };\n");
    s << "static TN_INLINE int tn_period(int64_t day) {\n";
    if (!periods.empty())
        s << "  int p;\n  for (p = 0; p < " << periods.size()
          << "; ++p)\n    if (day >= tn_period_from[p] && day <= tn_period_to[p]) return p;\n";
    s << "  (void)day;\n  return -1;\n}\n";
    // all decisions of one case; fallback[d] = 1 for those the interpreter must evaluate
    s << "static int tn_decide_all(tenet_ctx* ctx, const tn_value* fv, const uint8_t* fs, tenet_result* out) {\n";
    s << "  int p;\n  if (fs[0] != TN_OK) return 1;\n";
    if (!list_facts.empty()) {
        s << "  { uint64_t elements = 0;";
        for (uint32_t f : list_facts) s << " if (fs[" << f << "] == TN_OK) elements += fv[" << f << "].list.size;";
        s << " if (elements > 1000) return 1; }\n";
    }
    s << "  tn_reset(ctx);\n  p = tn_period(fv[0].d);\n";
    // one call of each group's function, which the C compiler inlines
    s << "  switch (p < 0 ? -1 : tn_group_of[p]) {\n";
    for (size_t k = 0; k < groups.size(); ++k) {
        s << "    case " << k << ": { int r = g" << k
          << "_all(ctx, fv, fs, out, 1, tn_k_of[p], tn_n_of[p]); return r || ctx->out_of_memory; }\n";
    }
    s << "  }\n  (void)out;\n  return 1;\n}\n";
    // a case computed whole leaves the decisions the C does not compute: copied from a static array
    // (a loop over the exported tenet_decision_compiled reads it through the GOT at every step)
    s << "static const uint8_t tn_not_compiled[TENET_DECISIONS + 1] = {";
    for (size_t d = 0; d < nd; ++d) s << (d ? ", " : " ") << (reason[d].empty() ? 0 : 1);
    s << (nd ? " };\n" : " 0 };\n");
    s << "int tenet_decide_all(tenet_ctx* ctx, const tn_value* facts, const uint8_t* states, tenet_result* out, "
         "uint8_t* fallback) {\n"
      << "  int whole = tn_decide_all(ctx, facts, states, out);\n"
      << "  if (whole) memset(fallback, 1, TENET_DECISIONS); else memcpy(fallback, tn_not_compiled, TENET_DECISIONS);\n"
      << "  return whole;\n}\n";
    // the rows of a batch, run by run of rows whose as_of falls in the same period: a run stays in
    // one while its days keep within the period's bounds, with the as_of column's checks made once
    s << "size_t tenet_batch_all(tenet_ctx* ctx, const tenet_column* cols, size_t rows, tenet_output* out, uint8_t* "
         "fallback) {\n"
      << "  size_t i = 0, j, left = 0;\n"
      << "  const void* v0 = cols[0].values; int32_t w0 = cols[0].width; const uint8_t* p0 = cols[0].present;\n"
      << "  if (!v0 || !tn_width_ok(w0)) { for (i = 0; i < rows; ++i) fallback[i] = 1; return rows; }\n"
      << "  while (i < rows) {\n"
      << "    int p = p0 && !p0[i] ? -1 : tn_period(tn_col(v0, w0, i));\n"
      << "    if (p < 0) {\n"
      << "      for (j = i + 1; j < rows && ((p0 && !p0[j]) || tn_period(tn_col(v0, w0, j)) < 0); ++j) {}\n"
      << "    } else {\n"
      << "      int64_t from = tn_period_from[p], to = tn_period_to[p];\n"
      << "      if (!p0) j = tn_run_end(v0, w0, i + 1, rows, from, to);\n"
      << "      else for (j = i + 1; j < rows && p0[j]; ++j) {\n"
      << "        int64_t day = tn_col(v0, w0, j);\n"
      << "        if (day < from || day > to) break;\n"
      << "      }\n"
      << "    }\n"
      << "    switch (p < 0 ? -1 : tn_group_of[p]) {\n";
    for (size_t k = 0; k < groups.size(); ++k) {
        s << "      case " << k << ": left += g" << k
          << "_rows_dense(ctx, cols, i, j, out, fallback, tn_k_of[p], tn_n_of[p]); break;\n";
    }
    s << "      default: left += j - i; for (; i < j; ++i) fallback[i] = 1; break;\n"
      << "    }\n    i = j;\n  }\n  return left;\n}\n\n";
    // a row of converted facts: money as the batch reads it (whole cents), then its period's program
    s << "int tenet_row_values(tenet_ctx* ctx, const tn_value* const* values, const uint8_t* const* states, size_t i, "
         "tenet_output* out, tenet_result* res) {\n"
      << "  tn_value fv[TENET_FACTS]; uint8_t fs[TENET_FACTS];\n  size_t f;\n  int p;\n"
      << "  for (f = 0; f < TENET_FACTS; ++f) { fv[f] = values[f][i]; fs[f] = states[f][i]; }\n";
    for (size_t f = 0; f < m.facts.size(); ++f) {
        if (m.types.kind(m.types.strip_optional(m.facts[f].type)) != TypeKind::Money) continue;
        s << "  if (fs[" << f << "] == TN_OK && !tn_cents(fv[" << f << "].r, &fv[" << f << "].i)) return 1;\n";
    }
    s << "  if (fs[0] != TN_OK) return 1;\n  p = tn_period(fv[0].d);\n"
      << "  switch (p < 0 ? -1 : tn_group_of[p]) {\n";
    for (size_t k = 0; k < groups.size(); ++k)
        s << "    case " << k << ": return g" << k << "_values(ctx, fv, fs, i, out, res, tn_k_of[p], tn_n_of[p]);\n";
    s << "  }\n  (void)out; (void)res;\n  return 1;\n}\n\n";
    for (size_t d = 0; d < nd; ++d) {
        std::string id = identifier(m.rules[decisions[d]].name);
        s << "static int tn_decide_" << d
          << "(tenet_ctx* ctx, const tn_value* fv, const uint8_t* fs, tenet_result* out) {\n";
        if (!reason[d].empty()) {
            s << "  /* not compiled: " << reason[d]
              << " */\n  (void)ctx; (void)fv; (void)fs; (void)out;\n  return 1;\n}\n";
        } else {
            s << "  tenet_result all[TENET_DECISIONS + 1];\n  memset(all, 0, sizeof all);\n  if (tn_decide_all(ctx, "
                 "fv, fs, all)) return 1;\n  *out = all["
              << d << "];\n  return 0;\n}\n";
        }
        s << "int tenet_decide_" << id
          << "(tenet_ctx* ctx, const tn_value* facts, const uint8_t* states, tenet_result* out) {\n"
          << "  return tn_decide_" << d << "(ctx, facts, states, out);\n}\n";
    }
    s << "int tenet_decide(tenet_ctx* ctx, int decision, const tn_value* facts, const uint8_t* states, tenet_result* "
         "out) {\n  switch (decision) {\n";
    for (size_t d = 0; d < nd; ++d)
        s << "    case " << d << ": return tn_decide_" << d << "(ctx, facts, states, out);\n";
    s << "  }\n  (void)ctx; (void)facts; (void)states; (void)out;\n  return 1;\n}\n#endif\n";
    result.text = s.str();
    return result;
}

}  // namespace tenet::emit
