#!/usr/bin/env bash
# Load test (issue 9): fills a fresh database with the demo data plus 100 providers, 10,000
# requests and 50,000 sessions (`tta generate-load`), starts the release server, logs in as the
# demo coordinator and measures with wrk over loopback: /healthz (baseline), the coordinator
# queue page, and a request detail page (which ranks every provider for the request). Runs on
# SQLite, then on PostgreSQL when TEST_POSTGRES_URL's server answers. Prints req/s and p99.
#
#   scripts/load.sh            # release build (default)
#   PROFILE=debug scripts/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=${PROFILE:-release}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
PG_ADMIN=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}

if ! command -v wrk >/dev/null 2>&1; then
  echo "==> Installing wrk from Debian"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
  else sudo apt-get install -y wrk; fi
fi

scripts/setup.sh --no-browser
# Release builds shrink the wasm with wasm-opt: binaryen from npm (node_modules/.bin), never a download.
export PATH="$PWD/node_modules/.bin:$PATH"
if [ "$PROFILE" = release ]; then cargo leptos build --release; else cargo leptos build; fi
BIN=target/$PROFILE/tta
export LEPTOS_SITE_ROOT=target/site TTA_MAIL_WORKER=off RUST_LOG=warn

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

measure() {
  local label=$1 url=$2
  echo "==> $label"
  DATABASE_URL=$url "$BIN" seed-demo >/dev/null
  DATABASE_URL=$url "$BIN" generate-load
  local port; port=$(free_port)
  DATABASE_URL=$url TTA_LISTEN_ADDR=127.0.0.1:$port TTA_PUBLIC_URL=http://127.0.0.1:$port "$BIN" serve >/tmp/tta-load-$port.log 2>&1 &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  local cookie
  cookie=$(curl -si -X POST -H 'Accept: application/json' \
    --data 'email=coordinator@tta.example.gov&password=demo-password-2026' \
    "http://127.0.0.1:$port/api/auth/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(tta_session=[^;]*\).*/\1/p')
  local request
  request=$(curl -s -X POST -H 'Accept: application/json' -H "Cookie: $cookie" \
    --data 'status=&site=&topic=&engagement=&min_age_days=' "http://127.0.0.1:$port/api/coordinator/queue" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][0]["id"])')
  for path in /healthz /coordinator "/coordinator/requests/$request"; do
    printf '%-34s' "$path"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$path" |
      awk '/Requests\/sec/ {rps=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {printf "%10s req/s   p99 %8s   non-2xx %s\n", rps, p99, (bad==""?0:bad)}'
  done
}

data=$(mktemp -d)
measure "SQLite" "sqlite://$data/load.sqlite?mode=rwc"
rm -rf "$data"

pg_db="tta_load_$$"
if psql "$PG_ADMIN" -qc "CREATE DATABASE $pg_db" 2>/dev/null; then
  measure "PostgreSQL" "${PG_ADMIN%/*}/$pg_db"
  psql "$PG_ADMIN" -qc "DROP DATABASE $pg_db WITH (FORCE)" >/dev/null
else
  echo "==> PostgreSQL: SKIPPED (no server at $PG_ADMIN)"
fi
