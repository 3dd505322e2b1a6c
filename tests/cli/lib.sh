# Shared by the tests/cli scripts: a scratch folder, a failure count and `check`.
# Usage: source lib.sh after setting nothing; call `finish` at the end.
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

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed"
        exit 1
    fi
    echo "all checks passed"
}
