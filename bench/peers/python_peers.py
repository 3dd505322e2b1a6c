"""Tenet driven from Python on the peers' stylised decision: the same 100,000 seeded households
(the harness's CSV), as one pandas DataFrame through Ruleset.evaluate_frame, every output checked
against the harness's oracle before anything is timed.

    PYTHONPATH=build/python /usr/bin/python3 bench/peers/python_peers.py HOUSEHOLDS.csv [--reps 5]
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import tenet

HERE = Path(__file__).resolve().parent
FACTS = ["sanction_count_prior", "months_in_current_sanction", "cured", "monthly_grant",
         "has_good_cause_exemption", "exemption_reason", "family_type", "fiscal_year",
         "weekly_hours_participated", "diversion_paid_last_12_months", "diversion_request",
         "diversion_item"]
MONEY = {"monthly_grant", "diversion_paid_last_12_months", "diversion_request"}


def frame(households):
    df = pd.DataFrame({f"h.{name}": households[name] for name in FACTS})
    # the peers write "none"; `none` is a keyword in Tenet (bench/peers/colorado_works_weld.tenet)
    df["h.exemption_reason"] = df["h.exemption_reason"].replace({"none": "no_reason"}).astype("category")
    for name in ("family_type", "diversion_item"):
        df[f"h.{name}"] = df[f"h.{name}"].astype("category")
    for name in MONEY:
        df[f"h.{name}"] = df[f"h.{name}"].astype(np.int64) * 100   # whole dollars -> cents
    return df


def check(out, households):
    """Every output against the oracle; returns the number of mismatches."""
    bad = 0
    level = out["sanction_level"].astype(str).replace({"not_sanctioned": "none"})
    bad += int((level != households["expected_sanction_level"].astype(str)).sum())
    percent = np.rint(out["sanction_percent"].astype(float)).astype(np.int64)   # points: 25 is 25%
    bad += int((percent != np.rint(households["expected_sanction_percent"] * 100).astype(np.int64)).sum())
    for decision, expected in (("adjusted_grant", "expected_adjusted_grant"),
                               ("diversion_item_cap", "expected_diversion_item_cap"),
                               ("diversion_approved_amount", "expected_diversion_approved_amount")):
        cents = out[decision].astype(np.int64)
        bad += int((cents != np.rint(households[expected] * 100).astype(np.int64)).sum())
    bad += int((out["required_weekly_hours"].astype(np.int64) != households["expected_required_weekly_hours"]).sum())
    bad += int((out["meets_hours"].astype(bool) != households["expected_meets_hours"].astype(bool)).sum())
    return bad


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("households")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    households = pd.read_csv(args.households)
    rs = tenet.load(str(HERE / "colorado_works_weld.tenet"))
    df = frame(households)
    decisions = ["sanction_level", "sanction_percent", "adjusted_grant", "required_weekly_hours",
                 "meets_hours", "diversion_item_cap", "diversion_approved_amount"]
    out = rs.evaluate_frame(df, decisions=decisions, as_of="2000-01-01", scales={f"h.{m}": 2 for m in MONEY})
    mismatches = check(out, households)
    print(f"{len(df):,} households, {mismatches} mismatches")
    if mismatches:
        return 1
    for threads in (1, 2):
        times = []
        for _ in range(args.reps):
            start = time.perf_counter()
            rs.evaluate_frame(df, decisions=decisions, as_of="2000-01-01", threads=threads,
                              scales={f"h.{m}": 2 for m in MONEY})
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"python evaluate_frame, {threads} thread(s): {len(df) / median:,.0f} households/s "
              f"(median of {args.reps}; min {len(df) / max(times):,.0f}, max {len(df) / min(times):,.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
