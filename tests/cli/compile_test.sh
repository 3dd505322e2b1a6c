#!/usr/bin/env bash
# `tenet compile --emit c`: the file a plain `cc -std=c99 -Wall -Werror` accepts, a C host program
# linked with it gets the decisions of hand case A, the decisions left to the interpreter are named,
# and usage errors exit 2. Skips (exit 0, saying so) when there is no C compiler.
# Usage: compile_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$@"
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "skipped: no C compiler ($cc) on PATH"
    exit 0
fi
stylised="$src/bench/peers/colorado_works_weld.tenet"

check "compile --emit c" 0 "" "" -- "$tenet" compile "$stylised" --emit c -o "$work/rules.c"
check "cc -std=c99 -Wall -Werror accepts it" 0 "" "" -- "$cc" -std=c99 -Wall -Werror -O2 -c "$work/rules.c" -o "$work/rules.o"
cp "$src/tests/emit/host.c" "$work/host.c"
check "a C host links it" 0 "" "" -- "$cc" -std=c99 -Wall -Werror -O2 -I"$work" -o "$work/host" "$work/host.c" "$work/rules.o"
# hand case A: $400 less a first sanction's 25%, 25 hours in FY1999, level `first` (index 3)
check "the host gets the decisions" 0 "adjusted_grant 300/1" "" -- "$work/host"
grep -q "required_weekly_hours 25" "$work/out" || fail "required_weekly_hours"
grep -q "sanction_level 3" "$work/out" || fail "sanction_level"
grep -q "adjusted_grant without the grant: state 2" "$work/out" || fail "a missing fact leaves the decision missing"

# to standard output, one period with --as-of
check "to stdout" 0 "tenet_decide_adjusted_grant" "" -- "$tenet" compile "$stylised" --emit c --as-of 2000-01-01
# Weld: every period; what is not compiled is named on stderr, and the file still compiles
check "weld" 0 "" "" -- "$tenet" compile "$weld" --emit c -o "$work/weld.c"
# (-fsyntax-only: its thirteen periods take minutes to optimise; the stylised file above is built whole;
# gcc's -Wmisleading-indentation looks up the source line of every `if`, minutes over Weld's 12 MB)
check "weld compiles" 0 "" "" -- "$cc" -std=c99 -Wall -Werror -Wno-misleading-indentation -fsyntax-only "$work/weld.c"
# usage errors
check "no --emit" 2 "" "--emit" -- "$tenet" compile "$stylised"
check "unknown target" 2 "" "--emit" -- "$tenet" compile "$stylised" --emit wasm
finish
