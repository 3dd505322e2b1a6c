#!/usr/bin/python3
"""Boost.Spirit stays inside the grammar: X3 is header-only and slow to compile, so only
src/syntax/grammar/x3_config.hpp includes it, and only files under src/syntax/grammar/ reach it
(directly or through other headers); every other file of the library, the public headers and the
bindings compile without it (docs/ARCHITECTURE.md, syntax/).

Usage: spirit_confined.py SOURCE_DIR    prints file:line: ... for every include that breaks this
and exits 1; exits 0 when there is none.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from include_order import check_tree, files, resolve  # noqa: E402  (the same files, includes, command line)

GRAMMAR = "src/syntax/grammar/"
SPIRIT_HOME = GRAMMAR + "x3_config.hpp"
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def includes(root, path):
    """(line, name, target) for each include of path; target is the file in the tree, or None."""
    with open(os.path.join(root, path), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                target = resolve(root, path, m.group(2)) if m.group(1) == '"' else None
                yield number, m.group(2), target


def violations(root):
    def reach(path, seen):
        """The include of path through which it reaches Spirit, as (line, name); None if none."""
        seen.add(path)
        for number, name, target in includes(root, path):
            if name.startswith("boost/spirit/"):
                return number, name
            if target and target not in seen and os.path.isfile(os.path.join(root, target)):
                if reach(target, seen):
                    return number, name
        return None

    for path in sorted(files(root)):
        for number, name, _ in includes(root, path):
            if name.startswith("boost/spirit/") and path != SPIRIT_HOME:
                yield f"{path}:{number}: includes <{name}>: only {SPIRIT_HOME} includes Spirit"
        found = reach(path, set())
        if found and not path.startswith(GRAMMAR):
            yield (f"{path}:{found[0]}: reaches Boost.Spirit through {found[1]}: only the units of "
                   f"{GRAMMAR} may compile it")


def main():
    return check_tree(__doc__, violations)


if __name__ == "__main__":
    sys.exit(main())
