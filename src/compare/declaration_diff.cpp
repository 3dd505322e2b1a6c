// `tenet diff OLD NEW` without cases: declarations added, removed and changed, and the decisions
// each can affect, found by following references backwards through the checked model
// (version_diff.hpp).
#include <algorithm>
#include <map>
#include <sstream>

#include "api/ruleset_impl.hpp"
#include "check/dependents.hpp"
#include "compare/version_diff.hpp"

namespace tenet::compare {

namespace {

using nlohmann::json;

struct Declaration {
    std::string kind;           // "parameter", "rule", "decision", ...
    const syntax::Decl* decl = nullptr;
    std::string text;           // the source, blanks and comments aside, for comparing
    std::string where;          // "weld.tenet:53:1"
};

// The source of a declaration with comments dropped and runs of blanks made one space.
std::string normalized(const check::Model& m, const syntax::Decl& d) {
    const std::string& src = m.sources.file(d.span.file).text();
    std::string out;
    bool blank = false, in_string = false;
    for (uint32_t i = d.span.begin; i < d.span.end && i < src.size(); ++i) {
        char ch = src[i];
        if (!in_string && ch == '#') {
            while (i < d.span.end && src[i] != '\n') ++i;
            blank = true;
            continue;
        }
        if (ch == '"') in_string = !in_string;
        if (!in_string && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) {
            blank = true;
            continue;
        }
        if (blank && !out.empty()) out += ' ';
        blank = false;
        out += ch;
    }
    // `override` says where a declaration comes from, not what it is
    if (out.rfind("override ", 0) == 0) out.erase(0, 9);
    return out;
}

struct Graph {
    std::map<std::string, Declaration> decls;   // by name
    check::Dependents dependents;

    std::vector<std::string> affected(const std::string& name) const { return dependents.decisions_reading(name); }
};

Graph graph_of(const Ruleset& rs) {
    const check::Model& m = *rs.impl().model;
    Graph g;
    check::for_each_declaration(m, [&](const char* kind, const std::string& name, const check::Origin& o) {
        if (o.decl) g.decls[name] = Declaration{kind, o.decl, normalized(m, *o.decl), m.where(o.decl->name_span)};
    });
    g.dependents = check::dependents_of(m);
    return g;
}

json entry(const std::string& name, const Declaration& d, std::vector<std::string> affects) {
    return {{"name", name}, {"kind", d.kind}, {"where", d.where}, {"affects", affects}};
}

}  // namespace

json declaration_diff(const Ruleset& old_rs, const Ruleset& new_rs) {
    Graph before = graph_of(old_rs), after = graph_of(new_rs);
    json r = {{"old", old_rs.name()}, {"new", new_rs.name()}, {"added", json::array()}, {"removed", json::array()},
              {"changed", json::array()}};
    for (const auto& [name, d] : after.decls) {
        auto it = before.decls.find(name);
        if (it == before.decls.end()) {
            r["added"].push_back(entry(name, d, after.affected(name)));
        } else if (it->second.text != d.text || it->second.kind != d.kind) {
            auto affects = after.affected(name);
            for (const auto& a : before.affected(name)) {
                if (!std::count(affects.begin(), affects.end(), a)) affects.push_back(a);
            }
            std::sort(affects.begin(), affects.end());
            json e = entry(name, d, affects);
            e["old_where"] = it->second.where;
            r["changed"].push_back(e);
        }
    }
    for (const auto& [name, d] : before.decls) {
        if (!after.decls.count(name)) r["removed"].push_back(entry(name, d, before.affected(name)));
    }
    return r;
}

std::string declaration_diff_text(const json& r) {
    std::ostringstream out;
    out << "diff " << r["old"].get<std::string>() << " -> " << r["new"].get<std::string>() << ": "
        << r["added"].size() << " added, " << r["removed"].size() << " removed, " << r["changed"].size()
        << " changed\n";
    for (const char* what : {"added", "removed", "changed"}) {
        for (const auto& e : r[what]) {
            out << "  " << what << " " << e["kind"].get<std::string>() << " " << e["name"].get<std::string>() << " ("
                << e["where"].get<std::string>() << ")";
            const auto& affects = e["affects"];
            if (!affects.empty()) {
                out << "; can affect " << affects.size() << " decision" << (affects.size() == 1 ? "" : "s") << ":";
                size_t shown = 0;
                for (const auto& a : affects) {
                    if (shown++ == 8) {
                        out << " ...";
                        break;
                    }
                    out << " " << a.get<std::string>();
                }
            }
            out << "\n";
        }
    }
    return out.str();
}

}  // namespace tenet::compare
