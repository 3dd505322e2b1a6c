#!/usr/bin/env bash
# `tenet notice` on the Weld ruleset: the notices of proposed action for the golden cases, in
# English and Spanish, compared byte for byte; the exit codes for a case without a sanction, a
# case missing a fact and a bad language; `tenet check` on broken templates.
# Usage: notice_test.sh TENET SOURCE_DIR [--update]   (--update rewrites the goldens)
set -u
tenet=$1
root=$2
update=${3:-}
ruleset=$root/rulesets/colorado/weld.tenet
here=$root/tests/notice
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for case in level1 level2 level3 job_refusal cured closed; do
  for lang in en es; do
    golden=$here/golden/$case.$lang.txt
    "$tenet" notice "$ruleset" --case "$here/cases/$case.json" --lang $lang >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 0 ] || { fail "$case.$lang: exit $rc: $(cat "$tmp/err")"; continue; }
    if [ "$update" = --update ]; then cp "$tmp/out" "$golden"; continue; fi
    cmp -s "$tmp/out" "$golden" || { fail "$case.$lang differs from its golden:"; diff "$golden" "$tmp/out" | head -20; }
  done
done

# nothing proposed after as_of (no sanction, or one already in force): exit 1, the reason in the
# notice's language on stderr
expect_exit() {   # expect_exit CODE PATTERN-IN-STDERR ARGS...
  local code=$1 pattern=$2
  shift 2
  "$tenet" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ $rc -eq "$code" ] || fail "tenet $*: exit $rc, expected $code: $(cat "$tmp/err")"
  grep -qF -- "$pattern" "$tmp/err" || fail "tenet $*: stderr lacks '$pattern': $(cat "$tmp/err")"
}
expect_exit 1 "No reduction of benefits is recorded to start after June 1, 1999" notice "$ruleset" --case "$here/cases/no_sanction.json"
expect_exit 1 "No hay ninguna reducción de beneficios registrada que empiece después del 1 de" notice "$ruleset" --case "$here/cases/no_sanction.json" --lang es
# a sanction in force on the notice's date had its notice before it began (CONTRACT §4.1, amended 2026-12-02)
expect_exit 1 "No reduction of benefits is recorded to start after June 1, 1999" notice "$ruleset" --case "$here/cases/in_force.json"
echo '{"as_of": "1999-06-01", "history": {"sanction_episodes": [{"start": "1999-06-20"}], "job_refusals": []}}' >"$tmp/no_grant.json"
expect_exit 2 'no_grant.json: $.household.monthly_basic_cash_grant: error: missing fact' notice "$ruleset" --case "$tmp/no_grant.json"
expect_exit 2 "--lang: \`fr\`: must be en or es" notice "$ruleset" --case "$here/cases/level1.json" --lang fr
echo '{"as_of": "1999-06-01", "history": {"sanction_episodes": [], "job_refusals": []}, "reason": "irc"}' >"$tmp/unknown_key.json"
expect_exit 2 'unknown_key.json: $.reason: error' notice "$ruleset" --case "$tmp/unknown_key.json"

# the sample caseload of the main job (scripts/run-sample.sh) holds proposed sanctions, and every
# notice it calls for proposes a reduction that starts after the notice's date (1999-06-01)
sample=$root/rulesets/colorado/caseload/weld_sample.jsonl
"$tenet" eval "$ruleset" --cases "$sample" --out "$tmp/sample.jsonl" --decision sanction_notice_due \
  --decision sanction_action_date 2>"$tmp/err" || fail "tenet eval on the sample: $(cat "$tmp/err")"
due=$(grep -c '"sanction_notice_due":true' "$tmp/sample.jsonl")
[ "$due" -ge 10 ] || fail "the sample caseload calls for $due notices of proposed action, expected at least 10"
early=$(grep '"sanction_notice_due":true' "$tmp/sample.jsonl" | grep -vc '"sanction_action_date":"1999-0[6-9]-\(0[2-9]\|[1-3][0-9]\)"')
[ "$early" -eq 0 ] || fail "$early notices of the sample take effect on or before their date"

# the explanation read aloud, through the command: ICU's es_US percent has a no-break space
"$tenet" eval "$ruleset" --case "$here/cases/in_force_level2.json" --decision adjusted_grant --explain=text --lang es >"$tmp/out" 2>"$tmp/err" ||
  fail "tenet eval --explain=text: $(cat "$tmp/err")"
for expected in "adjusted_grant = \$151.50" $'sanction_percent (decisión) = 50\xc2\xa0% [6.011.11 A; 6.006.2 B; 6.011.11 D]; leyó:' \
                "as_of (hecho) = 1 de junio de 1999"; do
  grep -qF -- "$expected" "$tmp/out" || fail "tenet eval --explain=text --lang es lacks '$expected': $(cat "$tmp/out")"
done
expect_exit 2 "--lang is the language of --explain=text" eval "$ruleset" --case "$here/cases/in_force_level2.json" --lang es

# the shipped templates check clean
"$tenet" check "$ruleset" >"$tmp/out" 2>"$tmp/err" || fail "tenet check weld.tenet: $(cat "$tmp/err")"

# broken templates: each error at its FILE:LINE:COL
mkdir -p "$tmp/rs/notices"
cat >"$tmp/rs/mini.tenet" <<'TENET'
ruleset mini "Notice template checks"
fact household.grant: money
decision notice_due: bool cite "test" = household.grant > $0
decision grant: money cite "test" = household.grant
TENET
printf '%s\n' 'notice.when = notice_due' 'notice.none = none' 'amount = {grant}' 'typo = {grnat}' >"$tmp/rs/notices/mini_sanction.en.properties"
printf '%s\n' 'notice.when = notice_due' 'notice.none = nada' 'amount = {grant' >"$tmp/rs/notices/mini_sanction.es.properties"
"$tenet" check "$tmp/rs/mini.tenet" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "tenet check with broken templates: exit $rc, expected 2"
for expected in \
  "mini_sanction.en.properties:4:9: error: \`grnat\` is not a decision of mini" \
  "mini_sanction.en.properties:4:1: error: message \`typo\` has no es translation" \
  "mini_sanction.es.properties:3:10: error: malformed MessageFormat in message \`amount\`: unmatched braces"; do
  grep -qF -- "$expected" "$tmp/err" || fail "tenet check: stderr lacks '$expected': $(cat "$tmp/err")"
done

[ $failures -eq 0 ] && echo "notice: all passed"
exit $((failures > 0))
