#!/usr/bin/env bash
# Builds one libFuzzer target (tests/fuzz/) with clang-14, ASan and UBSan in ./build-fuzz, and
# runs it for SECONDS on a working copy of its seed corpus and regressions. Inputs that crash
# are written to build-fuzz/artifacts/TARGET/; copy each into tests/fuzz/regressions/TARGET/
# once the bug is fixed (ctest replays it in every build). Further arguments go to libFuzzer (e.g. -jobs=1 -max_len=4096).
#
#   scripts/fuzz.sh parse 60
#   FUZZ_BUILD=build-d-fuzz scripts/fuzz.sh money 600 -jobs=1
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
build=${FUZZ_BUILD:-build-fuzz}

if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTENET_FUZZ=ON -DTENET_BUILD_BENCH=OFF -DTENET_BUILD_PYTHON=OFF >/dev/null
fi
cmake --build "$build" --target "fuzz_$target" -j "${FUZZ_BUILD_JOBS:-2}"

# The fuzzer adds what it finds to the first directory: a copy, so the repository keeps only
# the hand-picked seeds.
corpus="$build/corpus/$target"
artifacts="$build/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
for dir in "tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target"; do
  if [ -d "$dir" ]; then cp -n "$dir"/* "$corpus"/ 2>/dev/null || true; fi
done
# Targets that read .tenet text share the language's keywords and punctuation as a dictionary.
dict_option=()
case $target in
  parse|compile|fmt*) dict_option=("-dict=tests/fuzz/tenet.dict") ;;
esac

# Compiling on the main thread's own stack spares a 256 MiB thread per input (see
# util::run_with_large_stack); ASan's allocation stacks and malloc fill are the next costs per
# input, and a report still names the faulting access with its full stack.
ulimit -s 1048576 2>/dev/null || true
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=2:max_malloc_fill_size=0}

"$build/tests/fuzz/fuzz_$target" "$corpus" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 "${dict_option[@]}" "$@"
