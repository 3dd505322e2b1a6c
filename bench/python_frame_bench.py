#!/usr/bin/env python3
"""Throughput of Ruleset.evaluate_frame on synthetic Weld cases (1 and 2 threads), and the
per-case cost of the JSON paths beside it: rs.evaluate on dicts, and the C++ JSON session through
`tenet eval --cases` (decode, evaluate, write JSON), all for every decision of weld.tenet.

    cmake --build build-py --target _tenet tenet_cli
    PYTHONPATH=build-py/python /usr/bin/python3 bench/python_frame_bench.py \
        --rows 1000000 --json-rows 20000 --cli build-py/tenet

The synthetic generator is tests/python/weld_synthetic.py (scalar facts, money in cents).
"""

import argparse
import decimal
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))

import tenet  # noqa: E402
from weld_synthetic import SCALES, weld_frame  # noqa: E402


def case_dicts(frame):
    cases = []
    for row in frame.to_dict("records"):
        case = {}
        for path, value in row.items():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if path in SCALES:
                value = str(decimal.Decimal(int(value)) / 100)
            elif isinstance(value, pd.Timestamp):
                value = value.date().isoformat()
            elif isinstance(value, (np.bool_, bool)):
                value = bool(value)
            elif isinstance(value, float):
                value = int(value) if path == "caretaker.age" else value
            elif isinstance(value, np.integer):
                value = int(value)
            node = case
            *groups, key = path.split(".")
            for g in groups:
                node = node.setdefault(g, {})
            node[key] = value
        cases.append(case)
    return cases


def timed(f, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--json-rows", type=int, default=20_000)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--cli", default=str(ROOT / "build-py" / "tenet"))
    parser.add_argument("--ruleset", default=str(ROOT / "rulesets" / "colorado" / "weld.tenet"))
    args = parser.parse_args()

    rs = tenet.load(args.ruleset)
    start = time.perf_counter()
    frame = weld_frame(args.rows)
    print("generated %d synthetic cases (%d fact columns) in %.1f s" % (len(frame), frame.shape[1], time.perf_counter() - start))
    print("ruleset %s: %d decisions" % (rs.name, len(rs.decisions)))

    per_row = {}
    for threads in [int(t) for t in args.threads.split(",")]:
        seconds = timed(lambda: rs.evaluate_frame(frame, threads=threads, scales=SCALES), args.repeat)
        per_row[threads] = seconds / len(frame)
        print("evaluate_frame  threads=%d: %8.2f s  %10.0f cases/s  %7.2f us/case" % (
            threads, seconds, len(frame) / seconds, 1e6 * seconds / len(frame)))

    small = frame.iloc[: args.json_rows]
    cases = case_dicts(small)
    seconds = timed(lambda: [rs.evaluate(c) for c in cases], args.repeat)
    print("rs.evaluate(dict) x %d:       %8.2f s  %10.0f cases/s  %7.2f us/case" % (
        len(cases), seconds, len(cases) / seconds, 1e6 * seconds / len(cases)))
    json_python = seconds / len(cases)

    if os.path.exists(args.cli):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "cases.jsonl"
            path.write_text("".join(json.dumps(c) + "\n" for c in cases))
            out = pathlib.Path(tmp) / "out.jsonl"
            run = lambda: subprocess.run([args.cli, "eval", args.ruleset, "--cases", str(path), "--out", str(out),
                                          "--threads", "1"], check=True, capture_output=True)
            seconds = timed(run, args.repeat)
        print("tenet eval --cases x %d:      %8.2f s  %10.0f cases/s  %7.2f us/case (incl. process start and compile)" % (
            len(cases), seconds, len(cases) / seconds, 1e6 * seconds / len(cases)))
        json_cpp = seconds / len(cases)
    else:
        json_cpp = None
        print("(no %s: the C++ JSON session was not measured)" % args.cli)

    base = per_row[min(per_row)]
    print("per-case overhead against evaluate_frame (1 thread, %.2f us/case):" % (1e6 * base))
    print("  rs.evaluate(dict):   +%.2f us/case (x%.1f)" % (1e6 * (json_python - base), json_python / base))
    if json_cpp is not None:
        print("  C++ JSON session:    +%.2f us/case (x%.1f)" % (1e6 * (json_cpp - base), json_cpp / base))


if __name__ == "__main__":
    main()
