#!/usr/bin/env bash
# The main job: evaluate the shipped Weld County ruleset on the sample caseload and print what a
# person reads: the first cases (eligible, grant, sanction level, exemptions), the unresolved
# decisions counted by the fact they miss, the participation table of `tenet caseload`, and the
# first notice of proposed action. Every decision of every case goes to the JSONL file it names.
# TENET=path/to/tenet uses that build instead of building; TENET_SAMPLE_OUT names the JSONL file.
set -euo pipefail
cd "$(dirname "$0")/.."
tenet="${TENET:-}"
if [ -z "$tenet" ]; then
    bash scripts/build.sh
    tenet=./build/tenet
fi
out="${TENET_SAMPLE_OUT:-build/weld_sample_decisions.jsonl}"
cases=rulesets/colorado/caseload/weld_sample.jsonl
"$tenet" eval rulesets/colorado/weld.tenet --cases "$cases" --out "$out" --threads "$(nproc)" --summary
# the first case with a sanction proposed after its date: its notice of proposed action (CONTRACT §4.1)
line=$(awk '/"sanction_notice_due":true/ { print NR; exit }' "$out")
if [ -n "$line" ]; then
    notice_case="$(dirname "$out")/weld_sample_notice_case.json"
    sed -n "${line}p" "$cases" >"$notice_case"
    echo
    echo "notices of proposed action: $(grep -c '"sanction_notice_due":true' "$out"); the first (case $line):"
    "$tenet" notice rulesets/colorado/weld.tenet --case "$notice_case"
fi
