// Hover: what a name is (kind and type), its documentation, citations and reading, the layer
// that defines it (and the one it overrides); a parameter's values by period, a fact's JSON
// path and range, an enum's values.
#include "lsp/features.hpp"
#include "util/date.hpp"

namespace tenet::lsp {

using syntax::Decl;
using syntax::DeclKind;

namespace {

const char* kind_word(const Decl& d) {
    switch (d.kind) {
        case DeclKind::Enum: return "enum";
        case DeclKind::Record: return "record";
        case DeclKind::Fact: return "fact";
        case DeclKind::FactGroup: return "facts";
        case DeclKind::Parameter: return "parameter";
        case DeclKind::Table: return "table";
        case DeclKind::Rule: return "rule";
        case DeclKind::Decision: return "decision";
        case DeclKind::Function: return "function";
        case DeclKind::Ladder: return "ladder";
        case DeclKind::Case: return "case";
        case DeclKind::Test: return "test";
    }
    return "";
}

std::string cites(const syntax::Annotations& notes) {
    std::string out;
    for (const auto& c : notes.cites) out += (out.empty() ? "" : "; ") + c;
    return out;
}

// "colorado.weld (weld.tenet:543:1)"
std::string layer(const check::Model& m, const Decl& d) {
    uint32_t file = d.name_span.file;
    std::string module = file < m.modules.size() ? m.modules[file]->name : "?";
    return "`" + module + "` (" + m.where(d.name_span) + ")";
}

std::string period_line(const check::Model& m, const check::PeriodInfo& p) {
    std::string when;
    if (p.from <= util::min_date() && p.to == util::kForever) {
        when = "always";
    } else if (p.from <= util::min_date()) {
        when = "before " + util::format_iso_date(p.to + 1);
    } else if (p.to == util::kForever) {
        when = "from " + util::format_iso_date(p.from);
    } else {
        when = "from " + util::format_iso_date(p.from) + " to " + util::format_iso_date(p.to);
    }
    std::string line = "- " + when + ": `" + (p.value ? span_text(m, p.value->span) : std::string("?")) + "`";
    if (p.notes && !p.notes->cites.empty()) line += " — " + cites(*p.notes);
    return line + "\n";
}

std::string signature(const check::Model& m, const Decl& d, const std::string& type) {
    std::string s = std::string(kind_word(d)) + " " + (d.kind == DeclKind::Fact ? check::dotted(d.path) : d.name);
    if (d.kind == DeclKind::Function || d.kind == DeclKind::Table) {
        std::string params;
        for (const auto& f : d.fields)
            params += (params.empty() ? "" : ", ") + f.name + ": " + (f.type ? span_text(m, f.type->span) : "");
        s += "(" + params + ")";
    }
    if (!type.empty()) s += (d.kind == DeclKind::Table ? " -> " : ": ") + type;
    return s;
}

std::string describe_symbol(const Analysis& a, const Occurrence& o, const std::string& name) {
    const check::Model& m = *a.model;
    const Occurrence* effective = a.index().effective_declaration(o.key);
    const Decl* d = o.declaration && o.decl ? o.decl : effective ? effective->decl : nullptr;
    auto sym = m.symbols.find(name);
    if (!d && name == "as_of")
        return "```tenet\nfact as_of: date\n```\nThe day the decisions are for (built in); JSON `$.as_of`.";
    if (!d) return "";

    std::string type, extra;
    if (sym != m.symbols.end()) {
        uint32_t i = sym->second.index;
        switch (sym->second.kind) {
            case check::SymbolKind::Fact: {
                const check::FactInfo& f = m.facts[i];
                type = m.type_name(f.type);
                extra += "JSON path: `$." + f.path + "`";
                if (d->has_range) extra += "; range `" + span_text(m, d->range.span) + "`";
                if (m.types.is_optional(f.type)) extra += "; absent means none";
                extra += "\n\n";
                break;
            }
            case check::SymbolKind::Parameter: {
                type = m.type_name(m.params[i].type);
                extra += "Values by period:\n";
                for (const auto& p : m.params[i].periods) extra += period_line(m, p);
                extra += "\n";
                break;
            }
            case check::SymbolKind::Rule: type = m.type_name(m.rules[i].type); break;
            case check::SymbolKind::Function: type = m.type_name(m.functions[i].result); break;
            case check::SymbolKind::Table: type = m.type_name(m.tables[i].result); break;
            case check::SymbolKind::Enum: {
                extra += "Values: ";
                const auto& values = m.enums[i].values;
                for (size_t v = 0; v < values.size(); ++v) extra += (v ? ", `" : "`") + values[v] + "`";
                extra += "\n\n";
                break;
            }
            case check::SymbolKind::Record: {
                extra += "Fields: ";
                const auto& fields = m.records[i].fields;
                for (size_t f = 0; f < fields.size(); ++f) {
                    extra += (f ? ", `" : "`") + fields[f].name + ": " + m.type_name(fields[f].type) + "`";
                }
                extra += "\n\n";
                break;
            }
            default: break;
        }
    } else if (d->type) {
        type = span_text(m, d->type->span);
    }

    std::string text = "```tenet\n" + signature(m, *d, type) + "\n```\n";
    if (!d->doc.empty()) text += d->doc + "\n\n";
    if (!d->notes.cites.empty()) text += "**cite** " + cites(d->notes) + "\n\n";
    if (!d->notes.reading.empty()) text += "**reading** " + d->notes.reading + "\n\n";
    text += extra;
    text += "Defined in " + layer(m, *d);
    for (const Occurrence* other : a.index().of(o.key)) {
        if (!other->declaration || other->decl == d || !other->decl) continue;
        text += d->is_override && !other->decl->is_override ? "; overrides " + layer(m, *other->decl)
                : other->decl->is_override                  ? "; overridden by " + layer(m, *other->decl)
                                                            : "";
    }
    return text;
}

std::string describe_enum_value(const Analysis& a, const std::string& key) {
    const check::Model& m = *a.model;
    std::string enum_name = key.substr(2, key.find('.') - 2);
    std::string value = key.substr(key.find('.') + 1);
    std::string text = "```tenet\n" + enum_name + "." + value + "\n```\nA value of enum `" + enum_name + "`";
    auto it = m.symbols.find(enum_name);
    if (it != m.symbols.end() && it->second.kind == check::SymbolKind::Enum) {
        const auto& info = m.enums[it->second.index];
        text += " (";
        for (size_t v = 0; v < info.values.size(); ++v) text += (v ? ", " : "") + info.values[v];
        text += ")";
        if (info.origin.decl) text += "\n\nDefined in " + layer(m, *info.origin.decl);
    }
    return text;
}

}  // namespace

json hover(const Workspace& ws, const json& params) {
    Located l = locate(ws, params);
    if (!l.analysis || !l.analysis->model || l.file < 0) return nullptr;
    const Occurrence* o = l.analysis->index().at(static_cast<uint32_t>(l.file), l.offset);
    if (!o) return nullptr;
    std::string text;
    if (o->key.compare(0, 2, "s:") == 0) {
        text = describe_symbol(*l.analysis, *o, o->key.substr(2));
    } else if (o->key.compare(0, 2, "v:") == 0) {
        text = describe_enum_value(*l.analysis, o->key);
    } else if (o->decl) {
        text = "```tenet\ntest " + o->decl->name + "\n```\n" + o->decl->title;
    }
    if (text.empty()) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", text}}},
            {"range", range_json(*l.analysis->model, o->file, o->begin, o->end)}};
}

}  // namespace tenet::lsp
