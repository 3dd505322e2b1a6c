#!/usr/bin/env python3
"""Turns the runs of bench/peers/run.sh into the comparison table (markdown), with ratios to the
floor (hand-written C++, bench/peers/floor) and to the peers.

Every figure is the median over the repetitions, with (min..max). Tenet's latency is Google
Benchmark's mean time per evaluation of one fixed household (hand case A) in a tight loop; the
peers' latency is the median of individually timed calls (their harness). Both include reading
the seven outputs."""
import json
import statistics
import sys
from pathlib import Path

out = Path(sys.argv[1])
reps = int(sys.argv[2])


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return statistics.median(values), min(values), max(values)


def fmt(s, digits=0):
    if s is None:
        return "-"
    med, lo, hi = s
    f = f"{{:,.{digits}f}}"
    return f"{f.format(med)} ({f.format(lo)}..{f.format(hi)})"


peers = {}
for engine in ("js", "zen", "jre"):
    runs = [json.loads((out / f"{engine}.{r}.json").read_text()) for r in range(1, reps + 1)]
    assert all(r["ok"] and r["batch_sequential"]["mismatches"] == 0 for r in runs), engine
    peers[engine] = {
        "latency": spread([r["latency_ns"]["median"] for r in runs]),
        "batch": spread([r["batch_sequential"]["evals_per_s"] for r in runs]),
        "core": spread([r.get("engine_reported_ns", {}).get("median") for r in runs]),
        "rss": spread([r["memory"]["max_rss_kib"] / 1024 for r in runs]),
    }

# the floor (bench/peers/floor): the same decision hand-written in C++, run in the same session
floor_runs = [json.loads((out / f"floor.{r}.json").read_text()) for r in range(1, reps + 1)]
assert all(f["mismatching_rows"] == 0 for f in floor_runs), "floor"
floor = {
    "col1_ns": spread([f["columns"]["1"]["median_ns_per_household"] for f in floor_runs]),
    "col2_ns": spread([f["columns"]["2"]["median_ns_per_household"] for f in floor_runs]),
    "single": spread([f["single_same_ns"]["median"] for f in floor_runs]),
    "cycle": spread([f["single_cycle_ns"]["median"] for f in floor_runs]),
}

tenet = {}
for r in range(1, reps + 1):
    data = json.loads((out / f"tenet.{r}.json").read_text())
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        name = b["name"]
        per_eval_ns = b["real_time"] * {"ns": 1, "us": 1e3, "ms": 1e6}[b["time_unit"]]
        tenet.setdefault(name, []).append((per_eval_ns, b.get("items_per_second")))

single = spread([t for t, _ in tenet["BM_Single"]])
batch = spread([ips for _, ips in tenet["BM_Batch"]])
json_io = spread([ips for _, ips in tenet["BM_JsonInJsonOut"]])
col1 = spread([ips for _, ips in tenet["BM_Columnar/1/real_time"]])
col2 = spread([ips for _, ips in tenet["BM_Columnar/2/real_time"]])
threads2 = spread([ips for _, ips in tenet["BM_BatchThreads/2/real_time"]])
# the generated C (`tenet compile --emit c`), when the bench could build it with the C compiler
compiled_single = spread([t for t, _ in tenet["BM_CompiledSingle"]]) if "BM_CompiledSingle" in tenet else None
compiled_col = spread([ips for _, ips in tenet["BM_CompiledColumnar"]]) if "BM_CompiledColumnar" in tenet else None


def ratio(a, b):
    return a[0] / b[0]


print((out / "machine.txt").read_text())
print("| engine | latency median ns/eval | batch evals/s (one thread) | peak RSS MiB |")
print("|---|---|---|---|")
print(f"| **floor**: hand-written C++, typed columns, 1 thread | {fmt(floor['single'], 2)} (one call) | {fmt(tuple(1e9 / x for x in (floor['col1_ns'][0], floor['col1_ns'][2], floor['col1_ns'][1])))} | - |")
print(f"| floor, 2 threads | - | {fmt(tuple(1e9 / x for x in (floor['col2_ns'][0], floor['col2_ns'][2], floor['col2_ns'][1])))} | - |")
print(f"| floor, one call per household in turn | {fmt(floor['cycle'], 2)} | {fmt(tuple(1e9 / x for x in (floor['cycle'][0], floor['cycle'][2], floor['cycle'][1])))} | - |")
print(f"| hand-written JavaScript | {fmt(peers['js']['latency'])} | {fmt(peers['js']['batch'])} | {fmt(peers['js']['rss'], 1)} |")
print(f"| GoRules ZEN (JDM graph, Node) | {fmt(peers['zen']['latency'])} | {fmt(peers['zen']['batch'])} | {fmt(peers['zen']['rss'], 1)} |")
print(f"| ZEN, time inside its Rust core | {fmt(peers['zen']['core'])} | - | - |")
print(f"| json-rules-engine | {fmt(peers['jre']['latency'])} | {fmt(peers['jre']['batch'])} | {fmt(peers['jre']['rss'], 1)} |")
print(f"| **Tenet**, facts in memory | {fmt(single)} | {fmt(batch)} | - |")
print(f"| **Tenet**, JSON case in, JSON decisions out | {fmt((1e9 / json_io[0], 1e9 / json_io[2], 1e9 / json_io[1]))} | {fmt(json_io)} | - |")
print(f"| **Tenet**, columnar, 1,000,000 households, 1 thread | {fmt((1e9 / col1[0], 1e9 / col1[2], 1e9 / col1[1]))} | {fmt(col1)} | - |")
print(f"| **Tenet**, columnar, 1,000,000 households, 2 threads | - | {fmt(col2)} | - |")
if compiled_single:
    print(f"| **Tenet**, compiled C, one household | {fmt(compiled_single)} | - | - |")
if compiled_col:
    print(f"| **Tenet**, compiled C, columnar, 1,000,000 households, 1 thread | {fmt((1e9 / compiled_col[0], 1e9 / compiled_col[2], 1e9 / compiled_col[1]))} | {fmt(compiled_col)} | - |")
print()
col1_ns = 1e9 / col1[0]
print("Ratios to the floor (medians, same run):")
print(f"- columnar, 1 thread: Tenet {col1_ns:,.1f} ns/household, floor {floor['col1_ns'][0]:,.2f}: {col1_ns / floor['col1_ns'][0]:,.1f}x (target at most 3x)")
print(f"- columnar, 2 threads: Tenet {1e9 / col2[0]:,.1f} ns/household, floor {floor['col2_ns'][0]:,.2f}: {1e9 / col2[0] / floor['col2_ns'][0]:,.1f}x")
print(f"- one household in memory: Tenet {single[0]:,.0f} ns, floor {floor['single'][0]:,.2f}: {single[0] / floor['single'][0]:,.1f}x (target at most 5x)")
if compiled_single:
    print(f"- compiled C, one household: Tenet {compiled_single[0]:,.1f} ns, floor {floor['single'][0]:,.2f}: {compiled_single[0] / floor['single'][0]:,.1f}x (target at most 5x)")
if compiled_col:
    print(f"- compiled C, columnar, 1 thread: Tenet {1e9 / compiled_col[0]:,.1f} ns/household, floor {floor['col1_ns'][0]:,.2f}: {1e9 / compiled_col[0] / floor['col1_ns'][0]:,.1f}x (target at most 3x)")
print(f"- one call per household in turn: Tenet {1e9 / batch[0]:,.0f} ns, floor {floor['cycle'][0]:,.2f}: {1e9 / batch[0] / floor['cycle'][0]:,.1f}x")
print(f"- JSON in/out: Tenet {1e9 / json_io[0]:,.0f} ns a case, {1e9 / json_io[0] / floor['single'][0]:,.0f}x the floor's single call")
print()
print("Ratios (medians):")
print(f"- Tenet single household vs ZEN end to end: {ratio(peers['zen']['latency'], single):,.0f}x faster (target >= 100x)")
print(f"- vs ZEN's own core time: {ratio(peers['zen']['core'], single):,.1f}x faster (target >= 25x)")
print(f"- vs json-rules-engine: {ratio(peers['jre']['latency'], single):,.0f}x faster")
print(f"- vs the hand-written JavaScript floor: {ratio(single, peers['js']['latency']):,.1f}x its time (target within 10x)")
print(f"- sequential batch vs ZEN: {ratio(batch, peers['zen']['batch']):,.0f}x; vs json-rules-engine: {ratio(batch, peers['jre']['batch']):,.0f}x")
print(f"- columnar: {col1[0] / 1e6:,.2f} M households/s on one thread (target >= 10 M/s); 2 threads {col2[0] / col1[0]:.2f}x one (target >= 1.8x)")
print(f"- row by row on 2 threads: {threads2[0] / batch[0]:.2f}x one")
print(f"- JSON in/out: {json_io[0]:,.0f} cases/s on one thread (target >= 300,000)")
