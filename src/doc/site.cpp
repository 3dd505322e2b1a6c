#include "doc/site.hpp"

#include <filesystem>
#include <fstream>

#include "doc/pages.hpp"

namespace tenet::doc {
namespace {

bool write(const std::filesystem::path& path, const std::string& text, std::string* error) {
    // A new file rather than the old one truncated: ext4 flushes a file truncated and rewritten
    // (auto_da_alloc), which made regenerating a site several times slower than writing it.
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
        *error = "cannot write " + path.string();
        return false;
    }
    return true;
}

}  // namespace

bool write_site(const RulesetIndex& index, const std::vector<SourceText>& sources, const std::string& dir,
                SiteReport* report, std::string* error) {
    std::error_code ec;
    std::filesystem::path root(dir);
    std::filesystem::create_directories(root, ec);
    if (ec) {
        *error = "cannot create " + dir + ": " + ec.message();
        return false;
    }
    Citations citations = resolve_citations(index, sources);
    SiteContext site{index, sources, citations};
    GraphRenderer graphs;
    size_t pages = 0;
    auto page = [&](const std::string& name, const std::string& html) {
        ++pages;
        return write(root / name, html, error);
    };
    if (!page("index.html", index_page(site))) return false;
    std::string html;
    for (size_t d = 0; d < index.decls.size(); ++d) {
        if (!declaration_page(site, static_cast<int>(d), graphs, &html, error)) return false;
        if (!page(declaration_href(index, static_cast<int>(d)), html)) return false;
    }
    for (size_t s = 0; s < sources.size(); ++s)
        if (!page(source_page(sources[s]), source_page_html(site, static_cast<int>(s)))) return false;
    if (!write(root / "search-index.js", search_index_js(site), error) ||
        !write(root / "search.js", kSearchJs, error) || !write(root / "style.css", kStyleCss, error))
        return false;
    report->pages = pages;
    report->warnings = std::move(citations.warnings);
    report->coverage = std::move(citations.coverage);
    return true;
}

}  // namespace tenet::doc
