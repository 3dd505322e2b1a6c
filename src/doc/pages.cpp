// The index, declaration and source pages, and the search index.
#include "doc/pages.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <strings.h>

#include "doc/highlight.hpp"
#include "doc/html.hpp"
#include "util/utf8.hpp"

namespace tenet::doc {
namespace {

constexpr size_t kGraphNeighbours = 12;    // per side of a dependency picture; more are counted
constexpr size_t kExcerptCharacters = 90;  // of a cited paragraph's first line, beside the citation

std::string percent(size_t part, size_t whole) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%",
                  whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
    return buf;
}

std::string link_to(const SiteContext& site, int decl) {
    return "<a href=\"" + declaration_href(site.index, decl) + "\">" + escaped(site.index.decls[decl].name) + "</a>";
}

std::string layer_label(const SiteContext& site, int layer) {
    const Layer& l = site.index.layers[layer];
    return "<a href=\"index.html#layer-" + std::to_string(layer) + "\">" + escaped(l.name) + "</a>";
}

std::string ref_html(const SiteContext& site, const ResolvedRef& r) {
    if (r.unresolved)
        return "<span class=\"unresolved\">" + escaped(r.text) + " (no paragraph of the source documents)</span>";
    if (r.paragraph < 0)
        return "<span class=\"outside\" title=\"not in the source documents given\">" + escaped(r.text) + "</span>";
    const SourceText& s = site.sources[r.source];
    const Paragraph& p = s.paragraphs[r.paragraph];
    std::string out = "<a class=\"cite\" href=\"" + paragraph_href(s, p) + "\">" + escaped(r.text) + "</a>";
    if (!r.exact) out += " <span class=\"near\">(nearest: " + escaped(p.label) + ")</span>";
    // the paragraph's first line, so the reader sees what is cited without following the link
    std::string first = p.first_line < s.lines.size() ? s.lines[p.first_line] : std::string();
    for (const std::string& prefix : {p.label, p.key.front()})  // `6.007.2 Payment...`, `Exhibit H: Notice...`
        if (!prefix.empty() && first.size() >= prefix.size() &&
            strncasecmp(first.c_str(), prefix.c_str(), prefix.size()) == 0) {
            first = first.substr(prefix.size());
            break;
        }
    first.erase(0, first.find_first_not_of(" _-:\t"));
    if (util::grapheme_count(first) > kExcerptCharacters)
        first = first.substr(0, util::grapheme_prefix_bytes(first, kExcerptCharacters)) + "…";
    if (!first.empty()) out += " <span class=\"excerpt\">" + escaped(first) + "</span>";
    return out;
}

void decl_list(const SiteContext& site, const std::vector<int>& list, std::string* out) {
    if (list.empty()) {
        *out += "<p class=\"none\">None.</p>\n";
        return;
    }
    *out += "<ul class=\"names\">";
    for (int d : list)
        *out +=
            "<li>" + link_to(site, d) + " <span class=\"kind\">" + kind_name(site.index.decls[d].kind) + "</span></li>";
    *out += "</ul>\n";
}

// Source text lines, with `See 6.007.2` and other section numbers linked when they are anchors.
void source_lines(const SourceText& s, uint32_t first, uint32_t end, std::string* out) {
    for (uint32_t i = first; i < end && i < s.lines.size(); ++i) {
        const std::string& line = s.lines[i];
        if (s.running_header[i]) {
            *out += "<span class=\"running\">" + escaped(line) + "</span>\n";
            continue;
        }
        size_t p = 0;
        while (p < line.size()) {
            size_t q = p;
            bool linked = false;
            if ((p == 0 || line[p - 1] == ' ') && line[p] >= '0' && line[p] <= '9') {
                while (q < line.size() && ((line[q] >= '0' && line[q] <= '9') || line[q] == '.')) ++q;
                std::string number = line.substr(p, q - p);
                while (!number.empty() && number.back() == '.') number.pop_back(), --q;
                int target = (number.size() >= 5 && i != first) ? s.find_exact({number}) : -1;
                if (target >= 0) {
                    *out += "<a href=\"#" + s.paragraphs[target].id + "\">" + escaped(number) + "</a>";
                    linked = true;
                }
            }
            if (!linked) {
                q = line.find(' ', p + 1);
                if (q == std::string::npos) q = line.size();
                append_escaped(std::string_view(line).substr(p, q - p), out);
            }
            p = q;
        }
        *out += '\n';
    }
}

}  // namespace

std::string declaration_href(const RulesetIndex& index, int decl) {
    return "d-" + slug(index.decls[decl].name) + ".html";
}

std::string page_start(const SiteContext& site, const std::string& title) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
        escaped(title) + " — " + escaped(site.index.name) +
        "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n"
        "<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"site\">\n<nav aria-label=\"Site\">\n"
        "<a class=\"home\" href=\"index.html\">" +
        escaped(site.index.name) + "</a>\n";
    for (const SourceText& s : site.sources)
        out += "<a href=\"" + source_page(s) + "\">" + escaped(s.name) + " (source)</a>\n";
    out +=
        "</nav>\n<form class=\"search\" role=\"search\" action=\"index.html\" hidden>\n"
        "<label for=\"search\">Search</label>\n"
        "<input id=\"search\" type=\"search\" autocomplete=\"off\" placeholder=\"declaration, citation, reading\" "
        "aria-controls=\"search-results\" aria-describedby=\"search-status\">\n"
        "<p id=\"search-status\" class=\"status\" aria-live=\"polite\"></p>\n<ul id=\"search-results\"></ul>\n</form>\n"
        "</header>\n<main id=\"main\">\n";
    return out;
}

std::string page_end() {
    return "</main>\n<footer>Generated by <code>tenet doc</code>.</footer>\n"
           "<script src=\"search-index.js\"></script>\n<script src=\"search.js\"></script>\n</body>\n</html>\n";
}

std::string index_page(const SiteContext& site) {
    const RulesetIndex& ix = site.index;
    std::string out = page_start(site, "Index");
    out += "<h1>" + escaped(ix.name) + "</h1>\n";
    if (!ix.title.empty()) out += "<p class=\"lead\">" + escaped(ix.title) + "</p>\n";

    out +=
        "<section aria-labelledby=\"layers\">\n<h2 id=\"layers\">Layers</h2>\n"
        "<table>\n<thead><tr><th scope=\"col\">Layer</th><th scope=\"col\">File</th><th scope=\"col\">Extends, "
        "imports</th>"
        "<th scope=\"col\">Defines</th><th scope=\"col\">Overrides</th></tr></thead>\n<tbody>\n";
    std::vector<size_t> defines(ix.layers.size()), overrides(ix.layers.size());
    for (const Declaration& d : ix.decls) {
        ++defines[d.layer];
        if (!d.overrides.empty()) ++overrides[d.layer];
    }
    for (size_t l = 0; l < ix.layers.size(); ++l) {
        const Layer& layer = ix.layers[l];
        std::string bases = layer.extends >= 0 ? "extends " + escaped(ix.layers[layer.extends].name) : "";
        for (int i : layer.imports) bases += (bases.empty() ? "imports " : "; imports ") + escaped(ix.layers[i].name);
        out += "<tr id=\"layer-" + std::to_string(l) + "\"><th scope=\"row\">" + escaped(layer.name) +
               "</th><td><code>" + escaped(layer.path) + "</code></td><td>" + (bases.empty() ? "—" : bases) +
               "</td><td>" + std::to_string(defines[l]) + "</td><td>" + std::to_string(overrides[l]) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n</section>\n";

    out += "<section aria-labelledby=\"counts\">\n<h2 id=\"counts\">Declarations</h2>\n<ul class=\"counts\">\n";
    for (int k = 0; k <= static_cast<int>(DeclKind::Function); ++k) {
        size_t n = std::count_if(ix.decls.begin(), ix.decls.end(),
                                 [&](const Declaration& d) { return static_cast<int>(d.kind) == k; });
        if (n)
            out += std::string("<li><a href=\"#kind-") + kind_name(static_cast<DeclKind>(k)) + "\"><strong>" +
                   std::to_string(n) + "</strong> " + kind_name(static_cast<DeclKind>(k)) + (n == 1 ? "" : "s") +
                   "</a></li>\n";
    }
    out += "<li><strong>" + std::to_string(ix.tests.size()) + "</strong> tests</li>\n</ul>\n</section>\n";

    if (!site.sources.empty()) {
        out += "<section aria-labelledby=\"sources\">\n<h2 id=\"sources\">Source documents</h2>\n<ul>\n";
        for (size_t s = 0; s < site.sources.size(); ++s) {
            const ChapterCoverage& all = site.citations.coverage[s].back();
            out += "<li><a href=\"" + source_page(site.sources[s]) + "\">" + escaped(site.sources[s].name) +
                   "</a>: " + std::to_string(all.cited) + " of " + std::to_string(all.paragraphs) +
                   " paragraphs cited (" + percent(all.cited, all.paragraphs) + "); " + std::to_string(all.covered) +
                   " within a cited section (" + percent(all.covered, all.paragraphs) + ")</li>\n";
        }
        out += "</ul>\n";
        if (!site.citations.warnings.empty())
            out += "<p>" + std::to_string(site.citations.warnings.size()) +
                   (site.citations.warnings.size() == 1 ? " citation resolves" : " citations resolve") +
                   " to no paragraph: <code>tenet doc</code> prints each with its position.</p>\n";
        out += "</section>\n";
    }

    for (int k = 0; k <= static_cast<int>(DeclKind::Function); ++k) {
        std::vector<int> list;
        for (size_t d = 0; d < ix.decls.size(); ++d)
            if (static_cast<int>(ix.decls[d].kind) == k) list.push_back(static_cast<int>(d));
        if (list.empty()) continue;
        std::string name = kind_name(static_cast<DeclKind>(k));
        out += "<section aria-labelledby=\"kind-" + name + "\">\n<h2 id=\"kind-" + name + "\">" + name +
               "s</h2>\n<ul class=\"columns\">\n";
        for (int d : list) out += "<li>" + link_to(site, d) + "</li>\n";
        out += "</ul>\n</section>\n";
    }
    return out + page_end();
}

bool declaration_page(const SiteContext& site, int id, GraphRenderer& graphs, std::string* out, std::string* error) {
    const RulesetIndex& ix = site.index;
    const Declaration& d = ix.decls[id];
    auto href = [&](int target) { return declaration_href(ix, target); };
    std::string& o = *out;
    o = page_start(site, d.name);
    o += "<article>\n<h1><span class=\"kind\">" + std::string(kind_name(d.kind)) + "</span> " + escaped(d.name) +
         "</h1>\n";
    o += "<dl class=\"facts\">\n";
    if (!d.type.empty()) o += "<dt>Type</dt><dd><code>" + escaped(d.type) + "</code></dd>\n";
    o += "<dt>Defined in</dt><dd>" + layer_label(site, d.layer) + " at <code>" + escaped(d.where) + "</code></dd>\n";
    for (const auto& base : d.overrides)
        o += "<dt>Overrides</dt><dd>" + layer_label(site, base.layer) + " at <code>" + escaped(base.where) +
             "</code></dd>\n";
    o += "</dl>\n";
    if (!d.doc.empty()) o += "<p class=\"doc\">" + escaped(d.doc) + "</p>\n";

    o += "<section aria-labelledby=\"citations\">\n<h2 id=\"citations\">Citations</h2>\n";
    const auto& refs = site.citations.refs[id];
    if (refs.empty()) {
        o += "<p class=\"none\">None.</p>\n";
    } else {
        o += "<ul class=\"cites\">\n";
        for (const ResolvedRef& r : refs) o += "<li>" + ref_html(site, r) + "</li>\n";
        o += "</ul>\n";
    }
    if (!d.readings.empty()) {
        o += "<h3>Reading notes</h3>\n<ul class=\"readings\">\n";
        for (const std::string& r : d.readings) o += "<li>" + escaped(r) + "</li>\n";
        o += "</ul>\n";
    }
    o += "</section>\n";

    o += "<section aria-labelledby=\"source\">\n<h2 id=\"source\">Source</h2>\n<pre class=\"code\"><code>";
    highlight(ix, d.source, href, &o);
    o += "</code></pre>\n";
    for (const auto& base : d.overrides) {
        o += "<details>\n<summary>The declaration it overrides, in " + escaped(ix.layers[base.layer].name) +
             "</summary>\n<pre class=\"code\"><code>";
        highlight(ix, base.source, href, &o);
        o += "</code></pre>\n</details>\n";
    }
    o += "</section>\n";

    if (!d.periods.empty()) {
        o += "<section aria-labelledby=\"values\">\n<h2 id=\"values\">Values over time</h2>\n"
             "<table class=\"periods\">\n<thead><tr><th scope=\"col\">From</th><th scope=\"col\">To</th><th "
             "scope=\"col\">Value</th>"
             "<th scope=\"col\">Cited</th></tr></thead>\n<tbody>\n";
        for (const Period& p : d.periods) {
            std::string cites;
            for (const std::string& c : p.cites) cites += (cites.empty() ? "" : "; ") + escaped(c);
            o += "<tr><td>" + (p.from.empty() ? std::string("always") : p.from) + "</td><td>" +
                 (p.to.empty() ? std::string("open") : p.to) + "</td><td><code>" + escaped(p.value) +
                 "</code></td><td>" + cites + "</td></tr>\n";
        }
        o += "</tbody>\n</table>\n<figure class=\"timeline\">\n" + timeline_svg(d) +
             "<figcaption>Effective-dated values of " + escaped(d.name) + ".</figcaption>\n</figure>\n</section>\n";
    }

    o += "<section aria-labelledby=\"deps\" class=\"deps\">\n<h2 id=\"deps\">Dependencies</h2>\n<div class=\"two\">\n"
         "<div><h3>Reads</h3>\n";
    decl_list(site, d.reads, &o);
    o += "</div>\n<div><h3>Read by</h3>\n";
    decl_list(site, d.read_by, &o);
    o += "</div>\n</div>\n";
    if (!d.reads.empty() || !d.read_by.empty()) {
        std::string svg = graphs.svg(dependency_dot(ix, id, kGraphNeighbours, href), error);
        if (svg.empty()) return false;
        o += "<figure class=\"graph\">\n" + svg + "<figcaption>What " + escaped(d.name) +
             " reads (left) and what reads it (right), laid out by Graphviz.</figcaption>\n</figure>\n";
    }
    o += "</section>\n";

    o += "<section aria-labelledby=\"examples\">\n<h2 id=\"examples\">Worked examples</h2>\n";
    if (d.tests.empty()) o += "<p class=\"none\">No test of the ruleset exercises it.</p>\n";
    for (int t : d.tests) {
        const Test& test = ix.tests[t];
        o += "<div class=\"example\">\n<h3>" + escaped(test.name) +
             (test.title.empty() ? "" : " — " + escaped(test.title)) + "</h3>\n";
        for (const TextRange& c : test.given) {
            o += "<pre class=\"code given\"><code>";
            highlight(ix, c, href, &o);
            o += "</code></pre>\n";
        }
        o += "<pre class=\"code\"><code>";
        highlight(ix, test.source, href, &o);
        o += "</code></pre>\n<p class=\"where\"><code>" + escaped(test.where) + "</code></p>\n</div>\n";
    }
    o += "</section>\n</article>\n" + page_end();
    return true;
}

std::string source_page_html(const SiteContext& site, int s) {
    const SourceText& src = site.sources[s];
    const auto& citers = site.citations.citers[s];
    const auto& coverage = site.citations.coverage[s];
    std::string o = page_start(site, src.name);
    o += "<h1>" + escaped(src.name) + " <span class=\"kind\">source document</span></h1>\n";
    o += "<p class=\"lead\"><code>" + escaped(src.path) + "</code>: " + std::to_string(coverage.back().cited) + " of " +
         std::to_string(coverage.back().paragraphs) + " paragraphs cited by a rule (" +
         percent(coverage.back().cited, coverage.back().paragraphs) + ").</p>\n";
    o += "<section aria-labelledby=\"coverage\">\n<h2 id=\"coverage\">Coverage by chapter</h2>\n<table "
         "class=\"coverage\">\n"
         "<thead><tr><th scope=\"col\">Chapter</th><th scope=\"col\">Paragraphs</th><th scope=\"col\">Cited</th>"
         "<th scope=\"col\">Within a cited section</th><th scope=\"col\">Share cited</th></tr></thead>\n<tbody>\n";
    for (const ChapterCoverage& c : coverage) {
        std::string share = percent(c.cited, c.paragraphs);
        o += "<tr><th scope=\"row\">" + escaped(c.chapter) + "</th><td>" + std::to_string(c.paragraphs) + "</td><td>" +
             std::to_string(c.cited) + "</td><td>" + std::to_string(c.covered) +
             "</td><td><span class=\"bar\" style=\"--share:" + share + "\"></span> " + share + "</td></tr>\n";
    }
    o += "</tbody>\n</table>\n</section>\n<section aria-labelledby=\"text\" class=\"document\">\n<h2 "
         "id=\"text\">Text</h2>\n";
    for (size_t p = 0; p < src.paragraphs.size(); ++p) {
        const Paragraph& para = src.paragraphs[p];
        if (para.label.empty()) {
            o += "<div class=\"para plain\"><pre class=\"text\">";
            source_lines(src, para.first_line, para.end_line, &o);
            o += "</pre></div>\n";
            continue;
        }
        bool cited = !citers[p].empty();
        o += "<section class=\"para " + std::string(cited ? "cited" : "uncited") + "\" id=\"" + para.id +
             "\" aria-label=\"" + escaped(para.label) + "\">\n<div class=\"text\"><h3 class=\"label\"><a href=\"#" +
             para.id + "\">" + escaped(para.label) + "</a></h3><pre class=\"text\">";
        source_lines(src, para.first_line, para.end_line, &o);
        o += "</pre></div>\n<aside class=\"citers\" aria-label=\"Rules citing " + escaped(para.label) + "\">";
        if (cited) {
            o += "<h4>Cited by</h4><ul>";
            for (int d : citers[p]) o += "<li>" + link_to(site, d) + "</li>";
            o += "</ul>";
        } else {
            o += "<p class=\"uncited-note\">Not cited by any rule</p>";
        }
        o += "</aside>\n</section>\n";
    }
    return o + "</section>\n" + page_end();
}

std::string search_index_js(const SiteContext& site) {
    nlohmann::json entries = nlohmann::json::array();
    const RulesetIndex& ix = site.index;
    for (size_t d = 0; d < ix.decls.size(); ++d) {
        const Declaration& x = ix.decls[d];
        std::string cites, readings;
        for (const Cite& c : x.cites) cites += (cites.empty() ? "" : "; ") + c.text;
        for (const std::string& r : x.readings) readings += (readings.empty() ? "" : " ") + r;
        entries.push_back({{"n", x.name},
                           {"k", kind_name(x.kind)},
                           {"h", declaration_href(ix, static_cast<int>(d))},
                           {"t", x.type},
                           {"c", cites},
                           {"r", readings}});
    }
    for (const SourceText& s : site.sources)
        for (const Paragraph& p : s.paragraphs)
            if (!p.label.empty())
                entries.push_back({{"n", p.label},
                                   {"k", s.name + " paragraph"},
                                   {"h", paragraph_href(s, p)},
                                   {"t", ""},
                                   {"c", ""},
                                   {"r", ""}});
    return "window.TENET_SEARCH = " + entries.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + ";\n";
}

}  // namespace tenet::doc
