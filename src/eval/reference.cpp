// The reference interpreter: LANGUAGE.md read as directly as possible, one construct at a time.
//
// Conventions shared by every construct (LANGUAGE.md §7.1):
// - A strict construct (an operator, a built-in, a table's inputs, a list or record literal)
//   evaluates all its operands; the first error, left to right, is its result; otherwise, if any
//   operand is missing, it is missing with the facts of all of them.
// - `and`, `or`, `if`, `otherwise`, collect entries, limit steps, table rows, function arguments
//   and `let`s evaluate only what they take; a failure in what they do not take never surfaces.
#include "eval/reference.hpp"

#include <algorithm>

#include "syntax/operators.hpp"
#include "util/stack.hpp"

namespace tenet::eval {

using check::Builtin;
using check::RefKind;
using check::TypeId;
using check::TypeKind;
using syntax::Expr;
using syntax::ExprKind;
using Kind = RefValue::Kind;
using State = RefOutcome::State;

// ---- values ------------------------------------------------------------------------------------

RefValue RefValue::of_bool(bool b) { RefValue v; v.kind = Kind::Bool; v.boolean = b; return v; }
RefValue RefValue::of_int(int64_t i) { RefValue v; v.kind = Kind::Int; v.integer = i; return v; }
RefValue RefValue::of_number(util::Rational r) { RefValue v; v.kind = Kind::Number; v.number = r; return v; }
RefValue RefValue::of_date(util::Days d) { RefValue v; v.kind = Kind::Date; v.date = d; return v; }
RefValue RefValue::of_duration(int64_t count, bool months) {
    RefValue v;
    v.kind = Kind::Duration;
    v.integer = count;
    v.months = months;
    return v;
}
RefValue RefValue::of_enum(uint32_t index) { RefValue v; v.kind = Kind::Enum; v.integer = index; return v; }
RefValue RefValue::of_record(std::vector<RefValue> fields) {
    RefValue v;
    v.kind = Kind::Record;
    v.items = std::move(fields);
    return v;
}
RefValue RefValue::of_list(std::vector<RefValue> items) {
    RefValue v;
    v.kind = Kind::List;
    v.items = std::move(items);
    return v;
}

RefOutcome RefOutcome::of(RefValue v) {
    RefOutcome o;
    o.value = std::move(v);
    return o;
}

RefOutcome RefOutcome::failure(RefFault f) {
    RefOutcome o;
    o.state = State::Error;
    o.fault = f;
    return o;
}

const char* ref_fault_name(RefFault f) {
    switch (f) {
        case RefFault::Overflow: return "overflow";
        case RefFault::DivisionByZero: return "division by zero";
        case RefFault::DateOutOfRange: return "date out of range";
        case RefFault::ForeverArithmetic: return "arithmetic with forever";
        case RefFault::MixedDurations: return "days compared with months";
        case RefFault::InvalidDate: return "invalid date";
        case RefFault::NoTableRow: return "no table row";
        case RefFault::SeveralTableRows: return "several table rows";
        case RefFault::UndefinedParameter: return "undefined parameter";
        case RefFault::TooDeep: return "too deep";
    }
    return "error";
}

namespace {

util::Rational as_number(const RefValue& v) {
    return v.kind == Kind::Int ? util::Rational::of(v.integer) : v.number;
}

bool mixed_units(const RefValue& a, const RefValue& b) {
    return a.months != b.months && a.integer != 0 && b.integer != 0;
}

// -1, 0, 1 for two values of one ordered kind (ints and numbers compare by value).
int order(const RefValue& a, const RefValue& b) {
    auto sign = [](auto x, auto y) { return (x > y) - (x < y); };
    if ((a.kind == Kind::Int || a.kind == Kind::Number) && (b.kind == Kind::Int || b.kind == Kind::Number)) {
        if (a.kind == Kind::Int && b.kind == Kind::Int) return sign(a.integer, b.integer);
        return util::compare(as_number(a), as_number(b));
    }
    switch (a.kind) {
        case Kind::Bool: return sign(a.boolean, b.boolean);
        case Kind::Date: return sign(a.date, b.date);
        case Kind::Duration:
        case Kind::Enum: return sign(a.integer, b.integer);
        default: return 0;
    }
}

// Combines the outcomes of a strict construct's operands (see the top of this file). Returns
// true, with the failure in *out, when the construct cannot be computed.
bool strict_failure(const std::vector<RefOutcome>& operands, RefOutcome* out) {
    for (const auto& o : operands) {
        if (o.state == State::Error) {
            *out = o;
            return true;
        }
    }
    bool missing = false;
    RefOutcome m;
    m.state = State::Missing;
    for (const auto& o : operands) {
        if (o.state == State::Missing) {
            missing = true;
            m.missing.insert(o.missing.begin(), o.missing.end());
        }
    }
    if (missing) *out = std::move(m);
    return missing;
}

RefOutcome missing_union(const RefOutcome& a, const RefOutcome& b) {
    RefOutcome m;
    m.state = State::Missing;
    m.missing = a.missing;
    m.missing.insert(b.missing.begin(), b.missing.end());
    return m;
}

// A date moved by a duration; `forever` stays forever (LANGUAGE.md §3, Dates).
bool shift_date(util::Days d, int64_t count, bool months, util::Days* out) {
    if (d == util::kForever) {
        *out = d;
        return true;
    }
    return months ? util::add_months(d, count, out) : util::add_days(d, count, out);
}

__int128 power_of_ten(int n) {
    __int128 p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

bool fits(__int128 x) { return x >= INT64_MIN && x <= INT64_MAX; }

bool make_rational(__int128 num, __int128 den, util::Rational* out) {
    if (den < 0) {
        num = -num;
        den = -den;
    }
    __int128 a = num < 0 ? -num : num, b = den;
    while (b != 0) {
        __int128 t = a % b;
        a = b;
        b = t;
    }
    if (a > 1) {
        num /= a;
        den /= a;
    }
    if (!fits(num) || !fits(den)) return false;
    *out = util::Rational{static_cast<int64_t>(num), static_cast<int64_t>(den)};
    return true;
}

enum class Mode { Down, Up, HalfUp, HalfEven };

// The integer nearest to a/b (b > 0) in the given mode: floor, ceiling, or to nearest with
// halves away from zero or to even.
__int128 round_quotient(__int128 a, __int128 b, Mode mode) {
    __int128 q = a / b, r = a % b;
    if (r < 0) {
        q -= 1;
        r += b;
    }
    // now a/b = q + r/b with 0 <= r < b
    if (r == 0) return q;
    switch (mode) {
        case Mode::Down: return q;
        case Mode::Up: return q + 1;
        case Mode::HalfUp:
            if (2 * r != b) return 2 * r > b ? q + 1 : q;
            return q >= 0 ? q + 1 : q;   // a tie: away from zero
        case Mode::HalfEven:
            if (2 * r != b) return 2 * r > b ? q + 1 : q;
            return q % 2 == 0 ? q : q + 1;
    }
    return q;
}

// x rounded to a multiple of 10^-places.
bool round_places(util::Rational x, int places, Mode mode, util::Rational* out) {
    __int128 num = x.num, den = x.den;
    if (places >= 0) {
        __int128 k = round_quotient(num * power_of_ten(places), den, mode);
        return make_rational(k, power_of_ten(places), out);
    }
    __int128 scale = power_of_ten(-places);
    __int128 k = round_quotient(num, den * scale, mode);
    __int128 r = k * scale;
    if (!fits(r)) return false;
    return make_rational(r, 1, out);
}

bool checked(bool overflowed, RefOutcome* out) {
    if (overflowed) *out = RefOutcome::failure(RefFault::Overflow);
    return !overflowed;
}

}  // namespace

bool ref_equal(const RefValue& a, const RefValue& b) {
    if (!a.present() || !b.present()) return a.present() == b.present();
    bool numeric_a = a.kind == Kind::Int || a.kind == Kind::Number;
    bool numeric_b = b.kind == Kind::Int || b.kind == Kind::Number;
    if (numeric_a || numeric_b) return numeric_a && numeric_b && order(a, b) == 0;
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case Kind::Duration: return a.integer == b.integer && (a.months == b.months || a.integer == 0);
        case Kind::Record:
        case Kind::List:
            if (a.items.size() != b.items.size()) return false;
            for (size_t i = 0; i < a.items.size(); ++i) {
                if (!ref_equal(a.items[i], b.items[i])) return false;
            }
            return true;
        default: return order(a, b) == 0;
    }
}

std::string ref_to_string(const check::Model& m, TypeId type, const RefValue& v) {
    const check::TypeTable& T = m.types;
    type = T.strip_optional(type);
    switch (v.kind) {
        case Kind::None: return "none";
        case Kind::Bool: return v.boolean ? "true" : "false";
        case Kind::Int: return std::to_string(v.integer);
        case Kind::Number: {
            std::string s = util::to_decimal_string(v.number);
            if (T.kind(type) == TypeKind::Money) return "$" + s;
            if (T.kind(type) == TypeKind::Percent) return "(" + s + ")x100%";
            return s;
        }
        case Kind::Date: return util::format_iso_date(v.date);
        case Kind::Duration: return std::to_string(v.integer) + (v.months ? " months" : " days");
        case Kind::Enum:
            if (T.kind(type) == TypeKind::Enum) {
                const auto& values = m.enums[T.get(type).ref].values;
                if (static_cast<size_t>(v.integer) < values.size()) return values[static_cast<size_t>(v.integer)];
            }
            return "enum#" + std::to_string(v.integer);
        case Kind::Record: {
            std::string s = "{";
            const check::RecordInfo* rec = T.kind(type) == TypeKind::Record ? &m.records[T.get(type).ref] : nullptr;
            for (size_t i = 0; i < v.items.size(); ++i) {
                TypeId ft = rec && i < rec->fields.size() ? rec->fields[i].type : T.error();
                s += (i ? ", " : "") + (rec && i < rec->fields.size() ? rec->fields[i].name + ": " : "") +
                     ref_to_string(m, ft, v.items[i]);
            }
            return s + "}";
        }
        case Kind::List: {
            std::string s = "[";
            TypeId el = T.kind(type) == TypeKind::List ? T.element(type) : T.error();
            for (size_t i = 0; i < v.items.size(); ++i) s += (i ? ", " : "") + ref_to_string(m, el, v.items[i]);
            return s + "]";
        }
    }
    return "?";
}

// ---- scopes: locals are evaluated when first read, at most once ------------------------------

struct ReferenceInterpreter::Thunk {
    const Expr* expr = nullptr;
    TypeId type = check::kNone;   // the type the value is converted to; kNone: as it is
    ScopePtr scope;
    std::optional<RefOutcome> result;
};

struct ReferenceInterpreter::Scope {
    std::string name;
    std::shared_ptr<Thunk> thunk;
    ScopePtr parent;
};

void ReferenceInterpreter::begin(const RefFacts& facts) {
    facts_ = &facts;
    rules_.clear();
    params_.clear();
    ladders_.clear();
    depth_ = 0;
    thread_local uintptr_t floor = util::stack_floor(256 * 1024);
    stack_floor_ = floor;
}

RefValue ReferenceInterpreter::coerce(RefValue v, TypeId type) const {
    const check::TypeTable& T = m_.types;
    if (!v.present() || type == check::kNone) return v;
    TypeId t = T.strip_optional(type);
    switch (T.kind(t)) {
        case TypeKind::Decimal:
        case TypeKind::Money:
        case TypeKind::Percent:
            if (v.kind == Kind::Int) return RefValue::of_number(util::Rational::of(v.integer));
            return v;
        case TypeKind::List:
            for (auto& item : v.items) item = coerce(std::move(item), T.element(t));
            return v;
        case TypeKind::Record: {
            const auto& rec = m_.records[T.get(t).ref];
            for (size_t i = 0; i < v.items.size() && i < rec.fields.size(); ++i) {
                v.items[i] = coerce(std::move(v.items[i]), rec.fields[i].type);
            }
            return v;
        }
        default: return v;
    }
}

RefOutcome ReferenceInterpreter::rule(uint32_t index) {
    auto it = rules_.find(index);
    if (it != rules_.end()) return it->second;
    const check::RuleInfo& r = m_.rules[index];
    RefOutcome o = eval_to(r.origin.decl->body.get(), r.type, nullptr);
    rules_[index] = o;
    return o;
}

RefOutcome ReferenceInterpreter::parameter(uint32_t index) {
    auto it = params_.find(index);
    if (it != params_.end()) return it->second;
    const check::ParamInfo& p = m_.params[index];
    // the value in force on the case's as_of (LANGUAGE.md §5)
    RefOutcome o = RefOutcome::failure(RefFault::UndefinedParameter);
    const auto& as_of = facts_->values[0];
    if (as_of && as_of->present()) {
        for (const auto& period : p.periods) {
            if (period.from <= as_of->date && as_of->date <= period.to) {
                o = eval_to(period.value, p.type, nullptr);
                break;
            }
        }
    }
    params_[index] = o;
    return o;
}

RefOutcome ReferenceInterpreter::eval_to(const Expr* e, TypeId type, const ScopePtr& scope) {
    RefOutcome o = eval(e, scope);
    if (o.ok()) o.value = coerce(std::move(o.value), type);
    return o;
}

RefOutcome ReferenceInterpreter::eval(const Expr* e, const ScopePtr& scope) {
    struct Depth {
        int& d;
        explicit Depth(int& x) : d(++x) {}
        ~Depth() { --d; }
    } depth(depth_);
    if (depth_ > kMaxDepth || util::stack_here() < stack_floor_) return RefOutcome::failure(RefFault::TooDeep);

    const check::TypeTable& T = m_.types;
    TypeId type = m_.at(e).type;
    auto number_text = [](const std::string& text) {
        util::Rational r;
        util::parse_decimal(text, &r, nullptr);
        return r;
    };
    switch (e->kind) {
        case ExprKind::IntLit: return RefOutcome::of(RefValue::of_int(number_text(e->text).num));
        case ExprKind::DecimalLit:
        case ExprKind::MoneyLit: return RefOutcome::of(RefValue::of_number(number_text(e->text)));
        case ExprKind::PercentLit: {
            util::Rational r;
            if (!make_rational(static_cast<__int128>(number_text(e->text).num),
                               static_cast<__int128>(number_text(e->text).den) * 100, &r)) {
                return RefOutcome::failure(RefFault::Overflow);
            }
            return RefOutcome::of(RefValue::of_number(r));
        }
        case ExprKind::DateLit: {
            util::Days d = util::kForever;
            if (e->text != "forever") util::parse_iso_date(e->text, &d);
            return RefOutcome::of(RefValue::of_date(d));
        }
        case ExprKind::DurationLit: {
            int64_t n = number_text(e->text).num;
            switch (e->unit) {
                case syntax::DurationUnit::Days: return RefOutcome::of(RefValue::of_duration(n, false));
                case syntax::DurationUnit::Weeks: return RefOutcome::of(RefValue::of_duration(n * 7, false));
                case syntax::DurationUnit::Months: return RefOutcome::of(RefValue::of_duration(n, true));
                case syntax::DurationUnit::Years: return RefOutcome::of(RefValue::of_duration(n * 12, true));
            }
            break;
        }
        case ExprKind::BoolLit: return RefOutcome::of(RefValue::of_bool(e->text == "true"));
        case ExprKind::NoneLit: return RefOutcome::of(RefValue::none());
        case ExprKind::StringLit: break;

        case ExprKind::Name:
        case ExprKind::Field: return name(e, scope);

        case ExprKind::Unary: {
            RefOutcome a = eval(e->args[0].get(), scope);
            if (!a.ok()) return a;
            const RefValue& v = a.value;
            if (e->op == syntax::Op::Not) return RefOutcome::of(RefValue::of_bool(!v.boolean));
            RefOutcome out;
            if (v.kind == Kind::Int || v.kind == Kind::Duration) {
                if (!checked(v.integer == INT64_MIN, &out)) return out;
                RefValue r = v;
                r.integer = -v.integer;
                return RefOutcome::of(r);
            }
            util::Rational r;
            if (!checked(!util::neg(v.number, &r), &out)) return out;
            return RefOutcome::of(RefValue::of_number(r));
        }

        case ExprKind::Binary:
            if (e->op == syntax::Op::And || e->op == syntax::Op::Or) return logic(e, scope);
            return arithmetic(e, scope);

        case ExprKind::Compare: return comparison(e, scope);

        case ExprKind::Is: {
            RefOutcome a = eval(e->args[0].get(), scope);
            if (!a.ok()) return a;
            bool r = e->op == syntax::Op::IsEmpty ? a.value.items.empty()
                     : e->op == syntax::Op::IsPresent ? a.value.present()
                                                      : !a.value.present();
            return RefOutcome::of(RefValue::of_bool(r != e->negated));
        }

        case ExprKind::In: {
            std::vector<RefOutcome> ops{eval(e->args[0].get(), scope), eval(e->args[1].get(), scope)};
            RefOutcome f;
            if (strict_failure(ops, &f)) return f;
            bool found = false;
            for (const auto& item : ops[1].value.items) {
                if (item.present() && ref_equal(item, ops[0].value)) found = true;
            }
            return RefOutcome::of(RefValue::of_bool(found != e->negated));
        }

        case ExprKind::Within: {
            // before: e - D < d <= e; after: e <= d < e + D
            std::vector<RefOutcome> ops{eval(e->args[0].get(), scope), eval(e->args[1].get(), scope),
                                        eval(e->args[2].get(), scope)};
            RefOutcome f;
            if (strict_failure(ops, &f)) return f;
            util::Days d = ops[0].value.date, ref = ops[2].value.date;
            int64_t count = ops[1].value.integer;
            bool before = e->op == syntax::Op::Before;
            if (before) {
                if (count == INT64_MIN) return RefOutcome::failure(RefFault::Overflow);
                count = -count;
            }
            util::Days edge;
            if (!shift_date(ref, count, ops[1].value.months, &edge)) return RefOutcome::failure(RefFault::DateOutOfRange);
            bool r = before ? (edge < d && d <= ref) : (ref <= d && d < edge);
            return RefOutcome::of(RefValue::of_bool(r));
        }

        case ExprKind::Otherwise: {
            RefOutcome a = eval_to(e->args[0].get(), type, scope);
            if (!a.ok() || a.value.present()) return a;
            return eval_to(e->args[1].get(), type, scope);
        }

        case ExprKind::If: {
            RefOutcome c = eval(e->args[0].get(), scope);
            if (!c.ok()) return c;
            return eval_to(e->args[c.value.boolean ? 1 : 2].get(), type, scope);
        }

        case ExprKind::Call: return call(e, scope);
        case ExprKind::Aggregate: return aggregate(e, scope);

        case ExprKind::ListLit: {
            TypeId el = T.kind(type) == TypeKind::List ? T.element(type) : check::kNone;
            std::vector<RefOutcome> items;
            for (const auto& a : e->args) items.push_back(eval_to(a.get(), el, scope));
            RefOutcome f;
            if (strict_failure(items, &f)) return f;
            std::vector<RefValue> values;
            for (auto& i : items) values.push_back(std::move(i.value));
            return RefOutcome::of(RefValue::of_list(std::move(values)));
        }

        case ExprKind::RecordLit: {
            const auto& rec = m_.records[T.get(T.strip_optional(type)).ref];
            std::vector<RefOutcome> given;
            std::vector<RefValue> fields(rec.fields.size());
            for (size_t i = 0; i < e->names.size(); ++i) {
                int f = rec.field_index(e->names[i]);
                given.push_back(eval_to(e->args[i].get(), rec.fields[static_cast<size_t>(f)].type, scope));
            }
            RefOutcome f;
            if (strict_failure(given, &f)) return f;
            for (size_t i = 0; i < e->names.size(); ++i) {
                fields[static_cast<size_t>(rec.field_index(e->names[i]))] = std::move(given[i].value);
            }
            return RefOutcome::of(RefValue::of_record(std::move(fields)));
        }

        case ExprKind::Collect: return collect(e, scope);
        case ExprKind::Limit: return limit(e, scope);

        case ExprKind::Block: {
            ScopePtr inner = scope;
            for (size_t i = 0; i + 1 < e->args.size(); ++i) {
                auto thunk = std::make_shared<Thunk>();
                thunk->expr = e->args[i].get();
                thunk->scope = inner;
                inner = std::make_shared<const Scope>(Scope{e->names[i], thunk, inner});
            }
            return eval_to(e->args.back().get(), type, inner);
        }
    }
    return RefOutcome::failure(RefFault::Overflow);
}

RefOutcome ReferenceInterpreter::fact(uint32_t i) const {
    const auto& v = facts_->values[i];
    if (!v) {
        RefOutcome o;
        o.state = State::Missing;
        o.missing.insert(i);
        return o;
    }
    return RefOutcome::of(*v);
}

RefOutcome ReferenceInterpreter::name(const Expr* e, const ScopePtr& scope) {
    const check::ExprInfo& info = m_.at(e);
    switch (info.ref) {
        case RefKind::Local:
            for (const Scope* s = scope.get(); s; s = s->parent.get()) {
                if (s->name != e->text) continue;
                Thunk& t = *s->thunk;
                if (!t.result) t.result = eval_to(t.expr, t.type, t.scope);
                return *t.result;
            }
            return RefOutcome::failure(RefFault::Overflow);
        case RefKind::Fact: return fact(info.index);
        case RefKind::Parameter: return parameter(info.index);
        case RefKind::Rule: return rule(info.index);
        case RefKind::Ladder: return ladder(info.index);
        case RefKind::EnumValue: return RefOutcome::of(RefValue::of_enum(info.index2));
        case RefKind::Field: {
            RefOutcome base = eval(e->args[0].get(), scope);
            if (!base.ok()) return base;
            return RefOutcome::of(base.value.items[info.index]);
        }
        default:
            if (e->text == "as_of") return fact(0);
            return RefOutcome::failure(RefFault::Overflow);
    }
}

RefOutcome ReferenceInterpreter::logic(const Expr* e, const ScopePtr& scope) {
    // three-valued, left to right: `false and x` is false, `true or x` is true (LANGUAGE.md §7.1)
    bool deciding = e->op == syntax::Op::Or;
    RefOutcome a = eval(e->args[0].get(), scope);
    if (a.state == State::Error) return a;
    if (a.ok() && a.value.boolean == deciding) return a;
    RefOutcome b = eval(e->args[1].get(), scope);
    if (b.state == State::Error) return b;
    if (b.ok() && (a.ok() || b.value.boolean == deciding)) return b;
    if (a.ok()) return b;   // b is missing
    if (b.ok()) return a;   // a is missing and b does not decide
    return missing_union(a, b);
}

RefOutcome ReferenceInterpreter::arithmetic(const Expr* e, const ScopePtr& scope) {
    std::vector<RefOutcome> ops{eval(e->args[0].get(), scope), eval(e->args[1].get(), scope)};
    RefOutcome f;
    if (strict_failure(ops, &f)) return f;
    RefValue a = ops[0].value, b = ops[1].value;
    syntax::Op op = e->op;
    bool sub = op == syntax::Op::Sub;
    RefOutcome out;

    // dates and durations
    if (a.kind == Kind::Duration && b.kind == Kind::Date) std::swap(a, b);   // D + date
    if (a.kind == Kind::Date && b.kind == Kind::Duration) {
        int64_t count = b.integer;
        if (sub) {
            if (!checked(count == INT64_MIN, &out)) return out;
            count = -count;
        }
        util::Days d;
        if (!shift_date(a.date, count, b.months, &d)) return RefOutcome::failure(RefFault::DateOutOfRange);
        return RefOutcome::of(RefValue::of_date(d));
    }
    if (a.kind == Kind::Date && b.kind == Kind::Date) {
        if (a.date == util::kForever || b.date == util::kForever) return RefOutcome::failure(RefFault::ForeverArithmetic);
        return RefOutcome::of(RefValue::of_duration(static_cast<int64_t>(a.date) - b.date, false));
    }
    if (a.kind == Kind::Duration && b.kind == Kind::Duration) {
        if (mixed_units(a, b)) return RefOutcome::failure(RefFault::MixedDurations);
        int64_t r;
        bool over = sub ? __builtin_sub_overflow(a.integer, b.integer, &r) : __builtin_add_overflow(a.integer, b.integer, &r);
        if (!checked(over, &out)) return out;
        // a zero duration has no unit of its own: the result takes the other's
        return RefOutcome::of(RefValue::of_duration(r, a.integer != 0 ? a.months : b.months));
    }
    if (a.kind == Kind::Int && b.kind == Kind::Duration) std::swap(a, b);   // n * D
    if (a.kind == Kind::Duration) {
        int64_t r;
        if (!checked(__builtin_mul_overflow(a.integer, b.integer, &r), &out)) return out;
        return RefOutcome::of(RefValue::of_duration(r, a.months));
    }

    // numbers: int with int stays int except for division
    if (a.kind == Kind::Int && b.kind == Kind::Int && op != syntax::Op::Div) {
        int64_t r;
        bool over = op == syntax::Op::Add   ? __builtin_add_overflow(a.integer, b.integer, &r)
                    : op == syntax::Op::Sub ? __builtin_sub_overflow(a.integer, b.integer, &r)
                                            : __builtin_mul_overflow(a.integer, b.integer, &r);
        if (!checked(over, &out)) return out;
        return RefOutcome::of(RefValue::of_int(r));
    }
    util::Rational x = as_number(a), y = as_number(b), r;
    bool ok;
    switch (op) {
        case syntax::Op::Add: ok = util::add(x, y, &r); break;
        case syntax::Op::Sub: ok = util::sub(x, y, &r); break;
        case syntax::Op::Mul: ok = util::mul(x, y, &r); break;
        default:
            if (y.num == 0) return RefOutcome::failure(RefFault::DivisionByZero);
            ok = util::div(x, y, &r);
            break;
    }
    if (!checked(!ok, &out)) return out;
    return RefOutcome::of(RefValue::of_number(r));
}

RefOutcome ReferenceInterpreter::compare_pair(const RefValue& a, const RefValue& b, syntax::Op op) const {
    if (a.kind == Kind::List || a.kind == Kind::Record || b.kind == Kind::List) {
        bool eq = ref_equal(a, b);
        return RefOutcome::of(RefValue::of_bool(op == syntax::Op::Eq ? eq : !eq));
    }
    if (a.kind == Kind::Duration && mixed_units(a, b)) return RefOutcome::failure(RefFault::MixedDurations);
    return RefOutcome::of(RefValue::of_bool(syntax::comparison_holds(op, order(a, b))));
}

RefOutcome ReferenceInterpreter::comparison(const Expr* e, const ScopePtr& scope) {
    // `a < b <= c` is `a < b and b <= c`, with the three-valued `and`
    RefOutcome result;
    bool first = true;
    for (size_t i = 0; i + 1 < e->args.size(); ++i) {
        std::vector<RefOutcome> ops{eval(e->args[i].get(), scope), eval(e->args[i + 1].get(), scope)};
        RefOutcome f, c;
        if (strict_failure(ops, &f)) c = f;
        else c = compare_pair(ops[0].value, ops[1].value, e->ops[i]);
        if (first) {
            result = c;
            first = false;
            continue;
        }
        // and-combination of `result` (left) with `c` (right); left false stops before c
        if (result.state == State::Error) return result;
        if (result.ok() && !result.value.boolean) return result;
        if (c.state == State::Error) return c;
        if (c.ok() && (result.ok() || !c.value.boolean)) {
            result = c;
            continue;
        }
        if (result.ok()) result = c;
        else if (!c.ok()) result = missing_union(result, c);
    }
    return result;
}

RefOutcome ReferenceInterpreter::call(const Expr* e, const ScopePtr& scope) {
    const check::ExprInfo& info = m_.at(e);
    if (info.ref == RefKind::Builtin) return builtin(e, scope);
    if (info.ref == RefKind::Table) return table(e, info.index, scope);
    // a function: its body with the parameters bound to the arguments, read when first needed
    const check::FunctionInfo& fn = m_.functions[info.index];
    ScopePtr inner;
    for (size_t i = 0; i < fn.params.size(); ++i) {
        auto thunk = std::make_shared<Thunk>();
        thunk->expr = e->args[i].get();
        thunk->type = fn.params[i].type;
        thunk->scope = scope;
        inner = std::make_shared<const Scope>(Scope{fn.params[i].name, thunk, inner});
    }
    return eval_to(fn.origin.decl->body.get(), fn.result, inner);
}

RefOutcome ReferenceInterpreter::builtin(const Expr* e, const ScopePtr& scope) {
    const check::TypeTable& T = m_.types;
    TypeId type = m_.at(e).type;
    Builtin which = static_cast<Builtin>(m_.at(e).index);
    bool rounding = which == Builtin::RoundDown || which == Builtin::RoundUp || which == Builtin::RoundHalfUp ||
                    which == Builtin::RoundHalfEven;
    std::vector<RefOutcome> args;
    for (size_t i = 0; i < e->args.size(); ++i) {
        if (rounding && i == 1) break;   // the unit or the places: read from the text below
        bool same_type = which == Builtin::Min || which == Builtin::Max || which == Builtin::Clamp || which == Builtin::Abs;
        args.push_back(eval_to(e->args[i].get(), same_type ? type : check::kNone, scope));
    }
    RefOutcome f;
    if (strict_failure(args, &f)) return f;
    auto v = [&](size_t i) -> const RefValue& { return args[i].value; };
    RefOutcome out;
    auto no_forever = [&](std::initializer_list<size_t> which_args) {
        for (size_t i : which_args) {
            if (v(i).date == util::kForever) return false;
        }
        return true;
    };
    switch (which) {
        case Builtin::Min:
        case Builtin::Max: {
            RefValue best = v(0);
            for (size_t i = 1; i < args.size(); ++i) {
                if (best.kind == Kind::Duration && mixed_units(best, v(i))) return RefOutcome::failure(RefFault::MixedDurations);
                int c = order(v(i), best);
                if (which == Builtin::Min ? c < 0 : c > 0) best = v(i);
            }
            return RefOutcome::of(best);
        }
        case Builtin::Clamp: {
            // min(max(x, lo), hi): each comparison on its own may mix days and months
            if (v(0).kind == Kind::Duration && mixed_units(v(0), v(1))) return RefOutcome::failure(RefFault::MixedDurations);
            RefValue x = order(v(1), v(0)) > 0 ? v(1) : v(0);
            if (x.kind == Kind::Duration && mixed_units(x, v(2))) return RefOutcome::failure(RefFault::MixedDurations);
            if (order(v(2), x) < 0) x = v(2);
            return RefOutcome::of(x);
        }
        case Builtin::Abs: {
            RefValue x = v(0);
            if (x.kind == Kind::Int || x.kind == Kind::Duration) {
                if (!checked(x.integer == INT64_MIN, &out)) return out;
                x.integer = x.integer < 0 ? -x.integer : x.integer;
                return RefOutcome::of(x);
            }
            if (x.number.num < 0 && !util::neg(x.number, &x.number)) return RefOutcome::failure(RefFault::Overflow);
            return RefOutcome::of(x);
        }
        case Builtin::Floor:
        case Builtin::Ceil: {
            if (v(0).kind == Kind::Int) return RefOutcome::of(v(0));
            __int128 num = v(0).number.num, den = v(0).number.den;
            // a percent is floored in points (LANGUAGE.md §7.2)
            if (T.kind(m_.at(e->args[0].get()).type) == TypeKind::Percent) num *= 100;
            __int128 k = round_quotient(num, den, which == Builtin::Floor ? Mode::Down : Mode::Up);
            if (!checked(!fits(k), &out)) return out;
            return RefOutcome::of(RefValue::of_int(static_cast<int64_t>(k)));
        }
        case Builtin::RoundDown:
        case Builtin::RoundUp:
        case Builtin::RoundHalfUp:
        case Builtin::RoundHalfEven: {
            const Expr* unit = e->args[1].get();
            int places;
            if (m_.at(unit).ref == RefKind::Unit) {
                places = m_.at(unit).index == 0 ? 2 : 0;   // cent, dollar
            } else {
                places = static_cast<int>(std::stoll(unit->text));
                if (T.kind(m_.at(e->args[0].get()).type) == TypeKind::Percent) places += 2;   // places of the points
            }
            Mode mode = which == Builtin::RoundDown ? Mode::Down
                        : which == Builtin::RoundUp ? Mode::Up
                        : which == Builtin::RoundHalfUp ? Mode::HalfUp
                                                        : Mode::HalfEven;
            util::Rational r;
            if (!checked(!round_places(as_number(v(0)), places, mode, &r), &out)) return out;
            return RefOutcome::of(RefValue::of_number(r));
        }
        case Builtin::PercentPoints: {
            util::Rational r;
            if (!checked(!util::mul(v(0).number, util::Rational::of(100), &r), &out)) return out;
            return RefOutcome::of(RefValue::of_number(r));
        }
        case Builtin::DaysBetween:
            if (!no_forever({0, 1})) return RefOutcome::failure(RefFault::ForeverArithmetic);
            return RefOutcome::of(RefValue::of_int(static_cast<int64_t>(v(1).date) - v(0).date));
        case Builtin::MonthsBetween:
            if (!no_forever({0, 1})) return RefOutcome::failure(RefFault::ForeverArithmetic);
            return RefOutcome::of(RefValue::of_int(util::months_between(v(0).date, v(1).date)));
        case Builtin::Year:
        case Builtin::Month:
        case Builtin::Day:
        case Builtin::FederalFiscalYear:
        case Builtin::StateFiscalYear: {
            if (!no_forever({0})) return RefOutcome::failure(RefFault::ForeverArithmetic);
            int y, mo, d;
            util::days_to_civil(v(0).date, &y, &mo, &d);
            int64_t r = which == Builtin::Year    ? y
                        : which == Builtin::Month ? mo
                        : which == Builtin::Day   ? d
                        : which == Builtin::FederalFiscalYear ? (mo >= 10 ? y + 1 : y)   // FY N from N-1-10-01
                                                              : (mo >= 7 ? y + 1 : y);   // SFY N from N-1-07-01
            return RefOutcome::of(RefValue::of_int(r));
        }
        case Builtin::FirstOfMonth:
        case Builtin::LastOfMonth: {
            if (v(0).date == util::kForever) return RefOutcome::of(v(0));
            int y, mo, d;
            util::days_to_civil(v(0).date, &y, &mo, &d);
            util::Days first;
            util::civil_to_days(y, mo, 1, &first);
            if (which == Builtin::FirstOfMonth) return RefOutcome::of(RefValue::of_date(first));
            // the day before the first of the next month
            util::Days next;
            bool ok = mo == 12 ? util::civil_to_days(y + 1, 1, 1, &next) : util::civil_to_days(y, mo + 1, 1, &next);
            if (!ok) {   // December 2299: the last supported month
                util::civil_to_days(y, 12, 31, &next);
                return RefOutcome::of(RefValue::of_date(next));
            }
            return RefOutcome::of(RefValue::of_date(next - 1));
        }
        case Builtin::MakeDate: {
            util::Days d;
            if (!util::civil_to_days(v(0).integer, v(1).integer, v(2).integer, &d)) return RefOutcome::failure(RefFault::InvalidDate);
            return RefOutcome::of(RefValue::of_date(d));
        }
        case Builtin::Days:
        case Builtin::Weeks:
        case Builtin::Months:
        case Builtin::Years: {
            int64_t unit = which == Builtin::Weeks ? 7 : which == Builtin::Years ? 12 : 1;
            int64_t n;
            if (!checked(__builtin_mul_overflow(v(0).integer, unit, &n), &out)) return out;
            return RefOutcome::of(RefValue::of_duration(n, which == Builtin::Months || which == Builtin::Years));
        }
        case Builtin::Length: return RefOutcome::of(RefValue::of_int(static_cast<int64_t>(v(0).items.size())));
    }
    return RefOutcome::failure(RefFault::Overflow);
}

bool ReferenceInterpreter::literal(const Expr* e, TypeId type, RefValue* out) {
    RefOutcome o = eval_to(e, type, nullptr);
    if (!o.ok()) return false;
    *out = std::move(o.value);
    return true;
}

RefOutcome ReferenceInterpreter::table(const Expr* e, uint32_t index, const ScopePtr& scope) {
    const check::TableInfo& t = m_.tables[index];
    const syntax::Decl& d = *t.origin.decl;
    std::vector<RefOutcome> inputs;
    for (size_t i = 0; i < t.inputs.size(); ++i) inputs.push_back(eval_to(e->args[i].get(), t.inputs[i].type, scope));
    RefOutcome f;
    if (strict_failure(inputs, &f)) return f;

    auto cell_holds = [&](const syntax::CellTest& test, TypeId type, const RefValue& x) {
        using K = syntax::CellTest::Kind;
        RefValue low, high;
        if (test.value && !literal(test.value.get(), type, &low)) return false;
        if (test.high && !literal(test.high.get(), type, &high)) return false;
        switch (test.kind) {
            case K::Any: return true;
            case K::Equal: return order(x, low) == 0;
            case K::NotEqual: return order(x, low) != 0;
            case K::Less: return order(x, low) < 0;
            case K::LessEq: return order(x, low) <= 0;
            case K::Greater: return order(x, low) > 0;
            case K::GreaterEq: return order(x, low) >= 0;
            case K::Range: return (!test.value || order(x, low) >= 0) && (!test.high || order(x, high) <= 0);
        }
        return false;
    };
    auto row_matches = [&](const syntax::TableRow& row) {
        for (size_t c = 0; c < row.inputs.size(); ++c) {
            const auto& tests = row.inputs[c].tests;
            if (tests.empty()) continue;   // any
            bool any = std::any_of(tests.begin(), tests.end(),
                                   [&](const syntax::CellTest& test) { return cell_holds(test, t.inputs[c].type, inputs[c].value); });
            if (!any) return false;
        }
        return true;
    };
    // the outputs may name the inputs
    ScopePtr inner;
    for (size_t i = 0; i < t.inputs.size(); ++i) {
        auto thunk = std::make_shared<Thunk>();
        thunk->result = inputs[i];
        inner = std::make_shared<const Scope>(Scope{t.inputs[i].name, thunk, inner});
    }
    auto output = [&](const syntax::TableRow& row) {
        if (t.output_record == check::kNone) return eval_to(row.outputs[0].get(), t.outputs[0].type, inner);
        std::vector<RefOutcome> fields;
        for (size_t o = 0; o < row.outputs.size(); ++o) fields.push_back(eval_to(row.outputs[o].get(), t.outputs[o].type, inner));
        RefOutcome failed;
        if (strict_failure(fields, &failed)) return failed;
        std::vector<RefValue> values;
        for (auto& x : fields) values.push_back(std::move(x.value));
        return RefOutcome::of(RefValue::of_record(std::move(values)));
    };

    std::vector<size_t> matching;
    for (size_t r = 0; r < d.rows.size(); ++r) {
        if (row_matches(d.rows[r])) matching.push_back(r);
    }
    switch (d.hit) {
        case syntax::HitPolicy::Collect: {
            std::vector<RefOutcome> outs;
            for (size_t r : matching) outs.push_back(output(d.rows[r]));
            RefOutcome failed;
            if (strict_failure(outs, &failed)) return failed;
            std::vector<RefValue> values;
            for (auto& x : outs) values.push_back(std::move(x.value));
            return RefOutcome::of(RefValue::of_list(std::move(values)));
        }
        case syntax::HitPolicy::Unique:
            if (matching.size() > 1) return RefOutcome::failure(RefFault::SeveralTableRows);
            [[fallthrough]];
        case syntax::HitPolicy::First:
            if (matching.empty()) return RefOutcome::failure(RefFault::NoTableRow);
            return output(d.rows[matching[0]]);
    }
    return RefOutcome::failure(RefFault::Overflow);
}

RefOutcome ReferenceInterpreter::aggregate(const Expr* e, const ScopePtr& scope) {
    const check::TypeTable& T = m_.types;
    TypeId type = m_.at(e).type;
    RefOutcome list = eval(e->args[0].get(), scope);
    if (!list.ok()) return list;
    const std::string& k = e->text;
    const Expr* filter = e->args.size() > 1 ? e->args[1].get() : nullptr;
    const Expr* body = e->args.size() > 2 ? e->args[2].get() : nullptr;
    TypeId body_type = k == "list" ? T.element(type) : T.strip_optional(type);
    // `any`, `all` and `count` can still be decided (or fail) by a later element after one whose
    // filter is missing; the others cannot, and stop at the first missing value.
    bool keeps_going = k == "any" || k == "all" || k == "count";

    // Elements are taken one at a time, in order: filter, then value, then into the result, so
    // the first failure in that order is the aggregate's.
    RefOutcome missing;
    missing.state = State::Missing;
    bool is_missing = false;
    std::vector<RefValue> selected;   // the elements the filter keeps (first, last, count)
    std::vector<RefValue> values;     // the body's values for them (list)
    TypeKind bk = T.kind(body_type);
    RefValue total = bk == TypeKind::Int ? RefValue::of_int(0)
                     : bk == TypeKind::Duration ? RefValue::of_duration(0, false)
                                                : RefValue::of_number(util::Rational::of(0));
    std::optional<RefValue> best;     // max, min
    RefOutcome out;
    for (const RefValue& item : list.value.items) {
        auto thunk = std::make_shared<Thunk>();
        thunk->result = RefOutcome::of(item);
        ScopePtr inner = std::make_shared<const Scope>(Scope{e->var, thunk, scope});
        if (filter) {
            RefOutcome c = eval(filter, inner);
            if (c.state == State::Error) return c;
            if (c.state == State::Missing) {
                // unresolved for want of the facts the first undecided element needed
                if (!is_missing) missing.missing = c.missing;
                is_missing = true;
                if (!keeps_going) break;
                continue;
            }
            if (!c.value.boolean) {
                if (k == "all") return RefOutcome::of(RefValue::of_bool(false));
                continue;
            }
        }
        if (k == "any") return RefOutcome::of(RefValue::of_bool(true));
        selected.push_back(item);
        if (k == "first") break;
        if (!body) continue;
        RefOutcome b = eval_to(body, body_type, inner);
        if (b.state == State::Error) return b;
        if (b.state == State::Missing) {
            if (!is_missing) missing.missing = b.missing;
            is_missing = true;
            break;
        }
        const RefValue& x = b.value;
        if (k == "list") {
            values.push_back(x);
        } else if (k == "sum") {
            if (total.kind == Kind::Int) {
                if (!checked(__builtin_add_overflow(total.integer, x.integer, &total.integer), &out)) return out;
            } else if (total.kind == Kind::Duration) {
                if (mixed_units(total, x)) return RefOutcome::failure(RefFault::MixedDurations);
                if (x.integer != 0) total.months = x.months;
                if (!checked(__builtin_add_overflow(total.integer, x.integer, &total.integer), &out)) return out;
            } else if (!checked(!util::add(total.number, as_number(x), &total.number), &out)) {
                return out;
            }
        } else if (k == "max" || k == "min") {
            if (best && best->kind == Kind::Duration && mixed_units(*best, x)) return RefOutcome::failure(RefFault::MixedDurations);
            int c = best ? order(x, *best) : 0;
            if (!best || (k == "max" ? c > 0 : c < 0)) best = x;
        }
    }
    if (is_missing) return missing;

    if (k == "count") return RefOutcome::of(RefValue::of_int(static_cast<int64_t>(selected.size())));
    if (k == "any") return RefOutcome::of(RefValue::of_bool(false));
    if (k == "all") return RefOutcome::of(RefValue::of_bool(true));
    if (k == "first") return RefOutcome::of(selected.empty() ? RefValue::none() : selected.front());
    if (k == "last") return RefOutcome::of(selected.empty() ? RefValue::none() : selected.back());
    if (k == "list") return RefOutcome::of(RefValue::of_list(std::move(values)));
    if (k == "sum") return RefOutcome::of(total);
    return RefOutcome::of(best ? *best : RefValue::none());   // max, min: none when nothing is selected
}

RefOutcome ReferenceInterpreter::collect(const Expr* e, const ScopePtr& scope) {
    TypeId el = m_.types.element(m_.at(e).type);
    std::vector<RefValue> items;
    RefOutcome missing;
    missing.state = State::Missing;
    bool is_missing = false;
    for (const auto& entry : e->entries) {
        RefOutcome c = eval(entry.condition.get(), scope);
        if (c.state == State::Error) return c;
        if (c.state == State::Missing) {
            // a later entry may still fail with an error, which then is the result
            is_missing = true;
            missing.missing.insert(c.missing.begin(), c.missing.end());
            continue;
        }
        if (!c.value.boolean) continue;
        RefOutcome v = eval_to(entry.value.get(), el, scope);
        if (!v.ok()) return v;
        items.push_back(std::move(v.value));
    }
    if (is_missing) return missing;
    return RefOutcome::of(RefValue::of_list(std::move(items)));
}

RefOutcome ReferenceInterpreter::limit(const Expr* e, const ScopePtr& scope) {
    // the steps apply in order, each to the result of the previous ones (LANGUAGE.md §7.4)
    TypeId type = m_.at(e).type;
    RefOutcome x = eval_to(e->args[0].get(), type, scope);
    if (!x.ok()) return x;
    for (const auto& step : e->steps) {
        if (step.unless) {
            RefOutcome u = eval(step.unless.get(), scope);
            if (!u.ok()) return u;
            if (u.value.boolean) continue;
        }
        RefOutcome b = eval_to(step.bound.get(), type, scope);
        if (!b.ok()) return b;
        if (x.value.kind == Kind::Duration && mixed_units(x.value, b.value)) return RefOutcome::failure(RefFault::MixedDurations);
        int c = order(b.value, x.value);
        if (step.at_most ? c < 0 : c > 0) x = b;
    }
    return x;
}

RefOutcome ReferenceInterpreter::ladder(uint32_t index) {
    auto memo = ladders_.find(index);
    if (memo != ladders_.end()) return memo->second;
    const check::LadderInfo& info = m_.ladders[index];
    const syntax::Decl& d = *info.origin.decl;
    TypeId percent = m_.types.percent(), duration = m_.types.duration();

    auto compute = [&]() -> RefOutcome {
        std::vector<RefOutcome> inputs{eval(d.episodes.get(), nullptr), fact(0)};
        for (const auto& level : d.levels) {
            inputs.push_back(eval_to(level.percent.get(), percent, nullptr));
            // a missing length (plain `until cured`, no `at most`) stands as an absent value
            inputs.push_back(level.length ? eval_to(level.length.get(), duration, nullptr) : RefOutcome{});
            inputs.push_back(level.at_most ? eval_to(level.at_most.get(), duration, nullptr) : RefOutcome{});
        }
        RefOutcome f;
        if (strict_failure(inputs, &f)) return f;
        util::Days as_of = inputs[1].value.date;
        const auto& episodes = inputs[0].value.items;
        int top = static_cast<int>(d.levels.size());

        // episodes that started by as_of, by start; ties keep list order
        std::vector<size_t> order_;
        for (size_t i = 0; i < episodes.size(); ++i) {
            if (episodes[i].items[info.start_field].date <= as_of) order_.push_back(i);
        }
        std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
            return episodes[a].items[info.start_field].date < episodes[b].items[info.start_field].date;
        });

        struct Span {
            size_t episode;
            int level;
            util::Days first, last;   // last: kForever when open-ended
        };
        std::vector<Span> spans;
        for (size_t ep : order_) {
            util::Days start = episodes[ep].items[info.start_field].date;
            const RefValue& cure_value = episodes[ep].items[info.cure_field];
            bool cured = cure_value.present();
            util::Days cure = cured ? cure_value.date : util::kForever;
            int level = 1;
            if (d.carry_highest) {
                // one above the highest level reached by earlier episodes before this one began
                int highest = 0;
                for (const auto& s : spans) {
                    if (s.first < start) highest = std::max(highest, s.level);
                }
                level = std::min(top, highest + 1);
            }
            util::Days first = start;
            for (;;) {
                const auto& spec = d.levels[static_cast<size_t>(level - 1)];
                const RefValue& length = inputs[2 + 3 * static_cast<size_t>(level - 1) + 1].value;
                const RefValue& at_most = inputs[2 + 3 * static_cast<size_t>(level - 1) + 2].value;
                util::Days after = first;   // the day after the level's (minimum) length
                if (spec.length && !shift_date(first, length.integer, length.months, &after)) {
                    return RefOutcome::failure(RefFault::DateOutOfRange);
                }
                util::Days last = after - 1;
                if (spec.until_cured) {
                    // at least its length, and until the day before the cure
                    util::Days end = cured ? std::max(last, cure - 1) : util::kForever;
                    if (!spec.at_most) {
                        spans.push_back(Span{ep, level, first, end});
                        break;
                    }
                    // ... but no longer than `at most`; uncured by then, the next level follows
                    util::Days after_most;
                    if (!shift_date(first, at_most.integer, at_most.months, &after_most)) {
                        return RefOutcome::failure(RefFault::DateOutOfRange);
                    }
                    last = after_most - 1;
                    spans.push_back(Span{ep, level, first, std::min(end, last)});
                } else {
                    spans.push_back(Span{ep, level, first, last});
                }
                // cured by the level's last day, or at the top: the episode ends here
                if (level == top || (cured && cure <= last)) break;
                first = last + 1;
                ++level;
            }
        }
        // the level in force: the highest; of equal levels, the latest episode's
        const Span* now = nullptr;
        for (const auto& s : spans) {
            if (s.first <= as_of && as_of <= s.last && (!now || s.level >= now->level)) now = &s;
        }
        const auto& rec = m_.records[m_.types.get(m_.ladder_type).ref];
        std::vector<RefValue> fields(rec.fields.size());
        auto set = [&](const char* field, RefValue v) { fields[static_cast<size_t>(rec.field_index(field))] = std::move(v); };
        if (!now) {
            set("level", RefValue::of_int(0));
            set("percent", RefValue::of_number(util::Rational::of(0)));
        } else {
            set("level", RefValue::of_int(now->level));
            set("percent", inputs[2 + 3 * static_cast<size_t>(now->level - 1)].value);
            set("level_started", RefValue::of_date(now->first));
            if (now->last != util::kForever) set("level_ends", RefValue::of_date(now->last));
            set("episode_start", RefValue::of_date(episodes[now->episode].items[info.start_field].date));
        }
        return RefOutcome::of(RefValue::of_record(std::move(fields)));
    };
    RefOutcome o = compute();
    ladders_[index] = o;
    return o;
}

}  // namespace tenet::eval
