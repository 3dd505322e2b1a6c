#!/usr/bin/env bash
# The docs' examples stay true: LANGUAGE.md's opening example is in the canonical layout of
# `tenet fmt` (the first tenet block of the page).
# Usage: docs_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
tenet="$1" src="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk '/^```tenet/ { inside = 1; next } /^```/ { if (inside) exit } inside' "$src/docs/LANGUAGE.md" >"$work/opening.tenet"
[ -s "$work/opening.tenet" ] || { echo "FAIL no tenet block in LANGUAGE.md"; exit 1; }
if "$tenet" fmt --check "$work/opening.tenet"; then
    echo "ok   LANGUAGE.md's opening example is canonical"
else
    echo "FAIL LANGUAGE.md's opening example is not canonical:"; "$tenet" fmt "$work/opening.tenet" | diff "$work/opening.tenet" -
    exit 1
fi
