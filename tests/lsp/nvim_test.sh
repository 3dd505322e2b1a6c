#!/usr/bin/env bash
# Neovim (Debian's 0.7, headless) as the LSP client of `tenet lsp`: tests/lsp/nvim_test.lua.
#   nvim_test.sh TENET_CLI SOURCE_DIR
set -euo pipefail
if ! command -v nvim >/dev/null; then
  echo "SKIP: nvim is not installed (scripts/setup.sh installs it)"
  exit 77
fi
export TENET_CLI=$1 TENET_SOURCE_DIR=$2
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# no user configuration, no shada or swap files: a clean editor
export HOME=$home XDG_CONFIG_HOME=$home XDG_DATA_HOME=$home XDG_STATE_HOME=$home
timeout 100 nvim --headless --clean -n -i NONE -c "luafile $TENET_SOURCE_DIR/tests/lsp/nvim_test.lua" 2>&1
