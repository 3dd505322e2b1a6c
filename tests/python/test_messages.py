"""Messages name the column and row (issue 19): a bad history value, NaN inside a list, a value
pandas holds that no fact can."""

import decimal

import pytest

import tenet


@pytest.fixture
def frame(sample_cases):
    return tenet.read_cases(sample_cases[:3])


@pytest.mark.parametrize("value, inner", [
    ('[{"date": "1999-01-01", "date": "1999-01-02", "kind": "transportation", "amount": "1.00", '
     '"work_experience_transport": false}]', "$[0].date"),
    ('[{"date": "1999-01-01", "kind": "transportation", "amount": "1.00", "work_experience_transport": false}, {',
     "not one JSON value"),
    ([{"date": "1999-01-01", "kind": "transportation", "amount": float("nan"), "work_experience_transport": False}],
     "$[0].amount: nan is not a number"),
])
def test_a_bad_history_names_its_column_row_and_place(weld, frame, value, inner):
    frame["history.supportive_payments"] = frame["history.supportive_payments"].astype(object)
    frame.at[1, "history.supportive_payments"] = value
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame, decisions=["supportive_approved"])
    assert (e.value.path, e.value.row) == ("history.supportive_payments", 1)
    assert inner in e.value.message


def test_a_scalar_value_no_fact_can_hold_names_its_row(weld, frame):
    frame["household.countable_resources"] = ["1.00", decimal.Decimal("Infinity"), "2.00"]
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame, decisions=["eligible"])
    assert (e.value.path, e.value.row) == ("household.countable_resources", 1)
