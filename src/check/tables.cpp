// Decision-table analysis: every input column's domain is cut at the values its cells name, so
// that each piece ("atom") is matched by a cell entirely or not at all; every combination of
// atoms is then checked against the rows. Overlaps under `hit unique` are errors; gaps and rows
// that `hit first` never reaches are warnings (LANGUAGE.md §6).
#include <algorithm>
#include <optional>
#include <set>

#include "check/checker_impl.hpp"

namespace tenet::check {

using syntax::CellTest;
using syntax::Expr;
using syntax::ExprKind;

namespace {

// Above this many combinations the table is not analysed (a warning says so): a table that
// large is data, and its checks would cost more than its author would wait for. Listed in
// LANGUAGE.md §12.
constexpr size_t kMaxCombinations = 200000;

struct Column {
    TypeKind kind;
    bool integral;                       // int and date: no values between n and n + 1
    std::vector<util::Rational> points;  // sorted boundary values (ordered types)
    size_t enum_size = 0;
    // atom i: even i = open interval below points[i/2] (or above the last), odd i = the point
    std::vector<util::Rational> sample;  // a representative value per atom
    std::vector<std::string> label;
};

bool literal_value(const Model& m, const Expr* e, util::Rational* out) {
    bool negative = false;
    if (e->kind == ExprKind::Unary && e->op == syntax::Op::Neg) {
        negative = true;
        e = e->args[0].get();
    }
    util::Rational r;
    switch (e->kind) {
        case ExprKind::IntLit:
        case ExprKind::DecimalLit:
        case ExprKind::MoneyLit:
            if (!util::parse_decimal(e->text, &r, nullptr)) return false;
            break;
        case ExprKind::PercentLit:
            if (!util::parse_decimal(e->text, &r, nullptr) || !util::div(r, util::Rational::of(100), &r)) return false;
            break;
        case ExprKind::DateLit: {
            util::Days d;
            if (e->text == "forever") d = util::kForever;
            else if (!util::parse_iso_date(e->text, &d)) return false;
            r = util::Rational::of(d);
            break;
        }
        case ExprKind::BoolLit: r = util::Rational::of(e->text == "true" ? 1 : 0); break;
        case ExprKind::Name:
        case ExprKind::Field: {
            auto it = m.info.find(e);
            if (it == m.info.end() || it->second.ref != RefKind::EnumValue) return false;
            r = util::Rational::of(it->second.index2);
            break;
        }
        default: return false;
    }
    if (negative && !util::neg(r, &r)) return false;
    *out = r;
    return true;
}

std::string show(const Model& m, TypeId type, util::Rational v) {
    const TypeTable& T = m.types;
    switch (T.kind(type)) {
        case TypeKind::Date: return util::format_iso_date(static_cast<util::Days>(v.num));
        case TypeKind::Money: return "$" + util::to_decimal_string(v, 2);
        case TypeKind::Percent: {
            util::Rational p;
            util::mul(v, util::Rational::of(100), &p);
            return util::to_decimal_string(p) + "%";
        }
        case TypeKind::Bool: return v.num ? "true" : "false";
        case TypeKind::Enum: return m.enums[T.get(type).ref].values[static_cast<size_t>(v.num)];
        default: return util::to_decimal_string(v);
    }
}

bool test_matches(const CellTest& t, const std::vector<util::Rational>& lits, util::Rational v) {
    using K = CellTest::Kind;
    int c = lits.empty() ? 0 : util::compare(v, lits[0]);
    switch (t.kind) {
        case K::Any: return true;
        case K::Equal: return c == 0;
        case K::NotEqual: return c != 0;
        case K::Less: return c < 0;
        case K::LessEq: return c <= 0;
        case K::Greater: return c > 0;
        case K::GreaterEq: return c >= 0;
        case K::Range: {
            size_t k = 0;
            if (t.value && util::compare(v, lits[k++]) < 0) return false;
            if (t.high && util::compare(v, lits[k]) > 0) return false;
            return true;
        }
    }
    return false;
}

// The values the calls of table `ti` can pass in input `c`, when every call passes a fact
// declared `in LO..HI` there (`limit(household.size)`): the smallest range holding all those
// ranges, and the facts it came from. An end is absent when some call leaves it open, and the
// whole range when some call passes anything else (a computed value, a function's parameter).
struct CallRange {
    Bound low, high;
    std::string facts;  // "household.size", for the gap warning
};

CallRange range_of_calls(const Model& m, uint32_t ti, size_t c) {
    CallRange out;
    bool any_call = false, bounded_low = true, bounded_high = true;
    auto is_date = m.types.kind(m.tables[ti].inputs[c].type) == TypeKind::Date;
    auto less = [&](const Bound& a, const Bound& b) {
        return is_date ? a.date < b.date : util::compare(a.number, b.number) < 0;
    };
    std::set<std::string> facts;
    for (const auto& [e, info] : m.info) {
        if (info.ref != RefKind::Table || info.index != ti || e->kind != ExprKind::Call || c >= e->args.size())
            continue;
        any_call = true;
        auto arg = m.info.find(e->args[c].get());
        if (arg == m.info.end() || arg->second.ref != RefKind::Fact) return CallRange{};
        const FactInfo& f = m.facts[arg->second.index];
        if (!f.low.present && !f.high.present) return CallRange{};
        facts.insert(f.path);
        bounded_low = bounded_low && f.low.present;
        bounded_high = bounded_high && f.high.present;
        if (f.low.present && (!out.low.present || less(f.low, out.low))) out.low = f.low;
        if (f.high.present && (!out.high.present || less(out.high, f.high))) out.high = f.high;
    }
    if (!any_call) return CallRange{};
    if (!bounded_low) out.low = Bound{};
    if (!bounded_high) out.high = Bound{};
    for (const auto& f : facts) out.facts += (out.facts.empty() ? "`" : ", `") + f + "`";
    return out;
}

}  // namespace

void Checker::analyse_table(uint32_t ti) {
    const TableInfo& t = m_->tables[ti];
    const syntax::Decl& d = *t.origin.decl;
    const TypeTable& T = m_->types;
    size_t ncols = t.inputs.size();
    size_t nrows = d.rows.size();
    if (nrows == 0) return;

    // literal values of every test, per row and column
    std::vector<std::vector<std::vector<std::vector<util::Rational>>>> lits(nrows);
    std::vector<Column> cols(ncols);
    for (size_t c = 0; c < ncols; ++c) {
        TypeKind k = T.kind(t.inputs[c].type);
        cols[c].kind = k;
        cols[c].integral = k == TypeKind::Int || k == TypeKind::Date;
        if (k == TypeKind::Enum) cols[c].enum_size = m_->enums[T.get(t.inputs[c].type).ref].values.size();
        if (k == TypeKind::Bool) cols[c].enum_size = 2;
    }
    for (size_t r = 0; r < nrows; ++r) {
        const auto& row = d.rows[r];
        if (row.inputs.size() != ncols) return;  // already reported
        lits[r].resize(ncols);
        for (size_t c = 0; c < ncols; ++c) {
            for (const auto& test : row.inputs[c].tests) {
                std::vector<util::Rational> vs;
                for (const Expr* e : {test.value.get(), test.high.get()}) {
                    if (!e) continue;
                    util::Rational v;
                    if (!literal_value(*m_, e, &v)) return;  // reported by check_table
                    vs.push_back(v);
                    cols[c].points.push_back(v);
                }
                lits[r][c].push_back(vs);
            }
        }
    }

    // an input's declared range (`size: int in 1..30`) bounds the values the rows must cover:
    // its ends are points, and the atoms outside them are dropped below
    // when the input declares none, every call passing a fact with a declared range
    // (`household.size: int in 1..30`) bounds it the same way
    std::vector<std::pair<std::optional<util::Rational>, std::optional<util::Rational>>> domain(ncols);
    std::string range_facts;  // the facts whose ranges bound some input, for the gap warning
    for (size_t c = 0; c < ncols; ++c) {
        bool date = cols[c].kind == TypeKind::Date;
        if (cols[c].enum_size) continue;
        auto end_of = [&](const Bound& b) -> std::optional<util::Rational> {
            if (!b.present) return std::nullopt;
            return date ? util::Rational::of(b.date) : b.number;
        };
        std::pair<Bound, Bound> range = c < t.input_ranges.size() ? t.input_ranges[c] : std::pair<Bound, Bound>{};
        if (!range.first.present && !range.second.present) {
            CallRange calls = range_of_calls(*m_, ti, c);
            range = {calls.low, calls.high};
            if (calls.low.present || calls.high.present) range_facts += (range_facts.empty() ? "" : ", ") + calls.facts;
        }
        domain[c] = {end_of(range.first), end_of(range.second)};
        for (const auto& end : {domain[c].first, domain[c].second}) {
            if (end) cols[c].points.push_back(*end);
        }
    }

    // atoms per column
    for (size_t c = 0; c < ncols; ++c) {
        Column& col = cols[c];
        TypeId type = t.inputs[c].type;
        if (col.enum_size) {
            for (size_t v = 0; v < col.enum_size; ++v) {
                col.sample.push_back(util::Rational::of(static_cast<int64_t>(v)));
                col.label.push_back("= " + show(*m_, type, util::Rational::of(static_cast<int64_t>(v))));
            }
            continue;
        }
        auto& p = col.points;
        std::sort(p.begin(), p.end(), [](util::Rational a, util::Rational b) { return util::compare(a, b) < 0; });
        p.erase(std::unique(p.begin(), p.end()), p.end());
        if (p.empty()) {
            col.sample.push_back(util::Rational::of(0));
            col.label.push_back("(any value)");
            continue;
        }
        util::Rational one = util::Rational::of(1);
        for (size_t i = 0; i <= p.size(); ++i) {
            // the open interval below p[i] (or above the last point)
            util::Rational lo, hi, s;
            bool has_lo = i > 0, has_hi = i < p.size();
            if (has_lo) lo = p[i - 1];
            if (has_hi) hi = p[i];
            bool empty = false;
            std::string label;
            if (!has_lo) {
                util::sub(hi, one, &s);
                label = "< " + show(*m_, type, hi);
            } else if (!has_hi) {
                util::add(lo, one, &s);
                label = "> " + show(*m_, type, lo);
            } else if (col.integral) {
                util::Rational gap;
                util::sub(hi, lo, &gap);
                empty = util::compare(gap, one) <= 0;
                util::add(lo, one, &s);
                util::Rational last;
                util::sub(hi, one, &last);
                label = s == last ? "= " + show(*m_, type, s) : show(*m_, type, s) + ".." + show(*m_, type, last);
            } else {
                util::add(lo, hi, &s);
                util::div(s, util::Rational::of(2), &s);
                label = "between " + show(*m_, type, lo) + " and " + show(*m_, type, hi);
            }
            if (!empty) {
                col.sample.push_back(s);
                col.label.push_back(label);
            }
            if (has_hi) {
                col.sample.push_back(hi);
                col.label.push_back("= " + show(*m_, type, hi));
            }
        }
        const auto& [low, high] = domain[c];
        size_t kept = 0;
        for (size_t k = 0; k < col.sample.size(); ++k) {
            if ((low && util::compare(col.sample[k], *low) < 0) || (high && util::compare(col.sample[k], *high) > 0))
                continue;
            col.sample[kept] = col.sample[k];
            col.label[kept++] = col.label[k];
        }
        col.sample.resize(kept);
        col.label.resize(kept);
    }

    size_t combos = 1;
    for (const auto& col : cols) {
        combos *= col.sample.size();
        if (combos > kMaxCombinations) {
            sink_->warning(d.name_span,
                           "table `" + t.name + "` has more than " + std::to_string(kMaxCombinations) +
                               " input combinations (the limit of table analysis); overlaps, gaps and unreachable rows "
                               "were not checked");
            return;
        }
    }

    auto row_matches = [&](size_t r, const std::vector<size_t>& at) {
        for (size_t c = 0; c < ncols; ++c) {
            const auto& cell = d.rows[r].inputs[c];
            if (cell.tests.empty()) continue;
            bool any = false;
            for (size_t k = 0; k < cell.tests.size() && !any; ++k) {
                any = test_matches(cell.tests[k], lits[r][c][k], cols[c].sample[at[c]]);
            }
            if (!any) return false;
        }
        return true;
    };
    auto describe = [&](const std::vector<size_t>& at) {
        std::string s;
        for (size_t c = 0; c < ncols; ++c) {
            s += (c ? ", " : "") + t.inputs[c].name + " " + cols[c].label[at[c]];
        }
        return s;
    };

    std::vector<size_t> at(ncols, 0);
    std::vector<bool> reached(nrows, false);
    std::set<std::pair<size_t, size_t>> overlaps;
    std::vector<std::string> gaps;
    size_t gap_count = 0;
    for (size_t n = 0; n < combos; ++n) {
        size_t first = nrows;
        for (size_t r = 0; r < nrows; ++r) {
            if (!row_matches(r, at)) continue;
            if (first == nrows) {
                first = r;
                reached[r] = true;
            } else if (d.hit == syntax::HitPolicy::Unique && overlaps.insert({first, r}).second) {
                sink_->error(d.rows[r].span, "rows " + std::to_string(first + 1) + " and " + std::to_string(r + 1) +
                                                 " of table `" + t.name + "` overlap: both match " + describe(at) +
                                                 " (the table is `hit unique`)");
            } else if (d.hit == syntax::HitPolicy::Collect) {
                reached[r] = true;
            }
        }
        if (first == nrows) {
            ++gap_count;
            if (gaps.size() < 3) gaps.push_back(describe(at));
        }
        for (size_t c = ncols; c-- > 0;) {
            if (++at[c] < cols[c].sample.size()) break;
            at[c] = 0;
        }
    }
    if (gap_count && d.hit != syntax::HitPolicy::Collect) {  // collect: no row is an empty list
        std::string msg = "table `" + t.name + "` has no row for " + gaps[0];
        for (size_t g = 1; g < gaps.size(); ++g) msg += "; nor for " + gaps[g];
        if (gap_count > gaps.size()) msg += " (and " + std::to_string(gap_count - gaps.size()) + " more combinations)";
        msg += ": such inputs leave the decision unresolved";
        if (!range_facts.empty()) msg += " (checked within the declared range of " + range_facts + ")";
        sink_->warning(d.name_span, msg);
        for (const auto& input : t.inputs) enum_extension_note(input.type);  // values a layer added
    }
    if (d.hit == syntax::HitPolicy::First) {
        for (size_t r = 0; r < nrows; ++r) {
            if (!reached[r]) {
                sink_->warning(d.rows[r].span, "row " + std::to_string(r + 1) + " of table `" + t.name +
                                                   "` is never used: rows above it match every input it matches");
            }
        }
    }
}

}  // namespace tenet::check
