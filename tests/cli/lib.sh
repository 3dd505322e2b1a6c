# Shared by the tests/cli scripts: the binary and sources, a scratch folder, a case of the tour
# ruleset, a failure count, `check` and `finish`.
# Usage: source "$(dirname "$0")/lib.sh" TENET_BINARY SOURCE_DIR; call `finish` at the end.
tenet="$1"
src="$2"
tour="$src/tests/rulesets/tour"
weld="$src/rulesets/colorado/weld.tenet"
sample="$src/rulesets/colorado/caseload/weld_sample.jsonl"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {   # fail MESSAGE...: one failed check, with what it saw
    echo "FAIL $*"
    failures=$((failures + 1))
}

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
        fail "$name: status $status (wanted $want_status)"
        echo "--- stdout"; head -c 3000 "$work/out"; echo "--- stderr"; head -c 3000 "$work/err"
    fi
}

# A complete case of tests/rulesets/tour/county.tenet.
case_json='{"as_of":"1999-06-01","household":{"size":3,"family_type":"single_parent","monthly_gross_income":"900","countable_resources":"1500","monthly_grant":"303.00"},"caretaker":{"fugitive_felon":false,"weekly_hours":25},"history":{"episodes":[{"start":"1999-05-03"}],"diversion_payments":[]},"request":{"items":[{"item":"vision","amount":"200"}],"director_exception":false}}'

big_caseload() {   # big_caseload FILE: 3,000 cases, the sample six times
    for _ in 1 2 3 4 5 6; do cat "$sample"; done >"$1"
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed"
        exit 1
    fi
    echo "all checks passed"
}
