"""Tenet for Python: load a compiled ruleset, evaluate cases and caseloads, explain, compare.

    import tenet
    rs = tenet.load("rulesets/colorado/weld.tenet")
    rs.evaluate({"as_of": "1999-06-01", "household": {...}})   # the JSON of `tenet eval`
    rs.evaluate_frame(df, threads=2)                           # one column per decision
    tenet.what_if(rs, {"diversion_yearly_cap": "4000.00"}, df) # what changes, per decision

Errors are tenet.Error subclasses: CompileError (a ruleset with errors: .diagnostics, .file,
.line, .column) and InputError (a bad case or column: .path, the JSON path or the column, .row
for frames). Money crosses the boundary exactly: as str or decimal.Decimal in cases, as strings
in results (CONTRACT §2), as int64 cents in frames; never through a float unless the float is
exactly a number of cents (see tenet.frame).
"""

import decimal as _decimal
import json as _json
import math as _math
import os as _os

from . import _tenet

__all__ = ["Error", "CompileError", "InputError", "Ruleset", "load", "load_source", "what_if", "version"]

version = _tenet.version


class Error(Exception):
    """Every error Tenet raises."""


class CompileError(Error):
    """The ruleset has errors. `diagnostics`: every diagnostic (dicts with severity, file, line,
    column, message, text); `file`, `line`, `column`: where the first error is."""

    def __init__(self, diagnostics):
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d["severity"] == "error"] or diagnostics
        first = errors[0] if errors else {"file": "", "line": 0, "column": 0, "message": "compilation failed"}
        self.file, self.line, self.column = first["file"], first["line"], first["column"]
        super().__init__("".join(d["text"] for d in errors) or first["message"])


class InputError(Error):
    """A case, a column or an argument is not valid. `path`: the JSON path ("$.household.size")
    or the column ("household.size"); `row`: the frame row, or None; `errors`: every (path,
    message) found."""

    def __init__(self, path, message, row=None, errors=None):
        self.path = path
        self.message = message
        self.row = row
        self.errors = errors if errors is not None else [(path, message)]
        where = path if row is None else "%s, row %s" % (path, row)
        super().__init__("%s: %s" % (where, message) if where else message)


class Ruleset:
    """A compiled ruleset. Immutable; share it between threads freely."""

    def __init__(self, handle, path):
        self._h = handle
        self.path = path
        self._fact_types = {p: t for p, t, _ in handle.facts}
        self._decision_types = {n: t for n, t, _, _ in handle.decisions}

    @property
    def name(self):
        return self._h.name

    @property
    def decisions(self):
        """Decision names, in output order."""
        return [n for n, _, _, _ in self._h.decisions]

    @property
    def facts(self):
        """Fact paths ("household.size"), as_of first."""
        return [p for p, _, _ in self._h.facts]

    def fact_type(self, path):
        return self._fact_types[path]

    def decision_type(self, name):
        return self._decision_types[name]

    @property
    def parameters(self):
        """{name: type} of every parameter, as override dicts name them."""
        return {n: t for n, t, _ in self._h.parameters}

    def __repr__(self):
        return "<tenet.Ruleset %s from %s: %d decisions, %d facts>" % (
            self.name, self.path, len(self.decisions), len(self.facts))

    def _run(self, case, as_of, decisions, explain, strict=False):
        if isinstance(decisions, str):
            decisions = [decisions]
        text = case if isinstance(case, (str, bytes)) else case_json(case)
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        ok, payload = self._h.evaluate_json(text, as_of or "", list(decisions or []), explain, strict)
        if not ok:
            path, message = payload[0]
            raise InputError(path, message, errors=list(payload))
        return _json.loads(payload)

    def evaluate(self, case, decisions=None, as_of=None, strict=False):
        """The JSON object `tenet eval` prints for one case (a dict, or JSON text), as Python
        objects: {"decisions": {...}, "unresolved": {...}}. Money values are strings."""
        return self._run(case, as_of, decisions, False, strict)

    def explain(self, case, decisions=None, as_of=None):
        """evaluate() with "explanation": per decision, the rules, parameters and facts it went
        through, with their citations and values."""
        return self._run(case, as_of, decisions, True)

    def evaluate_frame(self, frame, threads=1, decisions=None, as_of=None, scales=None,
                       money="cents", states=False, reasons=False):
        """Evaluates a caseload given as columns; see tenet.frame.evaluate_frame."""
        from .frame import evaluate_frame
        return evaluate_frame(self, frame, threads=threads, decisions=decisions, as_of=as_of, scales=scales,
                              money=money, states=states, reasons=reasons)

    def with_parameters(self, overrides):
        """A ruleset that extends this one, replacing the given parameters; see tenet.what_if."""
        from .compare import with_parameters
        return with_parameters(self, overrides)

    def compare(self, other, cases, **kw):
        """What changes from this ruleset to `other` (a Ruleset or parameter overrides) on
        `cases`; see tenet.what_if."""
        from .compare import what_if
        return what_if(self, other, cases, **kw)

    def run_tests(self):
        """The ruleset's own tests: [(name, passed, [failure text...])]."""
        return self._h.run_tests()


def _compiled(result, path):
    handle, diagnostics = result
    if handle is None:
        raise CompileError(diagnostics)
    return Ruleset(handle, path)


def load(path):
    """Compiles the ruleset at `path` (its `extends` and imports relative to it)."""
    path = _os.fspath(path)
    return _compiled(_tenet.compile_file(path), path)


def load_source(path, text, warnings=True):
    """Compiles ruleset text; `path` names it in messages and anchors its `extends`."""
    return _compiled(_tenet.compile_source(_os.fspath(path), text, warnings), _os.fspath(path))


def what_if(base, variant, cases, **kw):
    """Evaluates `cases` under `base` and `variant`, and returns what differs, per decision."""
    from .compare import what_if as run
    return run(base, variant, cases, **kw)


def _json_number(value):
    if isinstance(value, _decimal.Decimal):
        if not value.is_finite():
            raise InputError("", "%s is not a number a case can hold" % value)
        return str(value)
    if isinstance(value, float) and not _math.isfinite(value):
        raise InputError("", "%r is not a number a case can hold" % value)
    return _json.dumps(value)


def case_json(case):
    """A case dict as JSON text. decimal.Decimal values are written as JSON numbers with their
    exact digits; dates (datetime.date) as "YYYY-MM-DD"."""
    try:
        # plain JSON types: the C encoder (floats by their shortest text, as below)
        return _json.dumps(case, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        pass
    out = []

    def write(v):
        if isinstance(v, dict):
            out.append("{")
            for i, (k, x) in enumerate(v.items()):
                if i:
                    out.append(",")
                out.append(_json.dumps(str(k)))
                out.append(":")
                write(x)
            out.append("}")
        elif isinstance(v, (list, tuple)):
            out.append("[")
            for i, x in enumerate(v):
                if i:
                    out.append(",")
                write(x)
            out.append("]")
        elif isinstance(v, (bool, str)) or v is None:
            out.append(_json.dumps(v))
        elif isinstance(v, (int, float, _decimal.Decimal)):
            out.append(_json_number(v))
        elif hasattr(v, "isoformat") and hasattr(v, "year"):
            out.append('"%s"' % v.isoformat()[:10])
        else:
            raise InputError("", "a %s cannot be written in a case" % type(v).__name__)

    write(case)
    return "".join(out)
