#!/usr/bin/env bash
# Configures and builds Tenet (release with debug info) in ./build, with ccache when present.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython_EXECUTABLE=/usr/bin/python3 >/dev/null
cmake --build build -j "$(nproc)"
