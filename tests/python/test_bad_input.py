"""Every bad input to the package's entry points (load, evaluate, explain, evaluate_frame,
what_if, compare, dask.evaluate) raises a tenet.Error subclass whose .path names the place: the
file, the JSON path, the column (and .row), the parameter or the argument. Never another
exception, never an empty path."""

import datetime
import decimal
import json
import os

import numpy as np
import pandas as pd
import pytest

import tenet
from conftest import WELD

SURROGATE = b"single_\xff".decode("utf-8", "surrogateescape")   # bad bytes as Python keeps them


@pytest.fixture(scope="module")
def case():
    with open(WELD.parent / "caseload" / "weld_sample.jsonl") as f:
        return json.loads(f.readline())


def with_value(case, dotted, value):
    """A copy of `case` with the value at a dotted path ("household.size") replaced."""
    out = json.loads(json.dumps(case))
    *groups, key = dotted.split(".")
    place = out
    for g in groups:
        place = place[g]
    place[key] = value
    return out


def frame_of(case, rows=3, **columns):
    frame = pd.json_normalize([case] * rows)
    for name, values in columns.items():
        frame[name.replace("__", ".")] = values
    return frame


def list_column(case, row_value, rows=3, row=1):
    values = [case["history"]["supportive_payments"]] * rows
    values[row] = row_value
    return pd.Series(values, dtype=object)


def itself():
    case = {}
    case["a"] = case
    return case


def nested(depth):
    case = inner = {}
    for _ in range(depth):
        inner["a"] = {}
        inner = inner["a"]
    return case


def a_dask_frame(frame):
    dd = pytest.importorskip("dask.dataframe")
    return dd.from_pandas(frame, npartitions=1)


def dask_evaluate(*args, **kw):
    import tenet.dask
    return tenet.dask.evaluate(*args, **kw)


# (what, call(rs, case) -> raises, error class, .path, .row (None: not checked))
BAD = [
    # load
    ("load a missing file", lambda rs, c: tenet.load(WELD.parent / "no_such.tenet"), tenet.CompileError,
     str(WELD.parent / "no_such.tenet"), None),
    ("load a missing file named in bytes that are not UTF-8", lambda rs, c: tenet.load(os.fsencode(WELD.parent) + b"/\xff.tenet"),
     tenet.CompileError, os.fsdecode(os.fsencode(WELD.parent) + b"/\xff.tenet"), None),
    ("load a number", lambda rs, c: tenet.load(42), tenet.InputError, "path", None),
    ("load an empty name", lambda rs, c: tenet.load(""), tenet.InputError, "path", None),
    ("load a name with NUL", lambda rs, c: tenet.load(str(WELD) + "\0.bak"), tenet.InputError, "path", None),
    ("load_source bad text", lambda rs, c: tenet.load_source("x.tenet", 'ruleset x "' + SURROGATE + '"'),
     tenet.InputError, "text", None),
    ("load_source no text", lambda rs, c: tenet.load_source("x.tenet", None), tenet.InputError, "text", None),
    # evaluate and explain: the JSON path
    ("unknown key", lambda rs, c: rs.evaluate(with_value(c, "household.sise", 3)), tenet.InputError,
     "$.household.sise", None),
    ("infinite float", lambda rs, c: rs.evaluate(with_value(c, "household.size", float("inf"))), tenet.InputError,
     "$.household.size", None),
    ("Decimal NaN", lambda rs, c: rs.explain(with_value(c, "household.monthly_gross_income", decimal.Decimal("NaN"))),
     tenet.InputError, "$.household.monthly_gross_income", None),
    ("an object", lambda rs, c: rs.evaluate(with_value(c, "caretaker.age", object())), tenet.InputError,
     "$.caretaker.age", None),
    ("an int of 5000 digits", lambda rs, c: rs.evaluate(with_value(c, "caretaker.age", 10 ** 5000)),
     tenet.InputError, "$.caretaker.age", None),
    ("bytes value", lambda rs, c: rs.evaluate(with_value(c, "household.family_type", b"single_parent")),
     tenet.InputError, "$.household.family_type", None),
    ("lone surrogate in a value", lambda rs, c: rs.evaluate(with_value(c, "household.family_type", SURROGATE)),
     tenet.InputError, "$.household.family_type", None),
    ("lone surrogate in a key", lambda rs, c: rs.evaluate(with_value(c, "household." + SURROGATE, 1)),
     tenet.InputError, "$.household", None),
    ("lone surrogate in a case list", lambda rs, c: rs.evaluate(with_value(c, "history.supportive_payments",
                                                                        [{"kind": SURROGATE}])),
     tenet.InputError, "$.history.supportive_payments[0].kind", None),
    ("lone surrogate in JSON text", lambda rs, c: rs.evaluate('{"as_of": "' + SURROGATE + '"}'), tenet.InputError,
     "$", None),
    ("invalid UTF-8 in JSON bytes", lambda rs, c: rs.evaluate(b'{"as_of": "1999-06-01", "household": {"family_type": '
                                                              b'"single_\xff"}}'), tenet.InputError, "$", None),
    ("a case that is a list", lambda rs, c: rs.evaluate([c]), tenet.InputError, "$", None),
    ("a case that contains itself", lambda rs, c: rs.evaluate(itself()), tenet.InputError, "$" + ".a" * 513, None),
    ("a case nested 5,000 deep", lambda rs, c: rs.evaluate(nested(5000)), tenet.InputError, "$" + ".a" * 513, None),
    ("as_of a number", lambda rs, c: rs.evaluate(c, as_of=19990601), tenet.InputError, "as_of", None),
    ("as_of not a date", lambda rs, c: rs.explain(c, as_of="1999-02-30"), tenet.InputError, "as_of", None),
    ("as_of with a time of day", lambda rs, c: rs.evaluate(c, as_of=datetime.datetime(1999, 6, 1, 8)),
     tenet.InputError, "as_of", None),
    ("decisions not names", lambda rs, c: rs.evaluate(c, decisions=[1]), tenet.InputError, "decisions", None),
    ("decisions a number", lambda rs, c: rs.evaluate(c, decisions=5), tenet.InputError, "decisions", None),
    ("decision not text", lambda rs, c: rs.evaluate(c, decisions=SURROGATE), tenet.InputError, "decisions", None),
    ("no such decision", lambda rs, c: rs.evaluate(c, decisions=["eligble"]), tenet.InputError, "eligble", None),
    # evaluate_frame: the column (and row) or the argument
    ("frame a list", lambda rs, c: rs.evaluate_frame([c]), tenet.InputError, "frame", None),
    ("threads 0", lambda rs, c: rs.evaluate_frame(frame_of(c), threads=0), tenet.InputError, "threads", None),
    ("money euros", lambda rs, c: rs.evaluate_frame(frame_of(c), money="euros"), tenet.InputError, "money", None),
    ("scales a list", lambda rs, c: rs.evaluate_frame(frame_of(c), scales=[2]), tenet.InputError, "scales", None),
    ("scales of a missing column", lambda rs, c: rs.evaluate_frame(frame_of(c), scales={"household.income": 2}),
     tenet.InputError, "household.income", None),
    ("scales out of range", lambda rs, c: rs.evaluate_frame(frame_of(c, household__monthly_gross_income=[1, 2, 3]),
                                                            scales={"household.monthly_gross_income": 40}),
     tenet.InputError, "household.monthly_gross_income", None),
    ("scales an int of 5000 digits", lambda rs, c: rs.evaluate_frame(
        frame_of(c, household__monthly_gross_income=[1, 2, 3]), scales={"household.monthly_gross_income": 10 ** 5000}),
     tenet.InputError, "household.monthly_gross_income", None),
    ("frame as_of a number", lambda rs, c: rs.evaluate_frame(frame_of(c), as_of=1999), tenet.InputError, "as_of", None),
    ("frame no such decision", lambda rs, c: rs.evaluate_frame(frame_of(c), decisions="eligble"), tenet.InputError,
     "eligble", None),
    ("unknown column", lambda rs, c: rs.evaluate_frame(frame_of(c, household__sise=[1, 2, 3])), tenet.InputError,
     "household.sise", None),
    ("columns of two lengths", lambda rs, c: rs.evaluate_frame({"as_of": ["1999-06-01"] * 2, "household.size": [1]}),
     tenet.InputError, "household.size", None),
    ("a scalar for a column", lambda rs, c: rs.evaluate_frame({"as_of": ["1999-06-01"], "household.size": 3}),
     tenet.InputError, "household.size", None),
    ("a 2-d column", lambda rs, c: rs.evaluate_frame({"as_of": ["1999-06-01"] * 2, "household.size": np.ones((2, 2))}),
     tenet.InputError, "household.size", None),
    ("tz-aware as_of column", lambda rs, c: rs.evaluate_frame(
        frame_of(c, as_of=pd.to_datetime(["1999-06-01"] * 3).tz_localize("UTC"))), tenet.InputError, "as_of", None),
    ("Period as_of column", lambda rs, c: rs.evaluate_frame(
        frame_of(c, as_of=pd.PeriodIndex(["1999-06-01"] * 3, freq="D"))), tenet.InputError, "as_of", None),
    ("lone surrogate in a column", lambda rs, c: rs.evaluate_frame(
        frame_of(c, household__family_type=["single_parent", SURROGATE, "single_parent"])), tenet.InputError,
     "household.family_type", 1),
    ("lone surrogate in a categorical", lambda rs, c: rs.evaluate_frame(
        frame_of(c, household__family_type=pd.Categorical(["single_parent", "single_parent", SURROGATE]))),
     tenet.InputError, "household.family_type", 2),
    ("lone surrogate in a list text", lambda rs, c: rs.evaluate_frame(
        frame_of(c, history__supportive_payments=list_column(c, '[{"kind": "' + SURROGATE + '"}]'))),
     tenet.InputError, "history.supportive_payments", 1),
    ("lone surrogate in a list column", lambda rs, c: rs.evaluate_frame(
        frame_of(c, history__supportive_payments=list_column(c, [{"kind": SURROGATE}]))),
     tenet.InputError, "history.supportive_payments", 1),
    ("bytes in a column", lambda rs, c: rs.evaluate_frame(frame_of(c, household__family_type=[b"single_parent"] * 3)),
     tenet.InputError, "household.family_type", None),
    ("a list text that is not one JSON value", lambda rs, c: rs.evaluate_frame(
        frame_of(c, history__supportive_payments=list_column(c, '[]}, "caretaker": {"age": 30}, "x": {"y": []'))),
     tenet.InputError, "history.supportive_payments", 1),
    ("a list text cut short", lambda rs, c: rs.evaluate_frame(
        frame_of(c, history__supportive_payments=list_column(c, "[{"))), tenet.InputError,
     "history.supportive_payments", 1),
    ("UInt64 past int64", lambda rs, c: rs.evaluate_frame(
        frame_of(c, household__size=pd.array([1, 2, 2 ** 63], dtype="UInt64"))), tenet.InputError, "household.size", 2),
    ("an int of 5000 digits in a column", lambda rs, c: rs.evaluate_frame(
        frame_of(c, household__size=pd.Series([1, 10 ** 5000, 2], dtype=object))), tenet.InputError,
     "household.size", None),
    # what_if and compare: the parameter or the argument
    ("override 1e30", lambda rs, c: tenet.what_if(rs, {"diversion_yearly_cap": "1e30"}, [c]), tenet.InputError,
     "diversion_yearly_cap", None),
    ("override 1e999999", lambda rs, c: tenet.what_if(rs, {"postsecondary_min_gpa": "1e999999"}, [c]),
     tenet.InputError, "postsecondary_min_gpa", None),
    ("override an int of 5000 digits", lambda rs, c: tenet.what_if(rs, {"minor_age": 10 ** 5000}, [c]),
     tenet.InputError, "minor_age", None),
    ("override a date with an int of 5000 digits", lambda rs, c: rs.with_parameters({"drug_felony_cutoff": 10 ** 5000}),
     tenet.InputError, "drug_felony_cutoff", None),
    ("override an enum with NA", lambda rs, c: rs.with_parameters({"retention_cap_basis": pd.NA}), tenet.InputError,
     "retention_cap_basis", None),
    ("override no such parameter", lambda rs, c: tenet.what_if(rs, {"diversion_cap": "1.00"}, [c]), tenet.InputError,
     "diversion_cap", None),
    ("override an impossible date", lambda rs, c: tenet.what_if(rs, {"drug_felony_cutoff": "1996-02-30"}, [c]),
     tenet.InputError, "drug_felony_cutoff", None),
    ("no overrides", lambda rs, c: tenet.what_if(rs, {}, [c]), tenet.InputError, "overrides", None),
    ("base not a ruleset", lambda rs, c: tenet.what_if(str(WELD), {"minor_age": 18}, [c]), tenet.InputError,
     "base", None),
    ("cases a number", lambda rs, c: tenet.what_if(rs, {"minor_age": 18}, 5), tenet.InputError, "cases", None),
    ("a bad case in a list", lambda rs, c: tenet.what_if(rs, {"minor_age": 18}, [c, with_value(c, "household.size", 99)]),
     tenet.InputError, "$.household.size", 1),
    ("what_if no such decision", lambda rs, c: tenet.what_if(rs, {"minor_age": 18}, [c], decisions="eligble"),
     tenet.InputError, "eligble", None),
    ("compare with a number", lambda rs, c: rs.compare(5, [c]), tenet.InputError, "variant", None),
    ("compare a bad column", lambda rs, c: rs.compare(rs, frame_of(c, household__size=[1, 99, 1])), tenet.InputError,
     "household.size", 1),
    # dask.evaluate
    ("dask a missing ruleset", lambda rs, c: dask_evaluate(a_dask_frame(frame_of(c)), WELD.parent / "no_such.tenet"),
     tenet.CompileError, str(WELD.parent / "no_such.tenet"), None),
    ("dask a pandas frame", lambda rs, c: dask_evaluate(frame_of(c), WELD), tenet.InputError, "ddf", None),
    ("dask a bad option", lambda rs, c: dask_evaluate(a_dask_frame(frame_of(c)), WELD, money="euros"),
     tenet.InputError, "money", None),
    ("dask a tz-aware as_of column", lambda rs, c: dask_evaluate(
        a_dask_frame(frame_of(c, as_of=pd.to_datetime(["1999-06-01"] * 3).tz_localize("UTC"))), WELD),
     tenet.InputError, "as_of", None),
]


@pytest.mark.parametrize("what, call, error, path, row", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_tenet_error_with_its_path(weld, case, what, call, error, path, row):
    with pytest.raises(tenet.Error) as e:
        call(weld, case)
    assert type(e.value) is error, (what, type(e.value), e.value)
    assert e.value.path == path, (what, e.value.path, str(e.value))
    if row is not None:
        assert e.value.row == row, (what, e.value.row)
    assert str(e.value)


def test_what_the_brief_found_raising_other_exceptions_is_now_accepted_or_an_input_error(weld, case):
    # a datetime.date as_of is a day
    assert weld.evaluate(case, as_of=datetime.date(1999, 6, 1)) == weld.evaluate(case, as_of="1999-06-01")
    # invalid UTF-8 inside str values: a case read with errors="surrogateescape"
    text = json.dumps(with_value(case, "household.family_type", "x"), ensure_ascii=False).replace('"x"', '"\udcff"')
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate(text)
    assert e.value.path == "$"


def test_a_date_decision_pandas_cannot_hold_is_an_error_at_the_decision_and_row(weld, case):
    dates = [d for d in weld.decisions if weld.decision_type(d).rstrip("?") == "date"]
    frame = pd.json_normalize([case] * 2).drop(columns=["as_of"])
    out = weld.evaluate(case, decisions=dates, as_of="2299-01-01")["decisions"]
    late = [d for d, v in out.items() if v[:1].isdigit() and v > "2262-04-11"]
    assert late, out
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame, decisions=late[0], as_of="2299-01-01")
    assert (e.value.path, e.value.row) == (late[0], 0)
