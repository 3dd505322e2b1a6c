// Go to definition and implementation, find references, highlights, rename, symbols.
//
// Across files: a name's occurrences are gathered from every open document's analysis that
// reads the file declaring it (a state declaration's uses in an open county ruleset count).
#include <algorithm>
#include <cctype>
#include <set>

#include "lsp/features.hpp"
#include "syntax/parser.hpp"

namespace tenet::lsp {

using syntax::Decl;
using syntax::DeclKind;

namespace {

struct Found {
    const Located where;
    const Occurrence* occurrence = nullptr;
};

Found find(const Workspace& ws, const json& params) {
    Found f{locate(ws, params)};
    if (f.where.analysis && f.where.analysis->model && f.where.file >= 0) {
        f.occurrence = f.where.analysis->index().at(static_cast<uint32_t>(f.where.file), f.where.offset);
    }
    return f;
}

std::string path_of(const check::Model& m, uint32_t file) {
    return file < m.sources.size() ? m.sources.file(file).path() : std::string();
}

// One occurrence of a name somewhere, with the model it was found in.
struct Site {
    const Analysis* analysis;
    const Occurrence* occurrence;
};

// Every occurrence of `key` in the analyses that read `declared_in`, once per position.
std::vector<Site> sites(const Workspace& ws, const std::string& key, const std::string& declared_in) {
    std::vector<Site> out;
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const Analysis* a : ws.analyses()) {
        if (!a->model || !a->files.count(declared_in)) continue;
        for (const Occurrence* o : a->index().of(key)) {
            if (seen.emplace(path_of(*a->model, o->file), o->begin).second) out.push_back(Site{a, o});
        }
    }
    return out;
}

// The file declaring what `o` names: where `sites` looks.
std::string declared_in(const Analysis& a, const Occurrence& o) {
    const Occurrence* d = o.declaration ? &o : a.index().effective_declaration(o.key);
    return path_of(*a.model, d ? d->file : o.file);
}

json location(const Workspace& ws, const Site& s) {
    return location_json(ws, *s.analysis->model, s.occurrence->file, s.occurrence->begin, s.occurrence->end);
}

// The declarations an override replaces (those of the same name that are not this one).
std::vector<const Occurrence*> overridden(const Analysis& a, const Occurrence& o) {
    std::vector<const Occurrence*> out;
    for (const Occurrence* d : a.index().of(o.key)) {
        if (d->declaration && d->decl != o.decl && d->decl && !d->decl->is_override) out.push_back(d);
    }
    return out;
}

}  // namespace

json definition(const Workspace& ws, const json& params) {
    Found f = find(ws, params);
    if (!f.occurrence) return nullptr;
    const Analysis& a = *f.where.analysis;
    const Occurrence& o = *f.occurrence;
    const Occurrence* target = nullptr;
    if (o.declaration && o.decl && o.decl->is_override && o.decl->name_span.begin == o.begin) {
        // a county override goes to the state declaration it replaces
        auto base = overridden(a, o);
        target = base.empty() ? &o : base.front();
    } else if (o.declaration) {
        // and back: a state declaration goes to the overrides of it in the open county rulesets
        json overrides = implementation(ws, params);
        if (!overrides.empty()) return overrides;
        target = &o;
    } else {
        target = a.index().effective_declaration(o.key);
    }
    if (!target) return nullptr;
    return location_json(ws, *a.model, target->file, target->begin, target->end);
}

json implementation(const Workspace& ws, const json& params) {
    Found f = find(ws, params);
    json out = json::array();
    if (!f.occurrence) return out;
    // from a state declaration, the county overrides of it, in every open ruleset that reads it
    for (const Site& s : sites(ws, f.occurrence->key, declared_in(*f.where.analysis, *f.occurrence))) {
        const Occurrence& o = *s.occurrence;
        if (o.declaration && o.decl && o.decl->is_override && o.decl != f.occurrence->decl)
            out.push_back(location(ws, s));
    }
    return out;
}

json references(const Workspace& ws, const json& params) {
    Found f = find(ws, params);
    json out = json::array();
    if (!f.occurrence) return out;
    bool with_declarations = params.value("context", json::object()).value("includeDeclaration", true);
    for (const Site& s : sites(ws, f.occurrence->key, declared_in(*f.where.analysis, *f.occurrence))) {
        if (s.occurrence->declaration && !with_declarations) continue;
        out.push_back(location(ws, s));
    }
    return out;
}

json document_highlight(const Workspace& ws, const json& params) {
    Found f = find(ws, params);
    json out = json::array();
    if (!f.occurrence) return out;
    for (const Occurrence* o : f.where.analysis->index().of(f.occurrence->key)) {
        if (o->file != f.occurrence->file) continue;
        out.push_back({{"range", range_json(*f.where.analysis->model, o->file, o->begin, o->end)},
                       {"kind", o->declaration ? 3 : 2}});  // Write at the declaration, Read elsewhere
    }
    return out;
}

namespace {

// Why `o` cannot be renamed, or "".
std::string not_renamable(const Occurrence& o) {
    if (!o.renamable) return "this is a fact's path: it is the JSON of every case, and is not renamed here";
    return "";
}

// True when `name` is one identifier: the parser must read `rule NAME: int = 0` as that name.
bool is_identifier(const std::string& name) {
    if (name.empty() || name.size() > 256) return false;
    syntax::SourceSet sources;
    const syntax::SourceFile& file = sources.add("<rename>", "ruleset x\nrule " + name + ": int = 0 cite \"x\"\n");
    syntax::DiagnosticSink sink(sources);
    auto module = syntax::parse_module(file, sink);
    return !sink.has_errors() && module->decls.size() == 1 && module->decls[0]->name == name;
}

// Where `name` is taken in `m` for a rename of `key`, or "".
std::string taken(const check::Model& m, const std::string& key, const std::string& name) {
    if (key.compare(0, 2, "v:") == 0) {
        std::string enum_name = key.substr(2, key.find('.') - 2);
        auto it = m.symbols.find(enum_name);
        if (it != m.symbols.end() && it->second.kind == check::SymbolKind::Enum) {
            const auto& values = m.enums[it->second.index].values;
            if (std::find(values.begin(), values.end(), name) != values.end()) {
                return "`" + enum_name + "` already has a value `" + name + "`";
            }
        }
        return "";
    }
    if (key.compare(0, 2, "t:") == 0) {
        for (const auto& t : m.tests) {
            if (t.name == name) return "a test named `" + name + "` exists (" + m.where(t.origin) + ")";
        }
        return "";
    }
    auto it = m.symbols.find(name);
    if (it != m.symbols.end()) {
        return "`" + name + "` is already a declaration of this ruleset";
    }
    if (m.fact_groups.count(name)) return "`" + name + "` is already a group of facts";
    return "";
}

}  // namespace

json prepare_rename(const Workspace& ws, const json& params) {
    Found f = find(ws, params);
    if (!f.occurrence) throw RequestError(kRequestFailed, "there is no declared name here to rename");
    std::string why = not_renamable(*f.occurrence);
    if (!why.empty()) throw RequestError(kRequestFailed, why);
    const Occurrence& o = *f.occurrence;
    return range_json(*f.where.analysis->model, o.file, o.begin, o.end);
}

json rename(const Workspace& ws, const json& params) {
    Found f = find(ws, params);
    if (!f.occurrence) throw RequestError(kRequestFailed, "there is no declared name here to rename");
    std::string why = not_renamable(*f.occurrence);
    if (!why.empty()) throw RequestError(kRequestFailed, why);
    std::string name = params.at("newName").get<std::string>();
    if (!is_identifier(name)) throw RequestError(kRequestFailed, "`" + name + "` is not a name the language allows");
    std::vector<Site> all = sites(ws, f.occurrence->key, declared_in(*f.where.analysis, *f.occurrence));
    std::set<const Analysis*> models;
    for (const Site& s : all) models.insert(s.analysis);
    for (const Analysis* a : models) {
        std::string conflict = taken(*a->model, f.occurrence->key, name);
        if (!conflict.empty()) throw RequestError(kRequestFailed, "cannot rename to `" + name + "`: " + conflict);
    }
    json changes = json::object();
    for (const Site& s : all) {
        json loc = location(ws, s);
        changes[loc["uri"].get<std::string>()].push_back({{"range", loc["range"]}, {"newText", name}});
    }
    return {{"changes", changes}};
}

namespace {

int symbol_kind(const Decl& d) {
    switch (d.kind) {
        case DeclKind::Enum: return 10;       // Enum
        case DeclKind::Record: return 23;     // Struct
        case DeclKind::Fact: return 8;        // Field
        case DeclKind::FactGroup: return 3;   // Namespace
        case DeclKind::Parameter: return 14;  // Constant
        case DeclKind::Table: return 18;      // Array
        case DeclKind::Rule: return 13;       // Variable
        case DeclKind::Decision: return 24;   // Event
        case DeclKind::Function: return 12;   // Function
        case DeclKind::Ladder: return 6;      // Method
        case DeclKind::Case: return 19;       // Object
        case DeclKind::Test: return 6;        // Method
    }
    return 13;
}

std::string decl_name(const Decl& d) { return d.kind == DeclKind::Fact ? check::dotted(d.path) : d.name; }

json document_symbol(const check::Model& m, const Decl& d) {
    json s = {{"name", decl_name(d).empty() ? std::string("(unnamed)") : decl_name(d)},
              {"kind", symbol_kind(d)},
              {"range", range_json(m, d.span.file, d.span.begin, d.span.end)},
              {"selectionRange", range_json(m, d.name_span.file, d.name_span.begin, d.name_span.end)}};
    if (d.type) s["detail"] = span_text(m, d.type->span);
    json children = json::array();
    for (const auto& member : d.members) children.push_back(document_symbol(m, *member));
    for (size_t i = 0; i < d.enum_values.size() && i < d.enum_value_spans.size(); ++i) {
        const syntax::Span& v = d.enum_value_spans[i];
        children.push_back({{"name", d.enum_values[i]},
                            {"kind", 22},  // EnumMember
                            {"range", range_json(m, v.file, v.begin, v.end)},
                            {"selectionRange", range_json(m, v.file, v.begin, v.end)}});
    }
    if (!children.empty()) s["children"] = children;
    return s;
}

void flatten(const Decl& d, std::vector<const Decl*>* out) {
    out->push_back(&d);
    for (const auto& member : d.members) flatten(*member, out);
}

}  // namespace

json document_symbols(const Workspace& ws, const json& params) {
    OpenDocument doc = open_document(ws, params);
    json out = json::array();
    if (!doc.module) return out;
    for (const auto& d : doc.module->decls) out.push_back(document_symbol(*doc.analysis->model, *d));
    return out;
}

json workspace_symbols(const Workspace& ws, const json& params) {
    std::string query = params.value("query", "");
    auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    query = lower(query);
    json out = json::array();
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const Analysis* a : ws.analyses()) {
        if (!a->model) continue;
        const check::Model& m = *a->model;
        for (size_t f = 0; f < m.modules.size(); ++f) {
            std::vector<const Decl*> decls;
            for (const auto& d : m.modules[f]->decls) flatten(*d, &decls);
            for (const Decl* d : decls) {
                std::string name = decl_name(*d);
                if (name.empty() || lower(name).find(query) == std::string::npos) continue;
                if (!seen.emplace(path_of(m, static_cast<uint32_t>(f)), d->name_span.begin).second) continue;
                out.push_back(
                    {{"name", name},
                     {"kind", symbol_kind(*d)},
                     {"containerName", m.modules[f]->name},
                     {"location", location_json(ws, m, d->name_span.file, d->name_span.begin, d->name_span.end)}});
            }
        }
    }
    return out;
}

}  // namespace tenet::lsp
