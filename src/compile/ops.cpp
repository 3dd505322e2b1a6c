// Strict operations on present values: arithmetic, dates, comparisons, built-in functions.
#include "compile/ops.hpp"

#include <algorithm>

namespace tenet::eval {

using check::Builtin;
using compile::Node;
using compile::Op;

ValueKind kind_of(const check::Model& m, check::TypeId t) {
    using check::TypeKind;
    switch (m.types.kind(m.types.strip_optional(t))) {
        case TypeKind::Bool: return ValueKind::Bool;
        case TypeKind::Int: return ValueKind::Int;
        case TypeKind::Decimal:
        case TypeKind::Money:
        case TypeKind::Percent: return ValueKind::Number;
        case TypeKind::Date: return ValueKind::Date;
        case TypeKind::Duration: return ValueKind::Duration;
        case TypeKind::Enum: return ValueKind::Enum;
        case TypeKind::Record: return ValueKind::Record;
        case TypeKind::List:
        case TypeKind::EmptyList: return ValueKind::List;
        default: return ValueKind::Bool;
    }
}

int compare_values(ValueKind k, const Value& a, const Value& b, Fault* fault) {
    switch (k) {
        case ValueKind::Bool: return (a.b > b.b) - (a.b < b.b);
        case ValueKind::Int: return (a.i > b.i) - (a.i < b.i);
        case ValueKind::Number: return util::compare(a.r, b.r);
        case ValueKind::Date: return (a.d > b.d) - (a.d < b.d);
        case ValueKind::Enum: return (a.e > b.e) - (a.e < b.e);
        case ValueKind::Duration: {
            if (a.dur.months != b.dur.months && a.dur.count != 0 && b.dur.count != 0) {
                *fault = Fault::MixedDurations;
                return 0;
            }
            return (a.dur.count > b.dur.count) - (a.dur.count < b.dur.count);
        }
        default: return 0;
    }
}

bool cell_equal(const check::Model& m, check::TypeId t, const Cell& a, const Cell& b) {
    if (a.s != b.s) return false;
    if (a.s != State::Ok) return true;
    return deep_equal(m, m.types.strip_optional(t), a.v, b.v);
}

bool deep_equal(const check::Model& m, check::TypeId t, const Value& a, const Value& b) {
    using check::TypeKind;
    t = m.types.strip_optional(t);
    switch (m.types.kind(t)) {
        case TypeKind::List: {
            if (a.list.size != b.list.size) return false;
            check::TypeId el = m.types.element(t);
            for (uint32_t i = 0; i < a.list.size; ++i) {
                if (!cell_equal(m, el, a.list.items[i], b.list.items[i])) return false;
            }
            return true;
        }
        case TypeKind::EmptyList: return a.list.size == b.list.size;
        case TypeKind::Record: {
            const auto& rec = m.records[m.types.get(t).ref];
            for (size_t i = 0; i < rec.fields.size(); ++i) {
                if (!cell_equal(m, rec.fields[i].type, a.rec[i], b.rec[i])) return false;
            }
            return true;
        }
        case TypeKind::Duration:
            return a.dur.count == b.dur.count && (a.dur.months == b.dur.months || a.dur.count == 0);
        default: {
            Fault f = Fault::None;
            return compare_values(kind_of(m, t), a, b, &f) == 0;
        }
    }
}

namespace {

Fault add_days_checked(util::Days d, int64_t days, util::Days* out) {
    if (d == util::kForever) {
        *out = d;
        return Fault::None;
    }
    return util::add_days(d, days, out) ? Fault::None : Fault::DateOutOfRange;
}

Fault shift(util::Days d, Duration dur, bool subtract, util::Days* out) {
    int64_t count = dur.count;
    if (subtract) {
        if (count == INT64_MIN) return Fault::Overflow;
        count = -count;
    }
    if (d == util::kForever) {
        *out = d;
        return Fault::None;
    }
    if (dur.months) return util::add_months(d, count, out) ? Fault::None : Fault::DateOutOfRange;
    return add_days_checked(d, count, out);
}

Fault number_result(bool ok) { return ok ? Fault::None : Fault::Overflow; }

util::Rounding rounding_of(Builtin b) {
    switch (b) {
        case Builtin::RoundDown: return util::Rounding::Down;
        case Builtin::RoundUp: return util::Rounding::Up;
        case Builtin::RoundHalfUp: return util::Rounding::HalfUp;
        default: return util::Rounding::HalfEven;
    }
}

Fault builtin(const check::Model& m, const Node& n, const Value* in, Value* out) {
    Builtin b = static_cast<Builtin>(n.aux);
    switch (b) {
        case Builtin::Min:
        case Builtin::Max: {
            Value best = in[0];
            for (uint32_t i = 1; i < n.args_count; ++i) {
                Fault f = Fault::None;
                int c = compare_values(n.vk, in[i], best, &f);
                if (f != Fault::None) return f;
                if ((b == Builtin::Min && c < 0) || (b == Builtin::Max && c > 0)) best = in[i];
            }
            *out = best;
            return Fault::None;
        }
        case Builtin::Clamp: {
            Fault f = Fault::None;
            Value v = in[0];
            if (compare_values(n.vk, v, in[1], &f) < 0) v = in[1];
            if (compare_values(n.vk, v, in[2], &f) > 0) v = in[2];
            *out = v;
            return f;
        }
        case Builtin::Abs:
            if (n.vk == ValueKind::Int) {
                if (in[0].i == INT64_MIN) return Fault::Overflow;
                *out = Value::of_int(in[0].i < 0 ? -in[0].i : in[0].i);
            } else if (n.vk == ValueKind::Duration) {
                if (in[0].dur.count == INT64_MIN) return Fault::Overflow;
                *out = Value::of_duration({in[0].dur.count < 0 ? -in[0].dur.count : in[0].dur.count, in[0].dur.months});
            } else {
                util::Rational r = in[0].r;
                if (r.num < 0 && !util::neg(r, &r)) return Fault::Overflow;
                *out = Value::of_number(r);
            }
            return Fault::None;
        case Builtin::Floor:
        case Builtin::Ceil: {
            // operand is a number (ints were converted); sub = 1 for a percent, read in points.
            // The points are num * 100 / den in 128 bits: only the whole result must fit, not
            // the fraction of points (which may need more than 64 bits where the result does not)
            __int128 num = static_cast<__int128>(in[0].r.num) * (n.sub == 1 ? 100 : 1), den = in[0].r.den;
            __int128 q = num / den;
            bool inexact = num % den != 0;
            if (inexact && b == Builtin::Floor && num < 0) q -= 1;
            if (inexact && b == Builtin::Ceil && num > 0) q += 1;
            if (q > INT64_MAX || q < INT64_MIN) return Fault::Overflow;
            *out = Value::of_int(static_cast<int64_t>(q));
            return Fault::None;
        }
        case Builtin::RoundDown:
        case Builtin::RoundUp:
        case Builtin::RoundHalfUp:
        case Builtin::RoundHalfEven: {
            util::Rational r;
            if (!util::round_to_places(in[0].r, static_cast<int>(n.sub) - 64, rounding_of(b), &r))
                return Fault::Overflow;
            *out = Value::of_number(r);
            return Fault::None;
        }
        case Builtin::PercentPoints: {
            util::Rational r;
            if (!util::mul(in[0].r, util::Rational::of(100), &r)) return Fault::Overflow;
            *out = Value::of_number(r);
            return Fault::None;
        }
        case Builtin::DaysBetween:
            if (in[0].d == util::kForever || in[1].d == util::kForever) return Fault::ForeverArithmetic;
            *out = Value::of_int(static_cast<int64_t>(in[1].d) - in[0].d);
            return Fault::None;
        case Builtin::MonthsBetween:
            if (in[0].d == util::kForever || in[1].d == util::kForever) return Fault::ForeverArithmetic;
            *out = Value::of_int(util::months_between(in[0].d, in[1].d));
            return Fault::None;
        case Builtin::Year:
        case Builtin::Month:
        case Builtin::Day:
        case Builtin::FederalFiscalYear:
        case Builtin::StateFiscalYear: {
            util::Days d = in[0].d;
            if (d == util::kForever) return Fault::ForeverArithmetic;
            int v = b == Builtin::Year                ? util::year_of(d)
                    : b == Builtin::Month             ? util::month_of(d)
                    : b == Builtin::Day               ? util::day_of(d)
                    : b == Builtin::FederalFiscalYear ? util::federal_fiscal_year(d)
                                                      : util::state_fiscal_year(d);
            *out = Value::of_int(v);
            return Fault::None;
        }
        case Builtin::FirstOfMonth:
        case Builtin::LastOfMonth:
            if (in[0].d == util::kForever) {
                *out = in[0];
                return Fault::None;
            }
            *out = Value::of_date(b == Builtin::FirstOfMonth ? util::first_of_month(in[0].d)
                                                             : util::last_of_month(in[0].d));
            return Fault::None;
        case Builtin::MakeDate: {
            util::Days d;
            if (!util::civil_to_days(in[0].i, in[1].i, in[2].i, &d)) return Fault::InvalidDate;
            *out = Value::of_date(d);
            return Fault::None;
        }
        case Builtin::Days:
        case Builtin::Weeks:
        case Builtin::Months:
        case Builtin::Years: {
            int64_t k = b == Builtin::Weeks ? 7 : b == Builtin::Years ? 12 : 1;
            int64_t c;
            if (__builtin_mul_overflow(in[0].i, k, &c)) return Fault::Overflow;
            *out = Value::of_duration({c, b == Builtin::Months || b == Builtin::Years});
            return Fault::None;
        }
        case Builtin::Length: *out = Value::of_int(in[0].list.size); return Fault::None;
    }
    (void)m;
    return Fault::None;
}

}  // namespace

Fault apply_strict(const check::Model& m, const compile::Program& p, const Node& n, const Value* in, Value* out) {
    const Value& a = in[0];
    const Value& b = in[1];
    switch (n.op) {
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
            if (n.vk == ValueKind::Int) {
                int64_t r;
                bool overflow = n.op == Op::Add   ? __builtin_add_overflow(a.i, b.i, &r)
                                : n.op == Op::Sub ? __builtin_sub_overflow(a.i, b.i, &r)
                                                  : __builtin_mul_overflow(a.i, b.i, &r);
                if (overflow) return Fault::Overflow;
                *out = Value::of_int(r);
                return Fault::None;
            } else {
                util::Rational r;
                bool ok = n.op == Op::Add   ? util::add(a.r, b.r, &r)
                          : n.op == Op::Sub ? util::sub(a.r, b.r, &r)
                                            : util::mul(a.r, b.r, &r);
                *out = Value::of_number(r);
                return number_result(ok);
            }
        case Op::Div: {
            if (b.r.num == 0) return Fault::DivisionByZero;
            util::Rational r;
            bool ok = util::div(a.r, b.r, &r);
            *out = Value::of_number(r);
            return number_result(ok);
        }
        case Op::Neg:
            if (n.vk == ValueKind::Int) {
                if (a.i == INT64_MIN) return Fault::Overflow;
                *out = Value::of_int(-a.i);
                return Fault::None;
            } else {
                util::Rational r;
                bool ok = util::neg(a.r, &r);
                *out = Value::of_number(r);
                return number_result(ok);
            }
        case Op::IntToNumber: *out = Value::of_number(util::Rational::of(a.i)); return Fault::None;
        case Op::DateAdd:
        case Op::DateSub: {
            // sub = 1: the duration is the first operand (`30 days + d`)
            const Value& date = n.sub ? b : a;
            const Value& length = n.sub ? a : b;
            util::Days d;
            Fault f = shift(date.d, length.dur, n.op == Op::DateSub, &d);
            *out = Value::of_date(d);
            return f;
        }
        case Op::DateDiff:
            if (a.d == util::kForever || b.d == util::kForever) return Fault::ForeverArithmetic;
            *out = Value::of_duration({static_cast<int64_t>(a.d) - b.d, false});
            return Fault::None;
        case Op::DurAdd:
        case Op::DurSub: {
            if (a.dur.months != b.dur.months && a.dur.count != 0 && b.dur.count != 0) return Fault::MixedDurations;
            bool months = a.dur.count != 0 ? a.dur.months : b.dur.months;
            int64_t r;
            bool overflow = n.op == Op::DurAdd ? __builtin_add_overflow(a.dur.count, b.dur.count, &r)
                                               : __builtin_sub_overflow(a.dur.count, b.dur.count, &r);
            if (overflow) return Fault::Overflow;
            *out = Value::of_duration({r, months});
            return Fault::None;
        }
        case Op::DurMul: {
            // sub = 1: the count is the first operand (`2 * 30 days`)
            const Value& length = n.sub ? b : a;
            const Value& count = n.sub ? a : b;
            int64_t r;
            if (__builtin_mul_overflow(length.dur.count, count.i, &r)) return Fault::Overflow;
            *out = Value::of_duration({r, length.dur.months});
            return Fault::None;
        }
        case Op::DurNeg:
            if (a.dur.count == INT64_MIN) return Fault::Overflow;
            *out = Value::of_duration({-a.dur.count, a.dur.months});
            return Fault::None;
        case Op::Compare: {
            check::TypeId t = n.aux;
            ValueKind k = kind_of(m, t);
            syntax::Op op = static_cast<syntax::Op>(n.sub);
            if (k == ValueKind::List || k == ValueKind::Record) {
                bool eq = deep_equal(m, t, a, b);
                *out = Value::of_bool(op == syntax::Op::Eq ? eq : !eq);
                return Fault::None;
            }
            Fault f = Fault::None;
            int c = compare_values(k, a, b, &f);
            *out = Value::of_bool(comparison_holds(op, c));
            return f;
        }
        case Op::Not: *out = Value::of_bool(!a.b); return Fault::None;
        case Op::IsEmpty: *out = Value::of_bool(a.list.size == 0); return Fault::None;
        case Op::In: {
            check::TypeId t = n.aux;
            for (uint32_t i = 0; i < b.list.size; ++i) {
                const Cell& c = b.list.items[i];
                if (c.s == State::Ok && deep_equal(m, t, a, c.v)) {
                    *out = Value::of_bool(true);
                    return Fault::None;
                }
            }
            *out = Value::of_bool(false);
            return Fault::None;
        }
        case Op::Within: {
            const Value& ref = in[2];
            util::Days edge;
            if (n.sub == 0) {  // before: ref - D < a <= ref
                Fault f = shift(ref.d, b.dur, true, &edge);
                if (f != Fault::None) return f;
                *out = Value::of_bool(a.d > edge && a.d <= ref.d);
            } else {  // after: ref <= a < ref + D
                Fault f = shift(ref.d, b.dur, false, &edge);
                if (f != Fault::None) return f;
                *out = Value::of_bool(a.d >= ref.d && a.d < edge);
            }
            return Fault::None;
        }
        case Op::Builtin: return builtin(m, n, in, out);
        default: break;
    }
    (void)p;
    return Fault::None;
}

}  // namespace tenet::eval
