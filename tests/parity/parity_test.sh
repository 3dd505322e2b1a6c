#!/usr/bin/env bash
# `tenet parity` and `tenet diff` on a small ruleset (base.tenet) and its variants made here:
# equal, different, missing on either side and mapping errors with the legacy line and case key;
# a parameter change, a rule change, an added exemption reason and a layer override.
set -u
TENET="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_rc() { [ "$1" = "$2" ] || fail "$3: exit $1, expected $2"; }
expect_in() { grep -qF -- "$2" "$1" || { fail "$3: no \`$2\` in"; cat "$1"; }; }

cp "$HERE/base.tenet" "$HERE/cases.jsonl" "$T/"

# --- parity ------------------------------------------------------------------------------------
# equal: the legacy system agrees on both cases (money in cents, enums spelled its own way)
cat > "$T/map.json" <<'JSON'
{"fields": {"ELIG": {"decision": "eligible", "values": {"Y": true, "N": false}},
            "REASONS": {"decision": "reasons", "values": {"RMT": "remote"}}}}
JSON
printf '{"id":1,"ELIG":"Y","REASONS":["RMT"]}\n{"id":2,"ELIG":"Y","REASONS":[]}\n' > "$T/equal.jsonl"
"$TENET" parity "$T/base.tenet" --cases "$T/cases.jsonl" --legacy "$T/equal.jsonl" --key id --map "$T/map.json" > "$T/out" 2>&1
expect_rc $? 0 "parity equal"
expect_in "$T/out" "no differences" "parity equal"

# different: case 2 ineligible in the legacy system; case 3 only in legacy, case 1 lacks a field
printf '{"id":1,"REASONS":["RMT"]}\n{"id":2,"ELIG":"N","REASONS":[]}\n{"id":3,"ELIG":"Y"}\n' > "$T/diff.jsonl"
"$TENET" parity "$T/base.tenet" --cases "$T/cases.jsonl" --legacy "$T/diff.jsonl" --key id --map "$T/map.json" --report "$T/r" > "$T/out" 2>&1
expect_rc $? 1 "parity different"
expect_in "$T/out" "1 differences remain" "parity different"
expect_in "$T/out" "eligible: 1 case explained by decision \`eligible\` [6.002]" "parity group"
[ -s "$T/r/parity.html" ] && [ -s "$T/r/parity.json" ] || fail "parity report files"
/usr/bin/python3 - "$T/r/parity.json" <<'PY' || fail "parity json counts"
import json, sys
r = json.load(open(sys.argv[1]))
e = {d["decision"]: d for d in r["decisions"]}["eligible"]
assert (e["equal"], e["different"], e["missing_tenet"], e["missing_legacy"]) == (0, 1, 1, 1), e
PY

# a map naming something that is not a decision: the map file and JSON path
printf '{"fields": {"ELIG": {"decision": "eligible"}, "LIMIT": {"decision": "over_limit_d"}}}\n' > "$T/bad_map.json"
"$TENET" parity "$T/base.tenet" --cases "$T/cases.jsonl" --legacy "$T/equal.jsonl" --key id --map "$T/bad_map.json" > "$T/out" 2>&1
expect_rc $? 2 "parity unknown decision in map"
expect_in "$T/out" "bad_map.json: \$.fields.LIMIT.decision: error: \`over_limit_d\` is not a decision" "map error"

# mapping errors: the legacy line and the case key
printf '{"id":1,"ELIG":"maybe","REASONS":["RMT"]}\n{"ELIG":"Y"}\n' > "$T/badvalues.jsonl"
"$TENET" parity "$T/base.tenet" --cases "$T/cases.jsonl" --legacy "$T/badvalues.jsonl" --key id --map "$T/map.json" > "$T/out" 2>&1
expect_rc $? 2 "parity mapping errors"
expect_in "$T/out" "badvalues.jsonl:1: case 1: error: \`ELIG\` is \"maybe\", not a bool" "mapping error line and key"
expect_in "$T/out" "badvalues.jsonl:2: case null: error: the record has no case key \`id\`" "mapping error without key"

# --- diff with cases ---------------------------------------------------------------------------
sed 's/= \$2,000/= $1,500/' "$T/base.tenet" > "$T/param.tenet"
"$TENET" diff "$T/base.tenet" "$T/param.tenet" --cases "$T/cases.jsonl" --report "$T/d" > "$T/out" 2>&1
expect_rc $? 0 "diff parameter"
expect_in "$T/out" "1 of 2 cases change" "diff parameter"
expect_in "$T/out" "lost eligible" "diff parameter outcome"
expect_in "$T/out" "resource_limit \$2,000.00 -> \$1,500.00 [6.003.1]" "diff parameter cause"
[ -s "$T/d/diff.html" ] || fail "diff report html"

sed 's/household.resources > resource_limit/household.resources >= resource_limit - $500/' "$T/base.tenet" > "$T/rule.tenet"
"$TENET" diff "$T/base.tenet" "$T/rule.tenet" --cases "$T/cases.jsonl" > "$T/out" 2>&1
expect_rc $? 0 "diff rule"
expect_in "$T/out" "over_limit false -> true [6.003.1]" "diff rule cause"

sed 's/    remote when household.remote cite "6.005.1 B"/&\n    no_sites when not household.sites cite "6.005.1 E"/' "$T/base.tenet" > "$T/reason.tenet"
"$TENET" diff "$T/base.tenet" "$T/reason.tenet" --cases "$T/cases.jsonl" > "$T/out" 2>&1
expect_rc $? 0 "diff exemption reason"
expect_in "$T/out" "reasons: 2 cases" "diff exemption reason count"
expect_in "$T/out" "reasons [\"remote\"] -> [\"remote\",\"no_sites\"]" "diff exemption reason outcome"

cat > "$T/county.tenet" <<'EOF2'
ruleset t.county "County"
extends "base.tenet"

override parameter resource_limit: money = $1,000
  cite "County plan 2.1"
EOF2
"$TENET" diff "$T/base.tenet" "$T/county.tenet" --cases "$T/cases.jsonl" > "$T/out" 2>&1
expect_rc $? 0 "diff layer override"
expect_in "$T/out" "resource_limit \$2,000.00 -> \$1,000.00 [County plan 2.1]" "diff layer override cause"

# --- diff without cases: declarations and the decisions they can affect ------------------------
"$TENET" diff "$T/base.tenet" "$T/reason.tenet" > "$T/out" 2>&1
expect_rc $? 0 "diff declarations"
expect_in "$T/out" "changed decision reasons" "diff declarations changed"
"$TENET" diff "$T/base.tenet" "$T/param.tenet" > "$T/out" 2>&1
expect_in "$T/out" "changed parameter resource_limit" "diff declarations parameter"
expect_in "$T/out" "can affect 1 decision: eligible" "diff declarations affects"

[ "$failures" = 0 ] && echo "parity tests passed"
exit $((failures > 0))
