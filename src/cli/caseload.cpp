// `tenet caseload`: the participation rate of a caseload per family type (CONTRACT.md §4.10).
// A case participates when it meets its required hours or is work-exempt (6.005: exempt people
// "still qualify under Weld County's work participation rate"; catalogue ambiguity #26).
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace tenet::cli {

int caseload(const Args& args) {
    if (args.positional.size() != 1 || args.cases_file.empty()) {
        return usage_error("tenet caseload needs one ruleset and --cases FILE.jsonl");
    }
    auto rs = load(args.positional[0], false);
    if (!rs) return 2;
    const char* needed[] = {"meets_required_hours", "work_exempt", "county_participation_target"};
    Request request;
    for (const char* n : needed) {
        int d = rs->find_decision(n);
        if (d < 0) {
            std::cerr << args.positional[0] << ": error: `tenet caseload` needs the decision `" << n << "`\n";
            return 2;
        }
        request.decisions.push_back(d);
    }
    int family_fact = rs->find_fact("household.family_type");
    if (family_fact < 0) {
        std::cerr << args.positional[0] << ": error: `tenet caseload` needs the fact `household.family_type`\n";
        return 2;
    }
    std::ifstream in(args.cases_file, std::ios::binary);
    if (!in) {
        std::cerr << args.cases_file << ": error: cannot read the cases file\n";
        return 2;
    }
    struct Tally {
        long cases = 0, participating = 0, unresolved = 0;
        nlohmann::json target;
    };
    std::map<std::string, Tally> tallies;
    Session session(rs);
    Case c;
    std::string line, out;
    long line_number = 0, bad = 0;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::vector<InputError> errors;
        if (!session.decode(line, &c, &errors, args.as_of)) {
            for (const auto& e : errors) std::cerr << args.cases_file << ":" << line_number << ": " << e.path << ": error: " << e.message << "\n";
            ++bad;
            continue;
        }
        out.clear();
        session.evaluate_json(c, request, &out, &errors);
        auto result = nlohmann::json::parse(out);
        auto raw = nlohmann::json::parse(line);
        std::string family = "unknown";
        if (raw.contains("household") && raw["household"].contains("family_type") && raw["household"]["family_type"].is_string()) {
            family = raw["household"]["family_type"].get<std::string>();
        }
        Tally& t = tallies[family];
        ++t.cases;
        const auto& d = result["decisions"];
        bool exempt = d.contains("work_exempt") && d["work_exempt"].get<bool>();
        bool meets = d.contains("meets_required_hours") && d["meets_required_hours"].get<bool>();
        if (exempt || meets) {
            ++t.participating;
        } else if (!d.contains("work_exempt") || !d.contains("meets_required_hours")) {
            ++t.unresolved;
        }
        if (d.contains("county_participation_target") && t.target.is_null()) t.target = d["county_participation_target"];
    }
    nlohmann::ordered_json report = nlohmann::ordered_json::object();
    for (const auto& [family, t] : tallies) {
        // rate in percent with two decimals, rounded half up, in exact integer arithmetic
        long long hundredths = t.cases ? (t.participating * 100000LL / t.cases + 5) / 10 : 0;
        std::string rate = std::to_string(hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + std::to_string(hundredths % 100);
        nlohmann::ordered_json row;
        row["cases"] = t.cases;
        row["participating"] = t.participating;
        row["rate"] = nlohmann::ordered_json::parse(rate);
        row["target"] = t.target;
        if (t.target.is_number()) {
            // compare in hundredths of a point: the target is a whole or decimal number of points
            nlohmann::ordered_json target = t.target;
            std::string text = target.dump();
            long long target_hundredths = 0;
            size_t dot = text.find('.');
            std::string whole = text.substr(0, dot);
            std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
            frac = (frac + "00").substr(0, 2);
            target_hundredths = std::stoll(whole) * 100 + std::stoll(frac);
            row["meets_target"] = hundredths >= target_hundredths;
        } else {
            row["meets_target"] = nullptr;
        }
        if (t.unresolved) row["unresolved"] = t.unresolved;
        report[family] = row;
    }
    std::cout << report.dump(2) << "\n";
    if (bad) {
        std::cerr << args.cases_file << ": " << bad << " of " << line_number << " cases were rejected\n";
        return 2;
    }
    return 0;
}

}  // namespace tenet::cli
