// `tenet diff OLD NEW` without cases: declarations added, removed and changed, and the decisions
// each can affect, found by following references backwards through the checked model
// (version_diff.hpp).
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "api/ruleset_impl.hpp"
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
    std::map<std::string, Declaration> decls;                 // by name
    std::map<std::string, std::set<std::string>> users;       // name -> the declarations that read it
    std::set<std::string> decisions;

    std::vector<std::string> affected(const std::string& name) const {
        std::set<std::string> seen{name};
        std::vector<std::string> todo{name}, out;
        while (!todo.empty()) {
            std::string at = todo.back();
            todo.pop_back();
            if (decisions.count(at)) out.push_back(at);
            auto it = users.find(at);
            if (it == users.end()) continue;
            for (const auto& u : it->second) {
                if (seen.insert(u).second) todo.push_back(u);
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

Graph graph_of(const Ruleset& rs) {
    const check::Model& m = *rs.impl().model;
    Graph g;
    auto add = [&](const char* kind, const std::string& name, const check::Origin& o) {
        if (!o.decl) return;
        g.decls[name] = Declaration{kind, o.decl, normalized(m, *o.decl), m.where(o.decl->name_span)};
    };
    for (const auto& e : m.enums) add("enum", e.name, e.origin);
    for (const auto& r : m.records) add("record", r.name, r.origin);
    for (const auto& f : m.facts) add("fact", f.path, f.origin);
    for (const auto& p : m.params) add("parameter", p.name, p.origin);
    for (const auto& r : m.rules) {
        add(r.decision ? "decision" : "rule", r.name, r.origin);
        if (r.decision) g.decisions.insert(r.name);
    }
    for (const auto& f : m.functions) add("function", f.name, f.origin);
    for (const auto& t : m.tables) add("table", t.name, t.origin);
    for (const auto& l : m.ladders) add("ladder", l.name, l.origin);

    // each referencing expression belongs to the declaration whose span holds it
    std::map<std::pair<uint32_t, uint32_t>, const std::string*> starts;   // (file, begin) -> name
    for (const auto& [name, d] : g.decls) starts[{d.decl->span.file, d.decl->span.begin}] = &name;
    auto owner = [&](const syntax::Span& s) -> const std::string* {
        auto it = starts.upper_bound({s.file, s.begin});
        if (it == starts.begin()) return nullptr;
        --it;
        const Declaration& d = g.decls.at(*it->second);
        return it->first.first == s.file && s.end <= d.decl->span.end ? it->second : nullptr;
    };
    for (const auto& [expr, info] : m.info) {
        std::string target;
        switch (info.ref) {
            case check::RefKind::Fact: target = m.facts[info.index].path; break;
            case check::RefKind::Parameter: target = m.params[info.index].name; break;
            case check::RefKind::Rule: target = m.rules[info.index].name; break;
            case check::RefKind::Table: target = m.tables[info.index].name; break;
            case check::RefKind::Function: target = m.functions[info.index].name; break;
            case check::RefKind::Ladder: target = m.ladders[info.index].name; break;
            case check::RefKind::EnumValue: target = m.enums[info.index].name; break;
            default: continue;
        }
        const std::string* user = owner(expr->span);
        if (user && *user != target) g.users[target].insert(*user);
    }
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
