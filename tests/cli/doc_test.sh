#!/usr/bin/env bash
# `tenet doc`: usage errors, an unreadable source, a citation that resolves to no paragraph
# (a warning with its file:line:col), the sites of several rulesets, and the tour rulesets'
# site without sources. Usage: doc_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
tenet="$1"
src="$2"
tour="$src/tests/rulesets/tour"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

check() {   # check NAME EXPECTED_STATUS EXPECTED_STDOUT_SUBSTRING EXPECTED_STDERR_SUBSTRING -- COMMAND...
    local name="$1" want_status="$2" want_out="$3" want_err="$4"
    shift 5
    "$@" >"$work/out" 2>"$work/err"
    local status=$?
    local ok=1
    [ "$status" -eq "$want_status" ] || ok=0
    [ -z "$want_out" ] || grep -qF -- "$want_out" "$work/out" || ok=0
    [ -z "$want_err" ] || grep -qF -- "$want_err" "$work/err" || ok=0
    if [ "$ok" -eq 1 ]; then
        echo "ok   $name"
    else
        echo "FAIL $name: status $status (wanted $want_status)"
        echo "--- stdout"; cat "$work/out"; echo "--- stderr"; cat "$work/err"
        failures=$((failures + 1))
    fi
}

check "needs --out" 2 "" "tenet doc needs --out DIR" -- "$tenet" doc "$tour/county.tenet"
check "needs a ruleset" 2 "" "tenet doc needs a ruleset" -- "$tenet" doc --out "$work/site"
check "--source needs NAME=PATH" 2 "" "--source needs NAME=PATH, not \`manual\`" -- "$tenet" doc "$tour/county.tenet" --out "$work/site" --source manual
check "unreadable source" 2 "" "$work/missing.txt: error: cannot read the source document" -- \
    "$tenet" doc "$tour/county.tenet" --out "$work/site" --source manual="$work/missing.txt"
check "bad ruleset" 2 "" "error:" -- "$tenet" doc "$work/missing.tenet" --out "$work/site"

cat >"$work/manual.txt" <<'TEXT'
6.007 Grant Diversion
6.007.2 Payment Limit
A. Vision correction.
6.007.4 Authorization
TEXT
cat >"$work/small.tenet" <<'TENET'
ruleset doc.small "A small ruleset"
fact household.income: money
parameter cap: money = $300  cite "6.007.2 A"
decision grant: money cite "6.007.4; 6.007.9" = min(household.income, cap)
TENET
check "unresolved citation warns at file:line:col" 0 "manual: 2 of 4 paragraphs cited" \
    "small.tenet:4:38: warning: \`grant\` cites \`6.007.9\`, which is no paragraph of the source documents" -- \
    "$tenet" doc "$work/small.tenet" --out "$work/site" --source manual="$work/manual.txt"
for f in index.html d-grant.html d-cap.html d-household.income.html s-manual.html search-index.js search.js style.css; do
    [ -f "$work/site/$f" ] || { echo "FAIL site file $f missing"; failures=$((failures + 1)); }
done
grep -qF 'href="s-manual.html#p-6.007.2-A"' "$work/site/d-cap.html" || { echo "FAIL citation link"; failures=$((failures + 1)); }

check "several rulesets, no sources" 0 "$work/many/tour.county: " "" -- \
    "$tenet" doc "$tour/state.tenet" "$tour/county.tenet" --out "$work/many"
[ -f "$work/many/index.html" ] && [ -f "$work/many/tour.state/index.html" ] || { echo "FAIL site per ruleset"; failures=$((failures + 1)); }

if [ "$failures" -ne 0 ]; then
    echo "$failures failures"
    exit 1
fi
