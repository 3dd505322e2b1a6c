#!/usr/bin/env bash
# Tenet beside the floor (bench/peers/floor: the decision hand-written in C++ over typed columns),
# GoRules ZEN and json-rules-engine on the same decision and the same households, in one run on
# this machine. Copies ../shared/bench-peers outside the repository, installs the
# peers from npm, generates the 100,000 seeded households, runs each peer REPS times in its own
# process (the peers' own harness), runs Tenet's native benchmark REPS times, checks that every
# engine's outputs matched the oracle, and prints the table (also written to out/table.md).
#   bash bench/peers/run.sh                 # REPS=3 by default
#   REPS=5 PEERS=/path/to/bench-peers bash bench/peers/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reps="${REPS:-3}"
peers_src="${PEERS:-$root/../shared/bench-peers}"
work="${WORK:-/tmp/tenet-peers}"
build="${BUILD:-$root/build}"
out="$here/out"
mkdir -p "$out"

if [ ! -d "$work/node_modules" ]; then
    rm -rf "$work"
    cp -r "$peers_src" "$work"
    (cd "$work" && npm install --no-audit --no-fund >/dev/null)
fi
households="$work/out/households_100000_20240601.jsonl"
[ -f "$households" ] || (cd "$work" && node gen_households.js 100000 20240601 >/dev/null)

if [ ! -x "$build/bench/tenet_peers_bench" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DTENET_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build" --target tenet_peers_bench >/dev/null
# the floor is one file with no dependency, built as its README says (-O3 -march=native)
"${CXX:-g++}" -O3 -march=native -std=c++17 -pthread -Wall -Wextra -o "$work/floor/floor" "$here/floor/floor.cpp"

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo
    echo "kernel: $(uname -r)"
    echo "node: $(node -v)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/machine.txt"

for rep in $(seq 1 "$reps"); do
    for engine in js zen jre; do
        echo "rep $rep: $engine" >&2
        (cd "$work" && node bench.js --engine "$engine" --json "$out/$engine.$rep.json" >/dev/null)
    done
    echo "rep $rep: floor" >&2
    "$work/floor/floor" "$households" >"$out/floor.$rep.log" || { echo "the floor's outputs differ from the oracle:" >&2; cat "$out/floor.$rep.log" >&2; exit 1; }
    tail -n 1 "$out/floor.$rep.log" >"$out/floor.$rep.json"
    echo "rep $rep: tenet" >&2
    TENET_PEERS_HOUSEHOLDS="$households" "$build/bench/tenet_peers_bench" \
        --benchmark_format=json --benchmark_out="$out/tenet.$rep.json" --benchmark_out_format=json >/dev/null 2>"$out/tenet.$rep.log"
    grep -q " 0 mismatches" "$out/tenet.$rep.log" || { echo "tenet's outputs differ from the oracle:" >&2; cat "$out/tenet.$rep.log" >&2; exit 1; }
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
/usr/bin/python3 "$here/summarize.py" "$out" "$reps" | tee "$out/table.md"

# Tenet driven from Python (the analysts' way in), when the bindings are built: the same households
# as one DataFrame through evaluate_frame, checked against the oracle first.
if compgen -G "$build/python/tenet/_tenet*.so" >/dev/null; then
    echo >>"$out/table.md"
    echo "Python (bindings/python, evaluate_frame on the households' DataFrame, conversions included):" | tee -a "$out/table.md"
    PYTHONPATH="$build/python" /usr/bin/python3 "$here/python_peers.py" "${households%.jsonl}.csv" --reps "$((reps < 3 ? 3 : reps))" \
        | sed 's/^/- /' | tee -a "$out/table.md"
fi
