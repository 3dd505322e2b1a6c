// The reference interpreter's values and outcomes, and the exact arithmetic and ordering it
// needs (see reference.cpp).
#include "eval/reference.hpp"

#include "eval/reference_support.hpp"

namespace tenet::eval {

// ---- values ------------------------------------------------------------------------------------

RefValue RefValue::of_bool(bool b) {
    RefValue v;
    v.kind = Kind::Bool;
    v.boolean = b;
    return v;
}
RefValue RefValue::of_int(int64_t i) {
    RefValue v;
    v.kind = Kind::Int;
    v.integer = i;
    return v;
}
RefValue RefValue::of_number(util::Rational r) {
    RefValue v;
    v.kind = Kind::Number;
    v.number = r;
    return v;
}
RefValue RefValue::of_date(util::Days d) {
    RefValue v;
    v.kind = Kind::Date;
    v.date = d;
    return v;
}
RefValue RefValue::of_duration(int64_t count, bool months) {
    RefValue v;
    v.kind = Kind::Duration;
    v.integer = count;
    v.months = months;
    return v;
}
RefValue RefValue::of_enum(uint32_t index) {
    RefValue v;
    v.kind = Kind::Enum;
    v.integer = index;
    return v;
}
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

namespace reference_detail {

util::Rational as_number(const RefValue& v) { return v.kind == Kind::Int ? util::Rational::of(v.integer) : v.number; }

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
            return q >= 0 ? q + 1 : q;  // a tie: away from zero
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

}  // namespace reference_detail

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

}  // namespace tenet::eval
