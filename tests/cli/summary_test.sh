#!/usr/bin/env bash
# What a person reads about a batch: `tenet eval --cases ... --summary` and scripts/run-sample.sh
# print a table of the first cases, the unresolved decisions by missing fact and the
# participation table, not the JSON (which stays in the --out file); progress reaches stderr
# when it is not a terminal too: a line per tenth of a file, a count for a pipe.
# Usage: summary_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$@"
head -n 60 "$sample" >"$work/sixty.jsonl"

check "--summary" 0 "the first 10 cases:" "60/60 cases (100%)" -- "$tenet" eval "$weld" --cases "$work/sixty.jsonl" --out "$work/sixty.out" --summary
for want in "case  eligible  grant" "sanction level  exemptions" "unresolved decisions, by the fact they miss:" \
            "participation by family type and federal fiscal year" "single_parent    1999" "$work/sixty.out"; do
    grep -qF -- "$want" "$work/out" || fail "--summary lacks \`$want\`"
done
grep -q '"decisions"' "$work/out" && fail "--summary printed JSON"
[ "$(wc -l <"$work/sixty.out")" -eq 60 ] || fail "the --out file has $(wc -l <"$work/sixty.out") lines, not 60"
# the first row is case 1 with its decisions, as the JSON says
first=$(/usr/bin/python3 -c '
import json, sys
d = json.loads(open(sys.argv[1]).readline())["decisions"]
print("1", "yes" if d["eligible"] else "no", d["adjusted_grant"], d["sanction_level"], sep=" ")' "$work/sixty.out")
grep -E "^  1 " "$work/out" | tr -s ' ' | grep -qF -- " $first " || fail "the first row is not \`$first\`: $(grep -E '^  1 ' "$work/out")"
# a missing fact some cases lack is counted: drop caretaker.age from three cases
/usr/bin/python3 -c '
import json, sys
for i, line in enumerate(open(sys.argv[1])):
    c = json.loads(line)
    if i < 3: del c["caretaker"]["age"]
    print(json.dumps(c))' "$work/sixty.jsonl" >"$work/no_age.jsonl"
check "--summary counts a missing fact" 0 "caretaker.age" "" -- "$tenet" eval "$weld" --cases "$work/no_age.jsonl" --out "$work/no_age.out" --summary
grep -E "^  caretaker.age +[0-9]+ " "$work/out" | grep -qE " 3 +" || fail "caretaker.age is not counted in 3 cases: $(grep caretaker.age "$work/out")"
check "--summary needs --out" 2 "" "--out" -- "$tenet" eval "$weld" --cases "$work/sixty.jsonl" --summary
echo "$case_json" >"$work/tour.jsonl"
check "--summary of another ruleset" 0 "not counted: the ruleset lacks the decision" "" -- "$tenet" eval "$src/tests/rulesets/tour/county.tenet" --cases "$work/tour.jsonl" --out "$work/tour.out" --summary
grep -qF "227.25" "$work/out" || fail "--summary of another ruleset shows none of its decisions: $(cat "$work/out")"
# a rejected case is a row saying so, its first error cut to the width of a line
check "--summary with rejected cases" 2 "rejected: \$.household.income_under_1996_standard: unknown key" "" -- "$tenet" eval "$src/tests/rulesets/tour/county.tenet" --cases "$work/sixty.jsonl" --out "$work/tour.out" --summary
[ "$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$work/out")" -le 120 ] || fail "--summary has lines over 120 characters: $(cat "$work/out")"

# progress when stderr is a file: a line per tenth of the cases, each with the count
big_caseload "$work/big.jsonl"
check "progress to a file" 0 "" "3000/3000 cases (100%)" -- "$tenet" eval "$weld" --cases "$work/big.jsonl" --out "$work/big.out" --threads 2
[ "$(grep -c 'cases (' "$work/err")" -ge 2 ] || fail "progress has fewer than two lines: $(cat "$work/err")"
check "progress of a pipe" 0 "" "tenet eval: 60 cases" -- "$tenet" eval "$weld" --cases <(cat "$work/sixty.jsonl") --out "$work/piped.out"

# the main job prints the summary, a few kilobytes, and names the file with every decision
TENET="$tenet" TENET_SAMPLE_OUT="$work/sample.jsonl" bash "$src/scripts/run-sample.sh" >"$work/run.out" 2>"$work/run.err"
status=$?
[ "$status" -eq 0 ] || fail "run-sample.sh: status $status: $(cat "$work/run.err")"
[ "$(wc -c <"$work/run.out")" -lt 8000 ] || fail "run-sample.sh prints $(wc -c <"$work/run.out") bytes"
for want in "500 cases" "$work/sample.jsonl" "the first 10 cases:" "missing fact" "two_parent       1999"; do
    grep -qF -- "$want" "$work/run.out" || fail "run-sample.sh lacks \`$want\`: $(cat "$work/run.out")"
done
[ "$(wc -l <"$work/sample.jsonl")" -eq 500 ] || fail "run-sample.sh's JSONL has $(wc -l <"$work/sample.jsonl") lines"

finish
