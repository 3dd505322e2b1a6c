// `tenet diff OLD NEW --cases`: the cases whose decisions change, and why (version_diff.hpp).
#include <algorithm>
#include <map>
#include <sstream>

#include "compare/explanation_diff.hpp"
#include "compare/jsonl.hpp"
#include "compare/version_diff.hpp"

namespace tenet::compare {

namespace {

struct Evaluated {
    json decisions, explanation, unresolved;
};

bool evaluate(Session& session, const std::string& line_text, const CaseDiffOptions& o, const std::string& where,
              const Request& request, Evaluated* out, std::string* error) {
    Case c;
    std::vector<InputError> errors;
    if (!session.decode(line_text, &c, &errors, o.as_of)) {
        *error = where + ": " + errors.front().path + ": error: " + errors.front().message + " (" +
                 session.ruleset().name() + ")";
        return false;
    }
    std::string text;
    session.evaluate_json(c, request, &text, &errors);
    json r = json::parse(text);
    out->decisions = r["decisions"];
    out->explanation = r.value("explanation", json::object());
    out->unresolved = r.value("unresolved", json::object());
    json failed = r.value("errors", json::object());   // failures change a decision as much as missing facts
    for (const auto& [k, v] : failed.items()) out->unresolved[k] = v;
    return true;
}

json change_json(const StepChange& c) {
    return {{"rule", c.rule}, {"kind", c.kind}, {"cite", c.cite}, {"old", c.old_value}, {"new", c.new_value},
            {"old_effective", c.old_effective}, {"new_effective", c.new_effective}, {"text", describe(c)}};
}

struct Group {
    std::string decision, cause;
    json changes;
    long cases = 0;
    json examples = json::array();
};

}  // namespace

bool run_case_diff(const std::shared_ptr<const Ruleset>& old_rs, const std::shared_ptr<const Ruleset>& new_rs,
                   const CaseDiffOptions& o, json* report, std::string* error) {
    // the decisions both versions have, in the new version's order
    std::vector<std::pair<int, int>> both;   // (old index, new index)
    Request old_request, new_request;
    old_request.explain = new_request.explain = true;
    json only_old = json::array(), only_new = json::array();
    for (size_t i = 0; i < new_rs->decisions().size(); ++i) {
        int k = old_rs->find_decision(new_rs->decisions()[i].name);
        if (k < 0) {
            only_new.push_back(new_rs->decisions()[i].name);
            continue;
        }
        both.emplace_back(k, static_cast<int>(i));
        old_request.decisions.push_back(k);
        new_request.decisions.push_back(static_cast<int>(i));
    }
    for (const auto& d : old_rs->decisions()) {
        if (new_rs->find_decision(d.name) < 0) only_old.push_back(d.name);
    }
    Session old_session(old_rs), new_session(new_rs);
    std::vector<long> changed(both.size(), 0);
    std::map<std::pair<std::string, std::string>, Group> groups;
    json changed_cases = json::array();
    long cases = 0, cases_changed = 0;
    bool ok = for_each_jsonl(o.cases_file, error, [&](long line, json raw) {
        ++cases;
        std::string text = raw.dump(), where = o.cases_file + ":" + std::to_string(line);
        Evaluated before, after;
        if (!evaluate(old_session, text, o, where, old_request, &before, error)) return false;
        if (!evaluate(new_session, text, o, where, new_request, &after, error)) return false;
        json entry = {{"case", line}, {"decisions", json::array()}};
        for (size_t i = 0; i < both.size(); ++i) {
            const DecisionInfo& info = new_rs->decisions()[both[i].second];
            const std::string& name = info.name;
            json was = before.unresolved.contains(name) ? json("unresolved") : before.decisions.value(name, json());
            json now = after.unresolved.contains(name) ? json("unresolved") : after.decisions.value(name, json());
            if (was == now) continue;
            ++changed[i];
            const json& old_steps = before.explanation.value(name, json::array());
            const json& new_steps = after.explanation.value(name, json::array());
            auto steps = changed_steps(old_steps, new_steps);
            auto why = causes(steps, old_steps, new_steps);
            std::string cause;
            json cause_json = json::array();
            for (const auto& c : why) {
                if (c.rule == name && why.size() > 1) continue;
                cause += (cause.empty() ? "" : "; ") + describe(c);
                cause_json.push_back(change_json(c));
            }
            json all = json::array();
            for (const auto& c : steps) all.push_back(change_json(c));
            std::string outcome = describe_outcome(name, info.type, was, now);
            entry["decisions"].push_back({{"decision", name}, {"old", was}, {"new", now}, {"outcome", outcome},
                                          {"cause", cause}, {"changes", all}});
            Group& g = groups[{name, cause}];
            g.decision = name;
            g.cause = cause;
            g.changes = cause_json;
            ++g.cases;
            if (g.examples.size() < o.examples) g.examples.push_back({{"case", line}, {"outcome", outcome}});
        }
        if (!entry["decisions"].empty()) {
            ++cases_changed;
            changed_cases.push_back(std::move(entry));
        }
        return true;
    });
    if (!ok) return false;
    json r;
    r["old"] = old_rs->name();
    r["new"] = new_rs->name();
    r["cases"] = cases;
    r["cases_changed"] = cases_changed;
    r["decisions_only_old"] = only_old;
    r["decisions_only_new"] = only_new;
    r["decisions"] = json::array();
    for (size_t i = 0; i < both.size(); ++i) {
        if (changed[i]) r["decisions"].push_back({{"decision", new_rs->decisions()[both[i].second].name}, {"changed", changed[i]}});
    }
    std::vector<const Group*> ordered;
    for (const auto& [k, g] : groups) ordered.push_back(&g);
    std::stable_sort(ordered.begin(), ordered.end(), [](const Group* a, const Group* b) { return a->cases > b->cases; });
    r["groups"] = json::array();
    for (const Group* g : ordered) {
        r["groups"].push_back({{"decision", g->decision}, {"cause", g->cause}, {"changes", g->changes},
                               {"cases", g->cases}, {"examples", g->examples}});
    }
    r["changed_cases"] = changed_cases;
    *report = std::move(r);
    return true;
}

std::string case_diff_text(const json& r) {
    std::ostringstream out;
    out << "diff " << r["old"].get<std::string>() << " -> " << r["new"].get<std::string>() << ": "
        << r["cases_changed"].get<long>() << " of " << r["cases"].get<long>() << " cases change\n";
    for (const auto& d : r["decisions"]) {
        out << "  " << d["decision"].get<std::string>() << ": " << d["changed"].get<long>() << " case"
            << (d["changed"].get<long>() == 1 ? "" : "s") << "\n";
    }
    if (!r["groups"].empty()) out << "by cause:\n";
    for (const auto& g : r["groups"]) {
        const auto& first = g["examples"][0];
        long n = g["cases"].get<long>();
        out << "  " << g["decision"].get<std::string>() << ", " << n << " case" << (n == 1 ? "" : "s") << " ("
            << (n == 1 ? "case " : "e.g. case ") << first["case"].get<long>() << ": " << first["outcome"].get<std::string>()
            << "): " << g["cause"].get<std::string>() << "\n";
    }
    return out.str();
}

}  // namespace tenet::compare
