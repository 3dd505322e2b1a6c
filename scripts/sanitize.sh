#!/usr/bin/env bash
# The sanitizer jobs of CI (scripts/test.sh runs this after the ordinary build and tests):
#  1. clang-14 with ASan + UBSan (and libFuzzer's coverage, so one build serves both): every
#     GoogleTest program, then a short run of every fuzz target on its seed corpus.
#  2. gcc with TSan: the threaded tests (one ruleset, several sessions) and `tenet eval
#     --threads 4` on the sample caseload, which must match the one-thread output.
# Builds are lean: only the targets run here, no benchmarks, no Python, -O1.
#
# Environment: FUZZ_SECONDS (per target, default 60; 0 skips the fuzz runs),
#              FUZZ_SEED (default 1: CI walks the same inputs as a local run with the same seed, so
#              a finding there is found here; scripts/fuzz.sh is for long random runs),
#              SANITIZE_BUILD_PREFIX (default build-sanitize), SANITIZE_JOBS (default nproc),
#              SANITIZE_ONLY=asan or tsan to run one of the two jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${SANITIZE_BUILD_PREFIX:-build-sanitize}
jobs=${SANITIZE_JOBS:-$(nproc)}
fuzz_seconds=${FUZZ_SECONDS:-60}
fuzz_seed=${FUZZ_SEED:-1}
lean=(-G Ninja -DCMAKE_BUILD_TYPE=Sanitize "-DCMAKE_CXX_FLAGS_SANITIZE=-O1 -g" "-DCMAKE_C_FLAGS_SANITIZE=-O1 -g"
      -DTENET_BUILD_BENCH=OFF -DTENET_BUILD_PYTHON=OFF)
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

step() { echo "== sanitize: $* ($(date -u +%H:%M:%S))"; }

# The GoogleTest programs of a configured build directory. The allocation test replaces
# operator new, which ASan and TSan replace too: it runs in the ordinary build only.
test_programs() {
    ninja -C "$1" -t targets all | sed -n 's/^\(tenet_[a-z_]*_tests\): .*/\1/p' | sort -u | grep -v '^tenet_allocation_tests$'
}

only=${SANITIZE_ONLY:-all}

# ---- 1. ASan + UBSan, and the fuzz targets --------------------------------------------------
if [ "$only" = all ] || [ "$only" = asan ]; then
asan="$prefix-asan"
step "configure $asan (clang-14, address,undefined, fuzzer coverage)"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$asan" "${lean[@]}" -DTENET_FUZZ=ON >/dev/null
mapfile -t programs < <(test_programs "$asan")
mapfile -t fuzzers < <(ninja -C "$asan" -t targets all | sed -n 's/^\(fuzz_[a-z0-9_]*\): .*/\1/p' | grep -v '_replay$' | sort -u)
step "build ${programs[*]} ${fuzzers[*]}"
cmake --build "$asan" -j "$jobs" --target "${programs[@]}" "${fuzzers[@]}"
for program in "${programs[@]}"; do
    step "run $program"
    (cd "$asan/tests" && "./$program" --gtest_brief=1)
done
if [ "$fuzz_seconds" -gt 0 ]; then
    for fuzzer in "${fuzzers[@]}"; do
        target=${fuzzer#fuzz_}
        step "fuzz $target for ${fuzz_seconds}s"
        corpus=$(mktemp -d)
        for dir in "tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target"; do
            if [ -d "$dir" ]; then cp "$dir"/* "$corpus"/ 2>/dev/null || true; fi
        done
        dict=()
        case $target in parse|compile|fmt) dict=(-dict=tests/fuzz/tenet.dict) ;; esac
        # As scripts/fuzz.sh: the main thread's stack is large enough to compile on, and ASan keeps
        # short allocation stacks, so a short run gets through more inputs.
        (ulimit -s 1048576 2>/dev/null || true
         ASAN_OPTIONS="$ASAN_OPTIONS:malloc_context_size=2:max_malloc_fill_size=0" \
         "$asan/tests/fuzz/$fuzzer" "$corpus" -max_total_time="$fuzz_seconds" -seed="$fuzz_seed" -timeout=20 -rss_limit_mb=2048 \
            -max_len=16384 -artifact_prefix="$asan/" -print_final_stats=1 "${dict[@]}") 2>"$asan/fuzz_$target.log" || {
            tail -n 60 "$asan/fuzz_$target.log"
            echo "sanitize: fuzz target $target failed; the input is in $asan/" >&2
            exit 1
        }
        grep -E '^stat::number_of_executed_units' "$asan/fuzz_$target.log" || true
        rm -rf "$corpus"
    done
fi
fi

# ---- 2. TSan: the threaded batch evaluation ----------------------------------------------------
if [ "$only" = all ] || [ "$only" = tsan ]; then
tsan="$prefix-tsan"
step "configure $tsan (gcc, thread)"
cmake -S . -B "$tsan" "${lean[@]}" -DTENET_SANITIZE=thread >/dev/null
step "build tenet_thread_tests tenet_eval_tests tenet_cli"
cmake --build "$tsan" -j "$jobs" --target tenet_thread_tests tenet_eval_tests tenet_cli
step "run tenet_thread_tests, tenet_eval_tests"
(cd "$tsan/tests" && ./tenet_thread_tests --gtest_brief=1 && ./tenet_eval_tests --gtest_brief=1)
step "tenet eval --threads 4 on the sample caseload"
cases=rulesets/colorado/caseload/weld_sample.jsonl
"$tsan/tenet" eval rulesets/colorado/weld.tenet --cases "$cases" --out "$tsan/threads4.jsonl" --threads 4
"$tsan/tenet" eval rulesets/colorado/weld.tenet --cases "$cases" --out "$tsan/threads1.jsonl" --threads 1
cmp "$tsan/threads1.jsonl" "$tsan/threads4.jsonl"
fi
step "done"
