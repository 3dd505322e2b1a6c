// Completion: declaration names, fact paths after `.`, enum values (after `Enum.` too),
// keywords, and inside `cite "` the citations already used in the ruleset.
#include <algorithm>
#include <map>
#include <set>

#include "lsp/features.hpp"

namespace tenet::lsp {

namespace {

// LANGUAGE.md §13, reserved and contextual.
const char* const kKeywords[] = {
    "ruleset",  "library", "extends",  "import",   "enum",    "record", "fact",      "facts",      "parameter",
    "table",    "rule",    "decision", "function", "ladder",  "case",   "test",      "given",      "expect",
    "override", "cite",    "reading",  "let",      "if",      "then",   "else",      "and",        "or",
    "not",      "is",      "in",       "within",   "before",  "after",  "otherwise", "none",       "true",
    "false",    "forever", "for",      "where",    "collect", "when",   "limit",     "unless",     "from",
    "until",    "to",      "any",      "hit",      "first",   "unique", "at",        "most",       "least",
    "episodes", "carry",   "highest",  "level",    "present", "empty",  "absent",    "unresolved",
};

// CompletionItemKind
enum Kind {
    kFunction = 3,
    kField = 5,
    kVariable = 6,
    kModule = 9,
    kValue = 12,
    kEnum = 13,
    kKeyword = 14,
    kText = 1,
    kEnumMember = 20,
    kConstant = 21,
    kStruct = 22,
    kEvent = 23
};

bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

json item(const std::string& label, int kind, const std::string& detail = "") {
    json i = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) i["detail"] = detail;
    return i;
}

// Every citation written in the model's files, split at ';' ("6.007.2", "6.011.11 A"), and the
// section number that starts each.
void gather_cites(const syntax::Annotations& notes, std::set<std::string>* out) {
    for (const std::string& c : notes.cites) {
        size_t start = 0;
        while (start <= c.size()) {
            size_t end = c.find(';', start);
            if (end == std::string::npos) end = c.size();
            std::string part = c.substr(start, end - start);
            part.erase(0, part.find_first_not_of(' '));
            part.erase(part.find_last_not_of(' ') + 1);
            if (!part.empty()) out->insert(part);
            // "6.007.4 (unrevised)" offers its section number too
            size_t space = part.find(' ');
            if (space != std::string::npos && part[0] >= '0' && part[0] <= '9') out->insert(part.substr(0, space));
            start = end + 1;
        }
    }
}

std::set<std::string> cites_of(const check::Model& m) {
    std::set<std::string> out;
    std::vector<const syntax::Decl*> decls;
    for (const auto& mod : m.modules) {
        for (const auto& d : mod->decls) decls.push_back(d.get());
    }
    for (size_t i = 0; i < decls.size(); ++i) {
        const syntax::Decl& d = *decls[i];
        for (const auto& member : d.members) decls.push_back(member.get());
        gather_cites(d.notes, &out);
        for (const auto& p : d.periods) gather_cites(p.notes, &out);
        for (const auto& r : d.rows) gather_cites(r.notes, &out);
        for (const auto& l : d.levels) gather_cites(l.notes, &out);
    }
    for (const auto& [e, info] : m.info) {
        for (const auto& entry : e->entries) gather_cites(entry.notes, &out);
        for (const auto& step : e->steps) gather_cites(step.notes, &out);
    }
    return out;
}

int symbol_item_kind(check::SymbolKind k) {
    switch (k) {
        case check::SymbolKind::Enum: return kEnum;
        case check::SymbolKind::Record: return kStruct;
        case check::SymbolKind::Fact: return kField;
        case check::SymbolKind::FactGroup: return kModule;
        case check::SymbolKind::Parameter: return kConstant;
        case check::SymbolKind::Table: return kFunction;
        case check::SymbolKind::Rule: return kVariable;
        case check::SymbolKind::Function: return kFunction;
        case check::SymbolKind::Ladder: return kFunction;
        case check::SymbolKind::Case: return kEvent;
    }
    return kText;
}

std::string symbol_type(const check::Model& m, check::Symbol s) {
    switch (s.kind) {
        case check::SymbolKind::Fact: return m.type_name(m.facts[s.index].type);
        case check::SymbolKind::Parameter: return m.type_name(m.params[s.index].type);
        case check::SymbolKind::Rule: return m.type_name(m.rules[s.index].type);
        case check::SymbolKind::Function: return m.type_name(m.functions[s.index].result);
        case check::SymbolKind::Table: return m.type_name(m.tables[s.index].result);
        default: return "";
    }
}

}  // namespace

json completion(const Workspace& ws, const json& params) {
    Located l = locate(ws, params);
    json items = json::array();
    if (!l.analysis || !l.analysis->model || l.file < 0) return items;
    const check::Model& m = *l.analysis->model;
    const std::string& text = m.sources.file(static_cast<uint32_t>(l.file)).text();
    size_t line_start = text.rfind('\n', l.offset ? l.offset - 1 : 0);
    line_start = line_start == std::string::npos || l.offset == 0 ? 0 : line_start + 1;
    std::string before = text.substr(line_start, l.offset - line_start);

    // inside `cite "...`: an odd number of quotes before the cursor, the last one after `cite`
    size_t quotes = std::count(before.begin(), before.end(), '"');
    if (quotes % 2 == 1) {
        size_t q = before.rfind('"');
        std::string head = before.substr(0, q);
        head.erase(head.find_last_not_of(' ') + 1);
        if (head.size() >= 4 && head.compare(head.size() - 4, 4, "cite") == 0) {
            for (const std::string& c : cites_of(m)) items.push_back(item(c, kText, "cited in this ruleset"));
        }
        return items;
    }

    // the word being typed and, before it, a dotted prefix ending in '.'
    size_t w = before.size();
    while (w > 0 && word_char(before[w - 1])) --w;
    if (w > 0 && before[w - 1] == '.') {
        size_t p = w - 1;
        while (p > 0 && (word_char(before[p - 1]) || before[p - 1] == '.')) --p;
        std::string prefix = before.substr(p, w - 1 - p);
        std::set<std::string> next;
        for (const auto& f : m.facts) {
            if (f.path.compare(0, prefix.size() + 1, prefix + ".") != 0) continue;
            std::string rest = f.path.substr(prefix.size() + 1);
            size_t dot = rest.find('.');
            if (dot == std::string::npos) {
                items.push_back(item(rest, kField, m.type_name(f.type)));
            } else if (next.insert(rest.substr(0, dot)).second) {
                items.push_back(item(rest.substr(0, dot), kModule, "group of facts"));
            }
        }
        auto e = m.symbols.find(prefix);
        if (e != m.symbols.end() && e->second.kind == check::SymbolKind::Enum) {
            for (const auto& v : m.enums[e->second.index].values) items.push_back(item(v, kEnumMember, prefix));
        }
        return items;
    }

    for (const auto& [name, s] : m.symbols) {
        if (name.find('.') != std::string::npos) continue;  // fact paths come after their group's `.`
        items.push_back(item(name, symbol_item_kind(s.kind), symbol_type(m, s)));
    }
    for (const auto& [group, yes] : m.fact_groups) {
        if (group.find('.') == std::string::npos) items.push_back(item(group, kModule, "group of facts"));
    }
    for (const auto& [value, owners] : m.enum_values) {
        std::string detail;
        for (const auto& [e, v] : owners) detail += (detail.empty() ? "" : ", ") + m.enums[e].name;
        items.push_back(item(value, kEnumMember, detail));
    }
    for (const char* k : kKeywords) items.push_back(item(k, kKeyword));
    return items;
}

}  // namespace tenet::lsp
