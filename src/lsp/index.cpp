// Building the index: declarations from the syntax trees, uses from Model::info.
#include "lsp/index.hpp"

#include <algorithm>

namespace tenet::lsp {

using check::RefKind;
using syntax::Decl;
using syntax::DeclKind;
using syntax::Expr;
using syntax::ExprKind;

std::string symbol_key(const std::string& name) { return "s:" + name; }
std::string enum_value_key(const std::string& enum_name, const std::string& value) {
    return "v:" + enum_name + "." + value;
}
std::string test_key(const std::string& name) { return "t:" + name; }

namespace {

// The key of a resolved expression, or "" when it names nothing declared.
std::string key_of(const check::Model& m, const check::ExprInfo& info) {
    auto name = [&](const auto& table) -> std::string {
        return info.index < table.size() ? symbol_key(table[info.index].name) : std::string();
    };
    switch (info.ref) {
        case RefKind::Fact: return info.index < m.facts.size() ? symbol_key(m.facts[info.index].path) : std::string();
        case RefKind::Parameter: return name(m.params);
        case RefKind::Rule: return name(m.rules);
        case RefKind::Table: return name(m.tables);
        case RefKind::Function: return name(m.functions);
        case RefKind::Ladder: return name(m.ladders);
        case RefKind::EnumValue:
            if (info.index < m.enums.size() && info.index2 < m.enums[info.index].values.size()) {
                return enum_value_key(m.enums[info.index].name, m.enums[info.index].values[info.index2]);
            }
            return "";
        default: return "";
    }
}

}  // namespace

Index::Index(const check::Model& model) : model_(model), files_(model.sources.size()) {
    for (size_t f = 0; f < model.modules.size() && f < files_.size(); ++f) {
        for (const auto& d : model.modules[f]->decls) add_decl(*d, static_cast<uint32_t>(f));
    }
    for (const auto& [e, info] : model.info) {
        std::string key = key_of(model, info);
        if (key.empty()) continue;
        Occurrence o;
        o.file = e->span.file;
        o.key = std::move(key);
        uint32_t length = static_cast<uint32_t>(e->text.size());
        if (e->kind == ExprKind::Call) {
            // the callee's name starts the call
            o.begin = e->span.begin;
            o.end = std::min(e->span.end, e->span.begin + length);
        } else if (e->kind == ExprKind::Field && info.ref == RefKind::EnumValue) {
            // `Enum.value`: the value is the last name; the enum is its base
            o.end = e->span.end;
            o.begin = o.end >= length ? o.end - length : e->span.begin;
            const Expr* base = e->args.empty() ? nullptr : e->args[0].get();
            if (base && base->kind == ExprKind::Name && info.index < model.enums.size()) {
                add(Occurrence{base->span.file, base->span.begin, base->span.end,
                               symbol_key(model.enums[info.index].name)});
            }
        } else {
            // a name, or a fact's whole dotted path
            o.begin = e->span.begin;
            o.end = e->span.end;
            o.renamable = e->kind == ExprKind::Name && info.ref != RefKind::Fact;
        }
        add(std::move(o));
    }
    for (auto& occurrences : files_) {
        std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& a, const Occurrence& b) {
            return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
        });
    }
    for (uint32_t f = 0; f < files_.size(); ++f) {
        for (uint32_t i = 0; i < files_[f].size(); ++i) by_key_[files_[f][i].key].emplace_back(f, i);
    }
}

void Index::add(Occurrence o) {
    if (o.file < files_.size() && o.end >= o.begin && !o.key.empty()) files_[o.file].push_back(std::move(o));
}

void Index::add_type(const syntax::TypeExprPtr& t) {
    if (!t) return;
    if (t->kind != syntax::TypeExpr::Kind::Named) return add_type(t->element);
    auto it = model_.symbols.find(t->name);
    if (it == model_.symbols.end()) return;
    if (it->second.kind != check::SymbolKind::Enum && it->second.kind != check::SymbolKind::Record) return;
    add(Occurrence{t->span.file, t->span.begin, t->span.begin + static_cast<uint32_t>(t->name.size()),
                   symbol_key(t->name)});
}

void Index::add_decl(const Decl& d, uint32_t file) {
    if (d.kind == DeclKind::FactGroup) {
        for (const auto& member : d.members) add_decl(*member, file);
        return;
    }
    Occurrence self;
    self.file = file;
    self.begin = d.name_span.begin;
    self.end = d.name_span.end;
    self.decl = &d;
    self.declaration = true;
    if (d.kind == DeclKind::Fact) {
        self.key = symbol_key(check::dotted(d.path));
        self.renamable = false;
    } else {
        self.key = d.kind == DeclKind::Test ? test_key(d.name) : symbol_key(d.name);
    }
    add(self);
    for (size_t i = 0; i < d.enum_values.size() && i < d.enum_value_spans.size(); ++i) {
        const syntax::Span& s = d.enum_value_spans[i];
        add(Occurrence{s.file, s.begin, s.end, enum_value_key(d.name, d.enum_values[i]), &d, true});
    }
    add_type(d.type);
    for (const auto& f : d.fields) add_type(f.type);
    for (const auto& f : d.outputs) add_type(f.type);
    for (size_t i = 0; i < d.given.size() && i < d.given_spans.size(); ++i) {
        const syntax::Span& s = d.given_spans[i];
        add(Occurrence{s.file, s.begin, s.end, symbol_key(d.given[i])});
    }
    for (const auto& ex : d.expectations) {
        add(Occurrence{ex.decision_span.file, ex.decision_span.begin, ex.decision_span.end, symbol_key(ex.decision)});
    }
    for (const auto& a : d.assignments) {
        if (a.path_spans.empty()) continue;
        add(Occurrence{a.path_spans.front().file, a.path_spans.front().begin, a.path_spans.back().end,
                       symbol_key(check::dotted(a.path)), nullptr, false, false});
    }
}

const Occurrence* Index::at(uint32_t file, uint32_t offset) const {
    if (file >= files_.size()) return nullptr;
    const Occurrence* best = nullptr;
    for (const Occurrence& o : files_[file]) {
        if (o.begin > offset) break;
        if (offset <= o.end && (!best || o.end - o.begin <= best->end - best->begin)) best = &o;
    }
    return best;
}

std::vector<const Occurrence*> Index::of(const std::string& key) const {
    std::vector<const Occurrence*> out;
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return out;
    for (auto [f, i] : it->second) out.push_back(&files_[f][i]);
    return out;
}

const Occurrence* Index::effective_declaration(const std::string& key) const {
    std::vector<const Occurrence*> all = of(key);
    const syntax::Decl* origin = nullptr;
    auto it = key.compare(0, 2, "s:") == 0 ? model_.symbols.find(key.substr(2)) : model_.symbols.end();
    if (it != model_.symbols.end()) {
        auto from = [&](const auto& table) {
            if (it->second.index < table.size()) origin = table[it->second.index].origin.decl;
        };
        switch (it->second.kind) {
            case check::SymbolKind::Enum: from(model_.enums); break;
            case check::SymbolKind::Record: from(model_.records); break;
            case check::SymbolKind::Fact: from(model_.facts); break;
            case check::SymbolKind::Parameter: from(model_.params); break;
            case check::SymbolKind::Table: from(model_.tables); break;
            case check::SymbolKind::Rule: from(model_.rules); break;
            case check::SymbolKind::Function: from(model_.functions); break;
            case check::SymbolKind::Ladder: from(model_.ladders); break;
            case check::SymbolKind::Case: from(model_.cases); break;
            case check::SymbolKind::FactGroup: break;
        }
    }
    const Occurrence* first = nullptr;
    for (const Occurrence* o : all) {
        if (!o->declaration) continue;
        if (origin && o->decl == origin) return o;
        if (!first) first = o;
    }
    return first;
}

const std::vector<Occurrence>& Index::in_file(uint32_t file) const {
    static const std::vector<Occurrence> kNone;
    return file < files_.size() ? files_[file] : kNone;
}

}  // namespace tenet::lsp
