#!/usr/bin/env bash
# Builds Tenet and runs every test: GoogleTest, the rulesets' own tests, pytest, examples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
