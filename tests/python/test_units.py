"""No silent wrong numbers (issue 19): integer money needs its unit, a percent below 1 is asked
about, "70%" is read as written, and as_of= never silently overrides an as_of column."""

import numpy as np
import pandas as pd
import pytest

import tenet

CAP = "county_fiscal_sanction_cap"


def county(share, **kw):
    return pd.DataFrame({"as_of": ["1999-06-01"] * len(share),
                         "county.federal_sanction_on_department": ["10000.00"] * len(share),
                         "county.department_funds_spent": ["8000.00"] * len(share),
                         "county.county_share": share, **kw})


def cap(weld, frame, **kw):
    return weld.evaluate_frame(frame, decisions=[CAP], **kw)[CAP].tolist()


def test_integer_money_without_a_unit_is_an_error_naming_the_column(weld):
    frame = pd.DataFrame({"as_of": ["1999-06-01"], "household.monthly_basic_cash_grant": np.array([26697])})
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame, decisions=["adjusted_grant"])
    assert e.value.path == "household.monthly_basic_cash_grant"
    assert "money_unit='dollars' or 'cents'" in str(e.value)


def test_money_unit_says_cents_or_dollars(weld, sample_cases):
    frame = tenet.read_cases(sample_cases[:1])
    frame["household.monthly_basic_cash_grant"] = np.array([26697])
    cents = weld.evaluate_frame(frame, decisions=["monthly_grant_before_sanction"], money_unit="cents")
    dollars = weld.evaluate_frame(frame, decisions=["monthly_grant_before_sanction"], money_unit="dollars")
    assert cents.at[0, "monthly_grant_before_sanction"] == 26697
    assert dollars.at[0, "monthly_grant_before_sanction"] == 2669700


def test_integers_among_money_texts_need_a_unit_too(weld):
    frame = county(["25%"], **{"county.department_funds_spent": np.array(["8000.00"], dtype=object)})
    frame["county.federal_sanction_on_department"] = np.array([500000], dtype=object)   # $5,000.00 in cents
    with pytest.raises(tenet.InputError) as e:
        cap(weld, frame)
    assert e.value.path == "county.federal_sanction_on_department"
    assert cap(weld, frame, money_unit="cents") == [125000]   # min($5,000, $8,000) x 25%


def test_a_percent_as_written_with_its_sign(weld):
    assert cap(weld, county(["70%", "25 %"])) == [560000, 200000]


def test_a_fraction_below_one_is_asked_about(weld):
    with pytest.raises(tenet.InputError) as e:
        cap(weld, county([0.7]))
    assert e.value.path == "county.county_share" and e.value.row == 0
    assert "70" in str(e.value) and "percent_unit" in str(e.value)
    with pytest.raises(tenet.InputError):
        cap(weld, county(["0.7"]))


def test_percent_unit_reads_fractions_or_points(weld):
    assert cap(weld, county([0.7, 0.25]), percent_unit="fraction") == [560000, 200000]
    assert cap(weld, county([0.7]), percent_unit="points") == [5600]
    assert cap(weld, county([70.0, 25])) == [560000, 200000]   # points, as in JSON


def test_a_frame_row_reads_percents_and_money_as_its_column_would(weld):
    row = county(["70%"]).iloc[0]
    assert weld.evaluate(row, decisions=[CAP])["decisions"][CAP] == "5600.00"
    with pytest.raises(tenet.InputError):
        weld.evaluate(county([0.7]).iloc[0], decisions=[CAP])


def test_as_of_that_contradicts_the_column_is_an_error(weld, sample_cases):
    frame = tenet.read_cases(sample_cases[:3])
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame, decisions=["eligible"], as_of="1999-07-01")
    assert e.value.path == "as_of" and e.value.row == 0
    same = weld.evaluate_frame(frame, decisions=["eligible"], as_of="1999-06-01")
    assert same["eligible"].tolist() == weld.evaluate_frame(frame, decisions=["eligible"])["eligible"].tolist()
    with pytest.raises(tenet.InputError):
        weld.evaluate(frame.iloc[0], decisions=["eligible"], as_of="1999-07-01")


def test_units_are_checked(weld, sample_cases):
    frame = tenet.read_cases(sample_cases[:1])
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame, money_unit="dollar")
    assert e.value.path == "money_unit"
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate_frame(frame, percent_unit="percent")
    assert e.value.path == "percent_unit"
