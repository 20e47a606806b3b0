#!/usr/bin/env bash
# Load test (issues 9 and 19): fills a fresh database with the demo data plus 100 providers, 10,000
# requests and 50,000 sessions (`tta generate-load`), starts the release server, logs in as the
# demo coordinator and measures with wrk over loopback: /healthz (baseline), the coordinator
# queue page, and a request detail page (which ranks every provider for the request). Runs on
# SQLite, then on PostgreSQL when TEST_POSTGRES_URL's server answers, and prints issue 19's table:
# req/s and p99 of each page on both databases beside the targets.
#
#   scripts/load.sh            # release build (default)
#   PROFILE=debug scripts/load.sh
#   BUILD=no scripts/load.sh   # measure target/$PROFILE/tta as last built (no cargo leptos build)
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=${PROFILE:-release}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
BUILD=${BUILD:-yes}
PG_ADMIN=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}

if ! command -v wrk >/dev/null 2>&1; then
  echo "==> Installing wrk from Debian"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
  else sudo apt-get install -y wrk; fi
fi

if [ "$BUILD" != no ]; then
  scripts/setup.sh --no-browser
  # Release builds shrink the wasm with wasm-opt: binaryen from npm (node_modules/.bin), never a download.
  export PATH="$PWD/node_modules/.bin:$PATH"
  if [ "$PROFILE" = release ]; then cargo leptos build --release; else cargo leptos build; fi
fi
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
  local key path line
  for key in healthz queue request; do
    case $key in
      healthz) path=/healthz ;;
      queue) path=/coordinator ;;
      request) path="/coordinator/requests/$request" ;;
    esac
    line=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$path" |
      awk '/Requests\/sec/ {rps=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF} END {printf "%.0f req/s, p99 %s%s", rps, p99, (bad==""?"":" ("bad" non-2xx)")}')
    printf '%-34s %s\n' "$path" "$line"
    RESULTS["$label/$key"]=$line
  done
}

declare -A RESULTS

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

cell() { echo "${RESULTS[$1/$2]:-not measured}"; }
echo
echo "Issue 19's table ($PROFILE build, $CONNECTIONS connections, $DURATION each, loopback, $(nproc) cores):"
echo
echo "| measure | SQLite | PostgreSQL | target |"
echo "|---|---|---|---|"
echo "| /healthz (baseline) | $(cell SQLite healthz) | $(cell PostgreSQL healthz) | |"
echo "| queue page, 10,000 requests | $(cell SQLite queue) | $(cell PostgreSQL queue) | ≥ 1,500 req/s, p99 ≤ 25 ms |"
echo "| request page with ranking of 100 providers, 50,000 sessions | $(cell SQLite request) | $(cell PostgreSQL request) | ≥ 300 req/s, p99 ≤ 60 ms |"
