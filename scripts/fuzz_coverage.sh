#!/usr/bin/env bash
# Line and branch coverage of the parser, checker and evaluator reached by the fuzz corpora:
# builds the replay programs of tests/fuzz with clang-14 source-based coverage in
# ./build-coverage, replays every corpus (the fuzzers' working corpora in build-fuzz/corpus/
# when they exist, else the committed seeds, plus the regressions), and prints llvm-cov's
# summary for src/syntax, src/check and src/eval.
#
#   scripts/fuzz_coverage.sh [TARGET...]        (default: every fuzz target)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${COVERAGE_BUILD:-build-coverage}
fuzz_build=${FUZZ_BUILD:-build-fuzz}
flags="-fprofile-instr-generate -fcoverage-mapping"
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
    -DTENET_BUILD_BENCH=OFF -DTENET_BUILD_PYTHON=OFF >/dev/null
fi
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(ninja -C "$build" -t targets all | sed -n 's/^fuzz_\([a-z0-9_]*\)_replay: .*/\1/p' | sort -u)
fi
cmake --build "$build" -j "${COVERAGE_JOBS:-2}" --target $(printf 'fuzz_%s_replay ' "${targets[@]}")

profiles="$build/profiles"
rm -rf "$profiles"
mkdir -p "$profiles"
objects=()
for t in "${targets[@]}"; do
  source_corpus="$fuzz_build/corpus/$t"
  [ -d "$source_corpus" ] || source_corpus="tests/fuzz/corpus/$t"
  # A snapshot: a fuzzer still running on the corpus deletes the inputs it reduces.
  corpus="$profiles/corpus/$t"
  mkdir -p "$corpus"
  cp -r "$source_corpus"/. "$corpus"/ 2>/dev/null || true
  echo "replaying $t: $(ls "$corpus" | wc -l) inputs from $source_corpus" >&2
  LLVM_PROFILE_FILE="$profiles/$t.profraw" "$build/tests/fuzz/fuzz_${t}_replay" "$corpus" "tests/fuzz/regressions/$t" \
    >"$profiles/$t.log" 2>&1 || { tail -n 30 "$profiles/$t.log"; exit 1; }
  objects+=(-object "$build/tests/fuzz/fuzz_${t}_replay")
done
llvm-profdata-14 merge -sparse "$profiles"/*.profraw -o "$profiles/all.profdata"
# the first -object is given without the flag
first=${objects[1]}
rest=("${objects[@]:2}")
# Per file: lines (total, missed, covered) and branches (total, missed, covered).
for dir in syntax check eval; do
  echo "== src/$dir"
  printf '%-28s %7s %7s %8s %9s %7s %8s\n' file lines missed covered branches missed covered
  llvm-cov-14 report "$first" "${rest[@]}" -instr-profile="$profiles/all.profdata" "src/$dir" 2>/dev/null |
    awk 'NF == 13 && $1 != "Filename" { printf "%-28s %7s %7s %8s %9s %7s %8s\n", $1, $8, $9, $10, $11, $12, $13 }'
done
