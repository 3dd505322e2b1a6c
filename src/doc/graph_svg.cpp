#include "doc/graph_svg.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <algorithm>
#include <functional>

#include "doc/html.hpp"
#include "util/date.hpp"

namespace tenet::doc {

// Graphviz's own plugins for the `dot` layout and SVG output, linked in: the context loads no
// other plugin, so node labels are measured with Graphviz's built-in font metrics instead of
// Pango's (which cost a third of the site's time and only move boxes by a few points).
extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
}

namespace {
const lt_symlist_t kPlugins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {nullptr, nullptr},
};
}  // namespace

struct GraphRenderer::Impl {
    GVC_t* gvc = nullptr;
};

GraphRenderer::GraphRenderer() : impl_(std::make_unique<Impl>()) { impl_->gvc = gvContextPlugins(kPlugins, 0); }

GraphRenderer::~GraphRenderer() {
    if (impl_->gvc) gvFreeContext(impl_->gvc);
}

std::string GraphRenderer::svg(const std::string& dot, std::string* error) {
    Agraph_t* g = agmemread(dot.c_str());
    if (!g) {
        *error = "Graphviz could not read the dependency graph";
        return {};
    }
    std::string out;
    if (gvLayout(impl_->gvc, g, "dot") != 0) {
        *error = "Graphviz could not lay out the dependency graph (is the graphviz package installed?)";
    } else {
        char* data = nullptr;
        unsigned int length = 0;
        if (gvRenderData(impl_->gvc, g, "svg", &data, &length) == 0 && data) {
            std::string_view svg(data, length);
            size_t start = svg.find("<svg");
            if (start != std::string_view::npos) out = std::string(svg.substr(start));
            gvFreeRenderData(data);
        } else {
            *error = "Graphviz could not render the dependency graph as SVG";
        }
        gvFreeLayout(impl_->gvc, g);
    }
    agclose(g);
    return out;
}

namespace {

// A DOT string. What goes in is a name of the ruleset (an identifier or a dotted fact path), a
// kind, a page's file name or a count: none holds a quote or a backslash to escape.
std::string quoted(const std::string& s) { return "\"" + s + "\""; }

const char* fill(DeclKind k) {
    switch (k) {
        case DeclKind::Decision: return "#d7e8fb";
        case DeclKind::Rule: return "#e6f0fa";
        case DeclKind::Parameter: return "#fdf0d5";
        case DeclKind::Fact: return "#e3f4e1";
        default: return "#eeeeee";
    }
}

}  // namespace

std::string dependency_dot(const RulesetIndex& index, int decl, size_t limit,
                           const std::function<std::string(int)>& href) {
    std::string dot =
        "digraph deps {\nrankdir=LR; bgcolor=\"transparent\";\n"
        "node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, color=\"#555555\", "
        "margin=\"0.22,0.06\"];\n"
        "edge [color=\"#777777\", arrowsize=0.7];\n";
    auto node = [&](int d, bool self) {
        const Declaration& x = index.decls[d];
        dot += "n" + std::to_string(d) + " [label=" + quoted(x.name) +
               ", tooltip=" + quoted(std::string(kind_name(x.kind)) + " " + x.name) + ", fillcolor=\"" + fill(x.kind) +
               "\"";
        if (self) dot += ", penwidth=2.5, color=\"#1a4d8f\"";
        else dot += ", URL=" + quoted(href(d));
        dot += "];\n";
    };
    const Declaration& self = index.decls[decl];
    node(decl, true);
    auto side = [&](const std::vector<int>& list, bool reads) {
        size_t shown = std::min(limit, list.size());
        for (size_t i = 0; i < shown; ++i) {
            node(list[i], false);
            std::string other = "n" + std::to_string(list[i]), me = "n" + std::to_string(decl);
            dot += reads ? other + " -> " + me + ";\n" : me + " -> " + other + ";\n";
        }
        if (list.size() > shown) {
            std::string more = reads ? "more_reads" : "more_readers";
            dot += more + " [shape=plaintext, style=\"\", label=" +
                   quoted("+" + std::to_string(list.size() - shown) + " more") + "];\n";
            dot += reads ? more + " -> n" + std::to_string(decl) + " [style=dashed];\n"
                         : "n" + std::to_string(decl) + " -> " + more + " [style=dashed];\n";
        }
    };
    side(self.reads, true);
    side(self.read_by, false);
    return dot + "}\n";
}

std::string timeline_svg(const Declaration& p) {
    if (p.periods.empty()) return {};
    // The axis: from the first dated change a year before to a year after the last one.
    int32_t lo = util::kForever, hi = 0;
    for (const Period& period : p.periods) {
        if (!period.from.empty()) lo = std::min(lo, period.from_day), hi = std::max(hi, period.from_day);
        if (!period.to.empty()) lo = std::min(lo, period.to_day), hi = std::max(hi, period.to_day);
    }
    if (lo == util::kForever) lo = hi = 0;
    lo -= 365, hi += 365;
    const double width = 720, left = 10, right = 10, bar_y = 24, bar_h = 34;
    auto x = [&](int32_t day) {
        day = std::clamp(day, lo, hi);
        return left + (width - left - right) * (static_cast<double>(day - lo) / std::max(1, hi - lo));
    };
    std::string svg =
        "<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 720 96\" width=\"720\" height=\"96\" "
        "xmlns=\"http://www.w3.org/2000/svg\" aria-label=\"" +
        escaped("Values of " + p.name + " over time") + "\">\n";
    static const char* kFills[] = {"#cfe0f6", "#fbe3b8"};
    for (size_t i = 0; i < p.periods.size(); ++i) {
        const Period& period = p.periods[i];
        double x0 = x(period.from.empty() ? lo : period.from_day);
        double x1 = x(period.to.empty() ? hi : period.to_day + 1);
        char buf[256];
        std::snprintf(buf, sizeof buf,
                      "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\" stroke=\"#556\"/>\n", x0,
                      bar_y, std::max(1.0, x1 - x0), bar_h, kFills[i % 2]);
        svg += buf;
        std::string label = period.value.size() > 28 ? period.value.substr(0, 27) + "…" : period.value;
        std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" font-size=\"12\">",
                      (x0 + x1) / 2, bar_y + 22);
        svg += buf + escaped(label) + "<title>" + escaped(period.value) + "</title></text>\n";
        if (!period.from.empty()) {
            std::snprintf(buf, sizeof buf,
                          "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#333\"/>"
                          "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" font-size=\"11\">",
                          x0, bar_y - 6, x0, bar_y + bar_h + 6, x0, bar_y + bar_h + 20);
            svg += buf + period.from + "</text>\n";
        }
    }
    return svg + "</svg>\n";
}

}  // namespace tenet::doc
