#!/usr/bin/env bash
# Installs cargo-fuzz (from crates.io, pinned) when it is missing: what `make fuzz` needs besides
# the toolchain. The fuzz crate needs nightly features; on a stable toolchain `make fuzz` sets
# RUSTC_BOOTSTRAP=1 (see the Makefile).
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2

if [ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  printf 'setup: installing cargo-fuzz %s\n' "$CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
