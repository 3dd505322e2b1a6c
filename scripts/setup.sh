#!/usr/bin/env bash
# Installs what Tenet needs to build and test on Debian 12. Run as root (or with sudo).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
# procps: ps and pgrep, with which the compiled-code tests look for compilers left running
apt-get install -y --no-install-recommends \
  build-essential cmake ninja-build ccache git \
  libboost-dev libicu-dev nlohmann-json3-dev libsimdjson-dev libcli11-dev \
  libgtest-dev libgmock-dev libbenchmark-dev \
  python3 python3-dev pybind11-dev python3-pybind11 python3-numpy python3-pandas python3-pytest \
  python3-dask python3-distributed python3-matplotlib \
  gnucobol3 clang-14 libclang-rt-14-dev clang-format-14 \
  graphviz libgraphviz-dev pkg-config \
  libcpp-httplib-dev libsqlite3-dev libssl-dev curl procps \
  chromium chromium-driver python3-selenium \
  neovim                  # tests/lsp: a real editor (0.7, with its LSP client) drives `tenet lsp`
