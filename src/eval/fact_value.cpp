// The checks of one scalar fact value (see fact_value.hpp).
#include "eval/fact_value.hpp"

#include "util/date.hpp"

namespace tenet::eval {

using check::TypeKind;
using util::DecimalFault;

namespace {

bool refuse(std::string* message, std::string text) {
    *message = std::move(text);
    return false;
}

}  // namespace

bool number_fact_value(TypeKind k, const util::Rational& r, int places, DecimalFault fault, std::string_view shown,
                       Value* out, std::string* message) {
    // the quoted value, spelled only when a message needs it
    auto quoted = [&] { return shown.empty() ? "`" + util::to_decimal_string(r) + "`" : std::string(shown); };
    switch (k) {
        case TypeKind::Int:
            if (fault == DecimalFault::TooLarge) return refuse(message, quoted() + " is too large for an integer");
            // exact whole values count however they are written: 20e1, 1E+2, 3e0, 2.0
            if (fault != DecimalFault::None || !r.is_integer())
                return refuse(message, quoted() + " is not a whole number");
            *out = Value::of_int(r.num);
            return true;
        case TypeKind::Decimal:
            if (fault == DecimalFault::TooLarge)
                return refuse(message, quoted() + " is too large a number to hold exactly");
            if (fault != DecimalFault::None) {
                return refuse(message, quoted() + " has more decimal places than a number can hold exactly");
            }
            *out = Value::of_number(r);
            return true;
        case TypeKind::Money:
            if (places > 2) return refuse(message, "money has at most 2 decimals (cents): " + quoted());
            if (fault != DecimalFault::None) return refuse(message, quoted() + " is too large an amount");
            if (!r.is_whole_hundredths()) return refuse(message, "money has at most 2 decimals (cents): " + quoted());
            if (util::compare(r, kMoneyLimit) > 0 ||
                util::compare(r, util::Rational{-kMoneyLimit.num, kMoneyLimit.den}) < 0) {
                return refuse(message, quoted() + " is beyond the largest amount allowed ($999,999,999,999.99)");
            }
            *out = Value::of_number(r);
            return true;
        case TypeKind::Percent: {
            if (fault == DecimalFault::TooLarge) return refuse(message, quoted() + " is too large for a percent");
            if (fault != DecimalFault::None) {
                return refuse(message, quoted() + " has more decimal places than a percent can hold exactly");
            }
            util::Rational p;
            if (!util::div(r, util::Rational::of(100), &p))
                return refuse(message, quoted() + " is too large for a percent");
            *out = Value::of_number(p);
            return true;
        }
        default: return refuse(message, "not a number fact");
    }
}

bool day_fact_value(int64_t day, Value* out, std::string* message) {
    if (day < util::min_date() || day > util::max_date()) {
        return refuse(message, "day " + std::to_string(day) + " is not a date between 1800-01-01 and 2299-12-31");
    }
    *out = Value::of_date(static_cast<util::Days>(day));
    return true;
}

bool text_fact_value(const check::Model& m, check::TypeId type, std::string_view text, std::string_view shown,
                     Value* out, std::string* message) {
    check::TypeId bare = m.types.strip_optional(type);
    switch (m.types.kind(bare)) {
        case TypeKind::Bool:
            if (text == "true" || text == "false") {
                *out = Value::of_bool(text == "true");
                return true;
            }
            return refuse(message, std::string(shown) + " is not true or false");
        case TypeKind::Date: {
            util::Days d;
            if (!util::parse_iso_date(text, &d)) {
                return refuse(message,
                              std::string(shown) +
                                  " is not a date: write YYYY-MM-DD, a real day between 1800-01-01 and 2299-12-31");
            }
            *out = Value::of_date(d);
            return true;
        }
        case TypeKind::Enum: {
            const auto& e = m.enums[m.types.get(bare).ref];
            for (uint32_t i = 0; i < e.values.size(); ++i) {
                if (e.values[i] == text) {
                    *out = Value::of_enum(i);
                    return true;
                }
            }
            std::string allowed;
            for (const auto& v : e.values) allowed += (allowed.empty() ? "" : ", ") + v;
            return refuse(message, std::string(shown) + " is not a " + e.name + " (one of: " + allowed + ")");
        }
        default: return refuse(message, "a " + m.type_name(type) + " fact cannot be read from text");
    }
}

bool fact_value_in_range(const check::FactInfo& f, TypeKind k, const Value& v, std::string* message) {
    bool below = false, above = false;
    if (k == TypeKind::Date) {
        below = f.low.present && v.d < f.low.date;
        above = f.high.present && v.d > f.high.date;
    } else if (k == TypeKind::Int) {
        below = f.low.present && v.i < f.low.integer;
        above = f.high.present && v.i > f.high.integer;
    } else if (k == TypeKind::Decimal || k == TypeKind::Money || k == TypeKind::Percent) {
        below = f.low.present && util::compare(v.r, f.low.number) < 0;
        above = f.high.present && util::compare(v.r, f.high.number) > 0;
    }
    if (!below && !above) return true;
    auto show = [&](const check::Bound& b) {
        if (k == TypeKind::Date) return util::format_iso_date(b.date);
        if (k == TypeKind::Int) return std::to_string(b.integer);
        if (k == TypeKind::Percent) {
            util::Rational p;
            util::mul(b.number, util::Rational::of(100), &p);
            return util::to_decimal_string(p);
        }
        return util::to_decimal_string(b.number, k == TypeKind::Money ? 2 : 0);
    };
    *message = std::string("value is ") +
               (below ? "below the smallest allowed, " + show(f.low) : "above the largest allowed, " + show(f.high));
    return false;
}

}  // namespace tenet::eval
