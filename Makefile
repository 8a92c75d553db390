# The two commands of the README: `make serve` and `make test`. Both install what is missing.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# wasm-opt from npm first: Debian's binaryen, if present, cannot read rustc's output. Then where
# `cargo install` puts Trunk and wasm-bindgen-cli.
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true

NATIVE_CRATES := -p ec2-iam-doctor-engine -p ec2-iam-doctor-cli -p ec2-iam-doctor-fixtures
WEB_CRATE := -p ec2-iam-doctor-web
DEVTOOLS := -p ec2-iam-doctor-devtools
WASM := --target wasm32-unknown-unknown
# The CLI's static Linux binaries in dist-release/: x86_64 and aarch64 (Graviton).
RELEASE_TARGETS := x86_64-unknown-linux-musl aarch64-unknown-linux-musl
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
PORT ?= 8080

.PHONY: help tools browser shellcheck check-disk dist dist-page dist-binaries serve test lint test-native test-wasm test-e2e bench fuzz

help:
	@echo "make serve   build the page and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make test    run every test (format, lint, native, in-browser, end-to-end)"
	@echo "make dist    build the release bundle into dist/ (and the CLI's static Linux binaries into dist-release/) and print their sizes"
	@echo "make bench   run the benchmarks"
	@echo "make fuzz    run every fuzz target for FUZZ_SECONDS each (default $(FUZZ_SECONDS))"

tools:
	@scripts/setup-tools.sh

browser:
	@scripts/setup-browser.sh

shellcheck:
	@scripts/setup-shellcheck.sh

# A warning (not a failure) when the disk that holds target/ has less room than a test run needs.
check-disk:
	@scripts/check-disk.sh

dist: dist-page dist-binaries

# The release bundle: Trunk (size profile + wasm-opt), then finish-dist makes it run under the
# page's Content-Security-Policy and prints the sizes.
dist-page: tools
	cargo fetch --locked
	# The bundle names crates by registry path, not by this machine's home: the same bundle
	# from any machine, and no build paths in what is shipped.
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$(or $(CARGO_HOME),$(HOME)/.cargo)/registry/src/=" \
	  trunk build --release --offline
	cargo run --quiet --release --locked $(DEVTOOLS) --bin finish-dist -- dist
	cargo run --quiet --release --locked $(DEVTOOLS) --bin release-zip -- dist dist-release
	cargo run --quiet --release --locked $(DEVTOOLS) --bin single-file -- dist dist-release

# The CLI for the instance, static (musl's C library and start files come with the targets,
# self-contained) and linked by the toolchain's own rust-lld: no cross compiler, no libc of
# the building machine. release-binaries refuses one that is not a static ELF of its
# architecture and writes each binary's .sha256.
dist-binaries: tools
	CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_LINKER=rust-lld \
	CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=rust-lld \
	CARGO_PROFILE_RELEASE_STRIP=symbols \
	  cargo build --release --locked -p ec2-iam-doctor-cli $(addprefix --target ,$(RELEASE_TARGETS))
	cargo run --quiet --release --locked $(DEVTOOLS) --bin release-binaries -- $(TARGET_DIR) dist-release $(RELEASE_TARGETS)

# The page only: the binaries are for the instances, not for serving.
serve: dist-page
	cargo run --quiet --release --locked $(DEVTOOLS) --bin serve -- dist $(PORT) /

lint:
	cargo fmt --all --check
	cargo clippy $(NATIVE_CRATES) $(DEVTOOLS) --all-targets --locked -- -D warnings
	cargo clippy $(WEB_CRATE) $(WASM) --all-targets --locked -- -D warnings

test-native: shellcheck
	cargo test $(NATIVE_CRATES) $(WEB_CRATE) --locked
	cargo test $(DEVTOOLS) --lib --bins --locked

test-wasm: tools browser
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=/usr/bin/chromedriver \
	  cargo test $(WEB_CRATE) $(WASM) --locked

test-e2e: dist browser
	cargo test $(DEVTOOLS) --test e2e --locked -- --test-threads=1

# In order, stopping at the first failure. No incremental caches (1.8 GB of the 7 GB a full run
# used to leave in target/): a test run compiles each crate once, so they would only fill the disk.
test: export CARGO_INCREMENTAL = 0
test: check-disk tools browser
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-wasm
	$(MAKE) --no-print-directory test-e2e

# Every benchmark and size check, one command: criterion benches of the engine (JSON reader, secret scan,
# recognition, policy evaluator side by side with iam-rs, checks, share links), the policy
# evaluator as wasm32 under Node, share-link lengths against lz-string, the bundle sizes, and the
# CLI's peak memory reading 8, 40 and 100 MB pastes (bound: 4× the input).
bench: tools dist
	cargo bench -p ec2-iam-doctor-engine --bench '*' --locked -- --warm-up-time 1 --measurement-time 3
	crates/engine/benches/wasm-node/run.sh
	node crates/engine/benches/lz-string/compare.mjs
	cargo build --release --locked -p ec2-iam-doctor-cli
	cargo run --quiet --release --locked $(DEVTOOLS) --bin cli-memory -- $(TARGET_DIR)/release/ec2-iam-doctor 8 40 100

# Every fuzz target of crates/engine/fuzz for FUZZ_SECONDS each (the issue's runs: 1800), one after
# the other. cargo-fuzz needs nightly features: on a stable toolchain RUSTC_BOOTSTRAP=1 lets it
# build with AddressSanitizer. Each target starts from its corpus (kept under the fuzz crate,
# not tracked) seeded with the repository's fixtures; crashes land in fuzz/artifacts/ and are kept
# as regression tests in fuzz/regressions/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := json_parse input_read share_decode policy_parse policy_evaluate
fuzz:
	@scripts/setup-fuzz.sh
	for target in $(FUZZ_TARGETS); do \
	  mkdir -p crates/engine/fuzz/corpus/$$target; \
	  case $$target in \
	    policy_*) find tests/fixtures/policies tests/fixtures/trust-policies -name '*.json' -size -64k -exec cp {} crates/engine/fuzz/corpus/$$target/ \; 2>/dev/null || true ;; \
	    *) find tests/fixtures -type f -size -64k ! -name '*.md' -exec cp {} crates/engine/fuzz/corpus/$$target/ \; ;; \
	  esac; \
	  (cd crates/engine/fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run $$target corpus/$$target regressions -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1) || exit 1; \
	done
