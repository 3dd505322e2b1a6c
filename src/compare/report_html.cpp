// HTML reports (report_html.hpp).
#include "compare/report_html.hpp"

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

namespace tenet::compare {

namespace {

using nlohmann::json;

std::string escape(const std::string& s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '"': out += "&quot;"; break;
            default: out += ch;
        }
    }
    return out;
}

std::string text(const json& v) { return escape(v.is_string() ? v.get<std::string>() : v.dump()); }

// A horizontal bar chart: one bar per (label, count), scaled to the largest.
std::string bar_chart(const std::string& title, const std::vector<std::pair<std::string, long>>& bars) {
    const int label_width = 360, bar_width = 380, row = 24, top = 30;
    long most = 1;
    for (const auto& b : bars) most = std::max(most, b.second);
    std::ostringstream svg;
    int height = top + row * static_cast<int>(bars.size()) + 10;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << label_width + bar_width + 60
        << "\" height=\"" << height << "\" aria-label=\"" << escape(title) << "\">\n"
        << "<text x=\"0\" y=\"18\" font-weight=\"bold\">" << escape(title) << "</text>\n";
    for (size_t i = 0; i < bars.size(); ++i) {
        int y = top + row * static_cast<int>(i);
        long w = bars[i].second * bar_width / most;
        std::string label = bars[i].first.size() > 52 ? bars[i].first.substr(0, 50) + "..." : bars[i].first;
        svg << "<text x=\"" << label_width - 8 << "\" y=\"" << y + 15 << "\" text-anchor=\"end\">" << escape(label)
            << "</text>\n<rect x=\"" << label_width << "\" y=\"" << y + 3 << "\" width=\"" << std::max(w, 1L)
            << "\" height=\"16\" fill=\"#c0504d\"><title>" << escape(bars[i].first) << ": " << bars[i].second
            << "</title></rect>\n<text x=\"" << label_width + w + 6 << "\" y=\"" << y + 15 << "\">" << bars[i].second
            << "</text>\n";
    }
    svg << "</svg>\n";
    return svg.str();
}

// The two charts of a report: by decision, and by (decision, cause) group.
std::string charts(const std::string& what, const std::vector<std::pair<std::string, long>>& by_decision,
                   const json& groups) {
    if (by_decision.empty()) return "";
    std::vector<std::pair<std::string, long>> by_cause;
    for (const auto& g : groups) {
        by_cause.emplace_back(g["decision"].get<std::string>() + " <- " + g["cause"].get<std::string>(),
                              g["cases"].get<long>());
    }
    return bar_chart(what + " by decision", by_decision) + bar_chart(what + " by cause", by_cause);
}

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) +
           "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;"
           "margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:left}td.n{text-align:right}"
           "th{background:#eee}.bad{color:#a00;font-weight:bold}svg text{font:13px "
           "sans-serif}</style></head>\n<body>\n<h1>" +
           escape(title) + "</h1>\n" + body + "</body></html>\n";
}

}  // namespace

std::string parity_html(const json& r) {
    std::ostringstream b;
    b << "<p>" << r["cases"].get<long>() << " cases, " << r["legacy_records"].get<long>()
      << " legacy records; <span class=\"" << (r["different"].get<long>() ? "bad" : "") << "\">"
      << r["different"].get<long>() << " differences</span>.</p>\n";
    b << "<h2>Agreement by decision</h2>\n<table><tr><th>decision</th><th>legacy field</th><th>cases</th><th>equal</th>"
         "<th>different</th><th>missing in Tenet</th><th>missing in legacy</th></tr>\n";
    std::vector<std::pair<std::string, long>> by_decision;
    for (const auto& d : r["decisions"]) {
        b << "<tr><td>" << text(d["decision"]) << "</td><td>" << text(d["legacy_field"]) << "</td>";
        for (const char* k : {"cases", "equal", "different", "missing_tenet", "missing_legacy"})
            b << "<td class=\"n\">" << d[k] << "</td>";
        b << "</tr>\n";
        if (d["different"].get<long>())
            by_decision.emplace_back(d["decision"].get<std::string>(), d["different"].get<long>());
    }
    b << "</table>\n";
    b << charts("Differences", by_decision, r["groups"]);
    b << "<h2>Differences by cause</h2>\n<table><tr><th>decision</th><th>explained "
         "by</th><th>citation</th><th>cases</th>"
         "<th>examples (case: Tenet / legacy)</th></tr>\n";
    for (const auto& g : r["groups"]) {
        b << "<tr><td>" << text(g["decision"]) << "</td><td>" << text(g["kind"]) << " <code>" << text(g["cause"])
          << "</code></td><td>" << text(g["cite"]) << "</td><td class=\"n\">" << g["cases"] << "</td><td>";
        for (const auto& e : g["examples"])
            b << text(e["case"]) << ": " << text(e["tenet"]) << " / " << text(e["legacy"]) << "<br>";
        b << "</td></tr>\n";
    }
    b << "</table>\n";
    if (!r["mapping_errors"].empty()) {
        b << "<h2>Mapping errors</h2>\n<table><tr><th>legacy line</th><th>case</th><th>message</th></tr>\n";
        for (const auto& e : r["mapping_errors"])
            b << "<tr><td>" << e["line"] << "</td><td>" << text(e["key"]) << "</td><td>" << text(e["message"])
              << "</td></tr>\n";
        b << "</table>\n";
    }
    return page("Parity of " + r["ruleset"].get<std::string>() + " with the legacy system", b.str());
}

std::string case_diff_html(const json& r) {
    std::ostringstream b;
    b << "<p>" << r["cases_changed"].get<long>() << " of " << r["cases"].get<long>() << " cases change.</p>\n";
    std::vector<std::pair<std::string, long>> by_decision;
    b << "<h2>Cases changed by decision</h2>\n<table><tr><th>decision</th><th>cases changed</th></tr>\n";
    for (const auto& d : r["decisions"]) {
        b << "<tr><td>" << text(d["decision"]) << "</td><td class=\"n\">" << d["changed"] << "</td></tr>\n";
        by_decision.emplace_back(d["decision"].get<std::string>(), d["changed"].get<long>());
    }
    b << "</table>\n";
    b << charts("Changed cases", by_decision, r["groups"]);
    b << "<h2>Changes by cause</h2>\n<table><tr><th>decision</th><th>cause (old -> new, citation, "
         "period)</th><th>cases</th>"
         "<th>examples</th></tr>\n";
    for (const auto& g : r["groups"]) {
        b << "<tr><td>" << text(g["decision"]) << "</td><td>";
        for (const auto& c : g["changes"]) b << text(c["text"]) << "<br>";
        b << "</td><td class=\"n\">" << g["cases"] << "</td><td>";
        for (const auto& e : g["examples"]) b << "case " << e["case"] << ": " << text(e["outcome"]) << "<br>";
        b << "</td></tr>\n";
    }
    b << "</table>\n";
    return page("What changes from " + r["old"].get<std::string>() + " to " + r["new"].get<std::string>(), b.str());
}

}  // namespace tenet::compare
