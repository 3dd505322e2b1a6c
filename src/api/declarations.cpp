// tenet::declarations (tenet/declarations.hpp): the declarations in force, their normalised
// source and the decisions each can affect, from the checked model.
#include "tenet/declarations.hpp"

#include <map>

#include "api/ruleset_impl.hpp"
#include "check/dependents.hpp"

namespace tenet {

namespace {

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

}  // namespace

std::vector<DeclarationInfo> declarations(const Ruleset& ruleset) {
    const check::Model& m = *ruleset.impl().model;
    check::Dependents dependents = check::dependents_of(m);
    std::map<std::string, DeclarationInfo> by_name;  // a name met again: the later one is in force
    check::for_each_declaration(m, [&](const char* kind, const std::string& name, const check::Origin& o) {
        if (o.decl) by_name[name] = DeclarationInfo{name, kind, normalized(m, *o.decl), m.where(o.decl->name_span), {}};
    });
    std::vector<DeclarationInfo> out;
    for (auto& [name, d] : by_name) {
        d.affects = dependents.decisions_reading(name);
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace tenet
