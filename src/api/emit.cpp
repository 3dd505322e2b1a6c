// Ruleset::emit_c: every period's program handed to the C emitter.
#include "emit/c_emitter.hpp"
#include "api/ruleset_impl.hpp"
#include "util/date.hpp"

namespace tenet {

static_assert(Ruleset::kPiecesAbove == emit::EmitOptions{}.pieces_above, "one default size for programs in pieces");

Ruleset::CSource Ruleset::emit_c(const std::string& as_of, const std::string& source_name, size_t pieces_above) const {
    const Impl& rs = *impl_;
    std::vector<emit::PeriodProgram> periods;
    std::vector<size_t> chosen;
    if (!as_of.empty()) {
        util::Days day = 0;
        util::parse_iso_date(as_of, &day);
        chosen.push_back(rs.period_of(day));
    } else {
        for (size_t p = 0; p < rs.breaks.size(); ++p) chosen.push_back(p);
    }
    for (size_t p : chosen) {
        // the first period covers every day before the second one too (period_of)
        util::Days from = p == 0 ? util::min_date() : rs.breaks[p];
        util::Days to = p + 1 < rs.breaks.size() ? rs.breaks[p + 1] - 1 : util::kForever;
        periods.push_back(emit::PeriodProgram{from, to, &rs.program(p)});
    }
    emit::EmitOptions options;
    options.pieces_above = pieces_above;
    emit::CSource c = emit::emit_c(*rs.model, rs.decision_rules, periods, source_name, options);
    CSource out;
    out.text = std::move(c.text);
    for (const auto& n : c.not_compiled) out.not_compiled.emplace_back(rs.model->rules[n.rule].name, n.reason);
    return out;
}

}  // namespace tenet
