#!/usr/bin/env bash
# The main job: evaluate the shipped Weld County ruleset on the sample caseload and print the
# decisions of the first cases and the caseload's participation rates.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
out=build/weld_sample_decisions.jsonl
./build/tenet eval rulesets/colorado/weld.tenet --cases rulesets/colorado/caseload/weld_sample.jsonl --out "$out" --threads "$(nproc)"
echo "decisions of the first 3 of $(wc -l < "$out") cases (all in $out):"
head -n 3 "$out"
echo "participation by family type:"
./build/tenet caseload rulesets/colorado/weld.tenet --cases rulesets/colorado/caseload/weld_sample.jsonl
