// Values a layer adds to an enum it inherits (LANGUAGE.md §2) escape what covered every value
// before: a `collect` that gave each one, an `if` chain or an `in` list that tested each one.
// Each is a warning where it stands, with a note at the layer's `enum` that added the values.
// Tables are checked by their gap analysis (tables.cpp), which adds the same note.
#include <algorithm>
#include <unordered_set>

#include "check/checker_impl.hpp"

namespace tenet::check {

using syntax::Expr;
using syntax::ExprKind;

namespace {

std::string source_text(const Model& m, const syntax::Span& s) {
    if (s.file >= m.sources.size()) return "?";
    const std::string& text = m.sources.file(s.file).text();
    return s.begin < s.end && s.end <= text.size() ? text.substr(s.begin, s.end - s.begin) : "?";
}

struct Finding {
    syntax::Span at;
    std::string message;
    const Model::EnumExtension* extension;
};

}  // namespace

std::string Checker::enum_extension_note(TypeId type) {
    type = m_->types.strip_optional(type);
    if (m_->types.kind(type) != TypeKind::Enum) return "";
    for (const auto& ext : m_->enum_extensions) {
        if (ext.enumeration != m_->types.get(type).ref) continue;
        const EnumInfo& en = m_->enums[ext.enumeration];
        std::string values;
        for (size_t v = ext.first_value; v < en.values.size(); ++v)
            values += (values.empty() ? "`" : ", `") + en.values[v] + "`";
        sink_->note(ext.origin.decl->name_span, values + " added to `" + en.name + "` here");
        return values;
    }
    return "";
}

void Checker::check_extended_enums() {
    if (m_->enum_extensions.empty()) return;
    // an `if` that is the `else` of another continues that chain
    std::unordered_set<const Expr*> chained;
    for (const auto& [e, info] : m_->info) {
        if (e->kind == ExprKind::If && e->args.size() == 3 && e->args[2] && e->args[2]->kind == ExprKind::If) {
            chained.insert(e->args[2].get());
        }
    }
    std::vector<Finding> findings;
    for (const auto& ext : m_->enum_extensions) {
        const EnumInfo& en = m_->enums[ext.enumeration];
        TypeId enum_type = m_->types.enumeration(ext.enumeration);
        uint32_t layer_file = ext.origin.decl->span.file;
        // the value an expression names, when it is a value of this enum
        auto value_of = [&](const Expr* x) -> int {
            auto it = x ? m_->info.find(x) : m_->info.end();
            if (it == m_->info.end() || it->second.ref != RefKind::EnumValue || it->second.index != ext.enumeration)
                return -1;
            return static_cast<int>(it->second.index2);
        };
        for (const auto& [e, info] : m_->info) {
            if (e->span.file == layer_file) continue;  // the layer's own are written knowing its values
            std::vector<bool> covered(en.values.size(), false);
            std::string what, escape;
            if (e->kind == ExprKind::Collect && m_->types.is_list(info.type) &&
                m_->types.element(info.type) == enum_type) {
                for (const auto& entry : e->entries) {
                    int v = value_of(entry.value.get());
                    if (v >= 0) covered[static_cast<size_t>(v)] = true;
                }
                what = "this `collect` gives";
                escape = "no entry gives them";
            } else if (e->kind == ExprKind::If && !chained.count(e)) {
                // `if x == a then ... else if x == b then ... else ...`, on one `x` of this enum
                std::string subject;
                for (const Expr* x = e; x && x->kind == ExprKind::If && x->args.size() == 3; x = x->args[2].get()) {
                    const Expr* c = x->args[0].get();
                    if (!c || c->kind != ExprKind::Compare || c->ops.size() != 1 || c->ops[0] != syntax::Op::Eq) break;
                    int v = value_of(c->args[1].get());
                    const Expr* side = c->args[0].get();
                    if (v < 0) {
                        v = value_of(c->args[0].get());
                        side = c->args[1].get();
                    }
                    std::string text = source_text(*m_, side->span);
                    if (v < 0 || (!subject.empty() && text != subject)) break;
                    subject = text;
                    covered[static_cast<size_t>(v)] = true;
                }
                what = "this `if` on `" + subject + "` tests";
                escape = "they take its last `else`";
            } else if (e->kind == ExprKind::In && e->args.size() == 2 && e->args[1] &&
                       e->args[1]->kind == ExprKind::ListLit) {
                for (const auto& x : e->args[1]->args) {
                    int v = value_of(x.get());
                    if (v >= 0) covered[static_cast<size_t>(v)] = true;
                }
                what = "this `" + std::string(e->negated ? "not in" : "in") + "` lists";
                escape = e->negated ? "it is true for them" : "it is false for them";
            } else {
                continue;
            }
            bool all_base = ext.first_value > 0;
            for (size_t v = 0; v < ext.first_value; ++v) all_base = all_base && covered[v];
            std::string missing;
            for (size_t v = ext.first_value; v < en.values.size(); ++v) {
                if (!covered[v]) missing += (missing.empty() ? "`" : ", `") + en.values[v] + "`";
            }
            if (!all_base || missing.empty()) continue;
            const std::string& layer = m_->sources.file(layer_file).path();
            findings.push_back(Finding{
                e->span,
                what + " every value of `" + en.name + "` but " + missing + ", which `" + layer + "` adds: " + escape,
                &ext});
        }
    }
    std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return a.at.file != b.at.file ? a.at.file < b.at.file : a.at.begin < b.at.begin;
    });
    for (const auto& f : findings) {
        sink_->warning(f.at, f.message);
        enum_extension_note(m_->types.enumeration(f.extension->enumeration));
    }
}

}  // namespace tenet::check
