// `tenet diff OLD NEW --cases`: the cases whose decisions change, and why (version_diff.hpp).
#include <algorithm>
#include <map>
#include <sstream>

#include "compare/explanation_diff.hpp"
#include "compare/jsonl.hpp"
#include "compare/version_diff.hpp"

namespace tenet::compare {

namespace {

// What Session::evaluate_json writes for one case, with the explanation: decision_diff's input.
bool evaluate(Session& session, const std::string& line_text, const CaseDiffOptions& o, const std::string& where,
              const Request& request, json* out, std::string* error) {
    Case c;
    std::vector<InputError> errors;
    if (!session.decode(line_text, &c, &errors, o.as_of)) {
        *error = where + ": " + errors.front().path + ": error: " + errors.front().message + " (" +
                 session.ruleset().name() + ")";
        return false;
    }
    std::string text;
    session.evaluate_json(c, request, &text, &errors);
    *out = json::parse(text);
    return true;
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
    std::vector<std::pair<int, int>> both;  // (old index, new index)
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
        json before, after;
        if (!evaluate(old_session, text, o, where, old_request, &before, error)) return false;
        if (!evaluate(new_session, text, o, where, new_request, &after, error)) return false;
        json entry = {{"case", line}, {"decisions", json::array()}};
        for (size_t i = 0; i < both.size(); ++i) {
            const DecisionInfo& info = new_rs->decisions()[both[i].second];
            json d = decision_diff(info.name, info.type, before, after);
            if (d.is_null()) continue;
            ++changed[i];
            const std::string cause = d["cause"];
            Group& g = groups[{info.name, cause}];
            g.decision = info.name;
            g.cause = cause;
            g.changes = d["causes"];
            ++g.cases;
            if (g.examples.size() < o.examples) g.examples.push_back({{"case", line}, {"outcome", d["outcome"]}});
            d.erase("causes");
            entry["decisions"].push_back(std::move(d));
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
        if (changed[i])
            r["decisions"].push_back({{"decision", new_rs->decisions()[both[i].second].name}, {"changed", changed[i]}});
    }
    std::vector<const Group*> ordered;
    for (const auto& [k, g] : groups) ordered.push_back(&g);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Group* a, const Group* b) { return a->cases > b->cases; });
    r["groups"] = json::array();
    for (const Group* g : ordered) {
        r["groups"].push_back({{"decision", g->decision},
                               {"cause", g->cause},
                               {"changes", g->changes},
                               {"cases", g->cases},
                               {"examples", g->examples}});
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
            << (n == 1 ? "case " : "e.g. case ") << first["case"].get<long>() << ": "
            << first["outcome"].get<std::string>() << "): " << g["cause"].get<std::string>() << "\n";
    }
    return out.str();
}

}  // namespace tenet::compare
