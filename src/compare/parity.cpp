// Parity with a legacy system (parity.hpp).
#include "compare/parity.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "compare/explanation_diff.hpp"
#include "compare/jsonl.hpp"
#include "util/rational.hpp"

namespace tenet::compare {

namespace {

using util::Rational;

// How one legacy field is read (the map file; docs/PARITY.md).
struct FieldSpec {
    std::string field;  // the legacy record's key
    std::string decision;
    int index = -1;
    std::string type;                 // the decision's type
    bool cents = false;               // money written as integer cents
    json spellings = json::object();  // legacy spelling -> Tenet value (enums, bools)
    Rational tolerance;               // numbers: the largest difference still equal (dollars for money)
};

// A value in the form two sides are compared in: exact numbers, otherwise JSON (lists sorted).
struct Comparable {
    bool numeric = false;
    Rational number;
    json other;
};

bool is_numeric_type(const std::string& t) {
    return t == "money" || t == "percent" || t == "decimal" || t == "int" || t == "money?" || t == "percent?" ||
           t == "decimal?" || t == "int?";
}

bool number_of(const json& v, Rational* out) {
    std::string text;
    if (v.is_string()) {
        for (char ch : v.get<std::string>()) {
            if (ch != '$' && ch != ',' && ch != ' ') text += ch;
        }
    } else if (v.is_number()) {
        text = v.dump();
    } else {
        return false;
    }
    int places = 0;
    return util::parse_decimal(text, out, &places);
}

// Tenet's JSON value of a decision or step -> comparable (money is a string of dollars).
Comparable tenet_comparable(const std::string& type, const json& v) {
    Comparable c;
    if (is_numeric_type(type) && !v.is_null() && number_of(v, &c.number)) {
        c.numeric = true;
        return c;
    }
    c.other = v;
    if (c.other.is_array()) std::sort(c.other.begin(), c.other.end());
    return c;
}

// A legacy value -> comparable, or false with the reason.
bool legacy_comparable(const FieldSpec& s, const json& raw, Comparable* out, std::string* why) {
    json v = raw;
    auto spell = [&](const json& x) {
        if (x.is_string() && s.spellings.contains(x.get<std::string>())) return s.spellings[x.get<std::string>()];
        return x;
    };
    if (v.is_array()) {
        for (auto& e : v) e = spell(e);
    } else {
        v = spell(v);
    }
    if (v.is_null()) {
        *out = Comparable{};
        return true;
    }
    if (is_numeric_type(s.type)) {
        if (s.cents) {
            if (!v.is_number_integer()) {
                *why = "is " + v.dump() + ", not a whole number of cents";
                return false;
            }
            out->numeric = Rational::make(v.get<int64_t>(), 100, &out->number);
            if (!out->numeric) *why = "is out of range";
            return out->numeric;
        }
        if (!number_of(v, &out->number)) {
            *why = "is " + v.dump() + ", not a number" + (s.type.rfind("money", 0) == 0 ? " of dollars" : "");
            return false;
        }
        out->numeric = true;
        return true;
    }
    bool ok = true;
    if (s.type.rfind("bool", 0) == 0) ok = v.is_boolean();
    else if (s.type.rfind("list", 0) == 0) ok = v.is_array();
    else ok = v.is_string();
    if (!ok) {
        *why = "is " + raw.dump() + ", not a " + s.type + (s.spellings.empty() ? "" : " or one of the map's spellings");
        return false;
    }
    *out = tenet_comparable(s.type, v);
    return true;
}

bool same(const Comparable& a, const Comparable& b, const Rational& tolerance) {
    if (a.numeric != b.numeric) return false;
    if (!a.numeric) return a.other == b.other;
    Rational d;
    if (!util::sub(a.number, b.number, &d)) return false;
    if (d.num < 0) d.num = -d.num;
    return util::compare(d, tolerance) <= 0;
}

std::string key_text(const json& k) { return k.is_string() ? k.get<std::string>() : k.dump(); }

bool load_specs(const Ruleset& rs, const ParityOptions& o, std::vector<FieldSpec>* specs, std::string* error) {
    auto spec_for = [&](const std::string& field, const std::string& decision, std::string* why) {
        FieldSpec s;
        s.field = field;
        s.decision = decision;
        s.index = rs.find_decision(decision);
        if (s.index < 0) {
            *why = "`" + decision + "` is not a decision of " + rs.name();
            return s;
        }
        s.type = rs.decisions()[s.index].type;
        return s;
    };
    if (o.map_file.empty()) {
        for (size_t i = 0; i < rs.decisions().size(); ++i) {
            std::string why;
            specs->push_back(spec_for(rs.decisions()[i].name, rs.decisions()[i].name, &why));
        }
        return true;
    }
    json map;
    if (!read_json_file(o.map_file, &map, error)) return false;
    if (!map.is_object() || !map.contains("fields") || !map["fields"].is_object()) {
        *error =
            o.map_file + ": $: error: the map needs an object \"fields\": {LEGACY_FIELD: {\"decision\": NAME, ...}}";
        return false;
    }
    for (const auto& [field, f] : map["fields"].items()) {
        std::string at = o.map_file + ": $.fields." + field;
        if (!f.is_object() || !f.contains("decision") || !f["decision"].is_string()) {
            *error = at + ": error: needs \"decision\": NAME";
            return false;
        }
        std::string why;
        FieldSpec s = spec_for(field, f["decision"].get<std::string>(), &why);
        if (!why.empty()) {
            *error = at + ".decision: error: " + why;
            return false;
        }
        for (const auto& [k, v] : f.items()) {
            if (k == "decision") continue;
            if (k == "money" && v.is_string() && (v == "text" || v == "cents")) {
                s.cents = v == "cents";
            } else if (k == "values" && v.is_object()) {
                s.spellings = v;
            } else if (k == "tolerance" && number_of(v, &s.tolerance) && s.tolerance.num >= 0) {
            } else {
                *error = at + "." + k +
                         ": error: expected \"money\": \"text\"|\"cents\", \"values\": {LEGACY: TENET} or "
                         "\"tolerance\": a number at least 0";
                return false;
            }
        }
        specs->push_back(s);
    }
    return true;
}

struct Tally {
    long cases = 0, equal = 0, different = 0, missing_tenet = 0, missing_legacy = 0;
};

struct Group {
    std::string decision, cause, kind, cite;
    long cases = 0;
    json examples = json::array();
};

}  // namespace

bool run_parity(const std::shared_ptr<const Ruleset>& rs, const ParityOptions& o, json* report, std::string* error) {
    std::vector<FieldSpec> specs;
    if (!load_specs(*rs, o, &specs, error)) return false;
    std::map<std::string, const FieldSpec*> spec_by_decision;
    for (const auto& s : specs) {
        if (s.index >= 0) spec_by_decision.emplace(s.decision, &s);
    }

    // the legacy records by key; a key seen twice or absent is a mapping error with its line
    json mapping_errors = json::array();
    std::map<std::string, std::pair<long, json>> legacy;
    bool ok = for_each_jsonl(o.legacy_file, error, [&](long line, json record) {
        const json* k = at_path(record, o.key);
        if (!k || k->is_null()) {
            mapping_errors.push_back({{"line", line},
                                      {"key", nullptr},
                                      {"field", o.key},
                                      {"message", "the record has no case key `" + o.key + "`"}});
            return true;
        }
        std::string key = key_text(*k);
        if (legacy.count(key)) {
            mapping_errors.push_back(
                {{"line", line},
                 {"key", key},
                 {"field", o.key},
                 {"message", "case " + key + " is also on line " + std::to_string(legacy[key].first)}});
            return true;
        }
        legacy.emplace(key, std::make_pair(line, std::move(record)));
        return true;
    });
    if (!ok) return false;

    // only the decisions some legacy record names are compared (without a map: by their names)
    std::vector<const FieldSpec*> used;
    for (const auto& s : specs) {
        if (s.index < 0) continue;
        bool named = !o.map_file.empty();
        for (auto it = legacy.begin(); !named && it != legacy.end(); ++it) named = it->second.second.contains(s.field);
        if (named) used.push_back(&s);
    }
    Request request;
    request.explain = true;
    for (const auto* s : used) request.decisions.push_back(s->index);

    std::map<std::string, Tally> tallies;
    std::map<std::pair<std::string, std::string>, Group> groups;
    std::map<std::string, bool> seen_case;
    Session session(rs);
    Case c;
    long cases = 0;
    ok = for_each_jsonl(o.cases_file, error, [&](long line, json raw) {
        ++cases;
        std::string key = std::to_string(line);
        if (json* k = at_path(raw, o.key)) {
            key = key_text(*k);
            erase_path(&raw, o.key);  // the key is the legacy join, not a fact
        }
        std::vector<InputError> errors;
        if (!session.decode(raw.dump(), &c, &errors, o.as_of)) {
            *error = o.cases_file + ":" + std::to_string(line) + ": " + errors.front().path +
                     ": error: " + errors.front().message;
            return false;
        }
        std::string out;
        session.evaluate_json(c, request, &out, &errors);
        json result = json::parse(out);
        const json& decisions = result["decisions"];
        const json& explanation = result["explanation"];
        auto found = legacy.find(key);
        seen_case[key] = true;
        for (const auto* s : used) {
            Tally& t = tallies[s->decision];
            ++t.cases;
            bool tenet_has = !result.value("unresolved", json::object()).contains(s->decision) &&
                             !result.value("errors", json::object()).contains(s->decision);
            json tenet_value = decisions.value(s->decision, json());
            if (found == legacy.end() || !found->second.second.contains(s->field)) {
                ++t.missing_legacy;
                continue;
            }
            long legacy_line = found->second.first;
            const json& legacy_record = found->second.second;
            Comparable theirs, ours = tenet_comparable(s->type, tenet_value);
            std::string why;
            if (!legacy_comparable(*s, legacy_record[s->field], &theirs, &why)) {
                mapping_errors.push_back({{"line", legacy_line},
                                          {"key", key},
                                          {"field", s->field},
                                          {"message", "`" + s->field + "` " + why}});
                ++t.missing_legacy;
                continue;
            }
            if (!tenet_has) {
                ++t.missing_tenet;
                continue;
            }
            if (same(ours, theirs, s->tolerance)) {
                ++t.equal;
                continue;
            }
            ++t.different;
            // the deepest step of Tenet's explanation that the legacy record also states, differently
            const json& steps = explanation.value(s->decision, json::array());
            std::vector<StepChange> differing;
            for (const auto& step : steps) {
                std::string rule = step.value("rule", "");
                auto other = spec_by_decision.find(rule);
                if (rule == s->decision || other == spec_by_decision.end() ||
                    !legacy_record.contains(other->second->field))
                    continue;
                Comparable legacy_step;
                std::string ignored;
                if (!legacy_comparable(*other->second, legacy_record[other->second->field], &legacy_step, &ignored))
                    continue;
                if (same(tenet_comparable(other->second->type, step.value("value", json())), legacy_step,
                         other->second->tolerance)) {
                    continue;
                }
                StepChange ch;
                ch.rule = rule;
                ch.kind = step.value("kind", "");
                ch.cite = step.value("cite", "");
                differing.push_back(ch);
            }
            StepChange cause;
            if (differing.empty()) {
                cause.rule = s->decision;
                cause.kind = "decision";
                const auto& cites = rs->decisions()[s->index].cites;
                for (size_t i = 0; i < cites.size(); ++i) cause.cite += (i ? "; " : "") + cites[i];
            } else {
                cause = causes(differing, steps, steps).front();
            }
            Group& g = groups[{s->decision, cause.rule}];
            g.decision = s->decision;
            g.cause = cause.rule;
            g.kind = cause.kind;
            g.cite = cause.cite;
            ++g.cases;
            if (g.examples.size() < o.examples) {
                g.examples.push_back(
                    {{"case", key}, {"line", line}, {"tenet", tenet_value}, {"legacy", legacy_record[s->field]}});
            }
        }
        return true;
    });
    if (!ok) return false;
    for (const auto& [key, entry] : legacy) {
        if (seen_case.count(key)) continue;
        for (const auto* s : used) {
            if (entry.second.contains(s->field)) ++tallies[s->decision].missing_tenet, ++tallies[s->decision].cases;
        }
    }

    json r;
    r["ruleset"] = rs->name();
    r["cases"] = cases;
    r["legacy_records"] = legacy.size();
    r["decisions"] = json::array();
    long different = 0;
    for (const auto* s : used) {
        const Tally& t = tallies[s->decision];
        different += t.different;
        r["decisions"].push_back({{"decision", s->decision},
                                  {"legacy_field", s->field},
                                  {"cases", t.cases},
                                  {"equal", t.equal},
                                  {"different", t.different},
                                  {"missing_tenet", t.missing_tenet},
                                  {"missing_legacy", t.missing_legacy}});
    }
    std::vector<const Group*> ordered;
    for (const auto& [k, g] : groups) ordered.push_back(&g);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Group* a, const Group* b) { return a->cases > b->cases; });
    r["groups"] = json::array();
    for (const Group* g : ordered) {
        r["groups"].push_back({{"decision", g->decision},
                               {"cause", g->cause},
                               {"kind", g->kind},
                               {"cite", g->cite},
                               {"cases", g->cases},
                               {"examples", g->examples}});
    }
    r["different"] = different;
    r["mapping_errors"] = mapping_errors;
    *report = std::move(r);
    return true;
}

std::string parity_text(const json& r) {
    std::ostringstream out;
    out << "parity of " << r["ruleset"].get<std::string>() << " with the legacy system: " << r["cases"].get<long>()
        << " cases, " << r["legacy_records"].get<long>() << " legacy records\n";
    out << "  decision                       cases   equal  different  missing(tenet)  missing(legacy)\n";
    for (const auto& d : r["decisions"]) {
        char buf[200];
        std::snprintf(buf, sizeof buf, "  %-30s %5ld %7ld %10ld %15ld %16ld\n",
                      d["decision"].get<std::string>().c_str(), d["cases"].get<long>(), d["equal"].get<long>(),
                      d["different"].get<long>(), d["missing_tenet"].get<long>(), d["missing_legacy"].get<long>());
        out << buf;
    }
    if (!r["groups"].empty()) out << "differences by cause:\n";
    for (const auto& g : r["groups"]) {
        out << "  " << g["decision"].get<std::string>() << ": " << g["cases"].get<long>() << " case"
            << (g["cases"].get<long>() == 1 ? "" : "s") << " explained by " << g["kind"].get<std::string>() << " `"
            << g["cause"].get<std::string>() << "`";
        if (!g["cite"].get<std::string>().empty()) out << " [" << g["cite"].get<std::string>() << "]";
        out << "; e.g. case";
        for (const auto& e : g["examples"]) {
            out << " " << key_text(e["case"]) << " (tenet " << e["tenet"].dump() << ", legacy " << e["legacy"].dump()
                << ")";
            break;
        }
        out << "\n";
    }
    for (const auto& e : r["mapping_errors"]) {
        out << "  mapping error: legacy line " << e["line"].get<long>() << ", case "
            << (e["key"].is_null() ? std::string("?") : key_text(e["key"])) << ": " << e["message"].get<std::string>()
            << "\n";
    }
    out << (r["different"].get<long>() ? std::to_string(r["different"].get<long>()) + " differences remain\n"
                                       : std::string("no differences\n"));
    return out.str();
}

}  // namespace tenet::compare
