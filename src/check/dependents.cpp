// Declarations and who reads them (dependents.hpp).
#include "check/dependents.hpp"

#include <algorithm>

namespace tenet::check {

void for_each_declaration(const Model& m,
                          const std::function<void(const char*, const std::string&, const Origin&)>& each) {
    for (const auto& e : m.enums) each("enum", e.name, e.origin);
    for (const auto& r : m.records) each("record", r.name, r.origin);
    for (const auto& f : m.facts) each("fact", f.path, f.origin);
    for (const auto& p : m.params) each("parameter", p.name, p.origin);
    for (const auto& r : m.rules) each(r.decision ? "decision" : "rule", r.name, r.origin);
    for (const auto& f : m.functions) each("function", f.name, f.origin);
    for (const auto& t : m.tables) each("table", t.name, t.origin);
    for (const auto& l : m.ladders) each("ladder", l.name, l.origin);
}

std::vector<std::string> Dependents::decisions_reading(const std::string& name) const {
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

Dependents dependents_of(const Model& m) {
    Dependents g;
    // each referencing expression belongs to the declaration whose span holds it
    std::map<std::pair<uint32_t, uint32_t>, std::pair<std::string, uint32_t>> starts;  // (file, begin) -> (name, end)
    for_each_declaration(m, [&](const char* kind, const std::string& name, const Origin& o) {
        if (!o.decl) return;
        starts[{o.decl->span.file, o.decl->span.begin}] = {name, o.decl->span.end};
        if (std::string(kind) == "decision") g.decisions.insert(name);
    });
    auto owner = [&](const syntax::Span& s) -> const std::string* {
        auto it = starts.upper_bound({s.file, s.begin});
        if (it == starts.begin()) return nullptr;
        --it;
        return it->first.first == s.file && s.end <= it->second.second ? &it->second.first : nullptr;
    };
    for (const auto& [expr, info] : m.info) {
        std::string target;
        switch (info.ref) {
            case RefKind::Fact: target = m.facts[info.index].path; break;
            case RefKind::Parameter: target = m.params[info.index].name; break;
            case RefKind::Rule: target = m.rules[info.index].name; break;
            case RefKind::Table: target = m.tables[info.index].name; break;
            case RefKind::Function: target = m.functions[info.index].name; break;
            case RefKind::Ladder: target = m.ladders[info.index].name; break;
            case RefKind::EnumValue: target = m.enums[info.index].name; break;
            default: continue;
        }
        const std::string* user = owner(expr->span);
        if (user && *user != target) g.users[target].insert(*user);
    }
    return g;
}

}  // namespace tenet::check
