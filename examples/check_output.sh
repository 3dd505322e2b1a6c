#!/usr/bin/env bash
# Runs an example host and checks that each line of EXPECTED appears, whole, in what it printed.
# Usage: check_output.sh EXPECTED PROGRAM [ARG...]
set -uo pipefail
expected="$1"
shift
output=$("$@" 2>&1)
status=$?
if [ "$status" -ne 0 ]; then
  printf '%s\n' "$output"
  echo "check_output: $1 exited with status $status" >&2
  exit 1
fi
missing=0
while IFS= read -r line; do
  [ -z "$line" ] && continue
  if ! grep -Fxq -- "$line" <<<"$output"; then
    echo "check_output: missing line: $line" >&2
    missing=1
  fi
done <"$expected"
if [ "$missing" -ne 0 ]; then
  printf -- '--- output of %s:\n%s\n' "$1" "$output" >&2
  exit 1
fi
