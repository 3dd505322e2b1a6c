// `tenet diff OLD NEW` without cases: declarations added, removed and changed, and the decisions
// each can affect (tenet/declarations.hpp, which follows references backwards through the checked
// model), in version_diff.hpp's shapes.
#include <algorithm>
#include <map>
#include <sstream>

#include "compare/version_diff.hpp"
#include "tenet/declarations.hpp"

namespace tenet::compare {

namespace {

using nlohmann::json;

// The declarations of a ruleset by name.
std::map<std::string, DeclarationInfo> declarations_by_name(const Ruleset& rs) {
    std::map<std::string, DeclarationInfo> out;
    for (DeclarationInfo& d : declarations(rs)) out[d.name] = std::move(d);
    return out;
}

json entry(const std::string& name, const DeclarationInfo& d, std::vector<std::string> affects) {
    return {{"name", name}, {"kind", d.kind}, {"where", d.where}, {"affects", affects}};
}

}  // namespace

json declaration_diff(const Ruleset& old_rs, const Ruleset& new_rs) {
    std::map<std::string, DeclarationInfo> before = declarations_by_name(old_rs), after = declarations_by_name(new_rs);
    json r = {{"old", old_rs.name()},
              {"new", new_rs.name()},
              {"added", json::array()},
              {"removed", json::array()},
              {"changed", json::array()}};
    for (const auto& [name, d] : after) {
        auto it = before.find(name);
        if (it == before.end()) {
            r["added"].push_back(entry(name, d, d.affects));
        } else if (it->second.text != d.text || it->second.kind != d.kind) {
            auto affects = d.affects;
            for (const auto& a : it->second.affects) {
                if (!std::count(affects.begin(), affects.end(), a)) affects.push_back(a);
            }
            std::sort(affects.begin(), affects.end());
            json e = entry(name, d, affects);
            e["old_where"] = it->second.where;
            r["changed"].push_back(e);
        }
    }
    for (const auto& [name, d] : before) {
        if (!after.count(name)) r["removed"].push_back(entry(name, d, d.affects));
    }
    return r;
}

std::string declaration_diff_text(const json& r) {
    std::ostringstream out;
    out << "diff " << r["old"].get<std::string>() << " -> " << r["new"].get<std::string>() << ": " << r["added"].size()
        << " added, " << r["removed"].size() << " removed, " << r["changed"].size() << " changed\n";
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
