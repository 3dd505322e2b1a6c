#!/usr/bin/env bash
# Faults under load for `tenet serve` with the audit log on: kill -9 and restart (every 2xx has its
# row; integrity_check ok), and reloads during load (no request lost). Not a test: bounded runs on
# 127.0.0.1 whose figures go to bench/RESULTS.md. Usage: bench/serve_faults.sh [BUILD_DIR]
# FAULT_SECONDS=10 FAULT_CLIENTS=16
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
echo "load: $(uptime)"
timeout 600 /usr/bin/python3 "$here/serve_faults.py" "$build/tenet" "$here/../rulesets/colorado/weld.tenet" "$here/serve/weld_cases.jsonl"
