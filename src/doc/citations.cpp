#include "doc/citations.hpp"

#include <algorithm>

#include "doc/html.hpp"

namespace tenet::doc {

std::string source_page(const SourceText& source) { return "s-" + slug(source.name) + ".html"; }

std::string paragraph_href(const SourceText& source, const Paragraph& p) { return source_page(source) + "#" + p.id; }

Citations resolve_citations(const RulesetIndex& index, const std::vector<SourceText>& sources) {
    Citations out;
    std::vector<std::string> names;
    for (const SourceText& s : sources) names.push_back(s.name);
    out.refs.resize(index.decls.size());
    out.citers.resize(sources.size());
    for (size_t s = 0; s < sources.size(); ++s) out.citers[s].resize(sources[s].paragraphs.size());

    for (size_t d = 0; d < index.decls.size(); ++d) {
        for (const Cite& cite : index.decls[d].cites) {
            for (Reference& ref : parse_citation(cite.text, names)) {
                ResolvedRef r{ref.text};
                for (size_t s = 0; s < sources.size() && !ref.key.empty(); ++s) {
                    bool exact = false;
                    int p = sources[s].find(ref.key, &exact);
                    if (p < 0 || (r.paragraph >= 0 && (r.exact || !exact))) continue;
                    r.source = static_cast<int>(s), r.paragraph = p, r.exact = exact;
                }
                if (r.paragraph >= 0) {
                    out.citers[r.source][r.paragraph].push_back(static_cast<int>(d));
                } else if (!ref.key.empty() && !sources.empty()) {
                    r.unresolved = true;
                    // at the reference inside the string (after its opening quote) when it is there as written
                    TextRange at = cite.at;
                    size_t offset = cite.text.find(ref.text);
                    if (offset != std::string::npos && at.begin + 1 + offset < at.end)
                        at.begin += static_cast<uint32_t>(1 + offset);
                    out.warnings.push_back(index.warning(at, "`" + index.decls[d].name + "` cites `" + ref.text +
                                                                 "`, which is no paragraph of the source documents"));
                }
                // a declaration citing 6.007.2 at its head and at a step lists it once
                auto& refs = out.refs[d];
                if (std::none_of(refs.begin(), refs.end(), [&](const ResolvedRef& x) { return x.text == r.text; }))
                    refs.push_back(std::move(r));
            }
        }
    }
    for (auto& per_source : out.citers)
        for (auto& list : per_source) {
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
        }

    for (size_t s = 0; s < sources.size(); ++s) {
        const auto& paragraphs = sources[s].paragraphs;
        std::vector<ChapterCoverage> chapters;
        ChapterCoverage total{"All"};
        for (size_t p = 0; p < paragraphs.size(); ++p) {
            if (paragraphs[p].label.empty()) continue;
            auto it = std::find_if(chapters.begin(), chapters.end(),
                                   [&](const ChapterCoverage& c) { return c.chapter == paragraphs[p].chapter; });
            if (it == chapters.end()) it = chapters.insert(chapters.end(), ChapterCoverage{paragraphs[p].chapter});
            bool cited = !out.citers[s][p].empty();
            bool covered = cited;
            for (int up = paragraphs[p].parent; up >= 0 && !covered; up = paragraphs[up].parent)
                covered = !out.citers[s][up].empty();
            for (ChapterCoverage* c : {&*it, &total}) {
                ++c->paragraphs;
                c->cited += cited;
                c->covered += covered;
            }
        }
        chapters.push_back(total);
        out.coverage.push_back(std::move(chapters));
    }
    std::stable_sort(out.warnings.begin(), out.warnings.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.file != b.file ? a.file < b.file : a.offset < b.offset;
    });
    return out;
}

}  // namespace tenet::doc
