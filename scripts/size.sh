#!/usr/bin/env bash
# Release size (issue 9): what a browser downloads for the coordinator's queue page, raw and as
# sent gzip-compressed. Builds a release (unless SKIP_BUILD=1), serves it on a throwaway SQLite
# database with the demo data, logs in as the demo coordinator, fetches /coordinator and every
# /pkg/ file the page loads (stylesheet, JS, wasm), and prints each size and the totals.
#
#   scripts/size.sh
#   SKIP_BUILD=1 scripts/size.sh     # measure the release already in target/
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  scripts/setup.sh --no-browser
  # wasm-opt comes from npm's binaryen (node_modules/.bin), never a download.
  export PATH="$PWD/node_modules/.bin:$PATH"
  cargo leptos build --release
fi

BIN=target/release/tta
export LEPTOS_SITE_ROOT=target/site TTA_MAIL_WORKER=off RUST_LOG=warn
data=$(mktemp -d)
url="sqlite://$data/size.sqlite?mode=rwc"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL=$url "$BIN" seed-demo >/dev/null
DATABASE_URL=$url TTA_LISTEN_ADDR=127.0.0.1:$port TTA_PUBLIC_URL=http://127.0.0.1:$port "$BIN" serve >"$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.2; done

cookie=$(curl -si -X POST -H 'Accept: application/json' \
  --data 'email=coordinator@tta.example.gov&password=demo-password-2026' \
  "$base/api/auth/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(tta_session=[^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "could not log in as the demo coordinator" >&2; exit 1; }

# Bytes of $1 as sent: plain, then with Accept-Encoding: gzip (not decoded: the wire size).
raw_bytes() { curl -sf -H "Cookie: $cookie" "$base$1" | wc -c; }
gzip_bytes() { curl -sf -H "Cookie: $cookie" -H 'Accept-Encoding: gzip' "$base$1" | wc -c; }

page=/coordinator
assets=$(curl -sf -H "Cookie: $cookie" "$base$page" | grep -o '\(href\|src\)="/pkg/[^"]*"' | sed 's/^[a-z]*="//; s/"$//' | sort -u)
# The JS loader fetches the wasm itself; count it even when the page does not preload it.
wasm=$(find target/site/pkg -name '*.wasm' -printf '/pkg/%f\n')
assets=$(printf '%s\n%s\n' "$assets" "$wasm" | sort -u)

printf '%-28s %12s %12s\n' "file" "raw bytes" "gzip bytes"
total_raw=0 total_gz=0
for path in $page $assets; do
  r=$(raw_bytes "$path"); g=$(gzip_bytes "$path")
  printf '%-28s %12d %12d\n' "$path" "$r" "$g"
  total_raw=$((total_raw + r)); total_gz=$((total_gz + g))
done
printf '%-28s %12d %12d   (%d KiB raw, %d KiB gzip)\n' "total" "$total_raw" "$total_gz" \
  $((total_raw / 1024)) $((total_gz / 1024))
