#!/usr/bin/env bash
# No command destroys a user's file: an output that is an input is refused; every argument is
# checked before the output is touched; the output replaces the target only when it is whole
# (fmt --write too); pipes are read as streams; a folder given as a file is named as such.
# Usage: output_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$@"
cp "$src/tests/rulesets/tour/"*.tenet "$work/"
county="$work/county.tenet"
echo "$case_json" >"$work/case.json"
head -n 20 "$sample" >"$work/cases.jsonl"
cp "$work/cases.jsonl" "$work/cases.orig"
unchanged() {   # unchanged NAME FILE ORIGINAL
    cmp -s "$2" "$3" || fail "$1: $2 was changed"
}

# the output is an input: refused, the input untouched
check "--out is --cases" 2 "" "the output is the input" -- "$tenet" eval "$weld" --cases "$work/cases.jsonl" --out "$work/cases.jsonl"
unchanged "--out is --cases" "$work/cases.jsonl" "$work/cases.orig"
ln -s cases.jsonl "$work/link.jsonl"
check "--out is a link to --cases" 2 "" "the output is the input" -- "$tenet" eval "$weld" --cases "$work/cases.jsonl" --out "$work/link.jsonl"
unchanged "--out is a link to --cases" "$work/cases.jsonl" "$work/cases.orig"
cp "$county" "$work/county.orig"
check "--out is the ruleset" 2 "" "the output is the input" -- "$tenet" eval "$county" --cases "$work/cases.jsonl" --out "$county"
unchanged "--out is the ruleset" "$county" "$work/county.orig"
cp "$work/state.tenet" "$work/state.orig"
check "--out is a file the ruleset extends" 2 "" "the output is the input" -- "$tenet" eval "$county" --cases "$work/cases.jsonl" --out "$work/state.tenet"
unchanged "--out is a file the ruleset extends" "$work/state.tenet" "$work/state.orig"

# every argument is checked before the output is touched
echo "earlier results" >"$work/results.jsonl"
cp "$work/results.jsonl" "$work/results.orig"
check "unknown --decision" 2 "" "is not a decision" -- "$tenet" eval "$weld" --cases "$work/cases.jsonl" --out "$work/results.jsonl" --decision eligble
unchanged "unknown --decision" "$work/results.jsonl" "$work/results.orig"
check "bad --as-of" 2 "" "is not a day" -- "$tenet" eval "$weld" --cases "$work/cases.jsonl" --out "$work/results.jsonl" --as-of 1999-02-30
unchanged "bad --as-of" "$work/results.jsonl" "$work/results.orig"
check "bad --threads" 2 "" "--threads" -- "$tenet" eval "$weld" --cases "$work/cases.jsonl" --out "$work/results.jsonl" --threads x
unchanged "bad --threads" "$work/results.jsonl" "$work/results.orig"
check "missing --cases" 2 "" "none.jsonl: no such file" -- "$tenet" eval "$weld" --cases "$work/none.jsonl" --out "$work/results.jsonl"
unchanged "missing --cases" "$work/results.jsonl" "$work/results.orig"
printf 'ruleset broken\nrule a: int = \n' >"$work/broken.tenet"
check "ruleset that does not compile" 2 "" "broken.tenet:2:" -- "$tenet" eval "$work/broken.tenet" --cases "$work/cases.jsonl" --out "$work/results.jsonl"
unchanged "ruleset that does not compile" "$work/results.jsonl" "$work/results.orig"

# a successful batch replaces the file, keeping its permissions, and leaves no temporary file
chmod 640 "$work/results.jsonl"
check "batch over an earlier file" 0 "" "" -- "$tenet" eval "$weld" --cases "$work/cases.jsonl" --out "$work/results.jsonl"
[ "$(wc -l <"$work/results.jsonl")" -eq 20 ] || fail "batch output has $(wc -l <"$work/results.jsonl") lines, not 20"
[ "$(stat -c %a "$work/results.jsonl")" = 640 ] || fail "the output's permissions changed to $(stat -c %a "$work/results.jsonl")"
ls "$work" | grep -q partial && fail "a temporary file was left: $(ls "$work")"

# a folder where a file is wanted
mkdir "$work/folder"
check "--cases DIR" 2 "" "folder: is a directory" -- "$tenet" eval "$weld" --cases "$work/folder" --out "$work/results.jsonl"
check "--case DIR" 2 "" "folder: is a directory" -- "$tenet" eval "$weld" --case "$work/folder"
check "ruleset DIR" 2 "" "folder: is a directory" -- "$tenet" eval "$work/folder" --case "$work/case.json"
check "check DIR" 2 "" "folder: is a directory" -- "$tenet" check "$work/folder"
check "caseload --cases DIR" 2 "" "folder: is a directory" -- "$tenet" caseload "$weld" --cases "$work/folder"
[ -s "$work/out" ] && fail "caseload --cases DIR printed $(cat "$work/out")"
check "notice --case DIR" 2 "" "folder: is a directory" -- "$tenet" notice "$weld" --case "$work/folder"
check "--out DIR" 2 "" "folder: is a directory" -- "$tenet" eval "$weld" --cases "$work/cases.jsonl" --out "$work/folder"

# cases from a pipe are streamed: every case evaluated, progress without a total
check "--cases <(...)" 0 "" "20 cases" -- "$tenet" eval "$weld" --cases <(cat "$work/cases.jsonl") --out "$work/piped.jsonl"
grep -q "/20" "$work/err" && fail "progress of a stream shows a total: $(cat "$work/err")"
cmp -s "$work/piped.jsonl" "$work/results.jsonl" || fail "--cases <(...) gave other results than the file ($(wc -l <"$work/piped.jsonl") lines)"
rm -f "$work/piped.jsonl"
cat "$work/cases.jsonl" | "$tenet" eval "$weld" --cases /dev/stdin --out "$work/piped.jsonl" 2>"$work/err" ||
    fail "--cases /dev/stdin: status $?: $(cat "$work/err")"
cmp -s "$work/piped.jsonl" "$work/results.jsonl" || fail "--cases /dev/stdin gave other results than the file"
check "caseload from a pipe" 0 '"single_parent"' "" -- "$tenet" caseload "$weld" --cases <(cat "$work/cases.jsonl")
check "--out /dev/stdout" 0 '"decisions"' "" -- "$tenet" eval "$weld" --cases "$work/cases.jsonl" --out /dev/stdout
[ "$(wc -l <"$work/out")" -eq 20 ] || fail "--out /dev/stdout wrote $(wc -l <"$work/out") lines"

# fmt --write replaces the file by a new one (a rename), never rewrites it in place: another
# link to the old file keeps the old text
printf 'ruleset t\nrule   a : int=1+2\n' >"$work/messy.tenet"
cp "$work/messy.tenet" "$work/messy.orig"
ln "$work/messy.tenet" "$work/hardlink.tenet"
check "fmt --write" 0 "" "" -- "$tenet" fmt --write "$work/messy.tenet"
unchanged "fmt --write in place" "$work/hardlink.tenet" "$work/messy.orig"
cmp -s "$work/messy.tenet" "$work/messy.orig" && fail "fmt --write did not format"
ls "$work" | grep -q partial && fail "fmt left a temporary file: $(ls "$work")"

finish
