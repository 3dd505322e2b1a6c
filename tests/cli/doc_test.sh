#!/usr/bin/env bash
# `tenet doc`: usage errors, an unreadable source, a citation that resolves to no paragraph
# (a warning with its file:line:col), the sites of several rulesets: the tour's and the shipped ones.
# Usage: doc_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$@"

check "needs --out" 2 "" "tenet doc: --out is required" -- "$tenet" doc "$tour/county.tenet"
check "needs a ruleset" 2 "" "tenet doc: RULESET is required" -- "$tenet" doc --out "$work/site"
check "--source needs NAME=PATH" 2 "" "--source needs NAME=PATH, not \`manual\`" -- "$tenet" doc "$tour/county.tenet" --out "$work/site" --source manual
check "unreadable source" 2 "" "$work/missing.txt: error: cannot read the source document" -- \
    "$tenet" doc "$tour/county.tenet" --out "$work/site" --source manual="$work/missing.txt"
touch "$work/a_file"
check "--out is a file" 2 "" "cannot create $work/a_file" -- "$tenet" doc "$tour/county.tenet" --out "$work/a_file"
check "missing ruleset" 2 "" "missing.tenet: no such file" -- "$tenet" doc "$work/missing.tenet" --out "$work/site"

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
    [ -f "$work/site/$f" ] || fail "site file $f missing"
done
grep -qF 'href="s-manual.html#p-6.007.2-A"' "$work/site/d-cap.html" || fail "citation link"

check "several rulesets, no sources" 0 "$work/many/tour.county: " "" -- \
    "$tenet" doc "$tour/state.tenet" "$tour/county.tenet" --out "$work/many"
[ -f "$work/many/index.html" ] && [ -f "$work/many/tour.state/index.html" ] || fail "site per ruleset"

# the shipped rulesets' sites (their manuals are tested in tests/doc/browser_test.py)
check "shipped rulesets" 0 "$work/shipped/kentucky.kwp: " "" -- "$tenet" doc "$src/rulesets/colorado/works.tenet" \
    "$weld" "$src/rulesets/kentucky/kwp.tenet" --out "$work/shipped"
for site in colorado.works colorado.weld kentucky.kwp; do
    [ -f "$work/shipped/$site/index.html" ] || fail "no site for $site"
done

finish
