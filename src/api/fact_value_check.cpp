// Ruleset::check_fact_value: one value of a scalar fact, as a column carries it, put through the
// checks the JSON decoder makes (eval/fact_value.hpp), so that a host on the public API (the C
// columns) refuses a value with the decoder's words without reaching into the model.
#include "api/ruleset_impl.hpp"
#include "eval/fact_value.hpp"
#include "util/date.hpp"

namespace tenet {

namespace {

constexpr int kMaxScale = 18;  // 10^18 is the largest power of ten an int64 holds

int64_t power_of_ten(int scale) {
    int64_t p = 1;
    for (int i = 0; i < scale; ++i) p *= 10;
    return p;
}

}  // namespace

std::optional<std::string> Ruleset::check_fact_value(int fact, int64_t v, int scale) const {
    using check::TypeKind;
    const check::Model& m = *impl_->model;
    if (fact < 0 || static_cast<size_t>(fact) >= m.facts.size()) {
        return "fact " + std::to_string(fact) + " is not one of the ruleset's " + std::to_string(m.facts.size());
    }
    const check::FactInfo& f = m.facts[static_cast<size_t>(fact)];
    TypeKind kind = m.types.kind(m.types.strip_optional(f.type));
    bool number = kind == TypeKind::Decimal || kind == TypeKind::Money || kind == TypeKind::Percent;
    if (number ? scale < 0 || scale > kMaxScale : scale != 0) {
        return "scale " + std::to_string(scale) + " is not " + (number ? "in 0..18" : "0 (only numbers are scaled)");
    }
    std::string why;
    eval::Value value;
    switch (kind) {
        case TypeKind::Bool:
            if (v != 0 && v != 1) return "a bool is 0 or 1, not " + std::to_string(v);
            return std::nullopt;
        case TypeKind::Int: value = eval::Value::of_int(v); break;
        case TypeKind::Enum: {
            size_t values = m.enums[m.types.get(m.types.strip_optional(f.type)).ref].values.size();
            if (v < 0 || static_cast<uint64_t>(v) >= values) {
                return "enum index " + std::to_string(v) + " is not in 0.." + std::to_string(values - 1);
            }
            return std::nullopt;
        }
        case TypeKind::Date:
            if (!eval::day_fact_value(v, &value, &why)) return why;
            break;
        case TypeKind::Decimal:
        case TypeKind::Money:
        case TypeKind::Percent: {  // v / 10^scale
            util::Rational r;
            if (!util::Rational::make(v, power_of_ten(scale), &r)) {
                return "cannot hold " + std::to_string(v) + "e-" + std::to_string(scale) + " exactly";
            }
            if (!eval::number_fact_value(kind, r, 0, util::DecimalFault::None, {}, &value, &why)) return why;
            break;
        }
        default: return "a " + m.type_name(f.type) + " fact has no value of one number: give it through JSON";
    }
    if (!eval::fact_value_in_range(f, kind, value, &why)) return why;
    return std::nullopt;
}

}  // namespace tenet
