#!/bin/bash
# Writes docs/cases/*.md, the shipped rulesets' case interfaces, from the rulesets themselves.
#   scripts/case_docs.sh [TENET]          regenerate (TENET: the command, default build/tenet)
#   scripts/case_docs.sh --check [TENET]  exit 1 and show the difference when a page is stale
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
tenet=${1:-build/tenet}
# page  ruleset (relative to the repository, as the page says it was made)
pages=(
  "colorado-works rulesets/colorado/works.tenet"
  "colorado-weld rulesets/colorado/weld.tenet"
  "kentucky-kwp rulesets/kentucky/kwp.tenet"
)
status=0
for entry in "${pages[@]}"; do
  read -r page ruleset <<<"$entry"
  out=docs/cases/$page.md
  if [ $check = 1 ]; then
    if ! "$tenet" interface "$ruleset" | diff -u "$out" -; then
      echo "$out is stale: run scripts/case_docs.sh to regenerate it" >&2
      status=1
    fi
  else
    "$tenet" interface "$ruleset" >"$out"
  fi
done
exit $status
