#!/usr/bin/env bash
# `tenet fmt`: stdout, --check (exit 1 when a file is not formatted, 0 when it is), --write
# (rewrites only what changes), syntax errors (exit 2, the file untouched), usage errors.
# Usage: fmt_test.sh TENET_BINARY
set -uo pipefail
tenet="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

expect_status() {   # expect_status NAME WANT COMMAND...
    local name="$1" want="$2"
    shift 2
    "$@" >"$work/out" 2>"$work/err"
    local status=$?
    if [ "$status" -eq "$want" ]; then
        echo "ok   $name"
    else
        echo "FAIL $name: status $status (wanted $want)"; cat "$work/out" "$work/err"
        failures=$((failures + 1))
    fi
}

printf 'ruleset t\nrule   a : int=1+2   # sum\n' > "$work/messy.tenet"
printf 'ruleset t\nrule a: int = 1 + 2  # sum\n' > "$work/clean.tenet"
printf 'ruleset t\nrule a: int = \n' > "$work/broken.tenet"
cp "$work/messy.tenet" "$work/messy.orig"
cp "$work/broken.tenet" "$work/broken.orig"

expect_status "stdout is the formatted text" 0 "$tenet" fmt "$work/messy.tenet"
cmp -s "$work/out" "$work/clean.tenet" || { echo "FAIL stdout differs:"; cat "$work/out"; failures=$((failures + 1)); }
expect_status "--check on a messy file" 1 "$tenet" fmt --check "$work/messy.tenet"
grep -q "messy.tenet: not formatted" "$work/err" || { echo "FAIL --check names the file"; failures=$((failures + 1)); }
cmp -s "$work/messy.tenet" "$work/messy.orig" || { echo "FAIL --check wrote the file"; failures=$((failures + 1)); }
expect_status "--check on a clean file" 0 "$tenet" fmt --check "$work/clean.tenet"
expect_status "--write" 0 "$tenet" fmt --write "$work/messy.tenet"
cmp -s "$work/messy.tenet" "$work/clean.tenet" || { echo "FAIL --write result differs"; failures=$((failures + 1)); }
expect_status "--check after --write" 0 "$tenet" fmt --check "$work/messy.tenet"
expect_status "syntax error" 2 "$tenet" fmt --write "$work/broken.tenet"
grep -q "broken.tenet:2:" "$work/err" || { echo "FAIL syntax error position"; cat "$work/err"; failures=$((failures + 1)); }
cmp -s "$work/broken.tenet" "$work/broken.orig" || { echo "FAIL a broken file was written"; failures=$((failures + 1)); }
expect_status "missing file" 2 "$tenet" fmt "$work/none.tenet"
expect_status "--check with --write" 2 "$tenet" fmt --check --write "$work/clean.tenet"
expect_status "no file" 2 "$tenet" fmt

# A file whose broken lines, indented at every level of nesting, would pass the size limit of a
# ruleset: an error naming the limit, and the file untouched.
{
    printf 'ruleset t\nfunction f(x: list<int>) -> list<int> = x\nrule r: list<int> = '
    for _ in $(seq 100); do printf 'f('; done
    printf '['; for _ in $(seq 6000); do printf '1, '; done; printf '1]'
    for _ in $(seq 100); do printf ')'; done
    printf '\n'
} > "$work/deep.tenet"
cp "$work/deep.tenet" "$work/deep.orig"
expect_status "formatted text over the size limit" 2 "$tenet" fmt --write "$work/deep.tenet"
grep -q "deep.tenet: error: the formatted text would be .* over the 1 MiB limit" "$work/err" ||
    { echo "FAIL size limit message"; cat "$work/err"; failures=$((failures + 1)); }
cmp -s "$work/deep.tenet" "$work/deep.orig" || { echo "FAIL an oversized result was written"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
