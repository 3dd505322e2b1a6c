#!/usr/bin/env python3
"""Checks rulesets/COVERAGE.md against the shipped rulesets, so the record cannot drift from them.

Every rule row names a ruleset file, the declarations that encode the rule, the citations they carry
and the tests that pin them. This script fails when a named declaration does not exist in that file
(or in a ruleset or library it extends or imports), when a quoted citation is not among the cites of
the named declarations, when a named test does not exist, when an ambiguity row's declarations do
not mention the ambiguity's number, or when a rule left unencoded does not say why.

With --catalogue, it also checks that every catalogue entry (ELIG-01 ...) and every ambiguity of the
catalogue's register has a row.

Usage: check_coverage.py REPO_ROOT [--catalogue CATALOGUE.md]
"""
import argparse
import pathlib
import re
import sys

KINDS = {"COMPUTABLE", "COMPUTABLE*", "MIXED", "DISCRETIONARY", "PROCEDURAL", "INACTIVE", "DATA", "SUMMARY",
         "UNRESOLVED"}
NOT_ENCODED = "—"
TOP_LEVEL = re.compile(
    r"^(?:override\s+)?(ruleset|library|decision|rule|parameter|table|function|ladder|fact|facts|enum|record|case|test)\s+"
    r"([A-Za-z_][A-Za-z0-9_.]*)")
RULE_ID = re.compile(r"^([A-Z]+-\d\d)\b")


class Ruleset:
    """The declarations of one .tenet file and of the files it extends or imports."""

    def __init__(self, path, loaded):
        self.path = path
        self.lines = path.read_text(encoding="utf-8").splitlines()
        self.blocks = {}   # name -> text of the declaration with its ## documentation
        self.tests = set()
        self.bases = []
        for line in self.lines:
            m = re.match(r'^(?:extends|import)\s+"([^"]+)"', line)
            if m:
                base = (path.parent / m.group(1)).resolve()
                if base not in loaded:
                    loaded[base] = Ruleset(base, loaded)
                self.bases.append(loaded[base])
        self._index()

    def _index(self):
        starts = []
        for i, line in enumerate(self.lines):
            m = TOP_LEVEL.match(line)
            if m:
                first = i
                while first > 0 and self.lines[first - 1].startswith("##"):
                    first -= 1
                starts.append((first, m.group(1), m.group(2)))
        for n, (first, kind, name) in enumerate(starts):
            # a declaration runs to the documentation of the next one
            end = starts[n + 1][0] if n + 1 < len(starts) else len(self.lines)
            text = "\n".join(self.lines[first:end])
            if kind == "test":
                self.tests.add(name)
            elif kind == "facts":
                # a facts block declares its fields as `group.field`
                for field in re.findall(r"^\s+([a-z_][a-z0-9_]*)\s*:", text, re.M):
                    self.blocks[f"{name}.{field}"] = text
                self.blocks[name] = text
            else:
                self.blocks[name] = text

    def find(self, name):
        if name in self.blocks:
            return self.blocks[name]
        for base in self.bases:
            found = base.find(name)
            if found is not None:
                return found
        return None

    def has_test(self, name):
        return name in self.tests or any(b.has_test(name) for b in self.bases)


def cells(line):
    parts = [c.strip() for c in line.strip().strip("|").split("|")]
    return parts


def table_rows(lines, header_first):
    """Yields (line number, cells) of the tables whose header starts with `header_first`."""
    in_table = False
    for n, line in enumerate(lines, 1):
        if line.startswith("|"):
            row = cells(line)
            if not in_table:
                in_table = row[0] == header_first
                continue
            if set(line.replace("|", "").strip()) <= set("-: "):
                continue
            yield n, row
        else:
            in_table = False


def backticked(cell):
    return re.findall(r"`([^`]+)`", cell)


def quoted(cell):
    return re.findall(r'"([^"]+)"', cell)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=pathlib.Path)
    ap.add_argument("--catalogue", type=pathlib.Path)
    args = ap.parse_args()

    coverage = args.root / "rulesets" / "COVERAGE.md"
    lines = coverage.read_text(encoding="utf-8").splitlines()
    loaded = {}
    rulesets = {}
    # kwp_dated_test.tenet gives kwp.tenet's amendment a test date: the tests on either side of it are there
    for rel in ("colorado/contract.tenet", "colorado/works.tenet", "colorado/weld.tenet", "kentucky/kwp.tenet",
                "kentucky/kwp_dated_test.tenet"):
        path = (args.root / "rulesets" / rel).resolve()
        if path not in loaded:
            loaded[path] = Ruleset(path, loaded)
        rulesets[path.name] = loaded[path]

    errors = []

    def error(n, message):
        errors.append(f"{coverage}:{n}: {message}")

    def resolve(n, file_cell):
        if file_cell == NOT_ENCODED:
            return None
        name = file_cell.strip("`")
        if name not in rulesets:
            error(n, f"unknown ruleset file `{name}` (one of {', '.join(sorted(rulesets))})")
            return None
        return rulesets[name]

    rule_ids = []
    encoded = 0
    for n, row in table_rows(lines, "Rule"):
        if len(row) != 7:
            error(n, f"a rule row has 7 cells (Rule, Kind, File, Declarations, Cite, Tests, Notes), not {len(row)}")
            continue
        rule, kind, file_cell, decls_cell, cite_cell, tests_cell, notes = row
        m = RULE_ID.match(rule)
        if not m:
            error(n, f"the Rule cell starts with a catalogue id like DIV-03: `{rule}`")
            continue
        rule_id = m.group(1)
        rule_ids.append(rule_id)
        for k in kind.replace("\\", "").split("/"):
            if k.strip() not in KINDS:
                error(n, f"{rule_id}: unknown kind `{k.strip()}` (one of {', '.join(sorted(KINDS))})")
        decls = backticked(decls_cell)
        if not decls:
            if not notes.startswith("Not encoded"):
                error(n, f"{rule_id}: no declaration named, so the notes must start with 'Not encoded' and say why")
            continue
        encoded += 1
        ruleset = resolve(n, file_cell)
        if ruleset is None:
            continue
        texts = []
        for d in decls:
            text = ruleset.find(d)
            if text is None:
                error(n, f"{rule_id}: `{d}` is not declared in {file_cell} or what it extends or imports")
            else:
                texts.append(text)
        for cite in quoted(cite_cell):
            if not any(re.search(r'cite\s+"[^"]*' + re.escape(cite), t) for t in texts):
                error(n, f"{rule_id}: no declaration among {', '.join(decls)} cites \"{cite}\"")
        if not quoted(cite_cell):
            error(n, f"{rule_id}: an encoded rule names at least one citation, in double quotes")
        tests = backticked(tests_cell)
        if not tests:
            error(n, f"{rule_id}: an encoded rule names at least one test")
        for t in tests:
            if not any(r.has_test(t) for r in rulesets.values()):
                error(n, f"{rule_id}: test `{t}` does not exist in the shipped rulesets")

    ambiguities = []
    for n, row in table_rows(lines, "#"):
        if len(row) != 5:
            error(n, f"an ambiguity row has 5 cells (#, Issue, Reading taken, File, Declarations), not {len(row)}")
            continue
        number, _issue, reading, file_cell, decls_cell = row
        if not number.isdigit():
            error(n, f"the # cell is the ambiguity's number: `{number}`")
            continue
        ambiguities.append(int(number))
        decls = backticked(decls_cell)
        if not decls:
            if "Not encoded" not in reading:
                error(n, f"#{number}: no declaration named, so the reading must say 'Not encoded' and why")
            continue
        ruleset = resolve(n, file_cell)
        if ruleset is None:
            continue
        mention = re.compile(r"#" + number + r"(?!\d)")
        found_any = False
        for d in decls:
            text = ruleset.find(d)
            if text is None:
                error(n, f"#{number}: `{d}` is not declared in {file_cell} or what it extends or imports")
            elif mention.search(text):
                found_any = True
        if not found_any and all(ruleset.find(d) is not None for d in decls):
            error(n, f"#{number}: none of {', '.join(decls)} mentions #{number} in its reading or comments")

    duplicates = sorted({r for r in rule_ids if rule_ids.count(r) > 1})
    if duplicates:
        errors.append(f"{coverage}: rules listed twice: {', '.join(duplicates)}")
    if sorted(ambiguities) != sorted(set(ambiguities)):
        errors.append(f"{coverage}: an ambiguity is listed twice")

    if args.catalogue:
        text = args.catalogue.read_text(encoding="utf-8")
        expected = re.findall(r"^#### ([A-Z]+-\d\d) ", text, re.M)
        missing = [r for r in expected if r not in rule_ids]
        extra = [r for r in rule_ids if r not in expected]
        if missing:
            errors.append(f"{coverage}: catalogue entries without a row: {', '.join(missing)}")
        if extra:
            errors.append(f"{coverage}: rows for entries the catalogue does not have: {', '.join(extra)}")
        register = sorted({int(x) for x in re.findall(r"^\| (\d+) \|", text, re.M)})
        missing_amb = [a for a in register if a not in ambiguities]
        if missing_amb:
            errors.append(f"{coverage}: catalogue ambiguities without a row: {', '.join(map(str, missing_amb))}")

    # Decisions added since the record was written: reported, not failed, so that a colleague's new
    # decision does not break the build before its row is written.
    named = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_.]*)`", "\n".join(lines)))
    for r in rulesets.values():
        for name, text in r.blocks.items():
            if re.match(r"(?:##[^\n]*\n)*decision\s", text) and name not in named:
                print(f"{coverage}: note: decision `{name}` of {r.path.name} is not named in the record yet")

    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"{coverage}: {len(errors)} error(s)", file=sys.stderr)
        return 1
    print(f"{coverage}: {len(rule_ids)} rules ({encoded} encoded), {len(ambiguities)} ambiguities, all names found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
