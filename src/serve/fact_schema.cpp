#include "serve/fact_schema.hpp"

#include <nlohmann/json.hpp>

#include "api/ruleset_impl.hpp"

namespace tenet::serve {

namespace {

nlohmann::json type_json(const check::Model& m, check::TypeId t) {
    using check::TypeKind;
    nlohmann::json j;
    j["optional"] = m.types.is_optional(t);
    t = m.types.strip_optional(t);
    const check::Type& ty = m.types.get(t);
    switch (ty.kind) {
        case TypeKind::Enum:
            j["kind"] = "enum";
            j["type"] = m.enums[ty.ref].name;
            j["values"] = m.enums[ty.ref].values;
            break;
        case TypeKind::Record:
            j["kind"] = "record";
            j["type"] = m.records[ty.ref].name;
            j["fields"] = nlohmann::json::array();
            for (const auto& f : m.records[ty.ref].fields) {
                nlohmann::json field = type_json(m, f.type);
                field["name"] = f.name;
                j["fields"].push_back(field);
            }
            break;
        case TypeKind::List:
            j["kind"] = "list";
            j["element"] = type_json(m, ty.ref);
            break;
        default:
            j["kind"] = m.type_name(t);
    }
    return j;
}

}  // namespace

std::string fact_schema_json(const Ruleset& ruleset) {
    const check::Model& m = *ruleset.impl().model;
    nlohmann::json facts = nlohmann::json::array();
    for (size_t i = 0; i < m.facts.size(); ++i) {
        nlohmann::json j = type_json(m, m.facts[i].type);
        j["path"] = m.facts[i].path;
        int public_index = ruleset.find_fact(m.facts[i].path);
        if (public_index >= 0 && ruleset.facts()[public_index].optional) j["optional"] = true;
        facts.push_back(j);
    }
    nlohmann::json decisions = nlohmann::json::array();
    for (const auto& d : ruleset.decisions()) decisions.push_back({{"name", d.name}, {"type", d.type}});
    return nlohmann::json({{"ruleset", ruleset.name()}, {"facts", facts}, {"decisions", decisions}}).dump();
}

}  // namespace tenet::serve
