#!/usr/bin/env bash
# Release size (issues 9 and 19): what a browser downloads to show and hydrate each page, cold
# cache. Builds a release (unless SKIP_BUILD=1), serves it on a throwaway SQLite database with the
# demo data, then
#   1. lists every built file under /pkg (JS, wasm, CSS; split chunks too), raw and as sent
#      gzip-compressed;
#   2. loads every page route in Debian's headless Chromium as the role that uses it, each in a
#      fresh browser context, and prints the gzip bytes of HTML + CSS + JS + wasm it transferred
#      until hydrated (end2end/perf/sizes.mjs).
#
#   scripts/size.sh
#   SKIP_BUILD=1 scripts/size.sh     # measure the release already in target/
#   ROUTES=0 scripts/size.sh         # only the file list (no browser)
#   SPLIT=1 scripts/size.sh          # route-level code splitting: every page a lazy route in its
#                                    # own wasm chunk (the app crate's `split-routes` feature and
#                                    # `cargo leptos build --split`, for both the wasm and the
#                                    # server, which then names the route's chunks in each page)
#
# To keep a build safe from the next one (any debug or release build rewrites target/site and
# target/release), copy it and measure the copy:
#   cp -r target/site /tmp/site-split; mkdir -p /tmp/bin-split
#   cp target/release/tta target/release/hash.txt /tmp/bin-split/
#   SKIP_BUILD=1 LEPTOS_SITE_ROOT=/tmp/site-split TTA_BIN=/tmp/bin-split/tta scripts/size.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  scripts/setup.sh
  # wasm-opt comes from npm's binaryen (node_modules/.bin), never a download.
  export PATH="$PWD/node_modules/.bin:$PATH"
  if [ "${SPLIT:-0}" = 1 ]; then
    cargo leptos build --release --split --lib-features hydrate,split-routes \
      --bin-features ssr,app/split-routes
  else
    cargo leptos build --release
  fi
fi

# The binary reads the hashed file names from hash.txt beside it.
BIN=${TTA_BIN:-target/release/tta}
# The pages name the content-hashed files listed in hash.txt: a release built after a debug build
# (or the reverse) shares target/site, so the two must match.
[ -f "$(dirname "$BIN")/hash.txt" ] || { echo "no $(dirname "$BIN")/hash.txt: run without SKIP_BUILD=1" >&2; exit 1; }
export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
. scripts/lib/demo-server.sh
start_demo_server size

# Bytes of $1 as sent: plain, then with Accept-Encoding: gzip (not decoded: the wire size).
raw_bytes() { curl -sf "$base$1" | wc -c; }
gzip_bytes() { curl -sf -H 'Accept-Encoding: gzip' "$base$1" | wc -c; }

echo "Built files (/pkg):"
printf '%-56s %12s %12s\n' "file" "raw bytes" "gzip bytes"
total_raw=0 total_gz=0
for path in $(cd "$LEPTOS_SITE_ROOT" && find pkg -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' \) -printf '/%p\n' | sort); do
  r=$(raw_bytes "$path"); g=$(gzip_bytes "$path")
  printf '%-56s %12d %12d\n' "$path" "$r" "$g"
  total_raw=$((total_raw + r)); total_gz=$((total_gz + g))
done
printf '%-56s %12d %12d   (%d KiB raw, %d KiB gzip)\n\n' "all files" "$total_raw" "$total_gz" \
  $((total_raw / 1024)) $((total_gz / 1024))

if [ "${ROUTES:-1}" != 0 ]; then
  echo "Per route, cold cache (KB = 1,024 bytes, gzip as sent):"
  node end2end/perf/sizes.mjs "$base" demo-password-2026
fi
