#!/usr/bin/env python3
"""A reform memo for Weld County, as a policy analyst would write it with pandas and Tenet.

The reform: the resource limit lowered from $2,000 to $1,500 (6.002.1 B) and the diversion yearly
cap raised from $3,300 to $4,000 (6.007.2). The caseload: the sample extract (500 synthetic cases,
rulesets/colorado/caseload/weld_sample.jsonl), given a case ID and a sampling weight as a county
extract has them, each case weighing 1,264 / 500 so that totals speak for the county's caseload of
May 1997 (Exhibit G: 1,264 cases).

    PYTHONPATH=build/python /usr/bin/python3 examples/python/reform_memo.py OUT_DIR

prints the memo's figures and writes its charts to OUT_DIR (docs/images holds the committed ones).
"""

import json
import pathlib
import sys

import tenet
import tenet.charts

ROOT = pathlib.Path(__file__).resolve().parents[2]
WELD = ROOT / "rulesets" / "colorado" / "weld.tenet"
SAMPLE = ROOT / "rulesets" / "colorado" / "caseload" / "weld_sample.jsonl"
REFORM = {"resource_limit": "1500.00", "diversion_yearly_cap": "4000.00"}
WEIGHT = "2.528"   # 1,264 county cases / 500 sampled


def write_extract(path):
    """The sample as an extract: each case with its ID and weight beside the facts."""
    with open(SAMPLE) as cases, open(path, "w") as out:
        for number, line in enumerate(cases, 1):
            case = json.loads(line)
            out.write(json.dumps({"case_id": "WELD-%05d" % number, "weight": float(WEIGHT), **case}) + "\n")


def main():
    out_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "reform_memo")
    out_dir.mkdir(parents=True, exist_ok=True)
    extract = out_dir / "weld_extract.jsonl"
    write_extract(extract)

    rs = tenet.load(WELD)
    df = tenet.read_cases(extract)
    print("extract: %d cases, %d columns (ID column case_id)" % (len(df), df.shape[1]))

    r = tenet.reform(rs, REFORM, df, name="resources $1,500, diversion cap $4,000", weights="weight",
                     passthrough=["case_id"], threads=2)
    print("reform:", r.name)
    print()
    print("Monthly cost of the grant payable, county-weighted (dollars):")
    print(r.cost().to_string())
    print()
    table = r.winners_losers(by="household.family_type")
    print("Winners and losers by family type (grant_payable, weighted cases):")
    print(table.to_string())
    print()
    print("Decisions that change (unweighted rows):")
    print(r.summary[r.summary["changed"] > 0].to_string())
    print("diversion_approved changes for %d families: none of the sample asks beyond the $3,300 cap"
          % r.summary.at["diversion_approved", "changed"])
    print()

    print("Why three families' grants change:")
    changed = r.changes["grant_payable"]
    for label in changed.index[:3]:
        case_id = r.base.at[label, "case_id"]
        for d in r.explain(label):
            if d["decision"] == "grant_payable":
                print("  %s: %s, because %s" % (case_id, d["outcome"], d["cause"]))
    print()

    months = rs.evaluate_months(df, 12, decisions=["grant_payable", "sanction_level"], passthrough=["case_id", "weight"],
                                threads=2)
    by_month = months.groupby(level="month").agg(
        paid=("grant_payable", lambda s: int((s > 0).sum())),
        sanctioned=("sanction_level", lambda s: int((s > 0).sum())),
        payable=("grant_payable", lambda s: "%.2f" % (s.sum() / 100)))
    print("Twelve months from each case's as_of (unweighted): cases paid, sanctioned, grant payable")
    for month, row in by_month.iterrows():
        print("  %s %4d %4d %10s" % (month.date(), row["paid"], row["sanctioned"], row["payable"]))
    print()

    participation = tenet.caseload(rs, df, weights="weight", passthrough=["case_id"])
    print("Participation against the county target (weighted):")
    print(participation.to_string())

    charts = {
        "reform-grant-distribution.png": tenet.charts.distribution(r, "grant_payable"),
        "reform-winners-losers.png": tenet.charts.winners_losers(table),
        "reform-participation.png": tenet.charts.participation(participation),
    }
    for name, fig in charts.items():
        fig.savefig(out_dir / name, dpi=110)
        print("wrote", name)


if __name__ == "__main__":
    main()
