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
# the first case with a sanction proposed after its date: its notice of proposed action (CONTRACT §4.1)
line=$(awk '/"sanction_notice_due":true/ { print NR; exit }' "$out")
if [ -n "$line" ]; then
  sed -n "${line}p" rulesets/colorado/caseload/weld_sample.jsonl >build/weld_sample_notice_case.json
  echo "notices of proposed action: $(grep -c '"sanction_notice_due":true' "$out"); the first (case $line):"
  ./build/tenet notice rulesets/colorado/weld.tenet --case build/weld_sample_notice_case.json
fi
