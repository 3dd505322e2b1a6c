#!/usr/bin/env bash
# A batch killed half way (SIGKILL) leaves the previous output as it was: the results are written
# to a temporary file beside the target and renamed over it only when the batch is done. The
# cases come through a pipe that is held open, so the batch is certainly still running (and has
# written part of its results) when it is killed: no timing is assumed. ctest's TIMEOUT bounds it.
# Usage: kill_test.sh TENET_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh" "$@"

# a caseload of 3,000 cases (the sample six times), and an earlier results file to protect
big_caseload "$work/big.jsonl"
"$tenet" eval "$weld" --cases "$sample" --out "$work/results.jsonl" 2>/dev/null || fail "the first batch failed"
cp "$work/results.jsonl" "$work/results.orig"

mkfifo "$work/cases.pipe"
# Starts a batch over the pipe and returns once part of its results is on the disk (at most a
# minute), the batch's pid in $batch and the pipe writer's in $writer. The writer sends every case
# but keeps the pipe open, so the batch waits for more.
start_batch() {
    "$tenet" eval "$weld" --cases "$work/cases.pipe" --out "$work/results.jsonl" 2>"$work/err" &
    batch=$!
    (cat "$work/big.jsonl"; exec sleep 600) >"$work/cases.pipe" &
    writer=$!
    local partial=""
    for _ in $(seq 600); do
        partial=$(find "$work" -name 'results.jsonl.tenet-partial-*' -size +0 | head -n 1)
        [ -n "$partial" ] && break
        sleep 0.1
    done
    [ -n "$partial" ] || fail "no partial output appeared: $(ls -la "$work"; cat "$work/err")"
    kill -0 "$batch" 2>/dev/null || fail "the batch ended before it was killed: $(cat "$work/err")"
}
stop_writer() {
    kill "$writer" 2>/dev/null
    wait "$writer" 2>/dev/null
}

start_batch
kill -9 "$batch"
wait "$batch" 2>/dev/null
stop_writer
cmp -s "$work/results.jsonl" "$work/results.orig" && echo "ok   the earlier output is intact after SIGKILL" ||
    fail "the output changed under SIGKILL ($(wc -l <"$work/results.jsonl") lines)"

# SIGTERM: the same, and the temporary file is removed
rm -f "$work"/results.jsonl.tenet-partial-*
start_batch
kill -TERM "$batch"
wait "$batch" 2>/dev/null
stop_writer
cmp -s "$work/results.jsonl" "$work/results.orig" || fail "the output changed under SIGTERM"
[ -z "$(find "$work" -name 'results.jsonl.tenet-partial-*')" ] && echo "ok   SIGTERM removes the temporary file" ||
    fail "SIGTERM left the temporary file"

finish
