// The pages of the site (site.hpp), each written into a string.
#pragma once

#include <string>
#include <vector>

#include "doc/citations.hpp"
#include "doc/graph_svg.hpp"
#include "doc/ruleset_index.hpp"
#include "doc/source_text.hpp"

namespace tenet::doc {

struct SiteContext {
    const RulesetIndex& index;
    const std::vector<SourceText>& sources;
    const Citations& citations;
};

std::string declaration_href(const RulesetIndex& index, int decl);  // d-NAME.html

std::string page_start(const SiteContext& site, const std::string& title);
std::string page_end();

std::string index_page(const SiteContext& site);
// False and `error` when Graphviz fails on the dependency graph.
bool declaration_page(const SiteContext& site, int decl, GraphRenderer& graphs, std::string* out, std::string* error);
std::string source_page_html(const SiteContext& site, int source);
std::string search_index_js(const SiteContext& site);

extern const char* const kStyleCss;
extern const char* const kSearchJs;

}  // namespace tenet::doc
