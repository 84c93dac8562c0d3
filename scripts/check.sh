#!/usr/bin/env bash
# Runs exactly what CI runs (after CI's package installs): format, lints, tests, and
# the real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo test
cargo build
PLANWRIGHT_BIN="${CARGO_TARGET_DIR:-target}/debug/planwright" scripts/screenshot.sh "${CARGO_TARGET_DIR:-target}/ci-shot.png"
