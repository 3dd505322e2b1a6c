"""Cases as analysts hold them: nested JSON (a file of one case, a JSON array, JSON lines) or
records (a list of dicts), read into the frame evaluate_frame takes; and a frame row back into
the case dict evaluate() and explain() take.

    df = tenet.read_cases("extract.jsonl")          # nested keys -> "household.size" columns
    out = rs.evaluate_frame(df, passthrough=["case_id"])
    rs.explain(df.iloc[3])                          # a row, read as evaluate_frame reads it

Numbers are read exactly: a JSON number with a fraction or an exponent becomes decimal.Decimal
(never a float), a whole number an int. Lists (payment histories) stay Python lists in one column
per list fact. Keys that are not facts (a case ID, an office) become columns like any other:
evaluate_frame's passthrough= keeps them beside the results.
"""

import decimal as _decimal
import json as _json
import math as _math
import os as _os

import numpy as np
import pandas as pd

from . import InputError, shown

__all__ = ["read_cases", "row_case"]


def _parse(text, where):
    try:
        return _json.loads(text, parse_float=_decimal.Decimal)
    except ValueError as e:   # json.JSONDecodeError: its line, column and byte
        raise InputError(where, "not JSON: %s" % e) from None


def _records_of_file(path):
    name = _os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError("path", "cannot read %s: %s" % (name, e.strerror or e)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(str(name), "not UTF-8 text: byte %d" % e.start) from None
    stripped = text.lstrip()
    lines = str(name).endswith((".jsonl", ".ndjson")) or not stripped.startswith("[")
    if lines and not str(name).endswith(".json"):
        records = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                records.append(_parse(line, "%s:%d" % (name, number)))
        return records, name
    value = _parse(text, str(name))
    return (value if isinstance(value, list) else [value]), name


def _flatten(record, prefix, out, where):
    for key, value in record.items():
        path = prefix + str(key)
        if isinstance(value, dict):
            if not value:
                continue   # an empty object holds no facts
            _flatten(value, path + ".", out, where)
        else:
            if path in out:
                raise InputError(where, "two values for `%s`" % path)
            out[path] = value


def read_cases(source):
    """A DataFrame with one row per case and one column per dotted key path ("household.size"),
    from a JSON or JSON lines file (a path: .jsonl/.ndjson, or any file whose text does not start
    with "["), or a list of case dicts. A key a case leaves out is NaN/None in its row. Errors name
    the file and line ("extract.jsonl:12") or the record's index."""
    if isinstance(source, (str, bytes)) or hasattr(source, "__fspath__"):
        records, name = _records_of_file(source)
        where = lambda i: "%s: case %d" % (name, i + 1)
    elif isinstance(source, (list, tuple)):
        records = source
        where = lambda i: "[%d]" % i
    else:
        raise InputError("source", "read_cases takes a file path or a list of case dicts, not a %s" %
                         type(source).__name__)
    rows = []
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise InputError(where(i), "a case is a JSON object, not %s" % shown(record))
        row = {}
        _flatten(record, "", row, where(i))
        rows.append(row)
    columns = {}
    for row in rows:
        for key in row:
            columns.setdefault(key, None)
    data = {}
    for key in columns:
        values = np.empty(len(rows), dtype=object)
        for i, row in enumerate(rows):
            values[i] = row.get(key)
        data[key] = _typed(values)
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def _typed(values):
    """A column of JSON values: bools and ints as pandas nullable columns, numbers with floats
    among them (records parsed without Decimal) as float64 with NaN, anything else as objects."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pd.array(list(values), dtype="boolean")
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        if all(-2 ** 63 <= v < 2 ** 63 for v in present):
            return pd.array(list(values), dtype="Int64")
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        # floats from records already parsed: evaluate_frame takes them only when exact
        return np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    return values


def _absent(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return _math.isnan(value)
    return isinstance(value, np.datetime64) and np.isnat(value)


def row_case(rs, row, scales=None, money_unit=None, percent_unit=None, passthrough=None):
    """The case dict of one frame row (a pandas Series with fact paths as its index, as
    df.iloc[i] or df.loc[key] gives it), read as evaluate_frame reads that column: absent values
    left out, integer money in the unit money_unit or scales= names, percents in points ("70%"
    too), list facts from JSON text or lists. Columns named in passthrough (or all that are not
    facts, with passthrough=True) are left out."""
    from .frame import _bare, _points, _MONEY_UNIT_NEEDED
    if isinstance(row, pd.DataFrame):
        if len(row) != 1:
            raise InputError("case", "a frame of %d rows is not one case: pass df.iloc[i] or df.loc[key]" % len(row))
        row = row.iloc[0]
    if not isinstance(row, pd.Series):
        raise InputError("case", "a frame row is a pandas Series, not a %s" % type(row).__name__)
    facts = set(rs.facts)
    skip = set()
    if passthrough is True:
        skip = {k for k in row.index if str(k) not in facts}
    elif passthrough:
        skip = set([passthrough] if isinstance(passthrough, str) else passthrough)
    case = {}
    for key, value in row.items():
        path = str(key)
        if key in skip or _absent(value):
            continue
        try:
            kind = _bare(rs.fact_type(path))
        except KeyError:
            raise InputError(path, "no fact `%s` in ruleset %s (leave a column that is not a fact out with "
                             "passthrough=[%r])" % (path, rs.name, path)) from None
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime() if value.nanosecond == 0 else value
        scale = (scales or {}).get(path)
        whole = isinstance(value, int) and not isinstance(value, bool)
        if kind in ("money", "decimal", "percent") and whole and scale is not None:
            value = _decimal.Decimal(value).scaleb(-int(scale))
        elif kind == "money" and whole:
            if money_unit == "cents":
                value = _decimal.Decimal(value).scaleb(-2)
            elif money_unit != "dollars":
                raise InputError(path, _MONEY_UNIT_NEEDED % (value, path))
        elif kind == "percent":
            value = _points(path, value, percent_unit, None)
            if isinstance(value, str):   # "70%" without its sign: a number in JSON
                try:
                    value = _decimal.Decimal(value)
                except _decimal.InvalidOperation:
                    pass   # the engine names what is wrong with it
        elif isinstance(value, str) and (kind.startswith("list<")) and value.strip()[:1] == "[":
            value = _parse(value, path)
        node = case
        *groups, last = path.split(".")
        for g in groups:
            node = node.setdefault(g, {})
        node[last] = value
    return case
