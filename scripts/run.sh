#!/usr/bin/env bash
# Sets up, builds (release) and runs TTA Scheduler on an embedded SQLite database with the demo
# data. Prints the address to open. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --no-browser
# Release builds shrink the wasm with wasm-opt: binaryen from npm (node_modules/.bin), never a download.
export PATH="$PWD/node_modules/.bin:$PATH"
echo "==> Building (release)"
cargo leptos build --release

export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/tta.sqlite?mode=rwc}"
target/release/tta seed-demo
exec target/release/tta serve
