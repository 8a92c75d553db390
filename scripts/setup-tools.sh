#!/usr/bin/env bash
# Installs what building the page needs and is missing — only that, so a second run spends no
# time here. Nothing is downloaded but packages from the registries (crates.io, npm): Trunk is
# then told to use these tools from the PATH (Trunk.toml, TRUNK_SKIP_VERSION_CHECK, --offline).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI's static Linux release binaries (`make dist`): musl targets, which carry their own C
# library and start files; the toolchain's rust-lld links them for both architectures.
for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
  if ! rustup target list --installed | grep -qx "$target"; then
    say "adding the $target target"
    rustup target add "$target"
  fi
done

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

# npm tools, pinned in .tools/package.json and its lock file: wasm-opt (binaryen), axe-core for the
# accessibility journey, lz-string for the share-link benchmark. One `npm ci` installs them all
# (separate `npm install --no-save` calls would remove each other's packages).
if ! node -e '
  const pkg = require("./.tools/package.json");
  for (const [name, version] of Object.entries(pkg.devDependencies)) {
    let found;
    try { found = require("./.tools/node_modules/" + name + "/package.json").version; } catch { process.exit(1); }
    if (found !== version) process.exit(1);
  }' 2>/dev/null; then
  say "installing the npm tools of .tools/package.json (wasm-opt, axe-core, lz-string)"
  npm ci --prefix .tools --no-audit --no-fund
fi
