// Participation (participation.hpp): counts in whole numbers, rates in hundredths of a point.
#include "cli/participation.hpp"

#include <cstdio>

namespace tenet::cli {

namespace {

// A rate in hundredths of a percentage point, rounded half up, in exact integer arithmetic.
long long rate_hundredths(long participating, long cases) {
    return cases ? (participating * 100000LL / cases + 5) / 10 : 0;
}

std::string hundredths_text(long long h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", h / 100, h % 100);
    return buf;
}

// A target of whole or decimal percentage points, in hundredths (its text, never a double).
long long target_hundredths(const nlohmann::json& target) {
    std::string text = target.dump();
    size_t dot = text.find('.');
    std::string whole = text.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
    frac = (frac + "00").substr(0, 2);
    return std::stoll(whole) * 100 + std::stoll(frac);
}

const nlohmann::json* decision(const nlohmann::json& result, const char* name) {
    auto d = result.find("decisions");
    if (d == result.end() || !d->is_object()) return nullptr;
    auto v = d->find(name);
    return v == d->end() ? nullptr : &*v;
}

}  // namespace

const std::vector<std::string>& Participation::decisions() {
    static const std::vector<std::string> names = {"meets_required_hours", "work_exempt", "county_participation_target",
                                                   "fiscal_year"};
    return names;
}

bool Participation::supported(const Ruleset& rs, std::string* why) {
    for (const std::string& n : decisions()) {
        if (rs.find_decision(n) < 0) {
            *why = "the decision `" + n + "`";
            return false;
        }
    }
    if (rs.find_fact("household.family_type") < 0) {
        *why = "the fact `household.family_type`";
        return false;
    }
    return true;
}

void Participation::add(const nlohmann::json& case_json, const nlohmann::json& result) {
    std::string family = "unknown";
    auto household = case_json.find("household");
    if (household != case_json.end() && household->is_object()) {
        auto f = household->find("family_type");
        if (f != household->end() && f->is_string()) family = f->get<std::string>();
    }
    const nlohmann::json* year = decision(result, "fiscal_year");
    Tally& t = tallies_[family][year && year->is_number_integer() ? std::to_string(year->get<long>()) : "unknown"];
    ++t.cases;
    const nlohmann::json* exempt = decision(result, "work_exempt");
    const nlohmann::json* meets = decision(result, "meets_required_hours");
    bool is_exempt = exempt && exempt->is_boolean() && exempt->get<bool>();
    bool is_meeting = meets && meets->is_boolean() && meets->get<bool>();
    if (is_exempt || is_meeting) {
        ++t.participating;
    } else if (!exempt || !meets || exempt->is_null() || meets->is_null()) {
        ++t.unresolved;
    }
    const nlohmann::json* target = decision(result, "county_participation_target");
    if (target && target->is_number() && t.target.is_null()) t.target = *target;
}

nlohmann::ordered_json Participation::report() const {
    nlohmann::ordered_json report = nlohmann::ordered_json::object();
    for (const auto& [family, years] : tallies_) {
        nlohmann::ordered_json by_year = nlohmann::ordered_json::object();
        for (const auto& [year, t] : years) {
            long long rate = rate_hundredths(t.participating, t.cases);
            nlohmann::ordered_json row;
            row["cases"] = t.cases;
            row["participating"] = t.participating;
            row["rate"] = nlohmann::ordered_json::parse(hundredths_text(rate));
            row["target"] = t.target;
            row["meets_target"] =
                t.target.is_number() ? nlohmann::ordered_json(rate >= target_hundredths(t.target)) : nullptr;
            if (t.unresolved) row["unresolved"] = t.unresolved;
            by_year[year] = row;
        }
        report[family] = by_year;
    }
    return report;
}

std::string Participation::table() const {
    std::string out;
    char line[160];
    std::snprintf(line, sizeof line, "  %-16s %-11s %7s %13s %7s %7s  %s\n", "family type", "fiscal year", "cases",
                  "participating", "rate %", "target", "meets target");
    out += line;
    for (const auto& [family, years] : tallies_) {
        for (const auto& [year, t] : years) {
            long long rate = rate_hundredths(t.participating, t.cases);
            std::string target = t.target.is_number() ? t.target.dump() : "?";
            const char* meets = t.target.is_number() ? (rate >= target_hundredths(t.target) ? "yes" : "no") : "?";
            std::snprintf(line, sizeof line, "  %-16s %-11s %7ld %13ld %7s %7s  %s", family.c_str(), year.c_str(),
                          t.cases, t.participating, hundredths_text(rate).c_str(), target.c_str(), meets);
            out += line;
            if (t.unresolved) out += "  (" + std::to_string(t.unresolved) + " unresolved)";
            out += "\n";
        }
    }
    return out;
}

}  // namespace tenet::cli
