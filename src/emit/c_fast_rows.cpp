// The dense batch's fast path (c_fast_rows.hpp): a program's happy path as int64 selects.
#include "emit/c_fast_rows.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <utility>

#include "compile/ops.hpp"
#include "emit/c_emitter.hpp"
#include "syntax/operators.hpp"

namespace tenet::emit {

using check::Builtin;
using check::TypeId;
using check::TypeKind;
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

// A node the fast path does not write: the program gets none.
struct NotFast : std::runtime_error {
    using std::runtime_error::runtime_error;
};

constexpr uint64_t kUnbounded = UINT64_MAX;
constexpr int kMaxScale = 18;
// TN_FX_DIV divides through a double where the vector unit has no integer division: exact up to here
constexpr int64_t kExactInDouble = int64_t{1} << 52;
// numbers read from decimal and percent columns: hundredths (a percent's points in hundredths)
constexpr int kDecimalScale = 2, kPercentScale = 4, kMoneyScale = 2;

int64_t pow10(int e) {
    int64_t p = 1;
    while (e-- > 0) p *= 10;
    return p;
}

// r as an integer count of 10^-s, s exactly `scale`; false when it is not one or does not fit.
bool at_scale(const util::Rational& r, int scale, int64_t* value) {
    if (scale < 0 || scale > kMaxScale || r.den <= 0) return false;
    __int128 n = static_cast<__int128>(r.num) * pow10(scale);
    if (n % r.den != 0) return false;
    __int128 v = n / r.den;
    if (v > INT64_MAX || v < INT64_MIN) return false;
    *value = static_cast<int64_t>(v);
    return true;
}

// The smallest scale at which r is whole.
int scale_of(const util::Rational& r) {
    int64_t v = 0;
    for (int s = 0; s <= kMaxScale; ++s) {
        if (at_scale(r, s, &v)) return s;
    }
    throw NotFast("a number with more than 18 decimals");
}

uint64_t magnitude(int64_t v) { return v < 0 ? uint64_t{0} - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); }

uint64_t bound_sum(uint64_t a, uint64_t b) {
    if (a == kUnbounded || b == kUnbounded || a > static_cast<uint64_t>(INT64_MAX) - b) return kUnbounded;
    return a + b;
}

uint64_t bound_product(uint64_t a, uint64_t b) {
    if (a == kUnbounded || b == kUnbounded) return kUnbounded;
    if (a != 0 && b > static_cast<uint64_t>(INT64_MAX) / a) return kUnbounded;
    return a * b;
}

// An operand brought to a scale: its value, the test that the scaling overflowed ("" when it
// cannot), and its bound.
struct Scaled {
    std::string value, overflow;
    uint64_t bound;
};

class FastEmitter {
public:
    FastEmitter(const check::Model& m, const Program& p) : m_(m), p_(p), info_(p.nodes.size()) {}

    FastRows emit(const std::vector<NodeId>& roots, const std::vector<size_t>& outputs,
                  const std::vector<TypeId>& types, const std::string& name) {
        FastRows out;
        out.prologue = "    int fast = TN_FAST_PATH";
        for (size_t d : outputs) out.prologue += " && os" + std::to_string(d);
        out.prologue += ";\n";
        std::vector<std::vector<size_t>> parts = independent_parts(roots);
        for (size_t part = 0; part < parts.size(); ++part) {
            // each part is written afresh: a constant two parts read is defined in both
            info_.assign(p_.nodes.size(), Info{});
            facts_.clear();
            body_.clear();
            std::vector<NodeId> part_roots;
            std::vector<size_t> part_outputs;
            std::vector<TypeId> part_types;
            for (size_t r : parts[part]) {
                part_roots.push_back(roots[r]);
                part_outputs.push_back(outputs[r]);
                part_types.push_back(types[r]);
            }
            for (NodeId r : part_roots) visit(r);
            Facts f = facts();
            out.prologue += f.prologue;
            std::string fn = parts.size() == 1 ? name : name + "_" + std::to_string(part);
            // the first part's flags are the row's; the others' are added to them
            std::string mark = part == 0 ? "        bad[k] = (uint8_t)row;\n" : "        bad[k] |= (uint8_t)row;\n";
            auto function = [&](const std::string& called, const Outputs& o) {
                return "TN_FAST_BEGIN\nstatic TN_NOINLINE size_t " + called + "(size_t n" + f.params + o.params +
                       ", uint8_t* TN_RESTRICT bad) {\n    size_t k, flagged = 0;\n    for (k = 0; k < n; ++k) {\n" +
                       body_ + "        int64_t row = " + o.row_bad +
                       ";\n        uint8_t st = (uint8_t)(row * TN_ROW_ERROR);\n" + o.stores + mark +
                       "        flagged += (size_t)row;\n    }\n    return flagged;\n}\nTN_FAST_END\n\n";
            };
            auto call = [&](const std::string& called, const Outputs& o) {
                return "flagged += " + called + "(blk1 - blk0" + f.arguments + o.arguments + ", fallback + blk0);\n";
            };
            // (what a store adds to the body, cents, is added for each way of storing)
            const std::string body = body_;
            Outputs fractions = stores(part_roots, part_outputs, part_types, false);
            out.function += function(fn, fractions);
            FastPass pass;
            for (uint32_t fact : facts_) {
                if (fact_kind(fact) != TypeKind::Bool) pass.widened.push_back(fact);
            }
            pass.call = "       " + call(fn, fractions);
            if (!fractions.numbers.empty()) {
                // decimals and percents as the host asked: all fractions, or all integers at its scales
                body_ = body;
                Outputs scaled = stores(part_roots, part_outputs, part_types, true);
                out.function += function(fn + "_scaled", scaled);
                std::string all = "1", any = "0";
                for (const std::string& d : fractions.numbers) all += " && sv" + d, any += " || sv" + d;
                out.prologue += "    const int scaled_" + fn + " = " + all + ";\n    if (!scaled_" + fn + " && (" +
                                any + ")) fast = 0;\n" + scaled.prologue;
                pass.call = "       if (scaled_" + fn + ") " + call(fn + "_scaled", scaled) + "       else " +
                            call(fn, fractions);
            }
            out.passes.push_back(std::move(pass));
        }
        return out;
    }

private:
    struct Info {
        bool done = false;
        int scale = 0;                 // a number's: its value is an integer count of 10^-scale
        uint64_t bound = kUnbounded;   // the largest magnitude of its value (as written), where known
        const Cell* record = nullptr;  // a constant record's cells
        bool record_table = false;     // a table whose rows' outcomes are constant records
    };

    // ---- the walk ----
    NodeId value_node(NodeId x) const { return p_.value_node(x); }
    static std::string var(NodeId x) { return "x" + std::to_string(x); }
    static std::string flag(NodeId x) { return "bad" + std::to_string(x); }

    // Every node `root` needs, operands first (an explicit stack: a program may be deep).
    void visit(NodeId root) {
        std::vector<std::pair<NodeId, bool>> stack{{value_node(root), false}};
        while (!stack.empty()) {
            auto [n, expanded] = stack.back();
            stack.pop_back();
            if (info_[n].done) continue;
            if (expanded) {
                node(n);
                info_[n].done = true;
                continue;
            }
            stack.emplace_back(n, true);
            p_.for_each_operand(n, [&](NodeId y) {
                if (y != kNoNode && !info_[value_node(y)].done) stack.emplace_back(value_node(y), false);
            });
        }
    }

    // The roots (their indices) in groups that share no node but constants: a fact or a rule read
    // by two decisions puts them in one group. In the order of their first root.
    std::vector<std::vector<size_t>> independent_parts(const std::vector<NodeId>& roots) const {
        std::vector<size_t> group(roots.size());
        for (size_t r = 0; r < roots.size(); ++r) group[r] = r;
        auto find = [&](size_t r) {
            while (group[r] != r) r = group[r] = group[group[r]];
            return r;
        };
        constexpr size_t kUnseen = SIZE_MAX;
        std::vector<size_t> reached_by(p_.nodes.size(), kUnseen), fact_reached_by(m_.facts.size(), kUnseen);
        for (size_t r = 0; r < roots.size(); ++r) {
            std::vector<NodeId> stack{value_node(roots[r])};
            while (!stack.empty()) {
                NodeId n = stack.back();
                stack.pop_back();
                const Node& node = p_.nodes[n];
                if (node.op == Op::Const) continue;
                // (a fact is one column however many nodes read it)
                size_t& first = node.op == Op::Fact ? fact_reached_by[node.aux] : reached_by[n];
                if (first != kUnseen) {
                    size_t a = find(first), b = find(r);
                    if (a != b) group[std::max(a, b)] = std::min(a, b);
                    continue;
                }
                first = r;
                p_.for_each_operand(n, [&](NodeId y) {
                    if (y != kNoNode) stack.push_back(value_node(y));
                });
            }
        }
        std::vector<std::vector<size_t>> parts;
        std::vector<size_t> part_of(roots.size(), kUnseen);
        for (size_t r = 0; r < roots.size(); ++r) {
            size_t g = find(r);
            if (part_of[g] == kUnseen) {
                part_of[g] = parts.size();
                parts.emplace_back();
            }
            parts[part_of[g]].push_back(r);
        }
        return parts;
    }

    void line(const std::string& s) { body_ += "        " + s + "\n"; }
    void define(NodeId id, const std::string& value, const std::string& bad) {
        // (a value a lazy operand holds may go unread: `otherwise`'s default where the fact is given)
        line("int64_t " + var(id) + " = " + value + "; int64_t " + flag(id) + " = " + bad + "; (void)" + var(id) +
             "; (void)" + flag(id) + ";");
    }

    TypeKind fact_kind(uint32_t f) const { return m_.types.kind(m_.types.strip_optional(m_.facts[f].type)); }

    Scaled scaled(NodeId y, int to) {
        y = value_node(y);
        const Info& in = info_[y];
        int by = to - in.scale;
        if (by < 0 || to > kMaxScale) throw NotFast("a number beyond 18 decimals");
        if (by == 0) return Scaled{var(y), "", in.bound};
        int64_t factor = pow10(by), limit = INT64_MAX / factor;
        Scaled s{"(int64_t)((uint64_t)" + var(y) + " * (uint64_t)" + c_int64(factor) + ")", "", kUnbounded};
        if (in.bound != kUnbounded && in.bound <= static_cast<uint64_t>(limit)) {
            s.bound = in.bound * static_cast<uint64_t>(factor);
        } else {
            s.overflow = "(" + var(y) + " > " + c_int64(limit) + ") | (" + var(y) + " < " + c_int64(-limit) + ")";
        }
        return s;
    }
    int scale(NodeId y) const { return info_[value_node(y)].scale; }
    uint64_t bound(NodeId y) const { return info_[value_node(y)].bound; }
    static std::string joined(std::string bad, const Scaled& s) {
        return s.overflow.empty() ? bad : bad + " | " + s.overflow;
    }

    // The kinds the fast path holds as one int64: a number at its scale, a date's day, an enum's index.
    static bool scalar(ValueKind k) {
        return k == ValueKind::Bool || k == ValueKind::Int || k == ValueKind::Number || k == ValueKind::Date ||
               k == ValueKind::Enum;
    }
    // A constant of kind k at `scale` (numbers), and its magnitude.
    std::pair<std::string, uint64_t> constant(ValueKind k, const Value& v, int at) {
        int64_t x = 0;
        switch (k) {
            case ValueKind::Bool: x = v.b ? 1 : 0; break;
            case ValueKind::Int: x = v.i; break;
            case ValueKind::Date: x = v.d; break;
            case ValueKind::Enum: x = v.e; break;
            case ValueKind::Number:
                if (!at_scale(v.r, at, &x)) throw NotFast("a constant that does not fit its scale");
                break;
            default: throw NotFast("a constant of this kind");
        }
        return {c_int64(x), magnitude(x)};
    }

    // ---- one node ----
    void node(NodeId id) {
        const Node& n = p_.nodes[id];
        Info& me = info_[id];
        if (n.optional && n.op != Op::Fact) throw NotFast("an optional value");
        if (n.vk == ValueKind::Record) return record(id);
        if (!scalar(n.vk)) throw NotFast("a value of this kind");
        switch (n.op) {
            case Op::Const: {
                if (p_.constant_states[n.aux] != State::Ok) throw NotFast("a constant that is not Ok");
                const Value& v = p_.constants[n.aux];
                if (n.vk == ValueKind::Number) me.scale = scale_of(v.r);
                auto [text, size] = constant(n.vk, v, me.scale);
                me.bound = size;
                return define(id, text, "0");
            }
            case Op::Fact: return fact(id);
            case Op::Add:
            case Op::Sub: {
                int to = std::max(scale(n.a), scale(n.b));
                Scaled a = scaled(n.a, to), b = scaled(n.b, to);
                me.scale = to;
                me.bound = bound_sum(a.bound, b.bound);
                std::string bad = joined(joined(flag(value_node(n.a)) + " | " + flag(value_node(n.b)), a), b);
                std::string r =
                    "(int64_t)((uint64_t)" + a.value + (n.op == Op::Add ? " + " : " - ") + "(uint64_t)" + b.value + ")";
                define(id, r, bad);
                if (me.bound == kUnbounded) {
                    // the sign rules of a wrapped sum (difference): its operands agreed, and it does not
                    std::string test =
                        n.op == Op::Add
                            ? "(((" + a.value + ") ^ " + var(id) + ") & ((" + b.value + ") ^ " + var(id) + ")) < 0"
                            : "(((" + a.value + ") ^ (" + b.value + ")) & ((" + a.value + ") ^ " + var(id) + ")) < 0";
                    line(flag(id) + " |= " + test + ";");
                }
                return;
            }
            case Op::Mul: {
                me.scale = scale(n.a) + scale(n.b);
                if (me.scale > kMaxScale) throw NotFast("a product beyond 18 decimals");
                std::string a = var(value_node(n.a)), b = var(value_node(n.b));
                std::string bad = flag(value_node(n.a)) + " | " + flag(value_node(n.b));
                uint64_t ba = bound(n.a), bb = bound(n.b);
                me.bound = bound_product(ba, bb);
                if (me.bound != kUnbounded)
                    return define(id, "(int64_t)((uint64_t)" + a + " * (uint64_t)" + b + ")", bad);
                if (bb != kUnbounded || ba != kUnbounded) {
                    // one side's bound: the other's magnitude at most INT64_MAX / bound is a product that fits
                    bool b_known = bb != kUnbounded;
                    uint64_t known = b_known ? bb : ba;
                    std::string other = b_known ? a : b;
                    int64_t limit = known == 0 ? INT64_MAX : static_cast<int64_t>(INT64_MAX / known);
                    return define(id, "(int64_t)((uint64_t)" + a + " * (uint64_t)" + b + ")",
                                  bad + " | (" + other + " > " + c_int64(limit) + ") | (" + other + " < " +
                                      c_int64(-limit) + ")");
                }
                line("int64_t " + var(id) + "; int64_t " + flag(id) + " = " + bad + " | __builtin_mul_overflow(" + a +
                     ", " + b + ", &" + var(id) + ");");
                return;
            }
            case Op::Neg: {
                me.scale = scale(n.a);
                me.bound = bound(n.a);
                std::string a = var(value_node(n.a));
                return define(id, "(int64_t)((uint64_t)0 - (uint64_t)" + a + ")",
                              flag(value_node(n.a)) + (me.bound == kUnbounded ? " | (" + a + " == INT64_MIN)" : ""));
            }
            case Op::IntToNumber:
                me.scale = 0;
                me.bound = bound(n.a);
                return define(id, var(value_node(n.a)), flag(value_node(n.a)));
            case Op::Compare: return compare(id);
            case Op::Not: me.bound = 1; return define(id, "(" + var(value_node(n.a)) + " == 0)", flag(value_node(n.a)));
            case Op::And:
            case Op::Or: {
                // the right side counts only where the left does not decide (Kleene, and it is lazy)
                std::string a = var(value_node(n.a)), b = var(value_node(n.b));
                std::string decides = n.op == Op::And ? a : "(" + a + " ^ 1)";
                me.bound = 1;
                return define(id, a + (n.op == Op::And ? " & " : " | ") + b,
                              flag(value_node(n.a)) + " | (" + decides + " & " + flag(value_node(n.b)) + ")");
            }
            case Op::If: {
                int to = n.vk == ValueKind::Number ? std::max(scale(n.b), scale(n.c)) : 0;
                Scaled b = scaled_any(n.b, to), c = scaled_any(n.c, to);
                me.scale = to;
                me.bound = std::max(b.bound, c.bound);
                std::string cond = var(value_node(n.a));
                return define(id, "TN_PICK(" + cond + ", " + b.value + ", " + c.value + ")",
                              flag(value_node(n.a)) + " | TN_PICK(" + cond + ", " + joined(flag(value_node(n.b)), b) +
                                  ", " + joined(flag(value_node(n.c)), c) + ")");
            }
            case Op::IsPresent:
                // in the dense batch every fact is given, and nothing here is ever none
                me.bound = 1;
                return define(id, "1", flag(value_node(n.a)));
            case Op::Otherwise:
                me.scale = scale(n.a);
                me.bound = bound(n.a);
                return define(id, var(value_node(n.a)), flag(value_node(n.a)));
            case Op::Field: return field(id);
            case Op::Builtin: return builtin(id);
            case Op::Limit: return limit(id);
            case Op::Table: return table(id);
            default: throw NotFast("an operation the fast path does not write");
        }
    }

    // An operand of a select, at `to` where it is a number.
    Scaled scaled_any(NodeId y, int to) {
        if (p_.nodes[value_node(y)].vk == ValueKind::Number) return scaled(y, to);
        return Scaled{var(value_node(y)), "", bound(y)};
    }

    void fact(NodeId id) {
        const Node& n = p_.nodes[id];
        Info& me = info_[id];
        uint32_t f = n.aux;
        facts_.insert(f);
        std::string k = std::to_string(f);
        switch (fact_kind(f)) {
            case TypeKind::Bool: me.bound = 1; return define(id, "(int64_t)(b" + k + "[k] != 0)", "0");
            case TypeKind::Int:
            case TypeKind::Enum: return define(id, "c" + k + "[k]", "0");
            case TypeKind::Date: return define(id, "c" + k + "[k]", "(c" + k + "[k] == none" + k + ")");  // absent
            case TypeKind::Money: me.scale = kMoneyScale; return define(id, "c" + k + "[k]", "0");
            case TypeKind::Decimal:
            case TypeKind::Percent:
                me.scale = fact_kind(f) == TypeKind::Decimal ? kDecimalScale : kPercentScale;
                return define(id, "(int64_t)((uint64_t)c" + k + "[k] * (uint64_t)fm" + k + ")",
                              "(c" + k + "[k] > fl" + k + ") | (c" + k + "[k] < -fl" + k + ")");
            default: throw NotFast("a fact of this kind");
        }
    }

    void compare(NodeId id) {
        const Node& n = p_.nodes[id];
        ValueKind k = eval::kind_of(m_, n.aux);
        if (!scalar(k)) throw NotFast("a comparison of this kind");
        int to = k == ValueKind::Number ? std::max(scale(n.a), scale(n.b)) : 0;
        Scaled a = scaled_any(n.a, to), b = scaled_any(n.b, to);
        auto op = static_cast<syntax::Op>(n.sub);
        std::string terms;
        if (value_node(n.a) == value_node(n.b)) {
            // a value against itself (which a C compiler's -Wall calls a tautology)
            info_[id].bound = 1;
            return define(id, syntax::comparison_holds(op, 0) ? "1" : "0", flag(value_node(n.a)));
        }
        auto add = [&](int c, const std::string& rel) {
            if (syntax::comparison_holds(op, c))
                terms += (terms.empty() ? "" : " | ") + ("(" + a.value + rel + b.value + ")");
        };
        add(-1, " < ");
        add(0, " == ");
        add(1, " > ");
        info_[id].bound = 1;
        define(id, terms.empty() ? "0" : terms,
               joined(joined(flag(value_node(n.a)) + " | " + flag(value_node(n.b)), a), b));
    }

    void builtin(NodeId id) {
        const Node& n = p_.nodes[id];
        Info& me = info_[id];
        std::vector<NodeId> args;  // as c_emitter.cpp's node() gathers a strict operation's operands
        for (NodeId y : {n.a, n.b, n.c}) {
            if (y != kNoNode) args.push_back(value_node(y));
        }
        for (uint32_t i = 0; i < n.args_count; ++i) args.push_back(value_node(p_.args[n.args_begin + i]));
        if (n.vk != ValueKind::Int && n.vk != ValueKind::Number) throw NotFast("a built-in of this kind");
        auto b = static_cast<Builtin>(n.aux);
        switch (b) {
            case Builtin::Min:
            case Builtin::Max:
            case Builtin::Clamp: {
                int to = 0;
                for (NodeId y : args) to = std::max(to, n.vk == ValueKind::Number ? scale(y) : 0);
                std::vector<Scaled> xs;
                std::string bad = "0";
                uint64_t most = 0;
                for (NodeId y : args) {
                    xs.push_back(scaled_any(y, to));
                    bad = joined(bad + " | " + flag(y), xs.back());
                    most = std::max(most, xs.back().bound);
                }
                me.scale = to;
                me.bound = most;
                std::string v = "v" + std::to_string(id);
                line("int64_t " + v + " = " + xs[0].value + ";");
                if (b == Builtin::Clamp) {
                    if (xs.size() != 3) throw NotFast("clamp of other than three");
                    line(v + " = TN_PICK(" + v + " < " + xs[1].value + ", " + xs[1].value + ", " + v + ");");
                    line(v + " = TN_PICK(" + v + " > " + xs[2].value + ", " + xs[2].value + ", " + v + ");");
                } else {
                    const char* closer = b == Builtin::Min ? " < " : " > ";
                    for (size_t i = 1; i < xs.size(); ++i)
                        line(v + " = TN_PICK(" + xs[i].value + closer + v + ", " + xs[i].value + ", " + v + ");");
                }
                return define(id, v, bad);
            }
            case Builtin::Abs: {
                std::string a = var(args.at(0));
                me.scale = scale(args[0]);
                me.bound = bound(args[0]);
                return define(id, "TN_PICK(" + a + " < 0, (int64_t)((uint64_t)0 - (uint64_t)" + a + "), " + a + ")",
                              flag(args[0]) + " | (" + a + " == INT64_MIN)");
            }
            case Builtin::RoundDown:
            case Builtin::RoundUp:
            case Builtin::RoundHalfUp:
            case Builtin::RoundHalfEven: return round(id, args.at(0), b);
            default: throw NotFast("a built-in the fast path does not write");
        }
    }

    // round(x, places) of a number at scale s > places: the quotient by 10^(s - places) rounded as
    // tn_round_cents rounds (util/rational.cpp).
    void round(NodeId id, NodeId x, Builtin b) {
        const Node& n = p_.nodes[id];
        Info& me = info_[id];
        int places = static_cast<int>(n.sub) - 64, s = scale(x);
        if (places < 0) throw NotFast("rounding to tens");
        if (s <= places) {
            me.scale = s;
            me.bound = bound(x);
            return define(id, var(x), flag(x));
        }
        int64_t divisor = pow10(s - places);
        std::string v = var(x), q = "q" + std::to_string(id), r = "r" + std::to_string(id);
        me.scale = places;
        me.bound = bound(x) == kUnbounded ? kUnbounded : bound(x) / static_cast<uint64_t>(divisor) + 1;
        line("int64_t " + q + "; TN_FX_DIV(" + q + ", " + v + ", " + c_int64(divisor) + ");");
        line("int64_t " + r + " = " + v + " - " + q + " * " + c_int64(divisor) + ";");
        std::string value;
        switch (b) {
            case Builtin::RoundDown: value = q + " - ((" + r + " != 0) & (" + v + " < 0))"; break;
            case Builtin::RoundUp: value = q + " + ((" + r + " != 0) & (" + v + " > 0))"; break;
            default: {
                // |r| against the divisor's half: away from zero above it, and at it for half-up, or
                // half-even where the quotient is odd
                std::string twice = "(2 * TN_PICK(" + r + " < 0, -" + r + ", " + r + "))";
                std::string away = b == Builtin::RoundHalfUp
                                       ? "(" + twice + " >= " + c_int64(divisor) + ")"
                                       : "((" + twice + " > " + c_int64(divisor) + ") | ((" + twice +
                                             " == " + c_int64(divisor) + ") & (" + q + " & 1)))";
                value = q + " + TN_PICK(" + away + ", TN_PICK(" + v + " < 0, -1, 1), 0)";
                break;
            }
        }
        define(id, value,
               flag(x) + " | (" + v + " > " + c_int64(kExactInDouble) + ") | (" + v + " < " + c_int64(-kExactInDouble) +
                   ")");
    }

    void limit(NodeId id) {
        const Node& n = p_.nodes[id];
        const auto& info = p_.limits[n.aux];
        if (n.vk != ValueKind::Int && n.vk != ValueKind::Number) throw NotFast("a limit of this kind");
        int to = 0;
        if (n.vk == ValueKind::Number) {
            to = scale(info.start);
            for (const auto& step : info.steps) to = std::max(to, scale(step.bound));
        }
        Scaled start = scaled_any(info.start, to);
        std::string v = "v" + std::to_string(id), bad = joined(flag(value_node(info.start)), start);
        uint64_t most = start.bound;
        line("int64_t " + v + " = " + start.value + ";");
        for (const auto& step : info.steps) {
            Scaled bnd = scaled_any(step.bound, to);
            most = std::max(most, bnd.bound);
            std::string applies = "(" + bnd.value + (step.at_most ? " < " : " > ") + v + ")";
            std::string step_bad = joined(flag(value_node(step.bound)), bnd);
            if (step.unless != kNoNode) {
                // an `unless` that holds skips the step, and the bound is not looked at
                std::string u = var(value_node(step.unless));
                applies = "(" + applies + " & (" + u + " ^ 1))";
                step_bad = flag(value_node(step.unless)) + " | ((" + u + " ^ 1) & (" + step_bad + "))";
            }
            bad += " | " + step_bad;
            line(v + " = TN_PICK(" + applies + ", " + bnd.value + ", " + v + ");");
        }
        info_[id].scale = to;
        info_[id].bound = most;
        define(id, v, bad);
    }

    // The test of row r's cells on the table's arguments (every column's tests, any of them).
    std::string row_test(const compile::TableCall& call, size_t r, std::string* bad) {
        std::string all = "1";
        for (size_t c = 0; c < call.cells[r].size(); ++c) {
            const auto& tests = call.cells[r][c];
            if (tests.empty()) continue;
            ValueKind k = call.arg_kinds[c];
            if (!scalar(k)) throw NotFast("a table input of this kind");
            NodeId arg = value_node(call.args[c]);
            std::string any = "0";
            for (const auto& t : tests) any += " | " + cell_test(t, k, arg, bad);
            all += " & (" + any + ")";
        }
        return all;
    }

    std::string cell_test(const compile::CellTest& t, ValueKind k, NodeId arg, std::string* bad) {
        using CK = syntax::CellTest::Kind;
        auto rel = [&](const Value& literal, const char* op) {
            int at = 0;
            if (k == ValueKind::Number) at = std::max(scale(arg), scale_of(literal.r));
            Scaled a = scaled_any(arg, at);
            if (!a.overflow.empty()) *bad += " | " + a.overflow;
            return "(" + a.value + " " + op + " " + constant(k, literal, at).first + ")";
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
                std::string s = "(1";
                if (t.has_low) s += " & " + rel(t.low, ">=");
                if (t.has_high) s += " & " + rel(t.high, "<=");
                return s + ")";
            }
        }
        throw NotFast("a table cell the fast path does not write");
    }

    // A first or unique hit: which rows hold, then the outcome as a chain of selects from the last
    // row up (the first row that holds is picked last), with no table look-up, which would keep
    // the loop from vectorising.
    void table(NodeId id) {
        const Node& n = p_.nodes[id];
        const auto& call = p_.table_calls[n.aux];
        size_t rows = call.outputs.size();
        if (call.hit == syntax::HitPolicy::Collect || rows == 0 || rows > 256)
            throw NotFast("a table the fast path does not write");
        std::string bad = "0";
        for (NodeId a : call.args) bad += " | " + flag(value_node(a));
        std::string held = "0";
        for (size_t r = 0; r < rows; ++r) {
            std::string t = "t" + std::to_string(id) + "_" + std::to_string(r);
            line("int64_t " + t + " = " + row_test(call, r, &bad) + ";");
            held += (call.hit == syntax::HitPolicy::First ? " | " : " + ") + t;
        }
        bad += call.hit == syntax::HitPolicy::First ? " | ((" + held + ") == 0)" : " | ((" + held + ") != 1)";
        if (n.vk == ValueKind::Record) {
            // the fields are picked where they are read (field())
            for (NodeId o : call.outputs) {
                const Info& in = info_[value_node(o)];
                if (!in.record) throw NotFast("a table of records that are not constants");
            }
            info_[id].record_table = true;
            return line("int64_t " + flag(id) + " = " + bad + ";");
        }
        int to = 0;
        if (n.vk == ValueKind::Number)
            for (NodeId o : call.outputs) to = std::max(to, scale(o));
        std::vector<Scaled> outs;
        uint64_t most = 0;
        for (NodeId o : call.outputs) {
            outs.push_back(scaled_any(o, to));
            most = std::max(most, outs.back().bound);
        }
        std::string v = "v" + std::to_string(id), vb = "w" + std::to_string(id);
        line("int64_t " + v + " = " + outs[rows - 1].value + "; int64_t " + vb + " = " +
             joined(flag(value_node(call.outputs[rows - 1])), outs[rows - 1]) + ";");
        for (size_t r = rows - 1; r-- > 0;) {
            std::string t = "t" + std::to_string(id) + "_" + std::to_string(r);
            line(v + " = TN_PICK(" + t + ", " + outs[r].value + ", " + v + "); " + vb + " = TN_PICK(" + t + ", " +
                 joined(flag(value_node(call.outputs[r])), outs[r]) + ", " + vb + ");");
        }
        info_[id].scale = to;
        info_[id].bound = most;
        define(id, v, bad + " | " + vb);
    }

    // A record is a constant (its cells) or a table of constant records; a field of either is
    // what the fast path reads of it.
    void record(NodeId id) {
        const Node& n = p_.nodes[id];
        if (n.op == Op::Const && p_.constant_states[n.aux] == State::Ok) {
            info_[id].record = p_.constants[n.aux].rec;
            return;
        }
        if (n.op == Op::Table) return table(id);
        throw NotFast("a record that is not a constant");
    }

    void field(NodeId id) {
        const Node& n = p_.nodes[id];
        NodeId rec = value_node(n.a);
        Info& me = info_[id];
        auto cells_of = [&](NodeId r) {
            const Cell* cells = info_[value_node(r)].record;
            if (!cells) throw NotFast("a field of a record that is not a constant");
            return &cells[n.aux];
        };
        if (!info_[rec].record_table) {
            const Cell* c = cells_of(rec);
            if (c->s != State::Ok) throw NotFast("a field that is not Ok");
            if (n.vk == ValueKind::Number) me.scale = scale_of(c->v.r);
            auto [text, size] = constant(n.vk, c->v, me.scale);
            me.bound = size;
            return define(id, text, "0");
        }
        const auto& call = p_.table_calls[p_.nodes[rec].aux];
        size_t rows = call.outputs.size();
        int to = 0;
        for (NodeId o : call.outputs) {
            const Cell* c = cells_of(o);
            if (c->s == State::Ok && n.vk == ValueKind::Number) to = std::max(to, scale_of(c->v.r));
        }
        // each row's cell, and whether it is not Ok (a row whose cell is none takes the slow way)
        std::vector<std::string> values;
        std::vector<bool> not_ok;
        uint64_t most = 0;
        for (NodeId o : call.outputs) {
            const Cell* c = cells_of(o);
            not_ok.push_back(c->s != State::Ok);
            if (c->s != State::Ok) {
                values.push_back("0");
                continue;
            }
            auto [text, size] = constant(n.vk, c->v, to);
            values.push_back(text);
            most = std::max(most, size);
        }
        std::string v = "v" + std::to_string(id), vb = "w" + std::to_string(id);
        line("int64_t " + v + " = " + values[rows - 1] + "; int64_t " + vb + " = " + (not_ok[rows - 1] ? "1" : "0") +
             ";");
        for (size_t r = rows - 1; r-- > 0;) {
            std::string t = "t" + std::to_string(rec) + "_" + std::to_string(r);
            line(v + " = TN_PICK(" + t + ", " + values[r] + ", " + v + "); " + vb + " = TN_PICK(" + t + ", " +
                 (not_ok[r] ? "1" : "0") + ", " + vb + ");");
        }
        me.scale = to;
        me.bound = most;
        define(id, v, flag(rec) + " | " + vb);
    }

    // ---- the stores ----
    struct Outputs {
        std::string params, arguments, stores;
        std::string row_bad = "0";         // the row's flag: every decision's, and what converting them adds
        std::string prologue;              // (scaled) each number's multiplier to the host's scale
        std::vector<std::string> numbers;  // the decimal and percent decisions
    };
    // Each decision's typed column (tenet_output), its state the row's; decimals and percents as
    // fractions, or (`scaled`) as integers at the scales the host asked for.
    Outputs stores(const std::vector<NodeId>& roots, const std::vector<size_t>& outputs,
                   const std::vector<TypeId>& types, bool scaled) {
        Outputs o;
        for (size_t r = 0; r < roots.size(); ++r) {
            NodeId x = value_node(roots[r]);
            std::string d = std::to_string(outputs[r]), v = var(x), column = "ov" + d + "[k]";
            o.row_bad += " | " + flag(x);
            o.params += ", uint8_t* TN_RESTRICT os" + d;
            TypeKind kind = m_.types.kind(m_.types.strip_optional(types[r]));
            bool number = kind == TypeKind::Decimal || kind == TypeKind::Percent;
            o.arguments += ", os" + d + " + blk0, " + (scaled && number ? "sv" : "ov") + d + " + blk0";
            std::string ctype, value;  // the column's C type and what is written, where it is one array
            switch (kind) {
                case TypeKind::Bool: ctype = "uint8_t", value = "(uint8_t)" + v; break;
                case TypeKind::Int: ctype = "int64_t", value = v; break;
                case TypeKind::Date:
                case TypeKind::Enum: ctype = "int32_t", value = "(int32_t)" + v; break;
                case TypeKind::Money: ctype = "int64_t", value = money_cents(x, d, &o.row_bad); break;
                case TypeKind::Decimal:
                case TypeKind::Percent:
                    o.numbers.push_back(d);
                    if (scaled) {
                        o.params += ", int64_t* TN_RESTRICT sv" + d + ", int64_t sm" + d + ", int64_t sl" + d;
                        o.arguments += ", sm" + d + ", sl" + d;
                        o.stores +=
                            "        sv" + d + "[k] = (int64_t)((uint64_t)" + v + " * (uint64_t)sm" + d + ");\n";
                        o.row_bad += " | (" + v + " > sl" + d + ") | (" + v + " < -sl" + d + ")";
                        o.prologue += host_scale(x, d, kind == TypeKind::Percent);
                        break;
                    }
                    o.params += ", int64_t* TN_RESTRICT ov" + d + ", int64_t* TN_RESTRICT od" + d;
                    o.arguments += ", od" + d + " + blk0";
                    o.stores += normalised(x, d, column, "od" + d + "[k]");
                    break;
                default: throw NotFast("a decision without a typed column");
            }
            if (!ctype.empty()) {
                o.params += ", " + ctype + "* TN_RESTRICT ov" + d;
                o.stores += "        " + column + " = " + value + ";\n";
            }
            o.stores += "        os" + d + "[k] = st;\n";
        }
        return o;
    }

    struct Facts {
        std::string params, arguments, prologue;
    };
    // The facts read, in the order of their indices: a block's widened column (c), a bool's bytes
    // (b), a date's absent value, a number's multiplier to hundredths and the largest value it takes.
    Facts facts() const {
        Facts f;
        for (uint32_t fact : facts_) {
            std::string k = std::to_string(fact);
            TypeKind kind = fact_kind(fact);
            if (kind == TypeKind::Bool) {
                f.params += ", const uint8_t* TN_RESTRICT b" + k;
                f.arguments += ", b" + k + " + blk0";
                continue;
            }
            f.params += ", const int64_t* TN_RESTRICT c" + k;
            f.arguments += ", c" + k;
            if (kind == TypeKind::Date) {
                f.params += ", int64_t none" + k;
                f.arguments += ", tn_col_none(w" + k + ")";
            } else if (kind == TypeKind::Decimal || kind == TypeKind::Percent) {
                // a column of a coarser scale is multiplied up, a finer one sends the batch the slow way
                std::string unit = c_int64(pow10(kind == TypeKind::Decimal ? kDecimalScale : kPercentScale));
                f.params += ", int64_t fm" + k + ", int64_t fl" + k;
                f.arguments += ", fm" + k + ", fl" + k;
                f.prologue += "    int64_t fm" + k + " = 1, fl" + k + " = INT64_MAX;\n    if (den" + k +
                              " >= 1 && den" + k + " <= " + unit + " && " + unit + " % (int64_t)den" + k +
                              " == 0) { fm" + k + " = " + unit + " / (int64_t)den" + k + "; fl" + k +
                              " = INT64_MAX / fm" + k + "; } else fast = 0;\n";
            }
        }
        return f;
    }

    // The multiplier from a number's scale in the C to the scale the host asked for (ss<d>, a
    // percent in points), and the largest magnitude it keeps within an int64; a coarser scale than
    // the C's sends the batch the slow way, which says where a value is not whole there.
    std::string host_scale(NodeId x, const std::string& d, bool percent) const {
        std::string e = "ss" + d + (percent ? " + 2" : "") + " - " + std::to_string(scale(x));
        return "    int64_t sm" + d + " = 1, sl" + d + " = INT64_MAX;\n    if (sv" + d + ") { if (ss" + d +
               " < 0 || ss" + d + " > 18 || " + e + " < 0 || " + e + " > 18) fast = 0; else { sm" + d + " = tn_pow10(" +
               e + "); sl" + d + " = INT64_MAX / sm" + d + "; } }\n";
    }

    // A money decision's whole cents; where they are not whole or do not fit, the row's flag. (Its
    // names are decision d's: two decisions may be one node.)
    std::string money_cents(NodeId x, const std::string& d, std::string* row_bad) {
        int s = scale(x);
        if (s == kMoneyScale) return var(x);
        if (s < kMoneyScale) {
            Scaled c = scaled(x, kMoneyScale);
            if (!c.overflow.empty()) *row_bad += " | " + c.overflow;
            return c.value;
        }
        int64_t divisor = pow10(s - kMoneyScale);
        std::string q = "cents" + d;
        line("int64_t " + q + "; TN_FX_DIV(" + q + ", " + var(x) + ", " + c_int64(divisor) + ");");
        *row_bad += " | (" + var(x) + " - " + q + " * " + c_int64(divisor) + " != 0) | (" + var(x) + " > " +
                    c_int64(kExactInDouble) + ") | (" + var(x) + " < " + c_int64(-kExactInDouble) + ")";
        return q;
    }

    // A number's exact fraction in lowest terms: from value/10^s, the factors 2 and 5 the two share
    // taken out one at a time (s of each at most), as selects.
    std::string normalised(NodeId x, const std::string& d, const std::string& num, const std::string& den) {
        int s = scale(x);
        if (s == 0) return "        " + num + " = " + var(x) + "; " + den + " = 1;\n";
        std::string nn = "num" + d, nd = "den" + d, n5 = "fives" + d;
        std::string t = "        int64_t " + nn + " = " + var(x) + ", " + nd + " = " + c_int64(pow10(s)) + ", " + n5 +
                        " = " + std::to_string(s) + ";\n";
        for (int i = 0; i < s; ++i) {
            t += "        { int64_t e = ((" + nn + " & 1) == 0) & ((" + nd + " & 1) == 0); " + nn + " = TN_PICK(e, " +
                 nn + " >> 1, " + nn + "); " + nd + " = TN_PICK(e, " + nd + " >> 1, " + nd + "); }\n";
            t += "        { int64_t e = TN_DIVIDES5(" + nn + ") & (" + n5 + " > 0); " + nn + " = TN_PICK(e, TN_BY5(" +
                 nn + "), " + nn + "); " + nd + " = TN_PICK(e, TN_BY5(" + nd + "), " + nd + "); " + n5 + " -= e; }\n";
        }
        return t + "        " + num + " = " + nn + "; " + den + " = " + nd + ";\n";
    }

    const check::Model& m_;
    const Program& p_;
    std::vector<Info> info_;
    std::set<uint32_t> facts_;  // the facts read
    std::string body_;
};

}  // namespace

FastRows fast_rows(const check::Model& m, const Program& p, const std::vector<NodeId>& roots,
                   const std::vector<size_t>& outputs, const std::vector<TypeId>& types, const std::string& name) {
    try {
        return FastEmitter(m, p).emit(roots, outputs, types, name);
    } catch (const NotFast&) {
        return FastRows{};
    }
}

}  // namespace tenet::emit
