#!/usr/bin/env bash
# The command line (CLI11): --help for every command, a single-valued option given twice is an
# error, --as-of is a real day for every command, --decision names each decision once, and the
# usage text shows --explain[=text|json] and --lang. Usage errors exit 2.
# Usage: args_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$@"
county="$tour/county.tenet"
echo "$case_json" >"$work/case.json"
cp "$work/case.json" "$work/cases.jsonl"

# every command has --help (exit 0, its options on stdout)
for command in check test eval caseload graph notice fmt; do
    check "$command --help" 0 "Options:" "" -- "$tenet" "$command" --help
done
check "eval --help names --out" 0 "--out" "" -- "$tenet" eval --help
check "tenet --help" 0 "--explain[=text|json]" "" -- "$tenet" --help
grep -qF -- "--lang en|es" "$work/out" || fail "tenet --help lacks --lang en|es"
check "tenet help" 0 "tenet eval" "" -- "$tenet" help
check "--version" 0 "tenet " "" -- "$tenet" --version
check "version" 0 "tenet " "" -- "$tenet" version
check "no command" 2 "" "usage:" -- "$tenet"
check "unknown command" 2 "" "unknown command \`frobnicate\`" -- "$tenet" frobnicate
check "unknown option" 2 "" "--frobnicate" -- "$tenet" eval "$county" --case "$work/case.json" --frobnicate

# a single-valued option given twice is an error, not the last one silently
check "--case twice" 2 "" "--case" -- "$tenet" eval "$county" --case "$work/case.json" --case "$work/case.json"
check "--as-of twice" 2 "" "--as-of" -- "$tenet" eval "$county" --case "$work/case.json" --as-of 1999-06-01 --as-of 1999-07-01
check "--threads twice" 2 "" "--threads" -- "$tenet" eval "$county" --cases "$work/cases.jsonl" --out "$work/o.jsonl" --threads 2 --threads 3
check "--out twice" 2 "" "--out" -- "$tenet" eval "$county" --cases "$work/cases.jsonl" --out "$work/a.jsonl" --out "$work/b.jsonl"
check "--lang twice" 2 "" "--lang" -- "$tenet" notice "$weld" --case "$work/case.json" --lang en --lang es
check "two rulesets for eval" 2 "" "RULESET" -- "$tenet" eval "$county" "$county" --case "$work/case.json"
check "--threads out of range" 2 "" "--threads" -- "$tenet" eval "$county" --cases "$work/cases.jsonl" --out "$work/o.jsonl" --threads 0
check "--case and --cases" 2 "" "excludes" -- "$tenet" eval "$county" --case "$work/case.json" --cases "$work/cases.jsonl" --out "$work/o.jsonl"

# every form of --explain
check "--explain" 0 '"explanation":{"adjusted_grant":[' "" -- "$tenet" eval "$county" --case "$work/case.json" --decision adjusted_grant --explain
check "--explain=json" 0 '"explanation":{"adjusted_grant":[' "" -- "$tenet" eval "$county" --case "$work/case.json" --decision adjusted_grant --explain=json
check "--explain=text" 0 "adjusted_grant" "" -- "$tenet" eval "$county" --case "$work/case.json" --decision adjusted_grant --explain=text
check "--explain=text --lang es" 0 "adjusted_grant" "" -- "$tenet" eval "$county" --case "$work/case.json" --decision adjusted_grant --explain=text --lang es
check "--explain=xml" 2 "" "--explain" -- "$tenet" eval "$county" --case "$work/case.json" --explain=xml
check "--lang without --explain=text" 2 "" "--lang is the language of --explain=text" -- "$tenet" eval "$county" --case "$work/case.json" --lang es
check "--lang fr" 2 "" "must be en or es" -- "$tenet" eval "$county" --case "$work/case.json" --explain=text --lang fr

# --as-of is a day of the calendar, for every command that takes it
for bad in garbage 1999-02-30 1999-13-01 99-06-01; do
    check "graph --as-of $bad" 2 "" "is not a day of the calendar" -- "$tenet" graph "$county" --as-of "$bad"
done
check "eval --as-of 1999-02-30" 2 "" "is not a day of the calendar" -- "$tenet" eval "$county" --case "$work/case.json" --as-of 1999-02-30
check "batch --as-of 1999-02-30" 2 "" "is not a day of the calendar" -- "$tenet" eval "$county" --cases "$work/cases.jsonl" --out "$work/o.jsonl" --as-of 1999-02-30
check "caseload --as-of garbage" 2 "" "is not a day of the calendar" -- "$tenet" caseload "$weld" --cases "$work/cases.jsonl" --as-of garbage
check "notice --as-of garbage" 2 "" "is not a day of the calendar" -- "$tenet" notice "$weld" --case "$work/case.json" --as-of garbage
check "graph --as-of a real day" 0 "digraph" "" -- "$tenet" graph "$county" --as-of 1999-02-28

# each decision once, whatever the command line repeats
check "--decision twice" 0 '{"decisions":{"adjusted_grant":"227.25"}' "" -- "$tenet" eval "$county" --case "$work/case.json" --decision adjusted_grant --decision adjusted_grant
[ "$(grep -o '"adjusted_grant"' "$work/out" | wc -l)" -eq 1 ] || fail "a decision given twice is written twice: $(cat "$work/out")"
/usr/bin/python3 -c 'import json, sys; json.loads(sys.stdin.read(), object_pairs_hook=lambda p: (len(p) == len({k for k, _ in p}) or sys.exit("duplicate key")) and dict(p))' <"$work/out" ||
    fail "duplicate JSON key"
check "batch --decision twice" 0 "" "" -- "$tenet" eval "$county" --cases "$work/cases.jsonl" --out "$work/o.jsonl" --decision adjusted_grant --decision adjusted_grant
[ "$(grep -o '"adjusted_grant"' "$work/o.jsonl" | wc -l)" -eq 1 ] || fail "batch: a decision given twice is written twice: $(cat "$work/o.jsonl")"
# in a batch, --decision keeps an unresolved decision under "unresolved" (exit 0), as without it
echo '{"as_of":"1999-06-01","household":{"size":3}}' >"$work/partial.jsonl"
check "batch --decision unresolved" 0 "" "" -- "$tenet" eval "$county" --cases "$work/partial.jsonl" --out "$work/o.jsonl" --decision adjusted_grant
grep -q '"unresolved":{"adjusted_grant":\[' "$work/o.jsonl" || fail "batch --decision: $(cat "$work/o.jsonl")"

finish
