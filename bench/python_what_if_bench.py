#!/usr/bin/env python3
"""What issue 19 asks of the Python package's speed, on the sample caseload repeated to --rows
rows (every history column present, as an extract has them):

- evaluate_frame of one decision that reads no history (`eligible`): the history columns are
  neither converted nor decoded;
- what_if over every decision of weld.tenet with the reform of examples/python/reform_memo.py
  (resource limit $1,500, diversion yearly cap $4,000);
- explaining the changed rows of one decision (what_if's explanation diffs), per row.

    cmake --build build --target _tenet
    PYTHONPATH=build/python /usr/bin/python3 bench/python_what_if_bench.py --rows 100000

Prints wall and CPU seconds (the best of --repeat runs); the machine's load average is printed
first, since a shared machine's figures move with it.
"""

import argparse
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]

import pandas as pd  # noqa: E402

import tenet  # noqa: E402

REFORM = {"resource_limit": "1500.00", "diversion_yearly_cap": "4000.00"}


def _cpu():
    t = os.times()
    return t.user + t.system


def timed(label, f, repeat):
    best = (float("inf"), float("inf"))
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        result = f()
        best = min(best, (time.perf_counter() - wall, _cpu() - cpu))
    print("%-52s %7.2f s wall %7.2f s cpu" % (label, best[0], best[1]))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--explain-rows", type=int, default=200)
    args = parser.parse_args()
    print("load average: %.1f %.1f %.1f on %d cores" % (os.getloadavg() + (os.cpu_count(),)))
    rs = tenet.load(ROOT / "rulesets" / "colorado" / "weld.tenet")
    path = ROOT / "rulesets" / "colorado" / "caseload" / "weld_sample.jsonl"
    if hasattr(tenet, "read_cases"):
        sample = tenet.read_cases(path)
    else:   # the package before issue 19, for the "before" figures
        import json
        with open(path) as f:
            sample = pd.json_normalize([json.loads(line) for line in f])
    frame = pd.concat([sample] * (args.rows // len(sample) + 1), ignore_index=True).iloc[:args.rows]
    print("%d rows, %d columns (%d of them lists); %d decisions" % (
        len(frame), frame.shape[1], sum(isinstance(frame.at[0, c], list) for c in frame.columns), len(rs.decisions)))
    timed("evaluate_frame(decisions=['eligible'])", lambda: rs.evaluate_frame(frame, decisions=["eligible"]),
          args.repeat)
    timed("evaluate_frame(every decision)", lambda: rs.evaluate_frame(frame), args.repeat)
    w = timed("what_if(every decision, reform)", lambda: tenet.what_if(rs, REFORM, frame), args.repeat)
    if hasattr(w, "explain"):
        changed = w.changes["grant_payable"].index[:args.explain_rows]
        timed("explain %d changed rows of grant_payable" % len(changed),
              lambda: [w.explain(label) for label in changed], 1)


if __name__ == "__main__":
    main()
