#!/bin/sh
# Builds the policy workload for wasm32 and times it under Node.
# Usage: crates/engine/benches/wasm-node/run.sh   (from anywhere)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/../../../../target/wasm-node}"
cd "$here"
cargo build --release --target wasm32-unknown-unknown
node bench.mjs "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/policy_wasm_bench.wasm" \
  "$here/../../../../tests/fixtures/policies"
