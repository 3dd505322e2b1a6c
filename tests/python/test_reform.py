"""Reforms as analysts use them (issue 19): cost and winners/losers by group, weights, the grant
actually payable, and the caseload aggregates of `tenet caseload`."""

import decimal
import json
import os
import subprocess

import numpy as np
import pytest

import tenet
from conftest import SAMPLE, WELD

REFORM = {"resource_limit": "1500.00"}


@pytest.fixture(scope="module")
def frame(sample_cases):
    df = tenet.read_cases(sample_cases)
    df["weight"] = 2.5
    return df


def test_grant_payable_is_zero_for_every_ineligible_or_disqualified_family(weld, frame):
    out = weld.evaluate_frame(frame, decisions=["eligible", "caretaker_disqualified", "adjusted_grant",
                                                "grant_payable"], passthrough=["weight"])
    barred = (out["eligible"] == False) | (out["caretaker_disqualified"] == True)  # noqa: E712
    assert barred.sum() >= 68
    assert (out.loc[barred, "grant_payable"] == 0).all()
    assert (out.loc[barred, "adjusted_grant"] > 0).sum() >= 49   # what a sum of adjusted_grant would overstate
    paid = out["eligible"].fillna(False) & (out["caretaker_disqualified"] == False)  # noqa: E712
    assert (out.loc[paid, "grant_payable"] == out.loc[paid, "adjusted_grant"]).all()
    (info,) = [d for d in weld._h.decisions if d[0] == "grant_payable"]
    assert "6.002.1" in info[3][0] and "6.011.11" in info[3][0]


def test_cost_and_winners_losers_by_group(weld, frame):
    r = tenet.reform(weld, REFORM, frame, passthrough=["weight"])
    table = r.winners_losers(by="household.family_type")
    old, new = r.base["grant_payable"], r.variant["grant_payable"]
    both = old.notna() & new.notna()
    assert table["losers"].sum() == int(((new < old) & both).sum()) > 0
    assert table["winners"].sum() == 0   # a lower limit helps no one
    change = decimal.Decimal(int((new[both] - old[both]).sum())) / 100
    assert sum(table["change"]) == change
    assert r.cost().at["all", "change"] == change
    assert set(table.index) == {"single_parent", "two_parent"}


def test_weights_weigh_every_count_and_sum(weld, frame):
    plain = tenet.reform(weld, REFORM, frame, passthrough=["weight"]).winners_losers(by="household.family_type")
    weighted = tenet.reform(weld, REFORM, frame, weights="weight").winners_losers(by="household.family_type")
    for column in ("cases", "winners", "losers", "unchanged", "unresolved"):
        assert [decimal.Decimal(str(x)) * decimal.Decimal("2.5") for x in plain[column]] == \
            [decimal.Decimal(str(x)) for x in weighted[column]], column
    for column in ("before", "after", "change"):
        assert [x * decimal.Decimal("2.5") for x in plain[column]] == list(weighted[column]), column


def test_weights_that_are_not_numbers_are_errors(weld, frame):
    bad = frame.assign(weight=["x"] * len(frame))
    with pytest.raises(tenet.InputError) as e:
        tenet.reform(weld, REFORM, bad, weights="weight")
    assert e.value.path == "weights"
    with pytest.raises(tenet.InputError):
        tenet.reform(weld, REFORM, frame.assign(weight=-1.0), weights="weight")


def test_exact_sums_of_float_weights(weld, frame):
    w = np.full(len(frame), 0.1)
    r = tenet.reform(weld, REFORM, frame, weights=w, passthrough=["weight"])
    total = r.cost().at["all", "before"]
    cents = int(r.base["grant_payable"][r.base["grant_payable.state"].eq("ok")
                                        & r.variant["grant_payable.state"].eq("ok")].sum())
    assert total == (decimal.Decimal(cents) / 1000).quantize(decimal.Decimal("0.01"), decimal.ROUND_HALF_UP)


@pytest.mark.skipif(not os.environ.get("TENET_CLI"), reason="needs the tenet command (TENET_CLI)")
def test_caseload_counts_as_tenet_caseload(weld, frame):
    run = subprocess.run([os.environ["TENET_CLI"], "caseload", str(WELD), "--cases", str(SAMPLE)],
                         capture_output=True, text=True, check=True)
    cli = json.loads(run.stdout)
    ours = tenet.caseload(weld, frame, passthrough=["weight"])
    assert len(ours) == sum(len(years) for years in cli.values())
    for (family, year), row in ours.iterrows():
        theirs = cli[family][year]
        assert row["cases"] == theirs["cases"] and row["participating"] == theirs["participating"]
        assert row["rate"] == decimal.Decimal(str(theirs["rate"]))
        assert row["target"] == (None if theirs["target"] is None else decimal.Decimal(str(theirs["target"])))
        assert row["meets_target"] == theirs["meets_target"]
        assert row["unresolved"] == theirs.get("unresolved", 0)
    weighted = tenet.caseload(weld, frame, weights="weight")
    assert list(weighted["cases"]) == [n * decimal.Decimal("2.5") for n in ours["cases"]]
    assert list(weighted["rate"]) == list(ours["rate"])
