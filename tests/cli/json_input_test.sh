#!/usr/bin/env bash
# Case JSON as the command reads it (issue 12): text that is not JSON is one error with its byte
# offset, whatever follows a NUL byte; a JSONL line that holds no case is an error at that line;
# huge numbers and escaped control characters are reported at their JSON path, escaped.
# Usage: json_input_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$@"

# run NAME STATUS COMMAND...: the command exits with STATUS (its output is in $work/out, $work/err)
run() {
    local before=$failures
    check "$1" "$2" "" "" -- "${@:3}"
    [ "$failures" -eq "$before" ]
}

stderr_is() {   # stderr_is NAME TEXT: the last command's stderr, progress lines aside, is exactly TEXT
    [ "$(grep -v '^tenet eval: ' "$work/err")" == "$2" ] || { fail "$1: stderr is not: $2"; echo "--- stderr"; cat -v "$work/err"; }
}

cat >"$work/t.tenet" <<'TENET'
ruleset t
facts household {
  size: int in 1..30
  income: money in $0..
}
decision size: int cite "x" = household.size
decision income: money cite "x" = household.income
TENET
good='{"as_of":"1999-06-01","household":{"size":3}}'

# a NUL byte after a good case: rejected at its offset, not taken for the end of the file
{ printf '%s' "$good"; printf '\0garbage'; } >"$work/nul.json"
run "--case with a NUL byte" 2 "$tenet" eval "$work/t.tenet" --case "$work/nul.json" &&
    stderr_is "--case with a NUL byte" "$work/nul.json: \$: error: invalid JSON at offset 45 (column 46): a NUL byte (0x00) is not allowed in JSON text (inside a string, write \\u0000)"
{ printf '%s' "$good"; printf '\0'; printf '%s\n' "$good"; } >"$work/nul2.json"
run "--case with a NUL byte and a second case" 2 "$tenet" eval "$work/t.tenet" --case "$work/nul2.json"

# malformed text: the syntax error alone, not "a case is a JSON object, not an array" first
printf '[1,]' >"$work/array.json"
run "--case malformed" 2 "$tenet" eval "$work/t.tenet" --case "$work/array.json" &&
    stderr_is "--case malformed" "$work/array.json: \$: error: invalid JSON at offset 3 (column 4): syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal"
printf '{\n  "as_of": "1999-06-01",\n  "household": {"size": "x",}\n}\n' >"$work/lines.json"
run "--case malformed over several lines" 2 "$tenet" eval "$work/t.tenet" --case "$work/lines.json" &&
    stderr_is "--case malformed over several lines" "$work/lines.json: \$: error: invalid JSON at offset 55 (line 3, column 29): syntax error while parsing object key - unexpected '}'; expected string literal"

# numbers: beyond a double, at the field's path; whole numbers written with an exponent are ints
printf '{"as_of":"1999-06-01","household":{"size":1e400,"income":1e-400}}' >"$work/huge.json"
run "--case huge and tiny numbers" 2 "$tenet" eval "$work/t.tenet" --case "$work/huge.json" &&
    stderr_is "--case huge and tiny numbers" "$work/huge.json: \$.household.size: error: \`1e400\` is too large for an integer
$work/huge.json: \$.household.income: error: money has at most 2 decimals (cents): \`1e-400\`"
printf '{"as_of":"1999-06-01","household":{"size":3e0,"income":1.5e2}}' >"$work/exp.json"
run "--case whole numbers with exponents" 0 "$tenet" eval "$work/t.tenet" --case "$work/exp.json" &&
    { grep -qF '"size":3,"income":"150.00"' "$work/out" || fail "--case whole numbers with exponents: output"; }

# an escaped NUL in a key is printed escaped, never as a raw byte
printf '{"as_of":"1999-06-01","a\\u0000b":1}' >"$work/key.json"
run "--case escaped NUL in a key" 2 "$tenet" eval "$work/t.tenet" --case "$work/key.json" &&
    stderr_is "--case escaped NUL in a key" "$work/key.json: \$[\"a\\u0000b\"]: error: unknown key \`a\\u0000b\` (expected one of: as_of, household)"

# JSONL: a line with a NUL, an empty line, a line of spaces, a form feed, a BOM-only line are
# each an error at their line; the good lines are evaluated, and output line N is input line N
{
    printf '%s\n' "$good"
    printf '%s\0%s\n' "$good" "$good"
    printf '\n'
    printf '  \r\n'
    printf '\f\n'
    printf '\xef\xbb\xbf\n'
    printf '%s\n' "$good"
} >"$work/cases.jsonl"
run "--cases with lines that are no case" 2 "$tenet" eval "$work/t.tenet" --cases "$work/cases.jsonl" --out "$work/results.jsonl" --threads 2 &&
    stderr_is "--cases with lines that are no case" "$work/cases.jsonl:2: \$: error: invalid JSON at offset 45 (column 46): a NUL byte (0x00) is not allowed in JSON text (inside a string, write \\u0000)
$work/cases.jsonl:3: \$: error: invalid JSON at offset 0 (column 1): there is no JSON value (a case is one JSON object)
$work/cases.jsonl:4: \$: error: invalid JSON at offset 3 (column 4): there is no JSON value (a case is one JSON object)
$work/cases.jsonl:5: \$: error: invalid JSON at offset 0 (column 1): syntax error while parsing value - invalid literal; last read: '<U+000C>'
$work/cases.jsonl:6: \$: error: invalid JSON at offset 3 (column 2): syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal
$work/cases.jsonl: 5 of 7 cases were rejected"
if [ "$(wc -l <"$work/results.jsonl")" -ne 7 ] || ! sed -n 1p "$work/results.jsonl" | grep -qF '"size":3' ||
    ! sed -n 7p "$work/results.jsonl" | grep -qF '"size":3' || ! sed -n 3p "$work/results.jsonl" | grep -qF '{"line":3,"errors":[{"path":"$","message":"invalid JSON at offset 0'; then
    fail "--cases output lines"
    cat "$work/results.jsonl"
fi


# a JSONL line has a length limit (16 MiB, LANGUAGE.md §12): a file without newlines is an error
# at its line, not memory growing without end (ctest's TIMEOUT bounds the run)
run "--cases /dev/zero" 2 "$tenet" eval "$work/t.tenet" --cases /dev/zero --out "$work/zero.jsonl" &&
    stderr_is "--cases /dev/zero" "/dev/zero:1: error: line 1 is longer than 16 MiB, the limit of a JSON line"
[ -e "$work/zero.jsonl" ] && fail "--cases /dev/zero wrote its output"
{ printf '%s\n' "$good"; head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' '; printf '\n%s\n' "$good"; } >"$work/long.jsonl"
run "--cases with a line past the limit" 2 "$tenet" eval "$work/t.tenet" --cases "$work/long.jsonl" --out "$work/long_out.jsonl" &&
    stderr_is "--cases with a line past the limit" "$work/long.jsonl:2: error: line 2 is longer than 16 MiB, the limit of a JSON line"
head -c $((16 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$work/at_limit.jsonl"
printf '\n%s\n' "$good" >>"$work/at_limit.jsonl"
check "a line of exactly the limit is read (an error for being blank, not for its length)" 2 "" "at_limit.jsonl:1: \$: error" -- \
    "$tenet" eval "$work/t.tenet" --cases "$work/at_limit.jsonl" --out "$work/at_limit_out.jsonl"
check "tenet caseload --cases /dev/zero" 2 "" "/dev/zero:1: error: line 1 is longer than 16 MiB" -- \
    "$tenet" caseload "$weld" --cases /dev/zero
check "tenet diff --cases /dev/zero" 2 "" "/dev/zero:1: error: line 1 is longer than 16 MiB" -- \
    "$tenet" diff "$work/t.tenet" "$work/t.tenet" --cases /dev/zero

finish
