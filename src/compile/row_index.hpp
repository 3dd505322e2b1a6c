// An index of a decision table's rows for integral inputs (int, date, enum, bool).
//
// Exports: RowIndex, build_row_index. Each input column's domain is cut where a row's cell
// starts or stops matching; within one piece every row matches or not, so a piece is a bit mask
// of rows, and the rows a case matches are the AND of its inputs' masks. Finding a case's row is
// then a few array lookups instead of comparing every cell. Built once, when the program is.
#pragma once

#include <cstdint>
#include <vector>

#include "value/value.hpp"

namespace tenet::compile {

struct TableCall;

struct RowIndex {
    bool usable = false;  // every input integral, at most 64 rows
    uint64_t all_rows = 0;
    std::vector<std::vector<int64_t>> cuts;    // per input: the first key of each piece (ascending)
    std::vector<std::vector<uint64_t>> masks;  // per input: the rows each piece matches
    std::vector<std::vector<uint64_t>> dense;  // per input with a small domain: key - base -> rows
    std::vector<int64_t> base;

    static int64_t key(eval::ValueKind k, const eval::Value& v) {
        switch (k) {
            case eval::ValueKind::Int: return v.i;
            case eval::ValueKind::Date: return v.d;
            case eval::ValueKind::Enum: return v.e;
            default: return v.b;
        }
    }

    // The rows input c's key matches.
    uint64_t rows(size_t c, int64_t key) const {
        const std::vector<uint64_t>& d = dense[c];
        if (!d.empty()) {
            // key - base in unsigned arithmetic: the keys of the extreme ints must not overflow
            if (key < base[c]) return masks[c][0];
            uint64_t k = static_cast<uint64_t>(key) - static_cast<uint64_t>(base[c]);
            return k >= d.size() ? masks[c].back() : d[static_cast<size_t>(k)];
        }
        const std::vector<int64_t>& cs = cuts[c];
        size_t lo = 0, hi = cs.size();  // the last cut <= key
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (cs[mid] <= key) lo = mid;
            else hi = mid;
        }
        return masks[c][lo];
    }
};

void build_row_index(TableCall& call);

}  // namespace tenet::compile
