#!/usr/bin/env bash
# What a ruleset may read, through the command: `extends`/`import` stay inside the root ruleset's
# folder unless --include-root names another; absolute paths, escapes and devices are refused at
# the path, and no line of a file that is not a ruleset is quoted.
# Usage: include_roots_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$1" "$2"

# the tour's county in one folder, the state and common layers in a shared folder beside it
mkdir -p "$work/county" "$work/shared"
cp "$tour/state.tenet" "$tour/common.tenet" "$work/shared/"
sed -e 's|^extends "state.tenet"|extends "../shared/state.tenet"|' \
    -e 's|^import "common.tenet"|import "../shared/common.tenet"|' "$tour/county.tenet" >"$work/county/county.tenet"
echo "$case_json" >"$work/case.json"

check "a layer outside the folder is refused" 2 "" "outside" -- "$tenet" check "$work/county/county.tenet"
check "--include-root lets check read it" 0 "county.tenet: ok" "" -- \
    "$tenet" check --include-root "$work/shared" "$work/county/county.tenet"
check "--include-root lets test read it" 0 "passed, 0 failed" "" -- \
    "$tenet" test --include-root "$work/shared" "$work/county/county.tenet"
check "--include-root lets eval read it" 0 '"decisions"' "" -- \
    "$tenet" eval --include-root "$work/shared" "$work/county/county.tenet" --case "$work/case.json"
check "--include-root must be a folder" 2 "" "--include-root" -- \
    "$tenet" check --include-root "$work/case.json" "$work/county/county.tenet"

printf 'ruleset leak "x"\nextends "/etc/passwd"\n' >"$work/county/abs.tenet"
check "an absolute extends is refused" 2 "" "abs.tenet:2:" -- "$tenet" check "$work/county/abs.tenet"
grep -q "root:" "$work/err" && fail "a line of /etc/passwd was quoted"
printf 'ruleset leak "x"\nimport "../../../../../../../etc/hostname"\n' >"$work/county/escape.tenet"
check "an escape by .. is refused" 2 "" "escape.tenet:2:" -- "$tenet" check "$work/county/escape.tenet"
mkfifo "$work/county/pipe.tenet"
printf 'ruleset leak "x"\nimport "pipe.tenet"\n' >"$work/county/device.tenet"
check "a pipe is refused, not read without end" 2 "" "regular file" -- \
    timeout 20 "$tenet" check "$work/county/device.tenet"
finish
