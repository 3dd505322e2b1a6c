#!/usr/bin/env bash
# The server's CPU time per request under load (perf stat's task-clock of the `tenet serve` process
# over a 10 s wrk run, divided by the requests wrk completed), a figure that the other work on a
# shared machine changes far less than requests/s. Not a test: the figures go to bench/RESULTS.md.
# Usage: bench/serve_cpu.sh BUILD_DIR_OR_TENET [SERVE OPTIONS...]   (needs perf and wrk)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenet=$1
[ -d "$tenet" ] && tenet=$tenet/tenet
shift
work=$(mktemp -d)
"$tenet" serve "$here/../rulesets/colorado/weld.tenet" --listen 127.0.0.1:0 --access-log "$work/access.log" "$@" \
  >"$work/out" 2>"$work/err" &
pid=$!   # the server itself (perf stat follows this process), stopped on any exit
trap 'kill -TERM "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 300); do grep -q 'listening on' "$work/out" && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http:[^ ]*\)$/\1/p' "$work/out")
CASES=$here/serve/weld_cases.jsonl timeout 30 wrk -t1 -c64 -d2s -s "$here/serve/post_cases.lua" "$url" >/dev/null
load=$(cut -d' ' -f1 /proc/loadavg)
perf stat -e task-clock,context-switches -p "$pid" -o "$work/stat.txt" -- sleep 10 &
stat=$!
CASES=$here/serve/weld_cases.jsonl timeout 30 wrk -t2 -c64 -d10s --latency -s "$here/serve/post_cases.lua" "$url" >"$work/wrk.txt"
wait "$stat"
kill -TERM "$pid"
wait "$pid" || true
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
ms=$(awk '/task-clock/ {gsub(",", "", $1); print $1}' "$work/stat.txt")
switches=$(awk '/context-switches/ {gsub(",", "", $1); print $1}' "$work/stat.txt")
echo "load $load: $(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt") req/s, p99 $(awk '$1 == "99%" {print $2}' "$work/wrk.txt"),"\
  "server CPU $(awk -v ms="$ms" -v n="$requests" 'BEGIN {printf "%.0f", ms * 1000 / n}') us/request,"\
  "$(awk -v c="$switches" -v n="$requests" 'BEGIN {printf "%.2f", c / n}') context switches/request"
