"""Months (issue 19): each case over a range of months in one call, as a long (case, month) frame."""

import pandas as pd
import pytest

import tenet


def test_each_case_over_twelve_months(weld, sample_cases):
    frame = tenet.read_cases(sample_cases[:30])
    out = weld.evaluate_months(frame, 12, decisions=["sanction_level", "grant_payable"])
    assert len(out) == 30 * 12 and out.index.names == ["case", "month"]
    months = sorted(set(out.index.get_level_values("month")))
    assert months[0] == pd.Timestamp("1999-06-01") and months[-1] == pd.Timestamp("2000-05-01")
    # each (case, month) is the case evaluated on that day
    for case, month in [(0, "1999-06-01"), (3, "1999-09-01"), (29, "2000-05-01")]:
        one = weld.evaluate(sample_cases[case], decisions=["sanction_level"], as_of=month)["decisions"]
        assert out.at[(case, pd.Timestamp(month)), "sanction_level"] == one.get("sanction_level")
    # a sanction episode moves through its levels as the months pass
    level = out["sanction_level"].unstack("month")
    assert (level.nunique(axis=1) > 1).any()


def test_a_month_end_steps_to_the_last_day_of_shorter_months(weld, sample_cases):
    frame = tenet.read_cases(sample_cases[:1]).drop(columns=["as_of"])
    out = weld.evaluate_months(frame, 3, start="2000-01-31", decisions=["eligible"])
    assert list(out.index.get_level_values("month")) == [pd.Timestamp(d) for d in
                                                        ("2000-01-31", "2000-02-29", "2000-03-31")]


def test_months_take_the_id_column_and_refuse_as_of(weld, sample_cases):
    frame = tenet.read_cases(sample_cases[:2])
    frame["case_id"] = ["A", "B"]
    out = weld.evaluate_months(frame.set_index("case_id"), 2, decisions=["eligible"])
    assert list(out.index.get_level_values("case_id")) == ["A", "B", "A", "B"]
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_months(frame, 2, as_of="1999-06-01", passthrough=["case_id"])
    assert e.value.path == "as_of"
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_months(frame, 2, start="1999-07-01", passthrough=["case_id"])
    assert e.value.path == "as_of"   # the column says 1999-06-01
