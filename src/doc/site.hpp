// `tenet doc`: a ruleset as a static web site beside the source documents it encodes.
//
//   index.html          the ruleset, its layers, counts, sources and coverage, every declaration
//   d-NAME.html         one page per declaration
//   s-SOURCE.html       a source document, paragraph by paragraph, with the rules citing each
//   search-index.js     the search index (JSON, assigned to a global so it loads from file://)
//   search.js, style.css
//
// The pages are plain HTML readable without JavaScript; only the search box needs it.
#pragma once

#include <string>
#include <vector>

#include "doc/citations.hpp"
#include "doc/ruleset_index.hpp"
#include "doc/source_text.hpp"

namespace tenet::doc {

struct SiteReport {
    size_t pages = 0;
    std::vector<Diagnostic> warnings;                    // citations that resolve to no paragraph
    std::vector<std::vector<ChapterCoverage>> coverage;  // per source (last entry: the whole)
};

// Writes the site of one ruleset into `dir` (created if needed). False and `error` when a file
// cannot be written or Graphviz fails.
bool write_site(const RulesetIndex& index, const std::vector<SourceText>& sources, const std::string& dir,
                SiteReport* report, std::string* error);

}  // namespace tenet::doc
