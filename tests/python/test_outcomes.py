"""One error model (CONTRACT §1): a decision is a value, absent, unresolved (a missing fact, or a
parameter with no value on the case's day) or failed (division by zero...), spelled the same in
evaluate's dict, evaluate_frame's states and reasons, and explanations."""

import json

import pandas as pd

import tenet

RATIO = """ruleset outcomes "one error model"
fact as_of: date
facts household {
  income: money in $0..
  grant: money in $0..
}
parameter bonus: money cite "x" {
  from 1998-03-01 = $10
}
rule ratio: decimal cite "6.1 A" = household.income / household.grant
decision share: decimal cite "6.1 B" = round_down(ratio, 2)
decision bonus_paid: money cite "6.2" = household.income + bonus
"""


def ratio_rules():
    return tenet.load_source("outcomes.tenet", RATIO, warnings=False)


def test_a_failure_is_under_errors_not_unresolved():
    rs = ratio_rules()
    out = rs.evaluate({"as_of": "1999-06-01", "household": {"income": "10.00", "grant": "0.00"}})
    assert out["decisions"] == {"bonus_paid": "20.00"}
    assert out["unresolved"] == {}
    # a decision that needs a failed rule fails with its message, which names the rule
    assert out["errors"] == {"share": "division by zero in rule `ratio` [6.1 A]"}


def test_errors_is_left_out_when_nothing_failed():
    out = ratio_rules().evaluate({"as_of": "1999-06-01", "household": {"income": "10.00", "grant": "5.00"}})
    assert set(out) == {"decisions", "unresolved"}
    assert out["decisions"]["share"] == 2


def test_a_parameter_without_a_value_leaves_its_decisions_unresolved():
    out = ratio_rules().evaluate({"as_of": "1998-02-10", "household": {"income": "10.00", "grant": "5.00"}})
    assert out["unresolved"] == {"bonus_paid": ["parameter bonus has no value before 1998-03-01"]}
    assert "errors" not in out


def test_the_explanation_names_the_failure():
    out = ratio_rules().explain({"as_of": "1999-06-01", "household": {"income": "10.00", "grant": "0.00"}},
                                decisions=["share"])
    step = [s for s in out["explanation"]["share"] if s["rule"] == "share"][0]
    assert step["value"] == "(error)"
    assert step["error"] == "division by zero in rule `ratio` [6.1 A]"


def test_frames_have_the_same_four_outcomes():
    frame = pd.DataFrame({
        "as_of": ["1999-06-01", "1999-06-01", "1998-02-10", "1999-06-01"],
        "household.income": ["10.00", "10.00", "10.00", None],
        "household.grant": ["5.00", "0.00", "5.00", "5.00"],
    })
    out = ratio_rules().evaluate_frame(frame, states=True, reasons=True)
    assert list(out["share.state"]) == ["ok", "error", "ok", "unresolved"]
    assert list(out["share.reason"]) == [None, "division by zero in rule `ratio` [6.1 A]", None, "household.income"]
    assert list(out["bonus_paid.state"]) == ["ok", "ok", "unresolved", "unresolved"]
    assert out["bonus_paid.reason"][2] == "parameter bonus has no value before 1998-03-01"


def test_a_weld_job_refusal_before_the_revision_is_unresolved_not_bad_input(weld, sample_cases):
    case = json.loads(json.dumps(sample_cases[0]))
    case["as_of"] = "1998-02-10"
    case["history"]["job_refusals"] = [{"date": "1998-02-01"}]
    case["history"]["supportive_payments"] = []
    reason = "parameter job_refusal_sanction_percent has no value before 1998-03-01"
    out = weld.evaluate(case, decisions=["adjusted_grant"])
    assert out == {"decisions": {}, "unresolved": {"adjusted_grant": [reason]}}
    frame = pd.DataFrame({
        "as_of": [case["as_of"]],
        "household.monthly_basic_cash_grant": [case["household"]["monthly_basic_cash_grant"]],
        "history.sanction_episodes": ["[]"],
        "history.job_refusals": [json.dumps(case["history"]["job_refusals"])],
    })
    got = weld.evaluate_frame(frame, decisions=["adjusted_grant"], states=True, reasons=True)
    assert got["adjusted_grant.state"][0] == "unresolved"
    assert got["adjusted_grant.reason"][0] == reason
