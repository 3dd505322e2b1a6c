// `tenet doc`: compile each ruleset, read the source documents, write the sites, print the
// citations that resolve to no paragraph as warnings and the coverage of each document.
#include "cli/doc.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "doc/html.hpp"
#include "doc/site.hpp"

namespace tenet::cli {

int doc(const DocOptions& options) {
    // CLI11 requires both on the command line; a caller filling DocOptions itself may not
    if (options.rulesets.empty()) return usage_error("tenet doc needs a ruleset");
    if (options.out.empty()) return usage_error("tenet doc needs --out DIR");
    std::vector<doc::SourceText> sources;
    for (const std::string& spec : options.sources) {
        size_t eq = spec.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
            return usage_error("--source needs NAME=PATH, not `" + spec + "`");
        std::string name = spec.substr(0, eq), path = spec.substr(eq + 1), text;
        if (!read_file(path, &text)) {
            std::cerr << path << ": error: cannot read the source document\n";
            return 2;
        }
        sources.push_back(doc::parse_source_text(name, path, text));
    }
    std::string listing;
    for (const std::string& path : options.rulesets) {
        auto ruleset = load(path, options.include_roots);
        if (!ruleset) return 2;
        doc::RulesetIndex index = doc::index_ruleset(ruleset);
        std::string dir = options.rulesets.size() == 1 ? options.out : options.out + "/" + doc::slug(index.name);
        doc::SiteReport report;
        std::string error;
        if (!doc::write_site(index, sources, dir, &report, &error)) {
            std::cerr << "tenet: " << error << "\n";
            return 2;
        }
        print_diagnostics(report.warnings);
        std::cout << dir << ": " << report.pages << " pages";
        if (size_t n = report.warnings.size())
            std::cout << ", " << n << (n == 1 ? " citation resolves" : " citations resolve") << " to no paragraph";
        std::cout << "\n";
        for (size_t s = 0; s < sources.size(); ++s) {
            const doc::ChapterCoverage& all = report.coverage[s].back();
            std::cout << "  " << sources[s].name << ": " << all.cited << " of " << all.paragraphs
                      << " paragraphs cited, " << all.covered << " within a cited section\n";
        }
        listing +=
            "<li><a href=\"" + doc::slug(index.name) + "/index.html\">" + doc::escaped(index.name) + "</a></li>\n";
    }
    if (options.rulesets.size() > 1) {
        std::ofstream out(options.out + "/index.html");
        out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Rulesets</title></head>\n"
               "<body><main><h1>Rulesets</h1><ul>\n"
            << listing << "</ul></main></body></html>\n";
        if (!out) {
            std::cerr << "tenet: cannot write " << options.out << "/index.html\n";
            return 2;
        }
    }
    return 0;
}

Command register_doc(CLI::App& tenet) {
    auto args = std::make_shared<Args>();
    auto options = std::make_shared<DocOptions>();
    CLI::App* cmd =
        tenet.add_subcommand("doc", "the rulesets as a static web site beside the source documents they cite");
    add_rulesets(cmd, args.get());
    add_include_roots(cmd, args.get());
    cmd->add_option("--out", options->out, "the folder of the site (several rulesets: a site each in DIR/NAME)")
        ->type_name("DIR")
        ->required();
    cmd->add_option("--source", options->sources, "a source document the rulesets cite, as text (repeatable)")
        ->type_name("NAME=PATH");
    return {cmd, [args, options] {
                options->rulesets = args->positional;
                options->include_roots = args->include_roots;
                return doc(*options);
            }};
}

}  // namespace tenet::cli
