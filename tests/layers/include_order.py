#!/usr/bin/python3
"""Includes only point down: every file of the library, the public headers and the bindings may
include headers of its own stage and of the stages below it, never of a stage above it nor of a
sibling on the same level. The order is stated here once (docs/ARCHITECTURE.md quotes it).
The C API and the bindings live on the public API: they include include/tenet/ (and the bindings
their own folder) only (PUBLIC_API_ONLY). The tools above the library (lsp, doc, compare, serve,
cli) use it through include/tenet/ and util/ too, but for the files named, with their reasons,
in TOOL_INTERNALS.

Usage: include_order.py SOURCE_DIR    prints file:line: ... for every include that points up
(or into the internals from the public-API-only files and the tools) and exits 1; exits 0 when
there is none.
"""
import os
import re
import sys

# The stages, lowest first. Each level is a set of stages that may include the levels before it;
# stages on one level are siblings and may not include each other. A stage is a folder of src/, or
# a public header (include/tenet/...) placed with the stage that implements it.
LEVELS = [
    ["util"],       # dates, exact rationals, UTF-8, JSON strings, a large stack: no knowledge of the language
    ["value"],      # run-time values, cells, arenas, faults: the vocabulary of every stage after the parser
    ["syntax"],     # source text -> trees
    ["check"],      # trees -> the checked model
    ["compile"],    # the model -> a graph per period of parameters, and the meaning of its operations
    ["eval", "emit"],   # the graph -> values (on demand, by columns), cases decoded from JSON; the graph -> C
    ["api"],        # Ruleset, Session, outcomes, columns, the C API
    ["render"],     # explanations and notices for people (ICU)
    ["lsp", "doc", "compare", "serve"],   # the services above the library
    ["cli"],        # the `tenet` command
    ["bindings"],   # the Python module
]

# Public headers, by the stage whose vocabulary they are.
PUBLIC_HEADERS = {
    "tenet/diagnostic.hpp": "util",     # a message with its place: every stage reports in it
    "tenet/version.h": "util",          # generated into the build tree from the CMake project version
    "tenet/format.hpp": "syntax",       # format_source: `tenet fmt`'s canonical text
    "tenet/tenet.hpp": "api",
    "tenet/tenet.h": "api",
    "tenet/columns.hpp": "api",
    "tenet/declarations.hpp": "api",
    "tenet/notice.hpp": "render",
}

# Files that use the library through its public headers alone, with the internal headers each may
# still include and why.
PUBLIC_API_ONLY = {
    "src/api/c_api.cpp": set(),
    # tenet.compare shares `tenet diff`'s engine: the interface of the tenet_compare library, whose
    # headers include the public API alone
    "bindings/python/src/compare.cpp": {"compare/explanation_diff.hpp", "compare/version_diff.hpp"},
    "bindings/python/src/": set(),
}

# The tools above the library (the services and the command) use it through the public API
# (include/tenet/), with util/ for dates, numbers and text, and the tools below them; never the
# library's stages (LIBRARY_STAGES). The files that legitimately need more, with the internal
# headers each may include and why (a folder ending in / covers its files).
TOOLS = {"lsp", "doc", "compare", "serve", "cli"}
LIBRARY_STAGES = {"value", "syntax", "check", "compile", "eval", "api", "render"}
TOOL_INTERNALS = {
    # the editor points into what it edits: names, spans and types come from the syntax trees and
    # the checked model of the open documents, checked with unsaved texts by the checker itself
    # (with the constant evaluator a host passes it) so that a model with errors can be kept
    "src/lsp/": {"syntax/parser.hpp", "check/checker.hpp", "check/model.hpp", "eval/constant_evaluator.hpp"},
    # the explorer turns every expression the checker resolved into a dependency edge and a
    # highlighting mark; the one file that reads the model, so that the pages work on plain data
    "src/doc/ruleset_index.cpp": {"api/ruleset_impl.hpp"},
}

RANK = {stage: rank for rank, level in enumerate(LEVELS) for stage in level}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SUFFIXES = (".hpp", ".h", ".cpp", ".cc", ".c")


def stage_of(root, path):
    """The stage of a file (a path relative to root), or None for a file outside the stages."""
    parts = path.split("/")
    if parts[0] == "src" and len(parts) > 2:
        return parts[1]
    if parts[0] == "include":
        return PUBLIC_HEADERS.get("/".join(parts[1:]))
    if parts[0] == "bindings":
        return "bindings"
    return None


# Headers the build generates (CMakeLists.txt), included as if they were in include/.
GENERATED = {"tenet/version.h"}


def resolve(root, path, name):
    """The file an include names, relative to root: beside the including file, then under the
    include directories of the build (src/, include/); None for what is not in the tree."""
    if name in GENERATED:
        return "include/" + name
    for base in (os.path.dirname(path), "src", "include"):
        candidate = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(os.path.join(root, candidate)):
            return candidate
    return None


def files(root):
    for top in ("src", "include", "bindings"):
        for folder, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if name.endswith(SUFFIXES):
                    yield os.path.relpath(os.path.join(folder, name), root)


def allowed_internal(path):
    """None when `path` may include any header its stage allows; otherwise the internal headers
    it may include besides the public ones and its own folder's."""
    for prefix, allowed in PUBLIC_API_ONLY.items():
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return allowed
    return None


def tool_internals(path):
    """The internal headers a tool's file may include, or the empty set."""
    for prefix, allowed in TOOL_INTERNALS.items():
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return allowed
    return set()


def violations(root):
    for path in sorted(files(root)):
        public_only = allowed_internal(path)
        tool_allowed = tool_internals(path)
        stage = stage_of(root, path)
        if stage is None:
            continue
        if stage not in RANK:
            yield f"{path}:1: the stage `{stage}` is not in the order of tests/layers/include_order.py: add it"
            continue
        with open(os.path.join(root, path), encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target = resolve(root, path, m.group(1))
                own_folder = not path.startswith("src/") and os.path.dirname(target or "") == os.path.dirname(path)
                if (public_only is not None and target and not target.startswith("include/") and not own_folder
                        and m.group(1) not in public_only):
                    yield (f"{path}:{number}: includes {m.group(1)}, an internal header: it lives on the "
                           f"public API (include/tenet/)")
                    continue
                other = stage_of(root, target) if target else None
                if other is None or other == stage:
                    continue
                if (stage in TOOLS and other in LIBRARY_STAGES and not target.startswith("include/")
                        and m.group(1) not in tool_allowed):
                    yield (f"{path}:{number}: includes {m.group(1)}, an internal header of the library: "
                           f"`{stage}` uses the public API (include/tenet/); if it must reach further, name "
                           f"the file and why in TOOL_INTERNALS of tests/layers/include_order.py")
                    continue
                if other not in RANK:
                    yield f"{path}:{number}: includes {m.group(1)} of the stage `{other}`, which is not in the order"
                elif RANK[other] > RANK[stage]:
                    yield (f"{path}:{number}: includes {m.group(1)}: `{stage}` may not include `{other}`, "
                           f"a stage above it")
                elif RANK[other] == RANK[stage]:
                    yield (f"{path}:{number}: includes {m.group(1)}: `{stage}` may not include `{other}`, "
                           f"a stage beside it")


def check_tree(usage, violations, summary=None):
    """The command line of a check of the tree (this one and spirit_confined.py): SOURCE_DIR in,
    one line per violation out, then summary(found) if given; exit status 1 when there is any."""
    if len(sys.argv) != 2:
        print(usage, file=sys.stderr)
        return 2
    found = list(violations(sys.argv[1]))
    for v in found:
        print(v)
    if found and summary:
        print(summary(found))
    return 1 if found else 0


def main():
    order = " < ".join(" | ".join(level) for level in LEVELS)
    return check_tree(__doc__, violations,
                      lambda found: f"{len(found)} include(s) break the layering; the order is {order}")


if __name__ == "__main__":
    sys.exit(main())
