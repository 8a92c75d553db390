#!/usr/bin/env bash
# Installs what building the page needs and is missing — only that, so a second run spends no
# time here. Nothing is downloaded but packages from the registries (crates.io, npm): Trunk is
# then told to use these tools from the PATH (Trunk.toml, TRUNK_SKIP_VERSION_CHECK, --offline).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
# The only wasm-opt that reads rustc 1.95's output here (Debian's binaryen 108 fails on it).
BINARYEN_VERSION=132.0.0

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  # Trunk 0.22 declares a newer rust-version than this toolchain but builds and works on it;
  # thin LTO off and more codegen units save minutes on a build that is only a tool.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
fi

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock, or the
# glue does not match the wasm (and Trunk would try to download the right one).
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: Cargo.lock names no wasm-bindgen version" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (the version in Cargo.lock)"
  # Not --locked: its lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! .tools/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "installing wasm-opt (npm binaryen $BINARYEN_VERSION) under .tools/"
  npm install --prefix .tools --no-audit --no-fund --no-save "binaryen@$BINARYEN_VERSION"
fi
