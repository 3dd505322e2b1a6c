"""Tenet for Python: load a compiled ruleset, evaluate cases and caseloads, explain, compare.

    import tenet
    rs = tenet.load("rulesets/colorado/weld.tenet")
    rs.evaluate({"as_of": "1999-06-01", "household": {...}})   # the JSON of `tenet eval`
    rs.evaluate_frame(df, threads=2)                           # one column per decision
    tenet.what_if(rs, {"diversion_yearly_cap": "4000.00"}, df) # what changes, per decision

Errors are tenet.Error subclasses, each with a non-empty .path: CompileError (a ruleset with
errors: .diagnostics, .file, .line, .column; .path is .file) and InputError (a bad case, column
or argument: .path, the JSON path, the column or the argument's name, .row for frames). Money
crosses the boundary exactly: as str or decimal.Decimal in cases, as strings in results
(docs/CASES.md §2), as int64 cents in frames; never through a float unless the float is exactly a
number of cents (see tenet.frame).
"""

import datetime as _datetime
import decimal as _decimal
import json as _json
import math as _math
import os as _os

from . import _tenet

__all__ = ["Error", "CompileError", "InputError", "Ruleset", "load", "load_source", "what_if", "read_cases",
           "reform", "caseload", "version"]

# the CMake project version, as `tenet --version` and tenet_libversion() give it
__version__ = version = _tenet.version


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
        self.path = self.file
        super().__init__("".join(d["text"] for d in errors) or first["message"])

    def __reduce__(self):   # pickled as what it was made from: Dask workers send errors back
        return (CompileError, (self.diagnostics,))


class InputError(Error):
    """A case, a column or an argument is not valid. `path`: the JSON path ("$.household.size")
    or the column ("household.size"); `row`: the frame row, or None; `errors`: every (path,
    message) found; `offset`: when the text of a case is not JSON (`path` is then "$"), the byte
    (from 0) of the UTF-8 text where that was found, else None."""

    def __init__(self, path, message, row=None, errors=None, offset=None):
        self.path = path
        self.message = message
        self.row = row
        self.offset = offset
        self.errors = errors if errors is not None else [(path, message)]
        where = path if row is None else "%s, row %s" % (path, row)
        super().__init__("%s: %s" % (where, message) if where else message)

    def __reduce__(self):
        return (InputError, (self.path, self.message, self.row, self.errors, self.offset))


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

    def _run(self, case, as_of, decisions, explain, strict=False, row_options=None):
        if type(case).__name__ in ("Series", "DataFrame") and type(case).__module__.startswith("pandas"):
            from .cases import row_case
            case = row_case(self, case, **(row_options or {}))
            if as_of is not None and "as_of" in case:   # as a frame's as_of column: a contradiction is an error
                from .frame import _check_as_of
                _check_as_of([case["as_of"]], day_text("as_of", as_of))
        elif row_options:
            raise InputError(next(iter(row_options)), "scales=, money_unit=, percent_unit= and passthrough= read "
                             "a frame row (a pandas Series); a case dict says its values itself")
        if isinstance(case, bytes):
            text = case   # JSON text: the engine's reader checks its UTF-8
        elif isinstance(case, str):
            text = _utf8("$", case)
        else:
            text = _case_bytes(case, "$")
        as_of = "" if as_of is None else day_text("as_of", as_of)
        ok, payload = self._h.evaluate_json(text, as_of, decision_names(decisions), bool(explain), bool(strict))
        if not ok:
            # the engine names as_of by the command's flag; an error without a path is about the whole text
            errors = [("as_of" if path == "--as-of" else path or "$", message) for path, message, _ in payload]
            offset = payload[0][2]   # where text that is not JSON stops being JSON
            raise InputError(errors[0][0], errors[0][1], errors=errors, offset=offset if offset >= 0 else None)
        return _json.loads(payload)

    def evaluate(self, case, decisions=None, as_of=None, strict=False, **row_options):
        """The JSON object `tenet eval` prints for one case (a dict, or JSON text), as Python
        objects: {"decisions": {...}, "unresolved": {...}, "errors": {...}}. Money values are
        strings. A decision is in exactly one place: "decisions" (its value); "unresolved" (a
        list of reasons: the missing fact paths, or "parameter X has no value before
        1998-03-01"); "errors" (computing it failed: the message, "division by zero in rule `x`
        [6.008.3 C]"; the key is there only when a decision failed); or nowhere (an optional
        decision with no value). None of these raises; strict=True makes an unresolved or failed
        decision an InputError. `case` may also be a frame row (df.iloc[i], a pandas Series),
        read as evaluate_frame reads its columns; row_options are evaluate_frame's scales=,
        money_unit=, percent_unit= and passthrough= (see tenet.cases.row_case)."""
        return self._run(case, as_of, decisions, False, strict, row_options)

    def use_compiled_code(self, flags=None, compiler=None, cache_dir=None):
        """From now on evaluate() and evaluate_frame() compute with the ruleset's C, built by the
        system C compiler (`compiler`, else $CC, else cc; `flags`, else -O2, or -O1 for C over 2 MB)
        once into a cache (`cache_dir`, else $TENET_CACHE_DIR, else ~/.cache/tenet) and loaded; the
        results are the same (docs/COMPILED.md, "Inside Tenet" and "Frames"). explain() keeps the
        interpreter.
        Raises tenet.Error when the code cannot be built (no compiler...): the interpreter stays.
        Returns the ruleset."""
        error = self._h.use_compiled_code(compiler or "", flags or "", _os.fspath(cache_dir) if cache_dir else "")
        if error:
            raise Error(error)
        return self

    def explain(self, case, decisions=None, as_of=None, **row_options):
        """evaluate() with "explanation": per decision, the rules, parameters and facts it went
        through, with their citations and values. `case` may be a frame row, as for evaluate()."""
        return self._run(case, as_of, decisions, True, False, row_options)

    def evaluate_frame(self, frame, threads=1, decisions=None, as_of=None, scales=None,
                       money="cents", states=False, reasons=False, passthrough=None, money_unit=None,
                       percent_unit=None):
        """Evaluates a caseload given as columns; see tenet.frame.evaluate_frame."""
        from .frame import evaluate_frame
        return evaluate_frame(self, frame, threads=threads, decisions=decisions, as_of=as_of, scales=scales,
                              money=money, states=states, reasons=reasons, passthrough=passthrough,
                              money_unit=money_unit, percent_unit=percent_unit)

    def evaluate_months(self, frame, count, start=None, **frame_options):
        """Each case on `count` consecutive months from `start` (or its own as_of): a long frame
        indexed by (case, month); see tenet.analysis.months."""
        from .analysis import months
        return months(self, frame, count, start=start, **frame_options)

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


def _file_name(path):
    try:
        name = _os.fspath(path)
    except TypeError:
        raise InputError("path", "a ruleset path is a str or an os.PathLike, not a %s" % type(path).__name__) from None
    if not name:
        raise InputError("path", "the ruleset path is empty")
    if ("\0" if isinstance(name, str) else b"\0") in name:
        raise InputError("path", "a file name cannot hold a NUL character: %s" % shown(name))   # it would end the name
    return name


def _roots(include_roots):
    """The folders of include_roots= as file-system bytes."""
    if include_roots is None:
        return []
    if isinstance(include_roots, (str, bytes)) or not hasattr(include_roots, "__iter__"):
        raise InputError("include_roots", "include_roots= is a list of folders, not a %s" % type(include_roots).__name__)
    return [_os.fsencode(_file_name(r)) for r in include_roots]


def load(path, include_roots=None):
    """Compiles the ruleset at `path`. Its `extends` and imports are relative to the file that
    names them and may reach only .tenet files inside the root file's folder and the folders in
    `include_roots` (relative ones from the working directory)."""
    path = _file_name(path)
    return _compiled(_tenet.compile_file(_os.fsencode(path), _roots(include_roots)), path)


def load_source(path, text, warnings=True, include_roots=None):
    """Compiles ruleset text; `path` names it in messages and anchors its `extends`, which stay
    inside its folder and `include_roots` as with load()."""
    path = _file_name(path)
    if not isinstance(text, (str, bytes)):
        raise InputError("text", "ruleset text is a str, not a %s" % type(text).__name__)
    source = _utf8("text", text) if isinstance(text, str) else text
    return _compiled(_tenet.compile_source(_os.fsencode(path), source, bool(warnings), _roots(include_roots)), path)


def what_if(base, variant, cases, **kw):
    """Evaluates `cases` under `base` and `variant`, and returns what differs, per decision."""
    from .compare import what_if as run
    return run(base, variant, cases, **kw)


def read_cases(source):
    """Nested case JSON (a file: JSON lines or a JSON array) or a list of case dicts as a frame
    with one column per key path; see tenet.cases.read_cases."""
    from .cases import read_cases as read
    return read(source)


def reform(base, variant, cases, **kw):
    """what_if with costs, winners and losers by group, and weights; see tenet.analysis.Reform."""
    from .analysis import reform as run
    return run(base, variant, cases, **kw)


def caseload(rs, cases, **kw):
    """Participation against the county target per family type and fiscal year, as `tenet
    caseload` counts it; see tenet.analysis.caseload."""
    from .analysis import caseload as run
    return run(rs, cases, **kw)


def _utf8(path, text):
    """`text` as UTF-8 bytes; an InputError at `path` for a str that is not Unicode text (lone
    surrogates, as bytes decoded with errors="surrogateescape" leave)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(path, "not UTF-8 text: %r at character %d is a lone surrogate" % (
            text[e.start:e.end], e.start)) from None


def shown(value):
    """repr(value) for a message, cut to 80 characters; an int too long to write is described."""
    try:
        text = repr(value)
    except ValueError:   # an int past Python's 4300-digit limit on int-to-text
        return "an int of %d bits" % value.bit_length()
    return text if len(text) <= 80 else text[:77] + "..."


def decision_names(decisions):
    """The list of decision names a `decisions=` argument gives: None (all), a name or names."""
    if decisions is None:
        return []
    if isinstance(decisions, str):
        decisions = [decisions]
    try:
        names = list(decisions)
    except TypeError:
        raise InputError("decisions", "a decision name or a list of them, not a %s" % type(decisions).__name__) from None
    for name in names:
        if not isinstance(name, str):
            raise InputError("decisions", "a decision name is a str, not %s" % shown(name))
        _utf8("decisions", name)
    return names


_MIDNIGHT = _datetime.time(0)
_MAX_DEPTH = 512   # the JSON reader's limit (docs/LANGUAGE.md §12)


def day_text(path, value):
    """The "YYYY-MM-DD" of a date given as a str (checked by the engine), a datetime.date, or a
    datetime (pandas.Timestamp, numpy.datetime64) at midnight without a time zone. A time of day
    or a time zone is an InputError at `path`: a decision is for a day, and dropping the time (or
    choosing the zone's day) silently could move a case across a deadline."""
    if isinstance(value, str):
        _utf8(path, value)
        return value
    if type(value).__name__ == "datetime64":   # numpy, without importing it here
        import numpy as np
        if np.isnat(value):
            raise InputError(path, "NaT is not a day")
        day = value.astype("datetime64[D]")
        if day != value:
            raise InputError(path, "%s has a time of day; a date is a day" % value)
        return str(day)
    if isinstance(value, _datetime.datetime):
        if value != value:   # pandas.NaT
            raise InputError(path, "NaT is not a day")
        if value.tzinfo is not None:
            raise InputError(path, "%s has a time zone; a date is a day: drop the zone (replace(tzinfo=None), "
                             "tz_localize(None)) after converting to the zone whose day is meant" % value)
        if value.time() != _MIDNIGHT or getattr(value, "nanosecond", 0):
            raise InputError(path, "%s has a time of day; a date is a day" % value)
        return value.date().isoformat()
    if isinstance(value, _datetime.date):
        return value.isoformat()
    raise InputError(path, "a date is \"YYYY-MM-DD\" or a datetime.date, not a %s" % type(value).__name__)


def int_text(path, value):
    """The digits of a whole number; an InputError past Python's limit on int-to-text (4300
    digits), far past any number a case or parameter holds, which the engine then names."""
    try:
        return str(int(value))
    except ValueError as e:
        raise InputError(path, "a whole number too large to write: %s" % e) from None


def _json_number(path, value):
    if isinstance(value, int):
        return int_text(path, value)
    if isinstance(value, _decimal.Decimal):
        if not value.is_finite():
            raise InputError(path, "%s is not a number a case can hold" % value)
        return str(value)
    if isinstance(value, float) and not _math.isfinite(value):
        raise InputError(path, "%r is not a number a case can hold" % value)
    return _json.dumps(value)


def _case_bytes(case, path):
    """case_json(case) as UTF-8; errors name the JSON path below `path`."""
    try:
        # plain JSON types: the C encoder (floats by their shortest text, as below)
        return _json.dumps(case, allow_nan=False, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, RecursionError):   # UnicodeEncodeError too: the writer below says where
        pass
    out = []

    def write(v, at, depth=0):
        if depth > _MAX_DEPTH and isinstance(v, (dict, list, tuple)):
            raise InputError(at, "nested more than %d deep (or a value that contains itself)" % _MAX_DEPTH)
        if isinstance(v, dict):
            out.append("{")
            for i, (k, x) in enumerate(v.items()):
                if i:
                    out.append(",")
                key = str(k)
                _utf8(at, key)
                out.append(_json.dumps(key, ensure_ascii=False))
                out.append(":")
                write(x, "%s.%s" % (at, key), depth + 1)
            out.append("}")
        elif isinstance(v, (list, tuple)):
            out.append("[")
            for i, x in enumerate(v):
                if i:
                    out.append(",")
                write(x, "%s[%d]" % (at, i), depth + 1)
            out.append("]")
        elif isinstance(v, str):
            _utf8(at, v)
            out.append(_json.dumps(v, ensure_ascii=False))
        elif isinstance(v, bool) or v is None:
            out.append(_json.dumps(v))
        elif isinstance(v, (int, float, _decimal.Decimal)):
            out.append(_json_number(at, v))
        elif isinstance(v, _datetime.date) or type(v).__name__ == "datetime64":
            out.append('"%s"' % day_text(at, v))
        elif type(v).__module__ == "numpy" and getattr(v, "shape", None) == ():
            write(v.item(), at, depth)   # a numpy scalar (a row of a frame as a dict): its Python value
        else:
            raise InputError(at, "a %s cannot be written in a case" % type(v).__name__)

    write(case, path)
    return "".join(out).encode("utf-8")


def case_json(case):
    """A case dict as JSON text. decimal.Decimal values are written as JSON numbers with their
    exact digits; dates (datetime.date, and datetimes at midnight) as "YYYY-MM-DD"; numpy scalars
    as their Python values. A value that cannot be written is an InputError at its JSON path."""
    return _case_bytes(case, "$").decode("utf-8")
