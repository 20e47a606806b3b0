#!/usr/bin/env bash
# Largest Contentful Paint, cold cache, over a throttled 4G-like link (issue 19): builds a release
# (unless SKIP_BUILD=1), serves it on a throwaway SQLite database with the demo data, and runs
# end2end/perf/lcp.mjs in Debian's headless Chromium for the coordinator's queue and a request
# page, the provider's home and the site's home. Prints a table; asserts nothing about time.
#
#   scripts/lcp.sh
#   SKIP_BUILD=1 RUNS=9 scripts/lcp.sh
#   SKIP_BUILD=1 LEPTOS_SITE_ROOT=/copy/of/release/site scripts/lcp.sh   # safe from a debug build
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  scripts/setup.sh
  export PATH="$PWD/node_modules/.bin:$PATH"
  cargo leptos build --release
fi

BIN=target/release/tta
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
. scripts/lib/demo-server.sh
start_demo_server lcp

password=demo-password-2026
# A request the queue shows: the first link to a request page on the coordinator's queue.
cookie=$(curl -si -X POST -H 'Accept: application/json' \
  --data "email=coordinator@tta.example.gov&password=$password" \
  "$base/api/auth/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(tta_session=[^;]*\).*/\1/p')
request=$(curl -sf -H "Cookie: $cookie" "$base/coordinator" | grep -o 'href="/coordinator/requests/[0-9]*"' | head -1 | sed 's/^href="//; s/"$//')

echo "Coordinator:"
node end2end/perf/lcp.mjs "$base" coordinator@tta.example.gov "$password" /coordinator ${request:+"$request"}
echo "Provider:"
node end2end/perf/lcp.mjs "$base" provider.phoenix@tta.example.gov "$password" /provider
echo "Site contact:"
node end2end/perf/lcp.mjs "$base" contact.memphis@tta.example.gov "$password" /site
