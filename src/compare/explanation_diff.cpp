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

// "-12.50", "2000.00": money as the JSON output writes it (not "unresolved")
bool is_amount(const std::string& s) {
    size_t digits = s.find_first_not_of('-') == 0 ? 0 : 1;
    return !s.empty() && s.find_first_not_of("0123456789.", digits) == std::string::npos && s.size() > digits;
}

json change_json(const StepChange& c) {
    return {{"rule", c.rule},
            {"kind", c.kind},
            {"cite", c.cite},
            {"old", c.old_value},
            {"new", c.new_value},
            {"old_effective", c.old_effective},
            {"new_effective", c.new_effective},
            {"text", describe(c)}};
}

// A decision's outcome in one evaluation: its value, null when absent, "unresolved" when it is
// unresolved or failed (failures change a decision as much as missing facts).
json outcome_of(const std::string& decision, const json& result) {
    for (const char* key : {"unresolved", "errors"}) {
        auto it = result.find(key);
        if (it != result.end() && it->is_object() && it->contains(decision)) return "unresolved";
    }
    auto decisions = result.find("decisions");
    if (decisions == result.end() || !decisions->is_object()) return nullptr;
    return decisions->value(decision, json());
}

}  // namespace

std::string binding_limit(const std::string& decision, const json& steps) {
    if (!steps.is_array()) return "";
    json value;
    std::string type;  // a limit step's bound has the decision's type
    for (const auto& s : steps) {
        if (s.value("rule", "") == decision && s.value("kind", "") == "decision") {
            value = s.value("value", json());
            type = text_of(s, "type");
        }
    }
    const json* bound = nullptr;
    for (const auto& s : steps) {
        if (s.value("kind", "") == "limit" && !value.is_null() && s.value("value", json()) == value) bound = &s;
    }
    if (!bound) return "";
    std::string cite = text_of(*bound, "cite");
    return text_of(*bound, "rule") + " " + show_value(type, bound->value("value", json())) +
           (cite.empty() ? "" : " [" + cite + "]");
}

json decision_diff(const std::string& name, const std::string& type, const json& before, const json& after) {
    json was = outcome_of(name, before), now = outcome_of(name, after);
    if (was == now) return nullptr;
    auto explanation = [&](const json& result) {
        auto e = result.find("explanation");
        return e != result.end() && e->is_object() ? e->value(name, json::array()) : json::array();
    };
    json old_steps = explanation(before), new_steps = explanation(after);
    auto steps = changed_steps(old_steps, new_steps);
    auto why = causes(steps, old_steps, new_steps);
    std::string cause;
    json cause_json = json::array(), all = json::array();
    for (const auto& c : why) {
        if (c.rule == name && why.size() > 1) continue;
        cause += (cause.empty() ? "" : "; ") + describe(c);
        cause_json.push_back(change_json(c));
    }
    for (const auto& c : steps) all.push_back(change_json(c));
    json out = {{"decision", name}, {"old", was},
                {"new", now},       {"outcome", describe_outcome(name, type, was, now)},
                {"cause", cause},   {"causes", cause_json},
                {"changes", all}};
    std::string limit_old = binding_limit(name, old_steps), limit_new = binding_limit(name, new_steps);
    if (!limit_old.empty() || !limit_new.empty()) {
        out["limit_old"] = limit_old;
        out["limit_new"] = limit_new;
    }
    return out;
}

std::vector<StepChange> changed_steps(const json& old_steps, const json& new_steps) {
    auto old_by = by_rule(old_steps);
    std::vector<StepChange> out;
    std::set<std::string> seen;
    auto consider = [&](const json* o, const json* n) {
        const json& any = n ? *n : *o;
        if (any.value("kind", "") == "fact") return;  // the case is the same on both sides
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
    // A step taken on one side only because a changed value short-circuited the step reading it
    // (`resources_over_limit_bar` turned true, so `or` never reached `drug_felony_bar`) follows
    // from that change: it is a cause only when nothing that reads it also reads a step changed
    // on both sides. A declaration one version added or removed stays a cause.
    std::set<std::string> both_sides, consequence;
    for (const auto& c : changes) {
        if (c.on_old && c.on_new) both_sides.insert(c.rule);
    }
    auto readers_of = [&](const std::string& rule, const std::map<std::string, const json*>& side) {
        std::vector<const json*> readers;
        for (const auto& [name, s] : side) {
            auto reads = s->find("reads");
            if (reads == s->end() || !reads->is_array()) continue;
            for (const auto& r : *reads) {
                if (r.is_string() && r.get<std::string>() == rule && name != rule) readers.push_back(s);
            }
        }
        return readers;
    };
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& c : changes) {
            if ((c.on_old && c.on_new) || consequence.count(c.rule)) continue;
            for (const json* reader : readers_of(c.rule, c.on_old ? old_by : new_by)) {
                std::string name = reader->value("rule", "");
                bool short_circuited = consequence.count(name) > 0;
                for (const auto& r : reader->value("reads", json::array())) {
                    if (r.is_string() && r.get<std::string>() != c.rule && both_sides.count(r.get<std::string>())) {
                        short_circuited = true;
                    }
                }
                if (short_circuited && consequence.insert(c.rule).second) grew = true;
            }
        }
    }
    if (std::any_of(out.begin(), out.end(), [&](const StepChange& c) { return !consequence.count(c.rule); })) {
        out.erase(
            std::remove_if(out.begin(), out.end(), [&](const StepChange& c) { return consequence.count(c.rule) > 0; }),
            out.end());
    }
    if (out.empty() && !changes.empty()) out.push_back(changes.back());  // a cycle of reads cannot happen; be safe
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
    if (type.rfind("money", 0) == 0 && value.is_string() && is_amount(value.get<std::string>())) {
        return "$" + group_thousands(value.get<std::string>());
    }
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
