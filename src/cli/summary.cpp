// Summary (summary.hpp).
#include "cli/summary.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/utf8.hpp"

namespace tenet::cli {

namespace {

// The decisions of the case table and their headings, in this order, when the ruleset has them.
const std::pair<const char*, const char*> kCaseColumns[] = {
    {"eligible", "eligible"},
    {"adjusted_grant", "grant"},
    {"sanction_level", "sanction level"},
    {"exemption_reasons", "exemptions"},
};

std::string cell(const nlohmann::json& v) {
    if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "-";
    if (v.is_array()) {
        if (v.empty()) return "none";
        std::string s;
        for (const auto& e : v) s += (s.empty() ? "" : ", ") + cell(e);
        return s;
    }
    return v.dump();
}

// Rows of cells as aligned columns, two spaces apart, indented by two.
std::string aligned(const std::vector<std::vector<std::string>>& rows) {
    size_t columns = 0;
    for (const auto& row : rows) columns = std::max(columns, row.size());
    std::vector<size_t> width;
    for (const auto& row : rows) {
        // the last cell of a shorter row (a rejected case) runs over the columns it lacks
        for (size_t i = 0; i < row.size() && (row.size() == columns || i + 1 < row.size()); ++i) {
            if (width.size() <= i) width.push_back(0);
            width[i] = std::max(width[i], util::grapheme_count(row[i]));
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line = " ";
        for (size_t i = 0; i < row.size(); ++i) {
            line += " " + row[i];
            if (i + 1 < row.size()) line += std::string(width[i] - util::grapheme_count(row[i]) + 1, ' ');
        }
        out += line + "\n";
    }
    return out;
}

// The groups with the most cases first, at most `limit` of them.
template <typename Group>
std::string grouped(const std::map<std::string, Group>& groups, size_t limit, const char* what) {
    std::vector<std::pair<std::string, const Group*>> order;
    for (const auto& [key, g] : groups) order.push_back({key, &g});
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.second->cases > b.second->cases; });
    std::vector<std::vector<std::string>> rows = {{what, "cases", "decisions"}};
    for (size_t i = 0; i < order.size() && i < limit; ++i) {
        const Group& g = *order[i].second;
        std::string names;
        size_t shown = 0;
        for (const std::string& d : g.decisions) {
            if (shown++ == 3) break;
            names += (names.empty() ? "" : ", ") + d;
        }
        if (g.decisions.size() > 3) names += ", ... (" + std::to_string(g.decisions.size()) + " decisions)";
        rows.push_back({order[i].first, std::to_string(g.cases), names});
    }
    std::string out = aligned(rows);
    if (order.size() > limit) out += "  ... and " + std::to_string(order.size() - limit) + " more\n";
    return out;
}

}  // namespace

Summary::Summary(const Ruleset& rs, const Request& request) {
    auto requested = [&](int d) {
        return d >= 0 && (request.decisions.empty() ||
                          std::find(request.decisions.begin(), request.decisions.end(), d) != request.decisions.end());
    };
    for (const auto& [name, heading] : kCaseColumns) {
        if (requested(rs.find_decision(name))) columns_.push_back({name, heading});
    }
    if (columns_.empty()) {  // another ruleset: its first decisions
        const auto& all = rs.decisions();
        for (size_t d = 0; d < all.size() && columns_.size() < 4; ++d) {
            if (requested(static_cast<int>(d))) columns_.push_back({all[d].name, all[d].name});
        }
    }
    count_participation_ = Participation::supported(rs, &no_participation_);
    for (const std::string& n : Participation::decisions()) {
        if (count_participation_ && !requested(rs.find_decision(n))) {
            count_participation_ = false;
            no_participation_ = "the decision `" + n + "` (not requested)";
        }
    }
}

void Summary::add(size_t line_number, const std::string& case_line, const std::string& result,
                  const std::vector<InputError>& errors) {
    if (errors.empty() && result.empty()) return;  // a blank line
    ++cases_;
    std::vector<std::string> row = {std::to_string(line_number)};
    if (!errors.empty()) {
        ++rejected_;
        if (rows_.size() < kFirstCases) {
            std::string why = "rejected: " + errors.front().path + ": " + errors.front().message;
            if (util::grapheme_count(why) > kCellWidth)
                why = why.substr(0, util::grapheme_prefix_bytes(why, kCellWidth - 3)) + "...";
            row.push_back(why);
            rows_.push_back(row);
        }
        return;
    }
    ++evaluated_;
    nlohmann::json r = nlohmann::json::parse(result);
    const nlohmann::json& decisions = r["decisions"];
    const nlohmann::json& unresolved = r["unresolved"];
    const nlohmann::json failures = r.contains("errors") ? r["errors"] : nlohmann::json::object();
    if (rows_.size() < kFirstCases) {
        for (const auto& [name, heading] : columns_) {
            if (decisions.contains(name)) row.push_back(cell(decisions[name]));
            else if (unresolved.contains(name)) row.push_back("unresolved");
            else if (failures.contains(name)) row.push_back("failed");
            else row.push_back("-");
        }
        rows_.push_back(row);
    }
    std::map<std::string, std::vector<std::string>> by_fact, by_message;
    for (const auto& [name, facts] : unresolved.items()) {
        for (const auto& fact : facts) by_fact[cell(fact)].push_back(name);
    }
    for (const auto& [name, message] : failures.items()) by_message[cell(message)].push_back(name);
    auto merge = [](const std::map<std::string, std::vector<std::string>>& of_case,
                    std::map<std::string, Group>* groups) {
        for (const auto& [key, names] : of_case) {  // a case counts once per group
            Group& g = (*groups)[key];
            ++g.cases;
            g.decisions.insert(names.begin(), names.end());
        }
    };
    merge(by_fact, &unresolved_);
    merge(by_message, &failed_);
    if (count_participation_) participation_.add(nlohmann::json::parse(case_line, nullptr, false), r);
}

std::string Summary::text(const std::string& out_file) const {
    std::string out = std::to_string(cases_) + " cases";
    if (rejected_) out += ", " + std::to_string(rejected_) + " rejected (their errors are on stderr and in the output)";
    out += "\nevery decision of every case is in " + out_file + " (line N for case N)\n\n";

    out += "the first " + std::to_string(rows_.size()) + " cases:\n";
    std::vector<std::vector<std::string>> table = {{"case"}};
    for (const auto& column : columns_) table[0].push_back(column.second);
    table.insert(table.end(), rows_.begin(), rows_.end());
    out += aligned(table);

    // facts that no case gives (parts of the policy this caseload does not use) apart from those
    // some cases lack, which are worth a look
    std::map<std::string, Group> some;
    std::vector<std::string> every;
    std::set<std::string> every_decisions;
    for (const auto& [fact, g] : unresolved_) {
        if (g.cases < evaluated_) {
            some[fact] = g;
        } else {
            every.push_back(fact);
            every_decisions.insert(g.decisions.begin(), g.decisions.end());
        }
    }
    out += "\nunresolved decisions, by the fact they miss:\n";
    if (unresolved_.empty()) out += "  none\n";
    if (!some.empty()) out += grouped(some, kGroups, "missing fact");
    if (!every.empty()) {
        out += "  " + std::to_string(every.size()) + " facts are in no case, so " +
               std::to_string(every_decisions.size()) + " decisions are unresolved in every case:\n    ";
        for (size_t i = 0; i < every.size() && i < 3; ++i) out += (i ? ", " : "") + every[i];
        out += every.size() > 3 ? ", ...\n" : "\n";
    }
    if (!failed_.empty()) out += "\ndecisions that failed, by message:\n" + grouped(failed_, kGroups, "message");

    out += "\nparticipation by family type and federal fiscal year (as `tenet caseload`):\n";
    out +=
        count_participation_ ? participation_.table() : "  not counted: the ruleset lacks " + no_participation_ + "\n";
    return out;
}

}  // namespace tenet::cli
