#!/usr/bin/env bash
# `--engine compiled` on `tenet eval` (one case, a batch on two threads, --explain) and `tenet
# caseload`: the output is the interpreter's, byte for byte, on the tour case and the Weld sample
# caseload; the library is compiled once and then found in the cache ($TENET_CACHE_DIR); without a
# C compiler a warning, once, and the interpreter's output with its exit code. Skips (exit 0,
# saying so) when there is no C compiler. ctest sets TENET_CACHE_DIR to the build tree's cache and
# TENET_CFLAGS=-O0 (Weld's C takes minutes to optimise), shared with tenet_engine_tests.
# Usage: engine_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$@"
if ! command -v "${CC:-cc}" >/dev/null 2>&1; then
    echo "skipped: no C compiler (${CC:-cc}) on PATH"
    exit 0
fi
county="$tour/county.tenet"
echo "$case_json" >"$work/case.json"

same() {   # same NAME FILE_A FILE_B: byte-identical
    if cmp -s "$2" "$3"; then echo "ok   $1"; else fail "$1: $2 and $3 differ"; diff "$2" "$3" | head -20; fi
}

# one case: compiled once into an empty cache, then found there
export TENET_CACHE_DIR="$work/cache"
check "interpreted" 0 '"decisions"' "" -- "$tenet" eval "$county" --case "$work/case.json"
cp "$work/out" "$work/interpreted.json"
check "compiled, first time" 0 '"decisions"' "compiling the decisions of $county" -- \
    "$tenet" eval "$county" --case "$work/case.json" --engine compiled
same "compiled = interpreted" "$work/out" "$work/interpreted.json"
ls "$work/cache"/*.so >/dev/null 2>&1 || fail "no library in \$TENET_CACHE_DIR"
check "compiled, from the cache" 0 '"decisions"' "" -- "$tenet" eval "$county" --case "$work/case.json" --engine compiled
grep -q compiling "$work/err" && fail "compiled again: $(cat "$work/err")"
same "cached = interpreted" "$work/out" "$work/interpreted.json"
check "one decision" 0 '"decisions"' "" -- "$tenet" eval "$county" --case "$work/case.json" --engine compiled --decision eligible
"$tenet" eval "$county" --case "$work/case.json" --decision eligible >"$work/one.json"
same "one decision = interpreted" "$work/out" "$work/one.json"
check "--explain" 0 '"explanation"' "" -- "$tenet" eval "$county" --case "$work/case.json" --engine compiled --explain
"$tenet" eval "$county" --case "$work/case.json" --explain >"$work/explained.json"
same "--explain = interpreted" "$work/out" "$work/explained.json"

# no compiler: a warning, once, and the interpreter's results and exit codes
check "no compiler" 0 '"decisions"' "warning: no C compiler: \`/nonexistent/cc\` is not on PATH" -- \
    env CC=/nonexistent/cc "$tenet" eval "$county" --case "$work/case.json" --engine compiled
same "no compiler = interpreted" "$work/out" "$work/interpreted.json"
[ "$(grep -c warning "$work/err")" -eq 1 ] || fail "the warning is not said once: $(cat "$work/err")"
echo '{"as_of":"nope"}' >"$work/bad.json"
check "no compiler, bad case" 2 "" "error" -- env CC=/nonexistent/cc "$tenet" eval "$county" --case "$work/bad.json" --engine compiled
check "unknown engine" 2 "" "--engine" -- "$tenet" eval "$county" --case "$work/case.json" --engine jit
check "tenet --help names --engine" 0 "[--engine interpreted|compiled]" "" -- "$tenet" --help
check "caseload --help names --engine" 0 "--engine" "" -- "$tenet" caseload --help

# Weld's sample caseload, a batch on two threads and `tenet caseload`
export TENET_CACHE_DIR="${TENET_ENGINE_CACHE:-$work/cache}"
check "weld batch, interpreted" 0 "" "" -- "$tenet" eval "$weld" --cases "$sample" --out "$work/weld_interpreted.jsonl"
check "weld batch, compiled" 0 "" "" -- "$tenet" eval "$weld" --cases "$sample" --out "$work/weld_compiled.jsonl" \
    --threads 2 --engine compiled
grep -q warning "$work/err" && fail "weld: $(head -c 2000 "$work/err")"
same "weld batch compiled = interpreted" "$work/weld_compiled.jsonl" "$work/weld_interpreted.jsonl"
check "weld caseload, interpreted" 0 "" "" -- "$tenet" caseload "$weld" --cases "$sample"
cp "$work/out" "$work/caseload_interpreted.json"
check "weld caseload, compiled" 0 "" "" -- "$tenet" caseload "$weld" --cases "$sample" --engine compiled
same "weld caseload compiled = interpreted" "$work/out" "$work/caseload_interpreted.json"
finish
