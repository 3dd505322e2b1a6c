// Gaps in time: the days inside a ruleset's validity (`valid from D [until E]`; by default from the
// earliest date any parameter names) on which a parameter of the file has no value, so that the
// decisions reading it are unresolved then. A warning at file:line:col naming those decisions,
// unless the parameter declares the gap with a `gap "..."` note (the source prints no value).
#include "check/checker_impl.hpp"
#include "check/dependents.hpp"

namespace tenet::check {

namespace {

bool date_of(const syntax::Expr* e, util::Days* out) { return e && util::parse_iso_date(e->text, out); }

}  // namespace

bool Checker::validity(util::Days* from, util::Days* until) {
    const syntax::Module& root = m_->root();
    *until = util::kForever;
    if (root.valid_from) {
        if (!date_of(root.valid_from.get(), from) || (root.valid_until && !date_of(root.valid_until.get(), until))) {
            sink_->error(root.validity_span,
                         "`valid from` needs dates between 1800-01-01 and 2299-12-31, e.g. `valid from 1997-07-01`");
            return false;
        }
        if (*until < *from) {
            sink_->error(root.validity_span, "the ruleset's validity ends before it begins");
            return false;
        }
        return true;
    }
    bool named = false;
    for (const auto& p : m_->params) {
        for (const auto& period : p.periods) {
            util::Days d = period.from != util::min_date() ? period.from
                           : period.to != util::kForever   ? period.to + 1
                                                           : 0;
            if (d && (!named || d < *from)) *from = d, named = true;
        }
    }
    return named;
}

void Checker::check_time_gaps() {
    util::Days from = 0, until = util::kForever;
    if (!validity(&from, &until)) return;
    std::string window = "valid from " + util::format_iso_date(from) +
                         (until == util::kForever ? "" : " until " + util::format_iso_date(until));
    std::unique_ptr<Dependents> readers;
    for (const auto& p : m_->params) {
        if (!p.origin.decl || p.origin.module != 0 || p.origin.decl->notes.gap_span.end != 0) continue;
        util::Days next = from;  // the first day not yet known to be covered
        for (size_t k = 0; k <= p.periods.size() && next <= until; ++k) {
            util::Days gap_end = k < p.periods.size() ? std::min(until, p.periods[k].from - 1) : until;
            if (gap_end >= next) {
                if (!readers) readers = std::make_unique<Dependents>(dependents_of(*m_));
                auto decisions = readers->decisions_reading(p.name);
                std::string names;
                for (size_t i = 0; i < decisions.size() && i < 6; ++i) names += (i ? ", " : "") + decisions[i];
                if (decisions.size() > 6) names += " and " + std::to_string(decisions.size() - 6) + " more";
                std::string when = gap_end == util::kForever ? "from " + util::format_iso_date(next) + " on"
                                                             : "from " + util::format_iso_date(next) + " to " +
                                                                   util::format_iso_date(gap_end);
                const syntax::Span& at =
                    k < p.periods.size() && k > 0 ? p.periods[k].value->span : p.origin.decl->name_span;
                sink_->warning(
                    at, "parameter `" + p.name + "` has no value " + when + ", inside the ruleset's validity (" +
                            window + "): " +
                            (decisions.empty() ? std::string("no decision reads it") : "unresolved then: " + names) +
                            "; give the value from the source or declare the gap with `gap \"...\"`");
            }
            if (k == p.periods.size() || p.periods[k].to == util::kForever) break;
            next = std::max(next, p.periods[k].to + 1);
        }
    }
}

}  // namespace tenet::check
