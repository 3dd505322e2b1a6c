"""What-if analysis: parameter overrides compiled as a ruleset layer, and the differences per
decision between two rulesets on one caseload."""

import decimal
import json

import pandas as pd
import pytest

import tenet
from conftest import WELD


def test_a_higher_yearly_diversion_cap(weld, sample_cases):
    # $2,000 paid this year, $3,000 asked with the Director's exception: the yearly cap binds
    case = json.loads(json.dumps(sample_cases[0]))
    case["history"]["diversion_payments"] = [{"date": "1999-01-15", "item": "relocation", "amount": "2000.00"}]
    case["request"]["diversion_items"] = [{"item": "relocation", "amount": "3000.00"}]
    case["request"]["director_exception"] = True
    cases = [sample_cases[1], case, sample_cases[2]]
    result = tenet.what_if(weld, {"diversion_yearly_cap": "4000.00"}, pd.json_normalize(cases))
    changes = result.changes["diversion_approved"]
    assert list(changes.index) == [1]
    assert (changes.at[1, "old"], changes.at[1, "new"]) == (1300_00, 2000_00)   # cents
    assert result.summary.loc["eligible", "changed"] == 0
    # the same through the JSON path, with a list of cases
    result = tenet.what_if(weld, {"diversion_yearly_cap": "4000.00"}, cases, decisions=["diversion_approved"])
    assert result.changes["diversion_approved"].to_dict("list") == {
        "old": ["1300.00"], "new": ["2000.00"], "old_state": ["ok"], "new_state": ["ok"]}


def test_changed_rows_are_those_where_evaluate_differs(weld, sample_cases):
    frame = pd.json_normalize(sample_cases)
    result = tenet.what_if(weld, {"diversion_yearly_cap": "500.00"}, frame)
    assert set(result.changed_decisions) <= {"diversion_approved", "diversion_waiver_months"}
    changes = result.changes["diversion_approved"]
    assert len(changes) > 0
    assert (changes["new"].astype("Int64") <= changes["old"].astype("Int64")).all()
    variant = weld.with_parameters({"diversion_yearly_cap": "500.00"})
    for i, case in enumerate(sample_cases):
        a = weld.evaluate(case, decisions=["diversion_approved"])["decisions"].get("diversion_approved")
        b = variant.evaluate(case, decisions=["diversion_approved"])["decisions"].get("diversion_approved")
        assert (a != b) == (i in changes.index), i


def test_overrides_by_period_and_the_explanation_shows_them(weld, sample_cases):
    variant = weld.with_parameters({"diversion_yearly_cap": {"before 1999-01-01": "1650", "from 1999-01-01": decimal.Decimal("5000")}})
    out = variant.explain(sample_cases[0], decisions=["diversion_approved"])
    caps = [s for s in out["explanation"]["diversion_approved"] if s.get("rule") == "diversion_yearly_cap"]
    assert caps and caps[0]["value"] == "5000.00"
    assert "what-if" in caps[0]["cite"]


def test_list_of_cases_and_the_same_ruleset_changes_nothing(weld, sample_cases):
    same = tenet.load(WELD)
    result = weld.compare(same, sample_cases[:40])
    assert result.summary["changed"].sum() == 0
    result = weld.compare({"diversion_payment_cap": 100}, sample_cases[:40], decisions=["diversion_approved"])
    assert list(result.summary.index) == ["diversion_approved"]


def test_bad_overrides_are_input_errors(weld):
    with pytest.raises(tenet.InputError) as e:
        weld.with_parameters({"diversion_yearly_capp": "4000"})
    assert e.value.path == "diversion_yearly_capp"
    with pytest.raises(tenet.InputError) as e:
        weld.with_parameters({"diversion_yearly_cap": "lots"})
    assert e.value.path == "diversion_yearly_cap"
    with pytest.raises(tenet.InputError) as e:
        weld.with_parameters({"diversion_yearly_cap": "4000.001"})
    assert "cents" in e.value.message
    with pytest.raises(tenet.InputError):
        weld.with_parameters({"diversion_yearly_cap": 0.1 + 0.2})
    with pytest.raises(tenet.InputError):
        weld.with_parameters({"work_requirement_months": "24"})
    with pytest.raises(tenet.InputError):
        weld.with_parameters({"diversion_yearly_cap": {"since 1999": "1"}})
    with pytest.raises(tenet.InputError) as e:
        # overlapping periods: the checker's error, reported against the parameter
        weld.with_parameters({"diversion_yearly_cap": {"from 1998-01-01": "1", "from 1999-01-01": "2"}})
    assert e.value.path == "diversion_yearly_cap"


def test_states_false_is_ignored_as_the_comparison_needs_them(weld, sample_cases):
    frame = pd.json_normalize(sample_cases[:20])
    w = tenet.what_if(weld, {"diversion_yearly_cap": "4000.00"}, frame, states=False, money="str")
    assert "diversion_approved" in w.summary.index
