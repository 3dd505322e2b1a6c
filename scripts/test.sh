#!/usr/bin/env bash
# Builds Tenet and runs every test: GoogleTest, the rulesets' own tests, pytest, examples; then
# the sanitizer jobs (scripts/sanitize.sh: ASan+UBSan, fuzz smoke runs, TSan). TENET_SKIP_SANITIZE=1
# skips those.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
# 60 s per fuzz target: seven minutes of CI's 90, whose whole run takes about 20
if [ "${TENET_SKIP_SANITIZE:-0}" != 1 ]; then FUZZ_SECONDS=${FUZZ_SECONDS:-60} bash scripts/sanitize.sh; fi
