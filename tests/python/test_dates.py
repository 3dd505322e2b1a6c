"""A decision is for a day: datetimes are dates only at midnight and without a time zone, in case
dicts, in frame columns and as as_of=; any other is an InputError at its path, never a day
silently cut from it."""

import datetime
import json

import numpy as np
import pandas as pd
import pytest

import tenet


@pytest.fixture
def case(sample_cases):
    return json.loads(json.dumps(sample_cases[1]))   # a retention case: its history has dates


AT_ONE_PM = datetime.datetime(1999, 6, 1, 13, 0)
UTC = datetime.timezone.utc


def test_midnight_datetimes_are_days_in_dicts_and_as_of(weld, case):
    expected = weld.evaluate(case)
    for day in (datetime.date(1999, 6, 1), datetime.datetime(1999, 6, 1), pd.Timestamp("1999-06-01"),
                np.datetime64("1999-06-01"), np.datetime64("1999-06-01T00:00:00.000")):
        assert weld.evaluate(dict(case, as_of=day)) == expected, day
        assert weld.evaluate(case, as_of=day) == expected, day
    explained = weld.explain(case, as_of=datetime.date(1999, 6, 1), decisions=["eligible"])
    assert explained["decisions"] == weld.explain(case, decisions=["eligible"])["decisions"]
    when = case["history"]["employment_termination_date"]
    case["history"]["employment_termination_date"] = pd.Timestamp(when)
    case["history"]["retention_payments"][0]["date"] = datetime.datetime.fromisoformat(
        case["history"]["retention_payments"][0]["date"])
    assert weld.evaluate(case) == expected


@pytest.mark.parametrize("when", [AT_ONE_PM, pd.Timestamp("1999-06-01 00:00:00.000000001"),
                                  np.datetime64("1999-06-01T13:00"),
                                  datetime.datetime(1999, 6, 1, tzinfo=UTC), pd.Timestamp("1999-06-01", tz="US/Mountain")])
def test_a_time_of_day_or_a_time_zone_is_an_input_error_at_its_path(weld, case, when):
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate(dict(case, as_of=when))
    assert e.value.path == "$.as_of"
    case["history"]["retention_payments"][2]["date"] = when
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate(case)
    assert e.value.path == "$.history.retention_payments[2].date"
    for run in (weld.evaluate, weld.explain):
        with pytest.raises(tenet.InputError) as e:
            run({"household": {"size": 2}}, as_of=when)
        assert e.value.path == "as_of"
    frame = pd.json_normalize([case]).drop(columns=["as_of"])
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame, as_of=when)
    assert e.value.path == "as_of"
    with pytest.raises(tenet.InputError) as e:
        tenet.what_if(weld, {"diversion_yearly_cap": "4000.00"}, frame, as_of=when)
    assert e.value.path == "as_of"


def test_date_columns(weld, sample_cases):
    frame = pd.json_normalize(sample_cases[:30])
    expected = weld.evaluate_frame(frame)
    for column in (pd.to_datetime(frame["as_of"]), pd.to_datetime(frame["as_of"]).astype("datetime64[s]"),
                   pd.to_datetime(frame["as_of"]).map(lambda t: t.to_pydatetime()).astype(object),
                   pd.to_datetime(frame["as_of"]).map(lambda t: t.date()).astype(object)):
        pd.testing.assert_frame_equal(weld.evaluate_frame(frame.assign(as_of=column)), expected)
    pd.testing.assert_frame_equal(
        weld.evaluate_frame(frame.drop(columns=["as_of"]), as_of=datetime.date(1999, 6, 1)),
        weld.evaluate_frame(frame.drop(columns=["as_of"]), as_of="1999-06-01"))
    timed = frame.assign(as_of=pd.to_datetime(frame["as_of"]).astype(object))
    timed.loc[7, "as_of"] = AT_ONE_PM
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(timed)
    assert e.value.path == "as_of" and "time of day" in e.value.message
    # a tz-aware column is a moment, not a day: which day depends on the zone, so it is refused
    for tz in ("UTC", "US/Mountain"):
        aware = frame.assign(as_of=pd.to_datetime(frame["as_of"]).dt.tz_localize(tz))
        with pytest.raises(tenet.InputError) as e:
            weld.evaluate_frame(aware)
        assert e.value.path == "as_of" and "zone" in e.value.message
    aware = frame.assign(as_of=[datetime.datetime(1999, 6, 1, tzinfo=UTC)] * len(frame))
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(aware)
    assert e.value.path == "as_of" and "zone" in e.value.message


def test_a_date_override_in_what_if_has_no_time_of_day(weld):
    with pytest.raises(tenet.InputError) as e:
        weld.with_parameters({"drug_felony_cutoff": datetime.datetime(1996, 8, 22, 9, 30)})
    assert e.value.path == "drug_felony_cutoff"
    variant = weld.with_parameters({"drug_felony_cutoff": datetime.datetime(1996, 8, 22)})
    assert "1996-08-22" in variant.source
