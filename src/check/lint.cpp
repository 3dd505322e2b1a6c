// Warnings about a ruleset that checks but may not say what its author meant: declarations
// without citations, facts nothing uses, decisions no test checks, parameters with gaps in time (time_gaps.cpp).
// Only the declarations of the file being checked are linted: its bases are linted on their own.
#include "check/checker_impl.hpp"

namespace tenet::check {

void Checker::lint() {
    auto in_root = [](const Origin& o) { return o.decl && o.module == 0; };
    auto uncited = [&](const Origin& o, const char* kind, const std::string& name) {
        if (in_root(o) && o.decl->notes.cites.empty()) {
            sink_->warning(o.decl->name_span,
                           std::string(kind) + " `" + name +
                               "` has no citation: add `cite \"...\"` naming the policy section it comes from");
        }
    };
    for (const auto& r : m_->rules) uncited(r.origin, r.decision ? "decision" : "rule", r.name);
    for (const auto& p : m_->params) uncited(p.origin, "parameter", p.name);
    for (const auto& t : m_->tables) uncited(t.origin, "table", t.name);
    for (const auto& l : m_->ladders) uncited(l.origin, "ladder", l.name);

    for (size_t i = 1; i < m_->facts.size(); ++i) {
        const FactInfo& f = m_->facts[i];
        if (in_root(f.origin) && !fact_used_[i]) {
            sink_->warning(f.origin.decl->name_span, "fact `" + f.path + "` is not used by any rule");
        }
    }
    for (uint32_t i : m_->decisions) {
        const RuleInfo& r = m_->rules[i];
        if (options_.tests && in_root(r.origin) && !tested_.count(r.name)) {
            sink_->warning(r.origin.decl->name_span,
                           "decision `" + r.name + "` is not checked by any test in this file");
        }
    }
    check_time_gaps();
}

}  // namespace tenet::check
