#!/usr/bin/env bash
# A county adds `rent` and `utility` to the state's DiversionItem (LANGUAGE.md §2): its tests pass
# (the county's cap counts them), the state's tests pass under it, and `tenet check` warns at
# every state collect, `if` chain and `in` list that covered the state's values and not the
# county's, with a note at the county's enum; a layer may not repeat an inherited value.
# Usage: enum_layers_test.sh TENET
set -u
tenet=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$tenet" test "$here/county.tenet" >"$tmp/out" 2>&1 || fail "county tests: $(cat "$tmp/out")"
"$tenet" test --inherited "$here/county.tenet" >"$tmp/out" 2>&1 || fail "state tests under the county: $(cat "$tmp/out")"
"$tenet" check --strict "$here/state.tenet" >"$tmp/out" 2>&1 || fail "the state alone is clean: $(cat "$tmp/out")"
"$tenet" fmt --check "$here/state.tenet" "$here/county.tenet" >"$tmp/out" 2>&1 || fail "formatted: $(cat "$tmp/out")"

"$tenet" check "$here/county.tenet" >"$tmp/out" 2>&1 || fail "county check exits $?: $(cat "$tmp/out")"
expect() {   # expect TEXT: a line of the check's output
  grep -qF -- "$1" "$tmp/out" || fail "check output lacks: $1"
}
expect "state.tenet:36:5: warning: this \`collect\` gives every value of \`DiversionItem\` but \`rent\`, \`utility\`, which \`$here/county.tenet\` adds: no entry gives them"
expect "state.tenet:43:5: warning: this \`if\` on \`item\` tests every value of \`DiversionItem\` but \`rent\`, \`utility\`, which \`$here/county.tenet\` adds: they take its last \`else\`"
expect "state.tenet:51:34: warning: this \`in\` lists every value of \`DiversionItem\` but \`rent\`, \`utility\`, which \`$here/county.tenet\` adds: it is false for them"
expect "county.tenet:5:6: note: \`rent\`, \`utility\` added to \`DiversionItem\` here"
[ "$(grep -c ': warning: ' "$tmp/out")" -eq 3 ] || fail "expected 3 warnings (the overridden table is covered): $(cat "$tmp/out")"
"$tenet" check --strict "$here/county.tenet" >/dev/null 2>&1 && fail "check --strict passes a county whose values escape the state's matches"

# without the county's table, its gap names the values and the county
sed '/^override table/,/^}/d' "$here/county.tenet" >"$tmp/county.tenet"
cp "$here/state.tenet" "$tmp/state.tenet"
"$tenet" check "$tmp/county.tenet" >"$tmp/out" 2>&1
expect "state.tenet:13:7: warning: table \`item_cap\` has no row for item = rent; nor for item = utility"
expect "county.tenet:5:6: note: \`rent\`, \`utility\` added to \`DiversionItem\` here"

# a layer adds new values only
sed 's/enum DiversionItem { rent, utility }/enum DiversionItem { rent, vision }/' "$here/county.tenet" >"$tmp/county.tenet"
"$tenet" check "$tmp/county.tenet" >"$tmp/out" 2>&1 && fail "a repeated value is accepted"
expect "county.tenet:5:28: error: \`vision\` is already a value of enum \`DiversionItem\`; a layer's \`enum DiversionItem { ... }\` adds new values only"

[ $failures -eq 0 ] && echo "enum layers: ok"
exit $((failures > 0))
