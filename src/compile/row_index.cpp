// Building a table's row index (see row_index.hpp).
#include "compile/row_index.hpp"

#include <algorithm>
#include <climits>

#include "compile/graph.hpp"

namespace tenet::compile {

namespace {

struct Interval {
    int64_t lo, hi;  // inclusive
    bool negate;     // `!= x`: everything but [lo, hi]
};

}  // namespace

void build_row_index(TableCall& call) {
    RowIndex& index = call.index;
    size_t cols = call.args.size(), rows = call.outputs.size();
    index.usable = rows <= 64;
    for (eval::ValueKind k : call.arg_kinds) {
        if (k != eval::ValueKind::Int && k != eval::ValueKind::Date && k != eval::ValueKind::Enum &&
            k != eval::ValueKind::Bool) {
            index.usable = false;
        }
    }
    if (!index.usable) return;
    index.all_rows = rows == 64 ? ~uint64_t{0} : (uint64_t{1} << rows) - 1;
    // each cell as intervals of keys
    std::vector<std::vector<std::vector<Interval>>> cells(rows, std::vector<std::vector<Interval>>(cols));
    for (size_t r = 0; r < rows; ++r) {
        for (size_t c = 0; c < cols; ++c) {
            eval::ValueKind k = call.arg_kinds[c];
            for (const auto& test : call.cells[r][c]) {
                using K = syntax::CellTest::Kind;
                Interval it{INT64_MIN, INT64_MAX, false};
                int64_t lo = test.has_low ? RowIndex::key(k, test.low) : 0;
                switch (test.kind) {
                    case K::Any: break;
                    case K::Equal: it.lo = it.hi = lo; break;
                    case K::NotEqual:
                        it.lo = it.hi = lo;
                        it.negate = true;
                        break;
                    // `< min` and `> max` match nothing: an empty interval, lo > hi
                    case K::Less:
                        if (lo == INT64_MIN) it = Interval{INT64_MAX, INT64_MIN, false};
                        else it.hi = lo - 1;
                        break;
                    case K::LessEq: it.hi = lo; break;
                    case K::Greater:
                        if (lo == INT64_MAX) it = Interval{INT64_MAX, INT64_MIN, false};
                        else it.lo = lo + 1;
                        break;
                    case K::GreaterEq: it.lo = lo; break;
                    case K::Range:
                        if (test.has_low) it.lo = lo;
                        if (test.has_high) it.hi = RowIndex::key(k, test.high);
                        break;
                }
                cells[r][c].push_back(it);
            }
        }
    }
    index.cuts.assign(cols, {});
    index.masks.assign(cols, {});
    index.dense.assign(cols, {});
    index.base.assign(cols, 0);
    for (size_t c = 0; c < cols; ++c) {
        std::vector<int64_t>& cuts = index.cuts[c];
        cuts.push_back(INT64_MIN);
        for (size_t r = 0; r < rows; ++r) {
            for (const Interval& it : cells[r][c]) {
                cuts.push_back(it.lo);
                if (it.hi != INT64_MAX) cuts.push_back(it.hi + 1);
            }
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        for (int64_t start : cuts) {
            uint64_t mask = 0;
            for (size_t r = 0; r < rows; ++r) {
                bool any = cells[r][c].empty();
                for (const Interval& it : cells[r][c]) {
                    bool in = start >= it.lo && start <= it.hi;
                    if (it.negate ? !in : in) any = true;
                }
                if (any) mask |= uint64_t{1} << r;
            }
            index.masks[c].push_back(mask);
        }
        // small domains (enums, booleans, years): a direct array instead of a search
        int64_t span;
        if (cuts.size() >= 2 && !__builtin_sub_overflow(cuts.back(), cuts[1], &span) && span <= 1024) {
            index.base[c] = cuts[1];
            for (int64_t k = cuts[1]; k <= cuts.back(); ++k) {
                size_t piece = static_cast<size_t>(std::upper_bound(cuts.begin(), cuts.end(), k) - cuts.begin()) - 1;
                index.dense[c].push_back(index.masks[c][piece]);
            }
        }
    }
}

}  // namespace tenet::compile
