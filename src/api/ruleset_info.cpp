// What a compiled ruleset tells its hosts about itself (tenet.hpp: DecisionInfo, FactInfo,
// ParameterInfo, EnumInfo, SourceText): the checked model, put in plain values once, so that the
// C API and the bindings need nothing of the model.
#include <stdexcept>

#include "api/ruleset_impl.hpp"
#include "util/date.hpp"
#include "util/json_string.hpp"

namespace tenet {

namespace {

Kind kind_of(const check::Model& m, check::TypeId t) {
    using check::TypeKind;
    switch (m.types.kind(m.types.strip_optional(t))) {
        case TypeKind::Bool: return Kind::Bool;
        case TypeKind::Int: return Kind::Int;
        case TypeKind::Decimal: return Kind::Decimal;
        case TypeKind::Money: return Kind::Money;
        case TypeKind::Percent: return Kind::Percent;
        case TypeKind::Date: return Kind::Date;
        case TypeKind::Enum: return Kind::Enum;
        case TypeKind::List:
        case TypeKind::EmptyList: return Kind::List;
        case TypeKind::Record: return Kind::Record;
        default: return Kind::Other;
    }
}

std::vector<std::string> enum_values_of(const check::Model& m, check::TypeId t) {
    t = m.types.strip_optional(t);
    if (m.types.kind(t) != check::TypeKind::Enum) return {};
    return m.enums[m.types.get(t).ref].values;
}

Bound bound_of(const check::Bound& b) {
    Bound out;
    out.present = b.present;
    out.integer = b.integer;
    out.numerator = b.number.num;
    out.denominator = b.number.den;
    out.days = b.date;
    return out;
}

std::string period_end(util::Days day, bool open) { return open ? "" : util::format_iso_date(day); }

TypeInfo type_info(const check::Model& m, check::TypeId t) {
    TypeInfo info;
    info.optional = m.types.is_optional(t);
    t = m.types.strip_optional(t);
    info.name = m.type_name(t);
    info.kind = kind_of(m, t);
    info.enum_values = enum_values_of(m, t);
    const check::Type& type = m.types.get(t);
    if (type.kind == check::TypeKind::Record) {
        for (const check::FieldInfo& f : m.records[type.ref].fields) {
            info.parts.push_back(type_info(m, f.type));
            info.parts.back().field = f.name;
        }
    } else if (type.kind == check::TypeKind::List) {
        info.parts.push_back(type_info(m, type.ref));
    }
    return info;
}

}  // namespace

void describe_ruleset(const check::Model& m, Ruleset::Impl* impl) {
    for (uint32_t r : m.decisions) {
        const check::RuleInfo& rule = m.rules[r];
        DecisionInfo info;
        info.name = rule.name;
        info.type = m.type_name(rule.type);
        info.optional = m.types.is_optional(rule.type);
        info.cites = rule.origin.decl->notes.cites;
        info.kind = kind_of(m, rule.type);
        info.enum_values = enum_values_of(m, rule.type);
        impl->decisions.push_back(std::move(info));
        std::string& key = impl->decision_keys.emplace_back();
        util::write_string(rule.name, &key);
        key.push_back(':');
    }
    for (const check::FactInfo& f : m.facts) {
        FactInfo info;
        info.path = f.path;
        info.type = m.type_name(f.type);
        info.optional = m.types.is_optional(f.type);
        info.kind = kind_of(m, f.type);
        info.enum_values = enum_values_of(m, f.type);
        info.low = bound_of(f.low);
        info.high = bound_of(f.high);
        check::TypeId type = m.types.strip_optional(f.type);
        if (m.types.kind(type) == check::TypeKind::List) {
            check::TypeId element = m.types.strip_optional(m.types.element(type));
            if (m.types.kind(element) == check::TypeKind::Record) {
                info.elements_are_records = true;
                for (const check::FieldInfo& field : m.records[m.types.get(element).ref].fields) {
                    info.element_fields.push_back({field.name, kind_of(m, field.type), enum_values_of(m, field.type)});
                }
            } else {
                info.element_fields.push_back({"", kind_of(m, element), enum_values_of(m, element)});
            }
        }
        impl->facts.push_back(std::move(info));
        util::write_string(f.path, &impl->fact_strings.emplace_back());
    }
    for (const check::ParamInfo& p : m.params) {
        ParameterInfo info{p.name, m.type_name(p.type), {}};
        for (const check::PeriodInfo& period : p.periods) {
            info.periods.push_back({period_end(period.from, period.from <= util::min_date()),
                                    period_end(period.to, period.to == util::kForever)});
        }
        impl->parameters.push_back(std::move(info));
    }
    for (const check::EnumInfo& e : m.enums) impl->enums.push_back(EnumInfo{e.name, e.values});
}

const std::vector<DecisionInfo>& Ruleset::decisions() const { return impl_->decisions; }
const std::vector<FactInfo>& Ruleset::facts() const { return impl_->facts; }
const std::vector<ParameterInfo>& Ruleset::parameters() const { return impl_->parameters; }
const std::vector<EnumInfo>& Ruleset::enums() const { return impl_->enums; }

std::vector<SourceText> Ruleset::sources() const {
    const syntax::SourceSet& sources = impl_->model->sources;
    std::vector<SourceText> out;
    for (uint32_t i = 0; i < sources.size(); ++i) {
        out.push_back(SourceText{sources.file(i).path(), sources.file(i).text(), impl_->model->modules[i]->name});
    }
    return out;
}

std::vector<std::string> Ruleset::period_starts() const {
    std::vector<std::string> out;
    for (util::Days day : impl_->breaks) out.push_back(period_end(day, day <= util::min_date()));
    return out;
}

TypeInfo Ruleset::fact_type(int fact) const {
    const check::Model& m = *impl_->model;
    if (fact < 0 || static_cast<size_t>(fact) >= m.facts.size()) {
        throw std::out_of_range("fact " + std::to_string(fact) + " is not one of the ruleset's " +
                                std::to_string(m.facts.size()));
    }
    return type_info(m, m.facts[static_cast<size_t>(fact)].type);
}

}  // namespace tenet
