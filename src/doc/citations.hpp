// The ruleset's citations resolved against the source documents: which paragraph each
// reference names, which declarations cite each paragraph, the coverage of each chapter, and a
// warning for every reference that resolves to no paragraph.
#pragma once

#include <string>
#include <vector>

#include "doc/ruleset_index.hpp"
#include "doc/source_text.hpp"
#include "tenet/diagnostic.hpp"

namespace tenet::doc {

struct ResolvedRef {
    std::string text;  // the reference as written
    int source = -1;   // -1: outside the source documents (or none was given)
    int paragraph = -1;
    bool exact = false;       // false: the nearest enclosing paragraph
    bool unresolved = false;  // names a section, MOU paragraph, attachment... that no source has
};

struct ChapterCoverage {
    std::string chapter;
    size_t paragraphs = 0;  // labelled paragraphs
    size_t cited = 0;       // cited directly
    size_t covered = 0;     // cited directly or through an enclosing section
};

struct Citations {
    std::vector<std::vector<ResolvedRef>> refs;          // per declaration, in citation order
    std::vector<std::vector<std::vector<int>>> citers;   // [source][paragraph]: declarations
    std::vector<std::vector<ChapterCoverage>> coverage;  // per source, in document order;
                                                         // the last entry is the whole document
    std::vector<Diagnostic> warnings;
};

Citations resolve_citations(const RulesetIndex& index, const std::vector<SourceText>& sources);

// `s-weld.html`, `s-weld.html#p-6.007.2`
std::string source_page(const SourceText& source);
std::string paragraph_href(const SourceText& source, const Paragraph& p);

}  // namespace tenet::doc
