"""Ruleset.evaluate_frame: a caseload as columns in, one column per decision out.

Input: a pandas DataFrame, or a dict of numpy arrays / pandas Series / lists, with one column per
fact path ("household.size"; "as_of" unless as_of= is given). Frames carry scalar facts; a list
fact (history.diversion_payments) is a column of JSON array texts or Python lists, read exactly as
the JSON case reader reads that key (row by row: those decisions leave the columnar kernels).
Column names that are not facts are errors (a typo must not be silently ignored) unless named in
passthrough= (or passthrough=True, with a warning naming them): those are copied beside the results.
A fact with no column is absent in every row. NaN, None, NaT and pandas NA mean absent. A list
fact's column that no requested decision reads is skipped unread (histories are the costly part).
After rs.use_compiled_code(), each row is computed by the ruleset's compiled code (what it leaves
to the interpreter, and with reasons=True the unresolved and failed decisions, by the interpreter):
the same frame, cell for cell (docs/COMPILED.md, "Frames").

How each column is read (nothing goes through a float unless it is exact):
  bool      numpy bool, pandas boolean, 0/1 integers
  int       any integer dtype, pandas Int64; floats only when every value is whole
  money     strings or decimal.Decimal ("1234.56", at most 2 decimals); integers in the unit
  decimal   money_unit= names ("dollars" or "cents": integer money without a unit is an error),
  percent   or scaled integers with scales={"household.monthly_gross_income": 2} (cents); floats
            only when every value is exactly the nearest double to an amount with at most 2
            decimals for money (9 for decimal and percent: 1234.56 is fine, 0.1 + 0.2 is not).
            Percent is in percentage points, as in JSON (25 is 25%), or "70%"; a number below 1
            is an error unless percent_unit= says "fraction" (0.7 is 70%) or "points"
  date      datetime64 (at midnight, without a time zone), datetime.date, or "YYYY-MM-DD"
  enum      strings or pandas categoricals of the value names
Object and categorical columns are read through their distinct values (pandas.factorize), so the
cost per row is that of numpy, not of Python objects.

Output: a DataFrame with the input's index, one column per decision:
  bool -> pandas "boolean", int -> "Int64", enum -> categorical, date -> datetime64[ns] (the date
  `forever`, e.g. a lifetime disqualification, is pandas.Timestamp.max), money -> "Int64" cents
  (money="str": "1234.56" strings; money="decimal": decimal.Decimal objects, for decimal and
  percent decisions too), decimal and percent -> "Float64" (percent in points), as the JSON
  output gives them as numbers, lists ->
  Python lists. A row whose decision is absent, unresolved or failed holds NA; states=True adds a
  "<decision>.state" column (ok, absent, unresolved, error: where `tenet eval` puts it, in
  "decisions", nowhere, "unresolved" or "errors") and reasons=True a "<decision>.reason" column
  (unresolved: its reasons comma-separated, the missing facts or the parameter with no value on
  the row's day; error: the failure's message), as `tenet eval` reports them.
"""

import datetime as _datetime
import decimal as _decimal
import json as _json
import math as _math
import warnings as _warnings

import numpy as np
import pandas as pd

from . import InputError, _case_bytes, day_text, decision_names, int_text, shown

STATES = ["ok", "absent", "unresolved", "error"]
_MAX_FLOAT_PLACES = {"money": 2, "decimal": 9, "percent": 9}
_NUMBER_TYPES = ("money", "decimal", "percent")


def _bare(type_name):
    return type_name[:-1] if type_name.endswith("?") else type_name


def _present(mask):
    return None if mask is None or bool(mask.all()) else np.ascontiguousarray(mask, dtype=np.uint8)


def _exact_float_scale(path, values, kind):
    """The fewest decimals (up to the kind's limit) that every finite value is exactly the
    nearest double of; an InputError otherwise."""
    finite = values[np.isfinite(values)]
    bad = np.isinf(values)
    if bad.any():
        raise InputError(path, "%r is not a number a case can hold" % values[bad][0], row=int(np.flatnonzero(bad)[0]))
    for scale in range(0, _MAX_FLOAT_PLACES[kind] + 1):
        scaled = np.rint(finite * 10.0 ** scale)
        if np.all(np.abs(scaled) < 2.0 ** 53) and np.array_equal(scaled / 10.0 ** scale, finite):
            return scale
    # name the first value that is not exact at the limit
    scale = _MAX_FLOAT_PLACES[kind]
    scaled = np.rint(values * 10.0 ** scale)
    wrong = np.isfinite(values) & ~(scaled / 10.0 ** scale == values)
    row = int(np.flatnonzero(wrong)[0]) if wrong.any() else 0
    raise InputError(path, "float %r is not exactly an amount with at most %d decimals: pass str or "
                     "decimal.Decimal values (or scaled integers with scales=)" % (values[row], scale), row=row)


def _scaled_from_float(path, values, kind):
    absent = np.isnan(values)
    if kind == "int":
        whole = np.isfinite(values) & (np.floor(values) == values) & (np.abs(values) < 2.0 ** 63)
        bad = ~absent & ~whole
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise InputError(path, "%r is not a whole number" % values[row], row=row)
        return ("integer", np.where(absent, 0, values).astype(np.int64), None, _present(~absent))
    scale = _exact_float_scale(path, values, kind)
    ints = np.rint(np.where(absent, 0.0, values) * 10.0 ** scale).astype(np.int64)
    return ("scaled", ints, scale, _present(~absent))


def _spelling(path, kind, value):
    """The text a distinct object value is read from."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return int_text(path, value)
    if isinstance(value, _decimal.Decimal):
        if not value.is_finite():
            raise InputError(path, "%s is not a number a case can hold" % value)
        return str(value)
    if isinstance(value, (float, np.floating)):
        if float(value).is_integer() and kind != "date":
            return str(int(value))
        raise InputError(path, "float %r in an object column: pass str or decimal.Decimal values" % value)
    if isinstance(value, (_datetime.date, np.datetime64)):
        return day_text(path, value)
    raise InputError(path, "a %s value cannot be read as a fact" % type(value).__name__)


def _dictionary(path, kind, series, money_unit=None):
    try:
        # an array, not the Series: uniques stay the values given (pandas would make an Index of
        # them, converting to float where it can, and failing on ints past a double's range)
        codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    except TypeError as e:   # unhashable values: lists or dicts in a scalar fact's column
        raise InputError(path, "a %s fact takes one value per row, not %s" % (kind, e)) from None
    if kind == "money" and money_unit != "dollars":
        whole = [isinstance(u, (int, np.integer)) and not isinstance(u, (bool, np.bool_)) for u in uniques]
        if any(whole):
            if money_unit != "cents":
                first = whole.index(True)
                raise InputError(path, _MONEY_UNIT_NEEDED % (uniques[first], path),
                                 row=int(np.flatnonzero(codes == first)[0]))
            uniques = [_decimal.Decimal(int(u)).scaleb(-2) if w else u for u, w in zip(uniques, whole)]
    spellings = []
    for i, u in enumerate(uniques):
        try:
            spellings.append(_spelling(path, kind, u))
        except InputError as e:   # name the first row holding the value
            raise InputError(e.path, e.message, row=int(np.flatnonzero(codes == i)[0])) from None
    return ("dictionary", np.ascontiguousarray(codes, dtype=np.int32), spellings, None)


_MONEY_UNIT_NEEDED = ("integer money %s: is it dollars or cents? Say which with money_unit='dollars' or 'cents' "
                      "(or scales={%r: 2} for this column alone): an integer in cents read as dollars is 100 times "
                      "too much")


def _integer_money(path, values, money_unit):
    """An integer column of a money fact, in the unit the caller named (no default: a column of
    cents read as dollars, or the reverse, is a wrong number that looks right)."""
    if money_unit == "dollars":
        return (path, "integer", values, None, None)
    if money_unit == "cents":
        return (path, "scaled", values, 2, None)
    raise InputError(path, _MONEY_UNIT_NEEDED % (values[0] if len(values) else "", path), row=0 if len(values) else None)


def _points(path, value, unit, row):
    """One percent value as percentage points: "70%" is 70 whatever the unit; a number is in
    points (unit "points"), a fraction (unit "fraction": 0.7 is 70%), or, without a unit, in points
    unless it is a fraction below 1, which is an error: 0.7 is more often 70% meant than 0.7%."""
    if value is None or (isinstance(value, (float, np.floating)) and _math.isnan(value)) or value is pd.NA:
        return value
    if isinstance(value, str) and value.strip().endswith("%"):
        return value.strip()[:-1].strip()
    if isinstance(value, (bool, np.bool_)):
        return value
    try:
        d = _decimal.Decimal(repr(float(value)) if isinstance(value, (float, np.floating)) else str(value).strip())
    except (_decimal.InvalidOperation, ValueError):
        return value   # the engine names what is wrong with it
    if not d.is_finite():
        return value
    if unit == "fraction":
        return d * 100
    if unit is None and d != 0 and abs(d) < 1:
        raise InputError(path, "%s looks like a fraction: is it %s%% or %s%%? Write \"%s%%\" for the percent, or "
                         "say the unit with percent_unit='fraction' (0.7 is 70%%) or 'points' (0.7 is 0.7%%)" % (
                             value, d * 100, d, d * 100), row=row)
    return d if isinstance(value, (float, np.floating)) else value   # a float as the decimal it prints as


def _percent_points(path, s, unit):
    if isinstance(s.dtype, np.dtype) and np.issubdtype(s.dtype, np.integer) and unit != "fraction":
        return s   # whole numbers: points, and never a fraction below 1
    values = s.astype(object).to_numpy() if not isinstance(s.dtype, np.dtype) or s.dtype == object else s.to_numpy()
    if isinstance(values.dtype, np.dtype) and np.issubdtype(values.dtype, np.floating) and unit is None:
        small = np.isfinite(values) & (values != 0) & (np.abs(values) < 1)
        if not small.any():
            return s
        row = int(np.flatnonzero(small)[0])
        _points(path, values[row], unit, row)
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values.tolist()):
        out[i] = _points(path, v, unit, i)
    return pd.Series(out, index=s.index, copy=False)


def _list_texts(path, series):
    texts, present = [], np.ones(len(series), dtype=np.uint8)
    for i, v in enumerate(series.tolist()):
        if v is None or (isinstance(v, float) and _math.isnan(v)):
            present[i] = 0
            texts.append("")
        elif isinstance(v, str):
            texts.append(v)
        elif isinstance(v, list) and not v:
            texts.append("[]")   # most histories are empty: no encoder call for them
        elif isinstance(v, (list, tuple, dict)):
            try:
                texts.append(_case_bytes(v, "$"))
            except InputError as e:   # the column, and the place in the row's list, as the engine says
                raise InputError(path, "%s: %s" % (e.path, e.message), row=i) from None
        else:
            raise InputError(path, "a list fact takes JSON text or a list, not a %s" % type(v).__name__, row=i)
    return ("text", texts, None, _present(present.astype(bool)))


def _column(rs, path, data, n, scales, money_unit=None, percent_unit=None):
    """The (fact, kind, data, extra, present) tuple the engine reads for one column."""
    try:
        type_name = _bare(rs.fact_type(path))
    except KeyError:
        raise InputError(path, "no fact `%s` in ruleset %s (a column that is not a fact, such as a case ID, "
                         "goes beside the results with passthrough=[%r])" % (path, rs.name, path)) from None
    try:
        # an empty list has no dtype to infer (pandas would say float64): its values are none
        no_values = isinstance(data, (list, tuple)) and not data
        s = data if isinstance(data, pd.Series) else pd.Series(data, copy=False, dtype=object if no_values else None)
    except (TypeError, ValueError) as e:   # a 2-d array, a scalar...
        raise InputError(path, "a column is one value per row: %s" % e) from None
    if len(s) != n:
        raise InputError(path, "has %d rows, the frame %d" % (len(s), n))
    is_list = type_name.startswith("list<") or (type_name not in ("bool", "int", "date") + _NUMBER_TYPES
                                                and not rs._h.enum_values(type_name))
    kind = type_name if type_name in ("bool", "int", "date") + _NUMBER_TYPES else "enum"
    if kind == "percent" and path not in (scales or {}):
        s = _percent_points(path, s, percent_unit)
    dtype = s.dtype
    if is_list:
        return (path,) + _list_texts(path, s)
    if isinstance(dtype, pd.CategoricalDtype):
        spellings = [_spelling(path, kind, c) for c in dtype.categories]
        return (path, "dictionary", np.ascontiguousarray(s.cat.codes.to_numpy(), dtype=np.int32), spellings, None)
    if isinstance(dtype, pd.BooleanDtype):
        if kind != "bool":
            raise InputError(path, "a boolean column cannot hold a %s fact" % type_name)
        values = s.to_numpy(dtype=bool, na_value=False).view(np.uint8)
        return (path, "bool", values, None, _present(~s.isna().to_numpy()))
    if isinstance(dtype, (pd.Int64Dtype, pd.Int32Dtype, pd.Int16Dtype, pd.Int8Dtype, pd.UInt8Dtype,
                          pd.UInt16Dtype, pd.UInt32Dtype)):
        present = ~s.isna().to_numpy()
        s = pd.Series(s.to_numpy(dtype=np.int64, na_value=0))
        out = _column(rs, path, s, n, scales, money_unit, percent_unit)
        mask = _present(present)
        if out[4] is not None or mask is None:
            return out
        return out[:4] + (mask,)
    if isinstance(dtype, pd.Float64Dtype) or isinstance(dtype, pd.Float32Dtype):
        s = pd.Series(s.to_numpy(dtype=np.float64, na_value=np.nan))
        dtype = s.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        # a moment, not a day: which day depends on the zone, and the engine will not guess
        raise InputError(path, "a date fact is a day, not a moment in time zone %s: convert to the zone whose "
                         "day is meant, then drop the zone (tz_convert(...).dt.tz_localize(None))" % dtype.tz)
    if not isinstance(dtype, np.dtype):
        # other pandas dtypes (string, UInt64, Arrow, Period...): read through their values
        return (path,) + _dictionary(path, kind, s.astype(object), money_unit)
    if dtype == np.bool_:
        if kind != "bool":
            raise InputError(path, "a bool column cannot hold a %s fact" % type_name)
        return (path, "bool", np.ascontiguousarray(s.to_numpy()).view(np.uint8), None, None)
    if np.issubdtype(dtype, np.integer):
        values = s.to_numpy()
        if dtype == np.uint64 and len(values) and values.max() > np.iinfo(np.int64).max:
            raise InputError(path, "values beyond the 64-bit signed range")
        values = np.ascontiguousarray(values, dtype=np.int64)
        if kind == "bool":
            if len(values) and ((values < 0) | (values > 1)).any():
                row = int(np.flatnonzero((values < 0) | (values > 1))[0])
                raise InputError(path, "%d is not 0 or 1" % values[row], row=row)
            return (path, "bool", values.astype(np.uint8), None, None)
        if kind == "int" or kind in _NUMBER_TYPES:
            scale = (scales or {}).get(path)
            if scale is not None:
                if kind == "int":
                    raise InputError(path, "scales= applies to money, decimal and percent facts")
                return (path, "scaled", values, int(scale), None)
            if kind == "money":
                return _integer_money(path, values, money_unit)
            return (path, "integer", values, None, None)
        raise InputError(path, "an integer column cannot hold a %s fact" % type_name)
    if np.issubdtype(dtype, np.floating):
        values = np.ascontiguousarray(s.to_numpy(), dtype=np.float64)
        if kind == "bool":
            absent = np.isnan(values)
            bad = ~absent & (values != 0) & (values != 1)
            if bad.any():
                row = int(np.flatnonzero(bad)[0])
                raise InputError(path, "%r is not 0 or 1" % values[row], row=row)
            return (path, "bool", np.where(absent, 0, values).astype(np.uint8), None, _present(~absent))
        if kind == "int" or kind in _NUMBER_TYPES:
            if (scales or {}).get(path) is not None:
                raise InputError(path, "scales= applies to integer columns, not floats")
            return (path,) + _scaled_from_float(path, values, kind)
        raise InputError(path, "a float column cannot hold a %s fact" % type_name)
    if np.issubdtype(dtype, np.datetime64):
        if kind != "date":
            raise InputError(path, "a datetime column cannot hold a %s fact" % type_name)
        ns = s.to_numpy(dtype="datetime64[ns]")
        day = ns.astype("datetime64[D]")
        nat = np.isnat(ns)
        timed = ~nat & (day.astype("datetime64[ns]") != ns)
        if timed.any():
            row = int(np.flatnonzero(timed)[0])
            raise InputError(path, "%s has a time of day; a date fact is a day" % ns[row], row=row)
        return (path, "days", np.ascontiguousarray(day.view(np.int64)), None, None)
    return (path,) + _dictionary(path, kind, s, money_unit)


def _columns_of(frame):
    if isinstance(frame, pd.DataFrame):
        if not frame.columns.is_unique:
            name = frame.columns[frame.columns.duplicated()][0]
            raise InputError(str(name), "two columns for fact `%s`" % name)
        return list(frame.columns), (lambda c: frame[c]), len(frame), frame.index
    if isinstance(frame, dict):
        n = None
        for name, values in frame.items():
            try:
                rows = len(values)
            except TypeError:
                raise InputError(str(name), "a column is an array or a list of values, not a %s" %
                                 type(values).__name__) from None
            if n is None:
                n = rows
            elif rows != n:
                raise InputError(str(name), "has %d rows, the first column %d" % (rows, n))
        return list(frame.keys()), (lambda c: frame[c]), n or 0, None
    raise InputError("frame", "evaluate_frame takes a pandas DataFrame or a dict of arrays, not a %s" %
                     type(frame).__name__)


def _numbers(col, ok, money):
    num, den = col["numerators"], col["denominators"]
    if col["money"] and money == "cents":
        return pd.arrays.IntegerArray(np.where(ok, num * (100 // den), 0), ~ok)
    # money="decimal": every exact number as decimal.Decimal; money="str": money as "1234.56"
    if money == "decimal" or (money == "str" and col["money"]):
        out = np.empty(len(num), dtype=object)
        out[:] = None
        places = _decimal.Decimal("0.01")
        for i in np.flatnonzero(ok):
            d = _decimal.Decimal(int(num[i])) / _decimal.Decimal(int(den[i]))
            if col["percent"]:
                d *= 100
            if col["money"]:
                d = d.quantize(places)
            out[i] = str(d) if money == "str" else d
        return out
    # decimal and percent as the JSON output gives them: the double nearest the exact value
    # (one correctly rounded division of integers below 2^53; the rare others through Decimal)
    exact = ok & (np.abs(num) < 2 ** 46) & (den < 2 ** 46)
    if col["percent"]:
        g = np.gcd(den, 100)
        num, den = np.where(exact, num * (100 // g), 0), den // g
    values = np.where(exact, num.astype(np.float64) / np.where(exact, den, 1), np.nan)
    for i in np.flatnonzero(ok & ~exact):
        f = _decimal.Decimal(int(col["numerators"][i])) / _decimal.Decimal(int(col["denominators"][i]))
        values[i] = float(f * 100 if col["percent"] else f)
    return pd.arrays.FloatingArray(values, ~ok)


_NS_PER_DAY = 86400 * 10 ** 9
_FOREVER = 2147483647
_LAST_DAY = int((pd.Timestamp.max.normalize() - pd.Timestamp("1970-01-01")).days)
_FIRST_DAY = int((pd.Timestamp.min.ceil("D") - pd.Timestamp("1970-01-01")).days)


def _dates(col, ok):
    days = col["values"].astype(np.int64)   # int32 days: widened before they become nanoseconds
    forever = ok & (days == _FOREVER)
    outside = ok & ~forever & ((days > _LAST_DAY) | (days < _FIRST_DAY))
    if outside.any():
        row = int(np.flatnonzero(outside)[0])
        raise InputError(col["decision"], "the decision's date %s is outside the days pandas can hold (1677-09-22 to "
                         "2262-04-11): evaluate this row with evaluate()" % np.datetime64(int(days[row]), "D"), row=row)
    ns = np.where(ok & ~forever, days * _NS_PER_DAY, np.iinfo(np.int64).min)
    ns = np.where(forever, pd.Timestamp.max.value, ns)
    return ns.view("datetime64[ns]")


def _output(col, money):
    state = col["state"]
    ok = state == 0
    t = col["type"]
    if t == "bool":
        return pd.arrays.BooleanArray(col["values"].astype(bool), ~ok)
    if t == "int":
        return pd.arrays.IntegerArray(np.where(ok, col["values"], 0), ~ok)
    if t == "enum":
        return pd.Categorical.from_codes(np.where(ok, col["values"], -1), categories=col["enum_values"])
    if t == "date":
        return _dates(col, ok)
    if t == "number":
        return _numbers(col, ok, money)
    # lists (and records): Python objects, one per row. Caseloads repeat a few values ("[]",
    # one reason), so each distinct text is parsed once; rows get their own copy of a list of
    # scalars, and records are parsed per row so that no two rows share a mutable object.
    out = np.empty(len(state), dtype=object)
    out[:] = None
    texts = col["values"]
    parsed = {}   # text -> (value, whether it is a list of scalars)
    for i in np.flatnonzero(ok):
        text = texts[i]
        known = parsed.get(text)
        if known is None:
            value = _json.loads(text)
            known = parsed[text] = (value, isinstance(value, list) and not any(isinstance(x, (list, dict)) for x in value))
        value, flat = known
        if flat:
            out[i] = list(value)
        elif isinstance(value, (list, dict)):
            out[i] = _json.loads(text)
        else:
            out[i] = value
    return out


def _list_fact(rs, path):
    bare = _bare(rs.fact_type(path))
    return bare.startswith("list<") or (bare not in ("bool", "int", "date") + _NUMBER_TYPES
                                        and not rs._h.enum_values(bare))


def _passthrough_columns(rs, names, passthrough):
    """The columns copied beside the results: those `passthrough` names, or with True every
    column that is not a fact (with a warning naming them, so a misspelt fact is seen)."""
    if passthrough is None or passthrough is False:
        return []
    facts = set(rs.facts)
    if passthrough is True:
        extra = [n for n in names if str(n) not in facts]
        if extra:
            _warnings.warn("columns that are not facts of %s pass through beside the results: %s" % (
                rs.name, ", ".join(str(n) for n in extra)), stacklevel=4)
        return extra
    if isinstance(passthrough, str) or not hasattr(passthrough, "__iter__"):
        passthrough = [passthrough]
    extra = list(passthrough)
    for n in extra:
        if n not in names:
            raise InputError(str(n), "passthrough= names a column the frame does not have")
    return extra


def _check_as_of(column, day):
    """as_of= gives the day for every row; a frame whose as_of column says another day for some
    row is a contradiction, not something to override silently."""
    values = pd.Series(column, copy=False) if not isinstance(column, pd.Series) else column
    present = values.notna().to_numpy()
    if not present.any():
        return
    try:
        days = pd.to_datetime(values[present], errors="coerce")
    except (TypeError, ValueError):
        days = pd.Series(pd.NaT, index=values[present].index)
    differ = (days != pd.Timestamp(day)).to_numpy()
    if differ.any():
        row = int(np.flatnonzero(present)[np.flatnonzero(differ)[0]])
        raise InputError("as_of", "as_of=%s contradicts the frame's as_of column, which holds %s in row %d: drop "
                         "the column, or leave as_of= out to use it" % (day, shown(values.iloc[row]), row), row=row)


def facts_read(rs, decisions):
    """The fact paths the decisions (names; [] for all) can read, cached on the ruleset."""
    key = tuple(decisions)
    cache = rs.__dict__.setdefault("_facts_read", {})
    if key not in cache:
        index = {d: i for i, d in enumerate(rs.decisions)}
        cache[key] = frozenset(rs._h.facts_read([index[d] for d in decisions if d in index]))
    return cache[key]


def evaluate_frame(rs, frame, threads=1, decisions=None, as_of=None, scales=None, money="cents",
                   states=False, reasons=False, passthrough=None, money_unit=None, percent_unit=None,
                   _converted=None):
    """See the module's documentation. `_converted`: a dict in which columns already converted
    for this frame and these options are kept, shared by what_if between two rulesets whose
    facts are the same."""
    if money not in ("cents", "decimal", "str"):
        raise InputError("money", "money= is 'cents', 'decimal' or 'str', not %s" % shown(money))
    if money_unit not in (None, "dollars", "cents"):
        raise InputError("money_unit", "money_unit= is 'dollars' or 'cents' (the unit of integer money columns), "
                         "not %s" % shown(money_unit))
    if percent_unit not in (None, "points", "fraction"):
        raise InputError("percent_unit", "percent_unit= is 'points' (25 is 25%%) or 'fraction' (0.25 is 25%%), not %s"
                         % shown(percent_unit))
    if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or threads < 1:
        raise InputError("threads", "threads= is a number of threads, 1 or more, not %s" % shown(threads))
    decisions = decision_names(decisions)
    as_of = "" if as_of is None else day_text("as_of", as_of)
    names, get, n, index = _columns_of(frame)
    extra = _passthrough_columns(rs, names, passthrough)
    if scales:
        if not isinstance(scales, dict):
            raise InputError("scales", "scales= is a dict {column: decimals}, not a %s" % type(scales).__name__)
        unknown = sorted(set(scales) - set(names), key=str)
        if unknown:
            raise InputError(str(unknown[0]), "scales= names a column the frame does not have")
        for name, scale in scales.items():
            if isinstance(scale, bool) or not isinstance(scale, (int, np.integer)) or not 0 <= scale <= 18:
                raise InputError(str(name), "scales= gives a number of decimals, 0 to 18, not %s" % shown(scale))
    if as_of and "as_of" in names:
        _check_as_of(get("as_of"), as_of)
    facts = set(rs.facts)
    names = [name for name in names if name not in extra or str(name) in facts]
    known = [d for d in decisions if d in set(rs.decisions)]
    if len(known) == len(decisions):   # an unknown name: the engine reports it
        # a list fact no requested decision reads: the engine leaves it unread (columns.cpp);
        # not handing it over saves encoding each row's Python lists as JSON text as well
        read = facts_read(rs, decisions)
        names = [name for name in names if str(name) not in facts or str(name) in read
                 or not _list_fact(rs, str(name))]
    columns = []
    for name in names:
        key = (str(name), rs._fact_types.get(str(name)))
        if _converted is None or key not in _converted:
            column = _column(rs, str(name), get(name), n, scales, money_unit, percent_unit)
            if _converted is None:
                columns.append(column)
                continue
            _converted[key] = column
        columns.append(_converted[key])
    threads = min(int(threads), 1 << 16)   # the engine runs at most one per chunk of rows anyway
    ok, payload = rs._h.evaluate_columns(n, columns, as_of, decisions, threads, bool(reasons))
    if not ok:
        path, message = payload
        row = None
        if path.endswith("]") and "[" in path:
            path, row = path[:path.rindex("[")], int(path[path.rindex("[") + 1:-1])
        raise InputError(path or "frame", message, row=row)
    results = payload[0]   # then how many decisions went through the columnar kernels, the compiled code
    data = {}
    for name in extra:
        if str(name) in set(rs.decisions):
            raise InputError(str(name), "a passthrough column has the name of a decision, which the results hold")
        values = get(name)
        data[name] = values.to_numpy() if isinstance(values, pd.Series) else values
    for col in results:
        name = col["decision"]
        data[name] = _output(col, money)
        if states:
            data[name + ".state"] = pd.Categorical.from_codes(col["state"].astype(np.int8), categories=STATES)
        if reasons:
            data[name + ".reason"] = np.array([m or None for m in col["messages"]], dtype=object)
    return pd.DataFrame(data, index=index if index is not None else pd.RangeIndex(n))
