#include "serve/fact_schema.hpp"

#include <nlohmann/json.hpp>

namespace tenet::serve {

namespace {

nlohmann::json type_json(const TypeInfo& t) {
    nlohmann::json j;
    j["optional"] = t.optional;
    switch (t.kind) {
        case Kind::Enum:
            j["kind"] = "enum";
            j["type"] = t.name;
            j["values"] = t.enum_values;
            break;
        case Kind::Record:
            j["kind"] = "record";
            j["type"] = t.name;
            j["fields"] = nlohmann::json::array();
            for (const TypeInfo& f : t.parts) {
                nlohmann::json field = type_json(f);
                field["name"] = f.field;
                j["fields"].push_back(field);
            }
            break;
        case Kind::List:
            j["kind"] = "list";
            j["element"] = type_json(t.parts.at(0));
            break;
        default: j["kind"] = t.name;
    }
    return j;
}

}  // namespace

std::string fact_schema_json(const Ruleset& ruleset) {
    nlohmann::json facts = nlohmann::json::array();
    for (size_t i = 0; i < ruleset.facts().size(); ++i) {
        nlohmann::json j = type_json(ruleset.fact_type(static_cast<int>(i)));
        j["path"] = ruleset.facts()[i].path;
        if (ruleset.facts()[i].optional) j["optional"] = true;
        facts.push_back(j);
    }
    nlohmann::json decisions = nlohmann::json::array();
    for (const auto& d : ruleset.decisions()) decisions.push_back({{"name", d.name}, {"type", d.type}});
    return nlohmann::json({{"ruleset", ruleset.name()}, {"facts", facts}, {"decisions", decisions}}).dump();
}

}  // namespace tenet::serve
