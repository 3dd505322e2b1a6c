// A ruleset's case interface as Markdown (see case_interface.hpp).
#include "doc/case_interface.hpp"

#include <algorithm>
#include <set>

namespace tenet::doc {

namespace {

// Text for a table cell: one line, `|` escaped.
std::string cell(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r') out += ' ';
        else if (c == '|') out += "\\|";
        else out += c;
    }
    return out;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
    return out;
}

// "list<SanctionEpisode>?" -> {"SanctionEpisode"}: the declared types a type names.
void named_types(const std::string& type, std::set<std::string>* out) {
    std::string name;
    for (char c : type + "<") {
        if (c == '<' || c == '>' || c == '?' || c == ',' || c == ' ') {
            if (!name.empty() && name != "list") out->insert(name);
            name.clear();
        } else {
            name += c;
        }
    }
}

// What JSON value a type takes, in a few words (docs/CASES.md says it in full).
std::string encoding(const RulesetIndex& index, const std::string& type) {
    std::string t = type;
    bool optional = !t.empty() && t.back() == '?';
    if (optional) t.pop_back();
    std::string out;
    if (t == "bool") out = "`true` or `false`";
    else if (t == "int") out = "a whole number";
    else if (t == "decimal") out = "a number, or a string of one";
    else if (t == "money") out = "dollars: `\"1234.56\"` or `1234.56`, at most 2 decimals";
    else if (t == "percent") out = "points: `25` for 25%";
    else if (t == "date") out = "`\"YYYY-MM-DD\"`";
    else if (t == "duration") out = "`\"30 days\"`, `\"2 months\"`";
    else if (t.rfind("list<", 0) == 0) out = "an array of " + t.substr(5, t.size() - 6);
    else {
        int d = index.find(t);
        if (d >= 0 && index.decls[static_cast<size_t>(d)].kind == DeclKind::Enum)
            out = "a string: one of the values of " + t;
        else if (d >= 0 && index.decls[static_cast<size_t>(d)].kind == DeclKind::Record)
            out = "an object: the fields of " + t;
        else out = t;
    }
    return optional ? out + "; `null` or absent: none" : out;
}

}  // namespace

std::string case_interface_markdown(const RulesetIndex& index, const std::string& command) {
    std::string out;
    out += "# The case interface of " + index.name + "\n\n";
    if (!index.title.empty()) out += index.title + ".\n\n";
    out += "Generated from the ruleset by `" + command +
           "`; do not edit (ctest's `case_docs` fails when this\n"
           "file is stale). How each type is written in JSON, what an absent fact means, and the outcomes\n"
           "of an evaluation: [docs/CASES.md](../CASES.md).\n\n";

    std::set<std::string> used;
    out += "## Facts\n\n";
    out +=
        "A case is one JSON object; a fact `household.size` is `{\"household\": {\"size\": 3}}`. `as_of`, the day\n"
        "the decisions are for, is a date. A fact left out is missing: the decisions that need it are unresolved.\n\n";
    out += "| Fact | Type | JSON | Allowed | Notes |\n|---|---|---|---|---|\n";
    for (const Declaration& d : index.decls) {
        if (d.kind != DeclKind::Fact) continue;
        named_types(d.type, &used);
        out += "| `" + d.name + "` | `" + d.type + "` | " + cell(encoding(index, d.type)) + " | " +
               (d.range.empty() ? "" : "`" + cell(d.range) + "`") + " | " + cell(d.doc) + " |\n";
    }

    std::vector<std::string> decision_types;
    for (const Declaration& d : index.decls) {
        if (d.kind == DeclKind::Decision) named_types(d.type, &used);
    }
    // the records' fields name further types
    for (bool grew = true; grew;) {
        grew = false;
        for (const Declaration& d : index.decls) {
            if (d.kind != DeclKind::Record || !used.count(d.name)) continue;
            for (const auto& f : d.fields) {
                size_t before = used.size();
                named_types(f.type, &used);
                grew = grew || used.size() != before;
            }
        }
    }

    out += "\n## Enums\n\nAn enum value is written as a JSON string.\n\n| Enum | Values | Notes |\n|---|---|---|\n";
    for (const Declaration& d : index.decls) {
        if (d.kind != DeclKind::Enum || !used.count(d.name)) continue;
        std::vector<std::string> values;
        for (const auto& v : d.values) values.push_back("`" + v + "`");
        out += "| `" + d.name + "` | " + joined(values, ", ") + " | " + cell(d.doc) + " |\n";
    }

    out += "\n## Records\n\nA record is a JSON object with these fields (list facts: an array of them).\n\n";
    out += "| Record | Field | Type | JSON |\n|---|---|---|---|\n";
    for (const Declaration& d : index.decls) {
        if (d.kind != DeclKind::Record || !used.count(d.name)) continue;
        for (const auto& f : d.fields) {
            out +=
                "| `" + d.name + "` | `" + f.name + "` | `" + f.type + "` | " + cell(encoding(index, f.type)) + " |\n";
        }
    }

    out += "\n## Decisions\n\n";
    out +=
        "An evaluation answers each decision under `decisions` (written as its type is in JSON), or names it\n"
        "under `unresolved` (with what is missing) or `errors` (with the failure): docs/CASES.md.\n\n";
    out += "| Decision | Type | JSON | Reading | Cites |\n|---|---|---|---|---|\n";
    for (const Declaration& d : index.decls) {
        if (d.kind != DeclKind::Decision) continue;
        std::string json = encoding(index, d.type);
        if (!d.forever_as.empty()) json += "; the date `forever` is `\"" + d.forever_as + "\"`";
        std::vector<std::string> cites;
        for (const auto& c : d.cites) {
            if (std::find(cites.begin(), cites.end(), c.text) == cites.end()) cites.push_back(c.text);
        }
        std::vector<std::string> reading = d.readings;
        if (!d.doc.empty()) reading.insert(reading.begin(), d.doc);
        out += "| `" + d.name + "` | `" + d.type + "` | " + cell(json) + " | " + cell(joined(reading, " ")) + " | " +
               cell(joined(cites, "; ")) + " |\n";
    }
    return out;
}

}  // namespace tenet::doc
