// Pictures for the pages: a declaration's dependency graph laid out by Graphviz (libgvc, the
// `dot` layout, rendered to SVG in memory), and a parameter's effective-dated values on a
// timeline (SVG drawn here: a time axis is not a graph layout).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "doc/ruleset_index.hpp"

namespace tenet::doc {

class GraphRenderer {
public:
    GraphRenderer();
    ~GraphRenderer();
    GraphRenderer(const GraphRenderer&) = delete;
    GraphRenderer& operator=(const GraphRenderer&) = delete;

    // The SVG element for a DOT graph (no XML prolog: it goes inline into a page); empty and
    // `error` set when Graphviz refuses it.
    std::string svg(const std::string& dot, std::string* error);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The DOT of one declaration with what it reads (left) and what reads it (right), at most
// `limit` of each; nodes link to `href(declaration)`.
std::string dependency_dot(const RulesetIndex& index, int decl, size_t limit,
                           const std::function<std::string(int)>& href);

// The periods of a parameter as bars on a time axis, each labelled with its value.
std::string timeline_svg(const Declaration& parameter);

}  // namespace tenet::doc
