#!/usr/bin/env bash
# The `tenet` command as integrators use it (CONTRACT.md §1): exit codes, error formats, one case
# and batches, `--decision`, `--explain`, `graph`, and a mutated expectation failing `tenet test`.
# Usage: cli_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$@"

echo "$case_json" >"$work/case.json"

check "check clean ruleset" 0 "county.tenet: ok" "" -- "$tenet" check "$tour/county.tenet"
check "test passes" 0 "passed, 0 failed" "" -- "$tenet" test "$tour/state.tenet" "$tour/county.tenet"
# --inherited: the state's tests run against the county; the one its resource limit changes is listed
check "test --inherited" 0 "county.tenet: 13 passed, 0 failed; 7 inherited, 6 unchanged, 1 changed by this layer" "" -- "$tenet" test --inherited "$tour/county.tenet"
check "test --inherited names the change" 0 "inherited test \`resources_over\` changes under this layer" "" -- "$tenet" test --inherited "$tour/county.tenet"

# a changed expectation makes `tenet test` fail with the position of the expectation
sed 's/expect diversion_approved == \$975$/expect diversion_approved == $976/' "$tour/county.tenet" >"$work/county.tenet"
cp "$tour/state.tenet" "$tour/common.tenet" "$work/"
check "mutated expectation fails" 1 "3 failed" "county.tenet:" -- "$tenet" test "$work/county.tenet"
grep -q 'expected diversion_approved == "976.00", got "975.00"' "$work/err" || { echo "FAIL mutated message"; cat "$work/err"; failures=$((failures + 1)); }

# a mutated cap fails too
sed 's/vision          => \$175/vision          => $176/' "$tour/county.tenet" >"$work/county.tenet"
check "mutated cap fails" 1 "failed" "" -- "$tenet" test "$work/county.tenet"

# ruleset errors: FILE:LINE:COL: error: MESSAGE, exit 2
printf 'ruleset bad\nfact a: money\ndecision d: money cite "x" = a * a\n' >"$work/bad.tenet"
check "type error" 2 "" "bad.tenet:3:30: error: cannot multiply money by money" -- "$tenet" check "$work/bad.tenet"
printf 'ruleset bad\ndecision d: int cite "x" = (1 +\n' >"$work/syntax.tenet"
check "syntax error" 2 "" "syntax.tenet:2:32: error: expected an expression after \`+\`" -- "$tenet" check "$work/syntax.tenet"
check "missing file" 2 "" "nope.tenet: no such file" -- "$tenet" check "$work/nope.tenet"
# --strict: warnings are errors (exit 2), and the summary counts them either way
cp "$src/tests/check/golden/warnings.tenet" "$work/warnings.tenet"
check "warnings are counted" 0 "warnings.tenet: ok, 2 decisions, 3 facts, 6 warnings" "warning: fact \`unused_fact\`" -- "$tenet" check "$work/warnings.tenet"
check "--strict fails on warnings" 2 "warnings.tenet: 0 errors, 6 warnings (errors under --strict)" "" -- "$tenet" check --strict "$work/warnings.tenet"
check "--strict passes a clean ruleset" 0 "county.tenet: ok" "" -- "$tenet" check --strict "$tour/county.tenet"
check "errors are counted" 2 "bad.tenet: 1 error, 0 warnings" "" -- "$tenet" check "$work/bad.tenet"

# one case
check "eval one case" 0 '"adjusted_grant":"227.25"' "" -- "$tenet" eval "$tour/county.tenet" --case "$work/case.json"
check "eval --decision" 0 '{"decisions":{"adjusted_grant":"227.25"},"unresolved":{}}' "" -- "$tenet" eval "$tour/county.tenet" --case "$work/case.json" --decision adjusted_grant
check "eval --explain" 0 '"explanation":{"adjusted_grant":[' "" -- "$tenet" eval "$tour/county.tenet" --case "$work/case.json" --decision adjusted_grant --explain
check "eval --as-of" 0 '"sanction_level":0' "" -- "$tenet" eval "$tour/county.tenet" --case "$work/case.json" --as-of 1999-04-01
check "unknown decision" 2 "" "is not a decision" -- "$tenet" eval "$tour/county.tenet" --case "$work/case.json" --decision nope

# one error model (CONTRACT.md §1, amended 2026-12-02): unresolved and failed decisions are results
# (exit 0), with --decision too; exit 2 is for bad input only
check "missing fact with --decision" 0 '{"decisions":{},"unresolved":{"child_care_daily_fees":["child_care.provider"' "" -- "$tenet" eval "$tour/county.tenet" --case "$work/case.json" --decision child_care_daily_fees
[ ! -s "$work/err" ] || { echo "FAIL missing fact with --decision: stderr not empty"; cat "$work/err"; failures=$((failures + 1)); }
printf 'ruleset ratio\nfact as_of: date\nfact income: money\nfact grant: money\nrule ratio: decimal cite "6.1 A" = income / grant\ndecision share: decimal cite "6.1 B" = round_down(ratio, 2)\ndecision total: money cite "6.2" = income + grant\n' >"$work/ratio.tenet"
echo '{"as_of":"1999-06-01","income":"10.00","grant":"0"}' >"$work/zero.json"
check "division by zero is under errors" 0 '{"decisions":{"total":"10.00"},"unresolved":{},"errors":{"share":"division by zero in rule `ratio` [6.1 A]"}}' "" -- "$tenet" eval "$work/ratio.tenet" --case "$work/zero.json"
check "division by zero with --decision" 0 '{"decisions":{},"unresolved":{},"errors":{"share":"division by zero in rule `ratio` [6.1 A]"}}' "" -- "$tenet" eval "$work/ratio.tenet" --case "$work/zero.json" --decision share
check "failure in a text explanation" 0 "share: failed: division by zero in rule \`ratio\` [6.1 A]" "" -- "$tenet" eval "$work/ratio.tenet" --case "$work/zero.json" --decision share --explain=text
check "failure in a Spanish explanation" 0 "share: falló: división por cero en la regla \`ratio\` [6.1 A]" "" -- "$tenet" eval "$work/ratio.tenet" --case "$work/zero.json" --decision share --explain=text --lang es
{ cat "$work/zero.json"; echo '{"as_of":"1999-06-01","income":"10.00","grant":"4.00"}'; } >"$work/zero.jsonl"
check "division by zero in a batch" 0 "" "" -- "$tenet" eval "$work/ratio.tenet" --cases "$work/zero.jsonl" --out "$work/zero.out"
grep -qF '"errors":{"share":"division by zero in rule `ratio` [6.1 A]"}' <(sed -n 1p "$work/zero.out") && ! grep -q '"errors"' <(sed -n 2p "$work/zero.out") \
    || { echo "FAIL batch errors"; cat "$work/zero.out"; failures=$((failures + 1)); }
# a "Revised 3/98" parameter has no value before 1998-03-01: a job refusal in February 1998 leaves
# the grant unresolved, naming the parameter and its first day; not bad input
weld_refusal=$(head -1 "$src/rulesets/colorado/caseload/weld_sample.jsonl" | sed -e 's/"as_of":"[0-9-]*"/"as_of":"1998-02-10"/' -e 's/"job_refusals":\[\]/"job_refusals":[{"date":"1998-02-01"}]/')
echo "$weld_refusal" >"$work/refusal.json"
check "parameter without a value is unresolved" 0 '{"decisions":{},"unresolved":{"adjusted_grant":["parameter job_refusal_sanction_percent has no value before 1998-03-01"]}}' "" -- "$tenet" eval "$src/rulesets/colorado/weld.tenet" --case "$work/refusal.json" --decision adjusted_grant
check "parameter without a value in a batch" 0 "" "" -- "$tenet" eval "$src/rulesets/colorado/weld.tenet" --cases "$work/refusal.json" --out "$work/refusal.out"
grep -qF '"adjusted_grant":["parameter job_refusal_sanction_percent has no value before 1998-03-01"]' "$work/refusal.out" \
    || { echo "FAIL batch parameter without a value"; cat "$work/refusal.out"; failures=$((failures + 1)); }
echo '{"as_of":"1999-06-01","household":{"sise":3}}' >"$work/typo.json"
check "unknown key" 2 "" "typo.json: \$.household.sise: error: unknown key \`sise\`" -- "$tenet" eval "$tour/county.tenet" --case "$work/typo.json"
echo '{"as_of":"1999-06-01","household":{"monthly_grant":303.005}}' >"$work/cents.json"
check "three decimals" 2 "" "cents.json: \$.household.monthly_grant: error: money has at most 2 decimals (cents): \`303.005\`" -- "$tenet" eval "$tour/county.tenet" --case "$work/cents.json"

# a batch: output line N is input line N; a bad line is reported and the run exits 2
{ echo "$case_json"; echo '{"as_of":"1999-06-01","household":{"size":"three"}}'; echo "$case_json"; } >"$work/cases.jsonl"
check "batch with a bad line" 2 "" "cases.jsonl:2: \$.household.size: error: expected a whole number, got a string" -- "$tenet" eval "$tour/county.tenet" --cases "$work/cases.jsonl" --out "$work/out.jsonl" --threads 2
[ "$(wc -l <"$work/out.jsonl")" -eq 3 ] && sed -n 2p "$work/out.jsonl" | grep -q '"line":2' || { echo "FAIL batch output lines"; cat "$work/out.jsonl"; failures=$((failures + 1)); }
{ echo "$case_json"; echo "$case_json"; } >"$work/good.jsonl"
check "batch" 0 "" "" -- "$tenet" eval "$tour/county.tenet" --cases "$work/good.jsonl" --out "$work/good.out" --threads 2
cmp -s <(sed -n 1p "$work/good.out") <(sed -n 2p "$work/good.out") || { echo "FAIL batch results differ"; failures=$((failures + 1)); }

check "graph" 0 "digraph" "" -- "$tenet" graph "$tour/county.tenet" --decision diversion_approved
# the DOT is valid Graphviz, and its inner nodes say what they are
if command -v dot >/dev/null; then
  "$tenet" graph "$tour/county.tenet" --decision diversion_approved >"$work/graph.dot" &&
    dot -Tsvg "$work/graph.dot" >"$work/graph.svg" 2>"$work/dot.err" || { echo "FAIL graph: dot rejects it: $(cat "$work/dot.err")"; failures=$((failures + 1)); }
  grep -qE 'label="(field|element|call|if|aggregate)"' "$work/graph.dot" && { echo "FAIL graph: an inner node without what it is"; failures=$((failures + 1)); }
  grep -q 'label=".* in .*"' "$work/graph.dot" || { echo "FAIL graph: no aggregate element named"; failures=$((failures + 1)); }
else
  echo "skip: graphviz's dot is not installed"
fi
check "usage" 2 "" "usage:" -- "$tenet" frobnicate

# caseload (CONTRACT.md §4.10): the rates agree with the decisions `eval` gives for the same cases,
# counted per family type and federal fiscal year (FY N runs N-1-10-01 .. N-09-30)
head -n 60 "$sample" >"$work/sixty.jsonl"
"$tenet" eval "$weld" --cases "$work/sixty.jsonl" --out "$work/sixty.out" >/dev/null 2>&1
check "caseload" 0 '"single_parent"' "" -- "$tenet" caseload "$weld" --cases "$work/sixty.jsonl"
if ! /usr/bin/python3 - "$work/sixty.jsonl" "$work/sixty.out" "$work/out" <<'PY'
import json, sys
from decimal import Decimal, ROUND_HALF_UP
cases = [json.loads(l) for l in open(sys.argv[1])]
results = [json.loads(l)["decisions"] for l in open(sys.argv[2])]
report = json.load(open(sys.argv[3]))
tally = {}
for c, d in zip(cases, results):
    year, month = int(c["as_of"][:4]), int(c["as_of"][5:7])
    t = tally.setdefault((c["household"]["family_type"], str(year + (month >= 10))), [0, 0])
    t[0] += 1
    t[1] += bool(d.get("work_exempt") or d.get("meets_required_hours"))
assert sum(len(years) for years in report.values()) == len(tally), (report, tally)
for (family, fiscal_year), (n, p) in tally.items():
    rate = (Decimal(100 * p) / n).quantize(Decimal("0.01"), ROUND_HALF_UP)
    row = report[family][fiscal_year]
    assert (row["cases"], row["participating"]) == (n, p), (family, row, n, p)
    assert Decimal(str(row["rate"])) == rate, (family, row["rate"], rate)
    assert 0 <= rate <= 100
PY
then echo "FAIL caseload rates"; cat "$work/out"; failures=$((failures + 1)); fi

# caseload: cases of two fiscal years are counted apart, each against its own year's target, and
# the order of the lines changes nothing (the target was the first case's of each family type)
grep '"two_parent"' "$sample" | head -n 4 >"$work/two.jsonl"
sed 's/"as_of":"1999-06-01"/"as_of":"1998-06-01"/' "$work/two.jsonl" >"$work/two_1998.jsonl"
cat "$work/two_1998.jsonl" "$work/two.jsonl" >"$work/mixed.jsonl"
cat "$work/two.jsonl" "$work/two_1998.jsonl" >"$work/mixed_reversed.jsonl"
check "caseload by fiscal year" 0 '"1998"' "" -- "$tenet" caseload "$weld" --cases "$work/mixed.jsonl"
cp "$work/out" "$work/mixed.report"
check "caseload in another order" 0 '"1999"' "" -- "$tenet" caseload "$weld" --cases "$work/mixed_reversed.jsonl"
cmp -s "$work/out" "$work/mixed.report" || { echo "FAIL caseload depends on the order of the cases"; diff "$work/mixed.report" "$work/out"; failures=$((failures + 1)); }
/usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["two_parent"]
assert set(r) == {"1998", "1999"}, r
assert r["1998"]["cases"] == 4 and r["1999"]["cases"] == 4, r
assert r["1998"]["target"] != r["1999"]["target"], r   # FY 1998: 75 - 67 = 8; FY 1999: 90 - 67 = 23
' "$work/mixed.report" || { echo "FAIL caseload rows per fiscal year"; cat "$work/mixed.report"; failures=$((failures + 1)); }

finish
