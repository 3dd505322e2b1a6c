// Reads the checked model once into the plain RulesetIndex the pages are written from.
// Dependency edges and highlighting come from the same place: every expression the checker
// resolved (Model::info) is attributed, by its span, to the declaration that contains it.
#include "doc/ruleset_index.hpp"

#include <algorithm>
#include <deque>
#include <map>

#include "api/ruleset_impl.hpp"
#include "util/date.hpp"

namespace tenet::doc {

using check::Model;
using check::RefKind;

const char* kind_name(DeclKind k) {
    switch (k) {
        case DeclKind::Decision: return "decision";
        case DeclKind::Rule: return "rule";
        case DeclKind::Parameter: return "parameter";
        case DeclKind::Fact: return "fact";
        case DeclKind::Enum: return "enum";
        case DeclKind::Record: return "record";
        case DeclKind::Table: return "table";
        case DeclKind::Ladder: return "ladder";
        case DeclKind::Function: return "function";
    }
    return "?";
}

int RulesetIndex::find(const std::string& n) const {
    auto it = by_name.find(n);
    return it == by_name.end() ? -1 : it->second;
}

Diagnostic RulesetIndex::warning(const TextRange& at, const std::string& message) const {
    const Model& m = *ruleset->impl().model;
    syntax::DiagnosticSink sink(m.sources);
    sink.warning(syntax::Span{at.file, at.begin, at.end}, message);
    return sink.take().front();
}

namespace {

TextRange range(const syntax::Span& s) { return {s.file, s.begin, s.end}; }

class Indexer {
public:
    Indexer(std::shared_ptr<const Ruleset> rs) : m_(*rs->impl().model) { out_.ruleset = std::move(rs); }

    RulesetIndex run() {
        out_.name = m_.name;
        out_.title = m_.title;
        for (size_t f = 0; f < m_.sources.size(); ++f) {
            out_.file_paths.push_back(m_.sources.file(f).path());
            out_.file_texts.push_back(m_.sources.file(f).text());
        }
        out_.marks.resize(m_.sources.size());
        layers();
        declarations();
        tests();
        expressions();
        overrides();
        tests_per_declaration();
        finish_marks();
        return std::move(out_);
    }

private:
    struct Pending {
        DeclKind kind;
        std::string name, type;
        check::Origin origin;
        const check::ParamInfo* param = nullptr;
        check::SymbolKind symbol;
        uint32_t index;
    };

    void layers() {
        for (size_t i = 0; i < m_.modules.size(); ++i)
            out_.layers.push_back({m_.modules[i]->name, m_.modules[i]->title, m_.module_paths[i], -1, {}});
        for (size_t i = 0; i < m_.modules.size(); ++i) {
            if (m_.modules[i]->has_extends) out_.layers[i].extends = module_at(m_.modules[i]->extends.path, i);
            for (const auto& import : m_.modules[i]->imports)
                if (int j = module_at(import.path, i); j >= 0) out_.layers[i].imports.push_back(j);
        }
    }

    // The module loaded for `extends "works.tenet"` or `import "..."` written in module `from`
    // (paths are relative to the file that names them: the loaded path ends with it).
    int module_at(std::string written, size_t from) const {
        if (written.rfind("./", 0) == 0) written = written.substr(2);
        for (size_t j = 0; j < m_.modules.size(); ++j) {
            const std::string& p = m_.module_paths[j];
            if (j != from && p.size() >= written.size() &&
                p.compare(p.size() - written.size(), written.size(), written) == 0)
                return static_cast<int>(j);
        }
        return -1;
    }

    void declarations() {
        using SK = check::SymbolKind;
        std::vector<Pending> all;
        for (uint32_t i = 0; i < m_.enums.size(); ++i)
            all.push_back({DeclKind::Enum, m_.enums[i].name, "", m_.enums[i].origin, nullptr, SK::Enum, i});
        for (uint32_t i = 0; i < m_.records.size(); ++i)
            if (m_.records[i].origin.decl)
                all.push_back({DeclKind::Record, m_.records[i].name, "", m_.records[i].origin, nullptr, SK::Record, i});
        for (uint32_t i = 0; i < m_.facts.size(); ++i)
            if (!m_.facts[i].builtin && m_.facts[i].origin.decl)
                all.push_back({DeclKind::Fact, m_.facts[i].path, m_.type_name(m_.facts[i].type), m_.facts[i].origin,
                               nullptr, SK::Fact, i});
        for (uint32_t i = 0; i < m_.params.size(); ++i)
            all.push_back({DeclKind::Parameter, m_.params[i].name, m_.type_name(m_.params[i].type), m_.params[i].origin,
                           &m_.params[i], SK::Parameter, i});
        for (uint32_t i = 0; i < m_.rules.size(); ++i)
            all.push_back({m_.rules[i].decision ? DeclKind::Decision : DeclKind::Rule, m_.rules[i].name,
                           m_.type_name(m_.rules[i].type), m_.rules[i].origin, nullptr, SK::Rule, i});
        for (uint32_t i = 0; i < m_.functions.size(); ++i)
            all.push_back({DeclKind::Function, m_.functions[i].name, m_.type_name(m_.functions[i].result),
                           m_.functions[i].origin, nullptr, SK::Function, i});
        for (uint32_t i = 0; i < m_.tables.size(); ++i)
            all.push_back({DeclKind::Table, m_.tables[i].name, m_.type_name(m_.tables[i].result), m_.tables[i].origin,
                           nullptr, SK::Table, i});
        for (uint32_t i = 0; i < m_.ladders.size(); ++i)
            all.push_back({DeclKind::Ladder, m_.ladders[i].name, m_.type_name(m_.ladder_type), m_.ladders[i].origin,
                           nullptr, SK::Ladder, i});
        all.erase(std::remove_if(all.begin(), all.end(), [](const Pending& p) { return !p.origin.decl; }), all.end());
        std::sort(all.begin(), all.end(), [](const Pending& a, const Pending& b) {
            return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
        });
        for (const Pending& p : all) {
            int id = static_cast<int>(out_.decls.size());
            by_symbol_[{p.symbol, p.index}] = id;
            const syntax::Decl& d = *p.origin.decl;
            Declaration decl;
            decl.kind = p.kind;
            decl.name = p.name;
            decl.type = p.type;
            decl.doc = d.doc;
            decl.layer = static_cast<int>(p.origin.module);
            decl.where = m_.where(d.span);
            decl.source = range(d.span);
            notes(d.notes, &decl);
            for (const auto& period : d.periods) notes(period.notes, &decl);
            for (const auto& row : d.rows) notes(row.notes, &decl);
            for (const auto& level : d.levels) notes(level.notes, &decl);
            if (p.param) periods(*p.param, &decl);
            interface(p, d, &decl);
            out_.by_name.emplace(decl.name, id);
            out_.decls.push_back(std::move(decl));
            decl_ptrs_.push_back(&d);
            spans_.push_back({d.span.file, d.span.begin, d.span.end, id});
            mark(d.name_span, Mark::Kind::Definition, id);
            if (d.type) mark(d.type->span, Mark::Kind::Type);
            for (const auto& f : d.fields) field(f);
            for (const auto& f : d.outputs) field(f);
            for (const auto& s : d.enum_value_spans) mark(s, Mark::Kind::Definition, id);
        }
        std::sort(spans_.begin(), spans_.end(), [](const Owner& a, const Owner& b) {
            return a.file != b.file ? a.file < b.file : a.begin < b.begin;
        });
    }

    // What a case's JSON or a decision's output needs of the declaration (doc/case_interface).
    void interface(const Pending& p, const syntax::Decl& d, Declaration* decl) const {
        if (p.kind == DeclKind::Fact && d.has_range) {
            decl->range = (d.range.low ? text_of(d.range.low->span) : "") + ".." +
                          (d.range.high ? text_of(d.range.high->span) : "");
        }
        if (p.kind == DeclKind::Enum) decl->values = m_.enums[p.index].values;
        if (p.kind == DeclKind::Record) {
            for (const auto& f : m_.records[p.index].fields) decl->fields.push_back({f.name, m_.type_name(f.type)});
        }
        if (p.kind == DeclKind::Decision && d.has_forever_as) decl->forever_as = d.forever_as;
    }

    void field(const syntax::Field& f) {
        mark({f.span.file, f.span.begin, static_cast<uint32_t>(f.span.begin + f.name.size())}, Mark::Kind::Local);
        if (f.type) mark(f.type->span, Mark::Kind::Type);
    }

    void notes(const syntax::Annotations& a, Declaration* d) {
        for (size_t i = 0; i < a.cites.size() && i < a.cite_spans.size(); ++i) {
            d->cites.push_back({a.cites[i], range(a.cite_spans[i])});
            mark(a.cite_spans[i], Mark::Kind::Text);
        }
        if (!a.reading.empty()) {
            d->readings.push_back(a.reading);
            mark(a.reading_span, Mark::Kind::Text);
        }
    }

    void periods(const check::ParamInfo& p, Declaration* d) {
        for (const check::PeriodInfo& period : p.periods) {
            Period out;
            out.from_day = period.from;
            out.to_day = period.to;
            if (period.from > util::min_date()) out.from = util::format_iso_date(period.from);
            if (period.to != util::kForever) out.to = util::format_iso_date(period.to);
            if (period.value) out.value = text_of(period.value->span);
            if (period.notes) out.cites = period.notes->cites;
            d->periods.push_back(std::move(out));
        }
    }

    std::string text_of(const syntax::Span& s) const {
        const std::string& t = m_.sources.file(s.file).text();
        return s.end <= t.size() && s.begin <= s.end ? t.substr(s.begin, s.end - s.begin) : std::string();
    }

    void tests() {
        for (const check::TestInfo& t : m_.tests) {
            const syntax::Decl& d = *t.origin.decl;
            Test out{t.name, d.title, m_.where(d.span), range(d.span), {}, {}};
            given(d, &out.given, 0);
            for (const auto& e : d.expectations) {
                int target = out_.find(e.decision);
                if (target >= 0 && std::find(out.expects.begin(), out.expects.end(), target) == out.expects.end())
                    out.expects.push_back(target);
                mark(e.decision_span, Mark::Kind::Ref, target);
            }
            for (const auto& a : d.assignments) {
                if (a.path_spans.empty()) continue;
                syntax::Span s{a.path_spans.front().file, a.path_spans.front().begin, a.path_spans.back().end};
                mark(s, Mark::Kind::Ref, out_.find(check::dotted(a.path)));
            }
            out_.tests.push_back(std::move(out));
        }
    }

    // The cases a test starts from, depth first as Model::assignments_of reads them.
    void given(const syntax::Decl& d, std::vector<TextRange>* out, int depth) {
        if (depth > kMaxGivenDepth) return;  // the checker rejects cycles; this bounds the walk
        for (const std::string& g : d.given) {
            auto it = m_.symbols.find(g);
            if (it == m_.symbols.end() || it->second.kind != check::SymbolKind::Case) continue;
            const syntax::Decl& c = *m_.cases[it->second.index].origin.decl;
            given(c, out, depth + 1);
            bool seen = std::any_of(out->begin(), out->end(), [&](const TextRange& r) {
                return r.file == c.span.file && r.begin == c.span.begin;
            });
            if (!seen) out->push_back(range(c.span));
        }
    }

    int target_of(const check::ExprInfo& info) const {
        using SK = check::SymbolKind;
        SK kind;
        uint32_t index = info.index;
        switch (info.ref) {
            case RefKind::Fact: kind = SK::Fact; break;
            case RefKind::Parameter: kind = SK::Parameter; break;
            case RefKind::Rule: kind = SK::Rule; break;
            case RefKind::Table: kind = SK::Table; break;
            case RefKind::Function: kind = SK::Function; break;
            case RefKind::Ladder: kind = SK::Ladder; break;
            case RefKind::EnumValue: kind = SK::Enum; break;
            default: return -1;
        }
        auto it = by_symbol_.find({kind, index});
        return it == by_symbol_.end() ? -1 : it->second;
    }

    int owner(const syntax::Span& s) const {
        Owner probe{s.file, s.begin, 0, 0};
        auto it = std::upper_bound(spans_.begin(), spans_.end(), probe, [](const Owner& a, const Owner& b) {
            return a.file != b.file ? a.file < b.file : a.begin < b.begin;
        });
        while (it != spans_.begin()) {
            --it;
            if (it->file != s.file) return -1;
            if (it->begin <= s.begin && s.end <= it->end) return it->decl;
        }
        return -1;
    }

    void expressions() {
        using syntax::ExprKind;
        std::vector<std::pair<int, int>> edges;
        for (const auto& [e, info] : m_.info) {
            int from = owner(e->span);
            int target = target_of(info);
            if (target >= 0 && from >= 0 && target != from) edges.push_back({from, target});
            switch (e->kind) {
                case ExprKind::IntLit:
                case ExprKind::DecimalLit:
                case ExprKind::MoneyLit:
                case ExprKind::PercentLit:
                case ExprKind::DateLit:
                case ExprKind::DurationLit: mark(e->span, Mark::Kind::Number); break;
                case ExprKind::StringLit: mark(e->span, Mark::Kind::Text); break;
                case ExprKind::Name:
                case ExprKind::Field:
                    if (target >= 0) mark(e->span, Mark::Kind::Ref, target);
                    else if (info.ref == RefKind::Local) mark(e->span, Mark::Kind::Local);
                    else if (info.ref == RefKind::Builtin || info.ref == RefKind::Unit)
                        mark(e->span, Mark::Kind::Builtin);
                    break;
                case ExprKind::Call: {
                    syntax::Span callee{e->span.file, e->span.begin,
                                        static_cast<uint32_t>(e->span.begin + e->text.size())};
                    if (target >= 0) mark(callee, Mark::Kind::Ref, target);
                    else if (info.ref == RefKind::Builtin) mark(callee, Mark::Kind::Builtin);
                    break;
                }
                case ExprKind::Aggregate: mark(e->var_span, Mark::Kind::Local); break;
                case ExprKind::Block:
                    for (const auto& s : e->name_spans) mark(s, Mark::Kind::Local);
                    break;
                case ExprKind::Collect:
                    if (from >= 0)
                        for (const auto& entry : e->entries) notes(entry.notes, &out_.decls[from]);
                    break;
                case ExprKind::Limit:
                    if (from >= 0)
                        for (const auto& step : e->steps) notes(step.notes, &out_.decls[from]);
                    break;
                default: break;
            }
        }
        std::sort(edges.begin(), edges.end());
        edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
        for (auto [from, to] : edges) {
            out_.decls[from].reads.push_back(to);
            out_.decls[to].read_by.push_back(from);
        }
        for (auto& d : out_.decls) {
            std::sort(d.read_by.begin(), d.read_by.end());
            // collect entries and limit steps were met in hash order: put citations in file order
            std::stable_sort(d.cites.begin(), d.cites.end(),
                             [](const Cite& a, const Cite& b) { return a.at.begin < b.at.begin; });
        }
    }

    // The base declarations an `override` replaces are still in their modules' trees.
    void overrides() {
        for (size_t m = 0; m < m_.modules.size(); ++m) {
            std::vector<const syntax::Decl*> stack;
            for (const auto& d : m_.modules[m]->decls) stack.push_back(d.get());
            while (!stack.empty()) {
                const syntax::Decl* d = stack.back();
                stack.pop_back();
                for (const auto& member : d->members) stack.push_back(member.get());
                if (d->kind == syntax::DeclKind::FactGroup || d->kind == syntax::DeclKind::Test ||
                    d->kind == syntax::DeclKind::Case)
                    continue;
                int id = out_.find(d->name);
                if (id < 0 || decl_ptrs_[id] == d) continue;
                out_.decls[id].overrides.push_back({static_cast<int>(m), m_.where(d->span), range(d->span)});
            }
        }
    }

    // A test exercises what its expected decisions read, directly or not: nearest first.
    void tests_per_declaration() {
        std::vector<std::vector<std::pair<int, int>>> found(out_.decls.size());  // (distance, test)
        std::vector<int> seen(out_.decls.size(), -1);
        for (size_t t = 0; t < out_.tests.size(); ++t) {
            std::deque<std::pair<int, int>> queue;
            for (int e : out_.tests[t].expects) queue.push_back({e, 0});
            while (!queue.empty()) {
                auto [d, distance] = queue.front();
                queue.pop_front();
                if (seen[d] == static_cast<int>(t)) continue;
                seen[d] = static_cast<int>(t);
                found[d].push_back({distance, static_cast<int>(t)});
                for (int r : out_.decls[d].reads) queue.push_back({r, distance + 1});
            }
        }
        for (size_t d = 0; d < found.size(); ++d) {
            std::stable_sort(found[d].begin(), found[d].end(), [](auto& a, auto& b) { return a.first < b.first; });
            for (size_t i = 0; i < found[d].size() && i < kTestsPerDeclaration; ++i)
                out_.decls[d].tests.push_back(found[d][i].second);
        }
    }

    void mark(const syntax::Span& s, Mark::Kind kind, int target = -1) {
        if (s.file < out_.marks.size() && s.end > s.begin) out_.marks[s.file].push_back({s.begin, s.end, kind, target});
    }

    // Outer marks win over the marks inside them (`household.size` over `household`).
    void finish_marks() {
        for (auto& marks : out_.marks) {
            std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
                return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
            });
            std::vector<Mark> kept;
            for (const Mark& m : marks)
                if (kept.empty() || m.begin >= kept.back().end) kept.push_back(m);
            marks = std::move(kept);
        }
    }

    static constexpr size_t kTestsPerDeclaration = 4;  // worked examples shown on a page
    static constexpr int kMaxGivenDepth = 64;

    struct Owner {
        uint32_t file, begin, end;
        int decl;
    };

    const Model& m_;
    RulesetIndex out_;
    std::map<std::pair<check::SymbolKind, uint32_t>, int> by_symbol_;
    std::vector<const syntax::Decl*> decl_ptrs_;
    std::vector<Owner> spans_;
};

}  // namespace

RulesetIndex index_ruleset(std::shared_ptr<const Ruleset> ruleset) { return Indexer(std::move(ruleset)).run(); }

}  // namespace tenet::doc
