"""evaluate_frame gives, row by row and decision by decision, what evaluate gives for the same
case (the JSON path), whatever the input encoding; bad columns raise InputError naming the column
and row; floats pass only when exact."""

import decimal

import numpy as np
import pandas as pd
import pytest

import tenet
from weld_synthetic import SCALES, case_dicts, weld_frame


def sample_frame(cases):
    return pd.json_normalize(cases)


def json_value(value, type_name, forever_words=("forever", "lifetime")):
    """A frame value in the form evaluate() gives it."""
    bare = type_name.rstrip("?")
    if bare == "money":
        cents = int(value)
        sign = "-" if cents < 0 else ""
        return "%s%d.%02d" % (sign, abs(cents) // 100, abs(cents) % 100)
    if bare == "date":
        if value == pd.Timestamp.max:
            return "forever"
        return value.date().isoformat()
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    return value


def assert_same_as_evaluate(rs, cases, frame_out, decisions=None):
    decisions = decisions or rs.decisions
    for i, case in enumerate(cases):
        out = rs.evaluate(case, decisions=decisions)
        for d in decisions:
            state = frame_out[d + ".state"].iloc[i]
            if d in out["decisions"]:
                assert state == "ok", (i, d, state, out["unresolved"].get(d))
                got = json_value(frame_out[d].iloc[i], rs.decision_type(d))
                want = out["decisions"][d]
                if got == "forever":
                    assert isinstance(want, str) and not want[:1].isdigit(), (i, d, want)
                else:
                    assert got == want, (i, d, got, want)
            elif d in out["unresolved"]:
                assert state == "unresolved", (i, d, state)
                assert frame_out[d + ".reason"].iloc[i] == ", ".join(out["unresolved"][d]), (i, d)
                assert pd.isna(frame_out[d].iloc[i]) if not isinstance(frame_out[d].iloc[i], list) else False
            elif d in out.get("errors", {}):
                assert state == "error", (i, d, state)
                assert frame_out[d + ".reason"].iloc[i] == out["errors"][d], (i, d)
                assert pd.isna(frame_out[d].iloc[i]) if not isinstance(frame_out[d].iloc[i], list) else False
            else:
                assert state == "absent", (i, d, state)


def test_the_sample_caseload_agrees_with_the_json_path(weld, sample_cases):
    frame = sample_frame(sample_cases)
    out = weld.evaluate_frame(frame, states=True, reasons=True)
    assert len(out) == len(sample_cases)
    assert out["adjusted_grant"].dtype == "Int64"
    assert out["eligible"].dtype == "boolean"
    assert_same_as_evaluate(weld, sample_cases, out)


def test_typed_columns_and_threads_give_the_same_frame(weld, sample_cases):
    frame = sample_frame(sample_cases)
    base = weld.evaluate_frame(frame)
    typed = frame.copy()
    # money as int cents with scales=, as Decimal objects, and as exact floats
    income = typed["household.monthly_gross_income"]
    typed["household.monthly_gross_income"] = pd.array(
        [None if pd.isna(x) else int(decimal.Decimal(x) * 100) for x in income], dtype="Int64")
    typed["household.countable_resources"] = [None if pd.isna(x) else decimal.Decimal(x)
                                              for x in typed["household.countable_resources"]]
    typed["household.monthly_food_stamps"] = [float(x) for x in typed["household.monthly_food_stamps"]]
    typed["as_of"] = pd.to_datetime(typed["as_of"])
    typed["household.family_type"] = typed["household.family_type"].astype("category")
    again = weld.evaluate_frame(typed, threads=2, scales={"household.monthly_gross_income": 2})
    pd.testing.assert_frame_equal(base, again)


def test_dict_of_numpy_arrays(weld):
    frame = weld_frame(500, seed=7)
    as_dict = {c: (frame[c].to_numpy() if not isinstance(frame[c].dtype, pd.CategoricalDtype)
                   else frame[c].astype(object).to_numpy()) for c in frame.columns}
    a = weld.evaluate_frame(frame, scales=SCALES)
    b = weld.evaluate_frame(as_dict, scales=SCALES)
    pd.testing.assert_frame_equal(a, b, check_categorical=False)


def test_synthetic_rows_in_several_periods_agree_with_the_json_path(weld):
    frame = weld_frame(300, seed=11)
    out = weld.evaluate_frame(frame, scales=SCALES, states=True, reasons=True)
    cases = case_dicts(frame)
    assert_same_as_evaluate(weld, cases, out)


def test_as_of_for_the_whole_batch(weld, sample_cases):
    frame = sample_frame(sample_cases[:50]).drop(columns=["as_of"])
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame)
    assert e.value.path == "as_of"
    out = weld.evaluate_frame(frame, as_of="1998-06-01", decisions=["diversion_approved"])
    cases = [dict(c, as_of="1998-06-01") for c in sample_cases[:50]]
    expected = [weld.evaluate(c, decisions=["diversion_approved"])["decisions"].get("diversion_approved") for c in cases]
    got = [None if pd.isna(v) else json_value(v, "money") for v in out["diversion_approved"]]
    assert got == expected


def test_bad_columns_raise_input_error(weld, sample_cases):
    frame = sample_frame(sample_cases[:20])
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame.rename(columns={"household.size": "household.sise"}))
    assert e.value.path == "household.sise"
    bad = frame.copy()
    bad.loc[5, "child_care.provider"] = "daycare"
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(bad)
    assert (e.value.path, e.value.row) == ("child_care.provider", 5)
    assert "licensed_center" in e.value.message
    bad = frame.copy()
    bad.loc[3, "household.size"] = 99
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(bad)
    assert (e.value.path, e.value.row) == ("household.size", 3)
    bad = frame.copy()
    bad["as_of"] = pd.to_datetime(bad["as_of"]) + pd.Timedelta(hours=3)
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(bad)
    assert "time of day" in e.value.message
    with pytest.raises(tenet.InputError):
        weld.evaluate_frame(frame, decisions=["no_such_decision"])
    bad = frame.copy()
    bad["household.size"] = [[1]] * len(bad)
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(bad)
    assert e.value.path == "household.size"
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(pd.concat([frame, frame[["household.size"]]], axis=1))
    assert "two columns" in e.value.message
    with pytest.raises(tenet.Error):
        weld.evaluate_frame([1, 2, 3])
    with pytest.raises(tenet.Error):
        weld.evaluate_frame(frame, threads=0)
    one = weld.evaluate_frame(frame, decisions="eligible")
    assert list(one.columns) == ["eligible"]


def test_float_money_only_when_exact(weld, sample_cases):
    frame = sample_frame(sample_cases[:20])
    exact = frame.copy()
    exact["household.monthly_gross_income"] = frame["household.monthly_gross_income"].astype(float)
    pd.testing.assert_frame_equal(weld.evaluate_frame(frame), weld.evaluate_frame(exact))
    inexact = exact.copy()
    inexact.loc[4, "household.monthly_gross_income"] = 0.1 + 0.2
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(inexact)
    assert (e.value.path, e.value.row) == ("household.monthly_gross_income", 4)
    cents = exact.copy()
    cents.loc[4, "household.monthly_gross_income"] = 12.345
    with pytest.raises(tenet.InputError):
        weld.evaluate_frame(cents)
    ints = frame.copy()
    ints["household.size"] = ints["household.size"].astype(float)
    ints.loc[2, "household.size"] = 2.5
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(ints)
    assert (e.value.path, e.value.row) == ("household.size", 2)


def test_money_as_decimal_or_str(weld, sample_cases):
    frame = sample_frame(sample_cases[:30])
    cents = weld.evaluate_frame(frame, decisions=["adjusted_grant"])["adjusted_grant"]
    as_str = weld.evaluate_frame(frame, decisions=["adjusted_grant"], money="str")["adjusted_grant"]
    as_dec = weld.evaluate_frame(frame, decisions=["adjusted_grant"], money="decimal")["adjusted_grant"]
    for c, s, d in zip(cents, as_str, as_dec):
        if pd.isna(c):
            assert s is None and d is None
        else:
            assert s == json_value(c, "money") and d == decimal.Decimal(s)


def test_an_empty_frame_gives_an_empty_frame_of_the_same_columns_and_dtypes(weld, sample_cases):
    # the sample's list facts (histories) are object columns of Python lists
    frame = sample_frame(sample_cases[:20])
    full = weld.evaluate_frame(frame, states=True, reasons=True)
    for empty_in in (frame.iloc[:0], {c: [] for c in frame.columns}, frame.iloc[:0].astype(object)):
        empty = weld.evaluate_frame(empty_in, states=True, reasons=True)
        assert len(empty) == 0
        assert list(empty.columns) == list(full.columns)
        assert dict(empty.dtypes) == dict(full.dtypes)
    # an empty frame's columns are still checked
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame.iloc[:0].rename(columns={"history.job_refusals": "history.job_refusal"}))
    assert e.value.path == "history.job_refusal"


def test_dates_and_enums_come_out_at_four_bytes_a_row(weld, sample_cases):
    # the raw columns the engine hands over: int32 days and enum indices (memory, issue 21);
    # the frame still holds datetime64 and categoricals
    decisions = ["exemption_redetermine_by", "sanction_grounds"]
    frame = tenet.read_cases(sample_cases[:30])
    out = weld.evaluate_frame(frame, decisions=decisions, states=True, reasons=True)
    assert out["exemption_redetermine_by"].dtype == np.dtype("datetime64[ns]")
    assert isinstance(out["sanction_grounds"].dtype, pd.CategoricalDtype)
    assert_same_as_evaluate(weld, sample_cases[:30], out, decisions)
    columns = [("as_of", "days", np.array([10592], dtype=np.int64), None, None)]
    ok, (raw, *_) = weld._h.evaluate_columns(1, columns, "", decisions, 1, False)
    assert ok
    assert [c["values"].dtype for c in raw] == [np.dtype(np.int32), np.dtype(np.int32)]
