#!/bin/bash
# Lays out C++ sources with .clang-format (clang-format-14, as on Debian 12).
#   scripts/format.sh [FILE...]          apply it (default: every C++ file of the repository)
#   scripts/format.sh --check [FILE...]  exit 1 and name each file that differs from the layout
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
format=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$format" ]; then
  echo "scripts/format.sh: clang-format-14 is not installed (apt-get install clang-format-14)" >&2
  exit 2
fi
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | grep -v -e '^tests/fuzz/corpus/' -e '^bench/peers/floor/')
fi
if [ $check = 0 ]; then
  "$format" -i --style=file "${files[@]}"
  exit 0
fi
status=0
for f in "${files[@]}"; do
  if ! "$format" --style=file "$f" | cmp -s - "$f"; then
    echo "$f: not laid out as .clang-format says (scripts/format.sh $f)" >&2
    status=1
  fi
done
exit $status
