#!/usr/bin/env bash
# Load on `tenet serve` with wrk (Debian): single-case evaluate of the sample Weld cases in
# bench/serve/weld_cases.jsonl at 64 connections, audit log off then on. Everything on 127.0.0.1;
# every process is bounded in time. Not a test: the figures go to bench/RESULTS.md.
# Usage: bench/serve_load.sh [BUILD_DIR] ; DURATION=60 CONNECTIONS=64 WRK_THREADS=1 SERVER_THREADS=64
# One wrk thread by default: on two cores a second one takes CPU from the server it measures (p99
# 11.6 ms with two, 8.1 ms with one, on the same quiet machine).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
tenet=$build/tenet
duration=${DURATION:-60}
connections=${CONNECTIONS:-64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {   # run LABEL [SERVE OPTIONS...]
  local label=$1
  shift
  timeout $((duration + 120)) "$tenet" serve "$here/../rulesets/colorado/weld.tenet" --listen 127.0.0.1:0 \
    --threads "${SERVER_THREADS:-$connections}" --access-log "$work/access.log" "$@" >"$work/out" 2>"$work/err" &
  local pid=$!
  for _ in $(seq 300); do grep -q 'listening on' "$work/out" && break; sleep 0.1; done
  local url
  url=$(sed -n 's/.*listening on \(http:[^ ]*\)$/\1/p' "$work/out")
  # warm the period programs and the sessions
  CASES=$here/serve/weld_cases.jsonl timeout 30 wrk -t1 -c"$connections" -d3s -s "$here/serve/post_cases.lua" "$url" >/dev/null
  echo "== $label: $(uptime)"
  CASES=$here/serve/weld_cases.jsonl timeout $((duration + 30)) wrk -t"${WRK_THREADS:-1}" -c"$connections" -d"${duration}s" \
    --timeout 5s --latency -s "$here/serve/post_cases.lua" "$url" | tee "$work/wrk.txt"
  kill -TERM "$pid"
  wait "$pid" || true
  local rps p50 p99 non2xx sockerr
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt")
  sockerr=$(awk '/Socket errors/ {print $0}' "$work/wrk.txt")
  echo "RESULT $label: ${rps} req/s, p50 ${p50}, p99 ${p99}, non-2xx ${non2xx:-0}, socket errors: ${sockerr:-none}"
}

run "audit off"
run "audit on (--audit-sync full)" --audit "$work/audit.sqlite"
run "audit on (--audit-sync normal)" --audit "$work/audit_normal.sqlite" --audit-sync normal
echo "audit rows: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from decisions').fetchone()[0])" "$work/audit.sqlite")"
