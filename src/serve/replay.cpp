#include "serve/replay.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "serve/redact.hpp"

namespace tenet::serve {

std::string replayable_case(const AuditRow& row, std::vector<std::string>* redacted) {
    nlohmann::json paths = nlohmann::json::parse(row.redacted, nullptr, false);
    if (!paths.is_array() || paths.empty()) return row.case_json;
    nlohmann::json doc = nlohmann::json::parse(row.case_json, nullptr, false);
    for (const auto& p : paths) {
        std::string path = p.get<std::string>();
        redacted->push_back(path);
        nlohmann::json* parent = &doc;
        std::string key = path;
        for (size_t dot; parent && (dot = key.find('.')) != std::string::npos; key = key.substr(dot + 1)) {
            std::string head = key.substr(0, dot);
            parent = parent->is_object() && parent->contains(head) ? &(*parent)[head] : nullptr;
        }
        if (parent && parent->is_object()) parent->erase(key);
    }
    return doc.dump();
}

namespace {

// Each decision's outcome as one comparable string.
std::map<std::string, std::string> outcomes(const std::string& decisions, const std::string& unresolved,
                                            const std::string& errors) {
    std::map<std::string, std::string> out;
    auto parse = [](const std::string& s) {
        nlohmann::json j = nlohmann::json::parse(s, nullptr, false);
        return j.is_object() ? j : nlohmann::json::object();
    };
    const nlohmann::json d = parse(decisions), u = parse(unresolved), e = parse(errors);
    for (const auto& [k, v] : d.items()) out[k] = v.dump();
    for (const auto& [k, v] : u.items()) out[k] = "unresolved: " + v.dump();
    for (const auto& [k, v] : e.items()) out[k] = "error: " + v.dump();
    return out;
}

std::string explain(const LoadedRuleset& r, const std::string& case_json, const std::string& decision,
                    const std::string& lang) {
    auto session = r.session();
    Case c;
    std::vector<InputError> errors;
    if (!session->decode(case_json, &c, &errors))
        return "(the case does not decode for this version: " + errors[0].path + ": " + errors[0].message + ")\n";
    Request request;
    int d = r.ruleset->find_decision(decision);
    if (d < 0) return "(not a decision of this version)\n";
    request.decisions.push_back(d);
    std::string text;
    if (!session->explain_text(c, request, lang, &text, &errors))
        return "(unresolved: " + (errors.empty() ? "" : errors[0].message) + ")\n";
    return text;
}

}  // namespace

ReplayResult replay(const AuditRow& row, const LoadedRuleset& recorded, const LoadedRuleset& target,
                    const std::string& lang) {
    ReplayResult result;
    std::string case_json = replayable_case(row, &result.redacted);
    auto session = target.session();
    Case c;
    if (!session->decode(case_json, &c, &result.errors)) return result;
    std::string evaluation;
    session->evaluate_json(c, {}, &evaluation, &result.errors);
    nlohmann::json e = nlohmann::json::parse(evaluation, nullptr, false);
    auto member = [&](const char* k) { return e.is_object() && e.contains(k) ? e[k].dump() : std::string("{}"); };
    auto before = outcomes(row.decisions, row.unresolved, row.errors);
    auto after = outcomes(member("decisions"), member("unresolved"), member("errors"));
    std::set<std::string> names;
    for (const auto& [k, v] : before) names.insert(k);
    for (const auto& [k, v] : after) names.insert(k);
    for (const auto& name : names) {
        auto b = before.find(name), a = after.find(name);
        std::string bs = b == before.end() ? "absent" : b->second, as = a == after.end() ? "absent" : a->second;
        if (bs == as) {
            ++result.unchanged;
            continue;
        }
        result.changes.push_back(
            {name, bs, as, explain(recorded, case_json, name, lang), explain(target, case_json, name, lang)});
    }
    result.ok = true;
    return result;
}

}  // namespace tenet::serve
