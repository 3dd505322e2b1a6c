// The explanation diff (explanation_diff.hpp).
#include "compare/explanation_diff.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace tenet::compare {

namespace {

// name -> the step, the first time the explanation took it
std::map<std::string, const json*> by_rule(const json& steps) {
    std::map<std::string, const json*> out;
    if (!steps.is_array()) return out;
    for (const auto& s : steps) out.emplace(s.value("rule", ""), &s);
    return out;
}

std::string text_of(const json& step, const char* key) {
    auto it = step.find(key);
    return it != step.end() && it->is_string() ? it->get<std::string>() : "";
}

StepChange change_of(const json* old_step, const json* new_step) {
    const json& any = new_step ? *new_step : *old_step;
    StepChange c;
    c.rule = text_of(any, "rule");
    c.kind = text_of(any, "kind");
    c.type = text_of(any, "type");
    c.cite = text_of(any, "cite");
    c.on_old = old_step != nullptr;
    c.on_new = new_step != nullptr;
    if (old_step) {
        c.old_value = old_step->value("value", json());
        c.old_effective = text_of(*old_step, "effective");
    }
    if (new_step) {
        c.new_value = new_step->value("value", json());
        c.new_effective = text_of(*new_step, "effective");
    }
    return c;
}

// "1234567.80" -> "1,234,567.80"
std::string group_thousands(const std::string& decimal) {
    size_t start = decimal[0] == '-' ? 1 : 0;
    size_t point = decimal.find('.');
    if (point == std::string::npos) point = decimal.size();
    std::string out = decimal.substr(0, start);
    for (size_t i = start; i < point; ++i) {
        if (i > start && (point - i) % 3 == 0) out += ',';
        out += decimal[i];
    }
    return out + decimal.substr(point);
}

}  // namespace

std::vector<StepChange> changed_steps(const json& old_steps, const json& new_steps) {
    auto old_by = by_rule(old_steps);
    std::vector<StepChange> out;
    std::set<std::string> seen;
    auto consider = [&](const json* o, const json* n) {
        const json& any = n ? *n : *o;
        if (any.value("kind", "") == "fact") return;   // the case is the same on both sides
        if (o && n && o->value("value", json()) == n->value("value", json()) &&
            o->value("effective", json()) == n->value("effective", json())) {
            return;
        }
        out.push_back(change_of(o, n));
    };
    if (new_steps.is_array()) {
        for (const auto& s : new_steps) {
            std::string rule = s.value("rule", "");
            if (!seen.insert(rule).second) continue;
            auto it = old_by.find(rule);
            consider(it == old_by.end() ? nullptr : it->second, &s);
        }
    }
    for (const auto& [rule, step] : old_by) {
        if (!seen.count(rule)) consider(step, nullptr);
    }
    return out;
}

std::vector<StepChange> causes(const std::vector<StepChange>& changes, const json& old_steps, const json& new_steps) {
    std::set<std::string> changed;
    for (const auto& c : changes) changed.insert(c.rule);
    auto old_by = by_rule(old_steps), new_by = by_rule(new_steps);
    auto reads_changed = [&](const StepChange& c) {
        for (const auto* side : {&old_by, &new_by}) {
            auto it = side->find(c.rule);
            if (it == side->end()) continue;
            auto reads = it->second->find("reads");
            if (reads == it->second->end() || !reads->is_array()) continue;
            for (const auto& r : *reads) {
                if (r.is_string() && r.get<std::string>() != c.rule && changed.count(r.get<std::string>())) return true;
            }
        }
        return false;
    };
    std::vector<StepChange> out;
    for (const auto& c : changes) {
        if (!reads_changed(c)) out.push_back(c);
    }
    if (out.empty() && !changes.empty()) out.push_back(changes.back());   // a cycle of reads cannot happen; be safe
    // a step of a body (the bound of a `limit`, a row) that stopped applying follows from a named
    // declaration's change when there is one: the declaration is the cause
    auto named = [](const StepChange& c) { return c.kind == "parameter" || c.kind == "rule" || c.kind == "decision"; };
    if (std::any_of(out.begin(), out.end(), named)) {
        out.erase(std::remove_if(out.begin(), out.end(), [&](const StepChange& c) { return !named(c); }), out.end());
    }
    std::stable_sort(out.begin(), out.end(), [](const StepChange& a, const StepChange& b) {
        return (a.kind == "parameter") > (b.kind == "parameter");
    });
    return out;
}

std::string show_value(const std::string& type, const json& value) {
    if (value.is_null()) return "none";
    if (type.rfind("money", 0) == 0 && value.is_string()) return "$" + group_thousands(value.get<std::string>());
    if (type.rfind("percent", 0) == 0 && value.is_number()) return value.dump() + "%";
    if (value.is_string()) return value.get<std::string>();
    return value.dump();
}

std::string describe(const StepChange& c) {
    std::string text = c.rule + " ";
    if (!c.on_old) text += "(not used before) -> " + show_value(c.type, c.new_value);
    else if (!c.on_new) text += show_value(c.type, c.old_value) + " -> (no longer used)";
    else text += show_value(c.type, c.old_value) + " -> " + show_value(c.type, c.new_value);
    if (!c.cite.empty()) text += " [" + c.cite + "]";
    std::string effective = c.on_new ? c.new_effective : c.old_effective;
    if (!effective.empty()) text += " (" + effective + ")";
    return text;
}

std::string describe_outcome(const std::string& decision, const std::string& type, const json& old_value,
                             const json& new_value) {
    if (type == "bool" && old_value.is_boolean() && new_value.is_boolean()) {
        return (new_value.get<bool>() ? "gained " : "lost ") + decision;
    }
    return decision + " " + show_value(type, old_value) + " -> " + show_value(type, new_value);
}

}  // namespace tenet::compare
