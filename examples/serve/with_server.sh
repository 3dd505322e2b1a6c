#!/usr/bin/env bash
# Starts `tenet serve RULESET` on a free loopback port, runs COMMAND with TENET_URL set to it, and
# stops the server (SIGTERM). Usage: with_server.sh TENET RULESET COMMAND [ARG...]
set -uo pipefail
tenet="$1" ruleset="$2"
shift 2
out=$(mktemp)
"$tenet" serve "$ruleset" --listen 127.0.0.1:0 --access-log off >"$out" &
pid=$!
for _ in $(seq 300); do
  grep -q 'listening on' "$out" && break
  sleep 0.1
done
url=$(sed -n 's/.*listening on \(http:[^ ]*\)$/\1/p' "$out")
rm -f "$out"
if [ -z "$url" ]; then
  kill "$pid" 2>/dev/null
  echo "with_server: tenet serve did not start" >&2
  exit 1
fi
TENET_URL="$url" "$@"
status=$?
kill -TERM "$pid"
wait "$pid"
exit $status
