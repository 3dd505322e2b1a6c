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
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time


ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))

import tenet  # noqa: E402
from weld_synthetic import SCALES, case_dicts, weld_frame  # noqa: E402


def timed(f, repeat):
    """The best (wall seconds, CPU seconds of this process and its children) of `repeat` runs.
    On a shared machine the CPU time is the steadier figure; with threads it sums them."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        f()
        best = min(best, (time.perf_counter() - wall, _cpu() - cpu))
    return best


def _cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def report(label, seconds, rows):
    wall, cpu = seconds
    print("%-34s %8.2f s wall %8.2f s cpu  %9.0f cases/s  %7.2f us/case wall  %7.2f us/case cpu" % (
        label, wall, cpu, rows / wall, 1e6 * wall / rows, 1e6 * cpu / rows))


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

    print("load average before: %.1f %.1f %.1f on %d cores" % (os.getloadavg() + (os.cpu_count(),)))
    per_row = {}
    for threads in [int(t) for t in args.threads.split(",")]:
        seconds = timed(lambda: rs.evaluate_frame(frame, threads=threads, scales=SCALES), args.repeat)
        per_row[threads] = seconds[1] / len(frame) if threads == 1 else seconds[0] / len(frame)
        report("evaluate_frame threads=%d" % threads, seconds, len(frame))

    # the engine alone (columns already converted, results left as numpy), and the decisions
    # without lists (no Python object per row at all)
    from tenet.frame import _column
    columns = [_column(rs, c, frame[c], len(frame), SCALES) for c in frame.columns]
    report("engine only, threads=1", timed(lambda: rs._h.evaluate_columns(len(frame), columns), args.repeat), len(frame))
    scalar = [d for d in rs.decisions if not rs.decision_type(d).startswith("list")]
    report("evaluate_frame, %d non-list decisions" % len(scalar),
           timed(lambda: rs.evaluate_frame(frame, scales=SCALES, decisions=scalar), args.repeat), len(frame))

    small = frame.iloc[: args.json_rows]
    cases = case_dicts(small)
    seconds = timed(lambda: [rs.evaluate(c) for c in cases], args.repeat)
    report("rs.evaluate(dict) x %d" % len(cases), seconds, len(cases))
    json_python = seconds[1] / len(cases)

    json_cpp = None
    if os.path.exists(args.cli):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "cases.jsonl"
            path.write_text("".join(json.dumps(c) + "\n" for c in cases))
            one = pathlib.Path(tmp) / "one.jsonl"
            one.write_text(json.dumps(cases[0]) + "\n")
            out = pathlib.Path(tmp) / "out.jsonl"
            run = lambda p: (lambda: subprocess.run([args.cli, "eval", args.ruleset, "--cases", str(p), "--out", str(out),
                                                     "--threads", "1"], check=True, capture_output=True))
            fixed = timed(run(one), max(args.repeat, 2))
            seconds = timed(run(path), args.repeat)
        net = (seconds[0] - fixed[0], seconds[1] - fixed[1])
        report("tenet eval --cases x %d (net)" % len(cases), net, len(cases))
        print("  (process start and compile, subtracted: %.2f s wall, %.2f s cpu)" % fixed)
        json_cpp = net[1] / len(cases)
    else:
        print("(no %s: the C++ JSON session was not measured)" % args.cli)

    base = per_row[1] if 1 in per_row else min(per_row.values())
    print("per-case cost, CPU time, against evaluate_frame (1 thread, %.2f us/case):" % (1e6 * base))
    print("  rs.evaluate(dict):   %.2f us/case, +%.2f us (x%.1f)" % (1e6 * json_python, 1e6 * (json_python - base), json_python / base))
    if json_cpp is not None:
        print("  C++ JSON session:    %.2f us/case, +%.2f us (x%.1f)" % (1e6 * json_cpp, 1e6 * (json_cpp - base), json_cpp / base))
    print("load average after: %.1f %.1f %.1f" % os.getloadavg())


if __name__ == "__main__":
    main()
