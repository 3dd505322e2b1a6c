"""Why did this family change? (issues 18 and 19): what_if gives each changed row its explanation
diff on the engine `tenet diff` uses, and explain takes a frame row."""

import json
import os
import subprocess

import pandas as pd
import pytest

import tenet
from conftest import SAMPLE, WELD

REFORM = {"resource_limit": "1500.00", "diversion_yearly_cap": "4000.00"}


@pytest.fixture(scope="module")
def sample_frame(sample_cases):
    return tenet.read_cases(sample_cases)


@pytest.fixture(scope="module")
def reformed(weld, sample_frame):
    return tenet.what_if(weld, REFORM, sample_frame)


def test_a_changed_row_names_the_parameter_with_its_citation(reformed):
    row = reformed.changes["eligible"].index[0]
    (d,) = [x for x in reformed.explain(row) if x["decision"] == "eligible"]
    assert d["outcome"] == "lost eligible"
    assert d["cause"].startswith("resource_limit $2,000.00 -> $1,500.00 [what-if override]")
    # a short-circuited bar is a consequence, not a cause
    assert "no longer used" not in d["cause"]
    assert any(c["rule"] == "resources_over_limit_bar" and c["cite"] == "6.002.1 B" for c in d["changes"])


def test_explanations_by_decision_and_cause(reformed):
    table = reformed.explanations("grant_payable")
    assert len(table) == reformed.summary.at["grant_payable", "changed"]
    assert table["cause"].str.contains("resource_limit").all()
    groups = reformed.by_cause("grant_payable")
    assert groups["rows"].sum() == len(table)


@pytest.mark.skipif(not os.environ.get("TENET_CLI"), reason="needs the tenet command (TENET_CLI)")
def test_the_same_diff_as_tenet_diff(weld, reformed, tmp_path):
    variant = tmp_path / "reform.tenet"
    variant.write_text('ruleset reform "r"\nextends "%s"\n'
                       'override parameter resource_limit: money = $1,500 cite "what-if override"\n'
                       'override parameter diversion_yearly_cap: money = $4,000 cite "what-if override"\n'
                       % os.path.relpath(WELD, tmp_path))
    run = subprocess.run([os.environ["TENET_CLI"], "diff", str(WELD), str(variant), "--cases", str(SAMPLE), "--json",
                          "--include-root", str(WELD.parent)], capture_output=True, text=True)
    report = json.loads(run.stdout)
    cli = {(c["case"] - 1, d["decision"]): d for c in report["changed_cases"] for d in c["decisions"]}
    ours = {(row, d["decision"]): d for d_name in reformed.changed_decisions
            for row in reformed.changes[d_name].index for d in reformed.explain(row)}
    assert set(cli) == set(ours)
    for key, d in cli.items():
        assert ours[key]["cause"] == d["cause"] and ours[key]["outcome"] == d["outcome"], key


def test_a_limit_says_which_bound_gave_the_value(weld):
    case = {"as_of": "1999-06-01", "request": {"diversion_items": [{"item": "relocation", "amount": "800.00"}] * 5,
                                              "director_exception": True},
            "history": {"diversion_payments": [{"date": "1999-03-01", "item": "relocation",
                                                 "amount": "3000.00"}]}}
    w = tenet.what_if(weld, {"diversion_yearly_cap": "4000.00"}, [case], decisions=["diversion_approved"])
    (d,) = w.explain(0)
    assert d["outcome"] == "diversion_approved $300.00 -> $1,000.00"
    assert d["limit_old"] == "at most $300.00 [6.007.2]" and d["limit_new"] == "at most $1,000.00 [6.007.2]"
    assert d["cause"].startswith("diversion_yearly_cap $3,300.00 -> $4,000.00")


def test_the_variant_evaluates_only_what_the_change_can_reach(weld, sample_frame, monkeypatch):
    import tenet.frame
    asked = []
    real = tenet.frame.evaluate_frame

    def spy(rs, frame, **kw):
        asked.append((rs.name, kw.get("decisions")))
        return real(rs, frame, **kw)
    monkeypatch.setattr(tenet.frame, "evaluate_frame", spy)
    w = tenet.what_if(weld, {"resource_limit": "1500.00"}, sample_frame)
    (variant,) = [d for name, d in asked if name.endswith("what_if")]
    assert set(variant) == {"eligible", "ineligibility_reasons", "grant_payable"}
    monkeypatch.undo()
    # ... and gives what evaluating every decision gives
    full = tenet.Ruleset.evaluate_frame(w.variant_ruleset, sample_frame, states=True)
    for d in weld.decisions:
        pd.testing.assert_series_equal(w.variant[d].reset_index(drop=True), full[d].reset_index(drop=True),
                                       check_names=False)


def test_explain_takes_a_frame_row(weld, sample_cases, sample_frame):
    for i in (0, 7, 42):
        assert weld.explain(sample_frame.iloc[i], decisions=["grant_payable"]) == \
            weld.explain(sample_cases[i], decisions=["grant_payable"])
    with pytest.raises(tenet.InputError):
        weld.explain(sample_frame.iloc[:2])   # two rows are not a case
