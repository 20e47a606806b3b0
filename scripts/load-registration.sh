#!/usr/bin/env bash
# Registration load (issue 17): 1,000 people register for one webinar of capacity 500 within
# 10 seconds, over loopback, on SQLite and then on PostgreSQL (when TEST_POSTGRES_URL's server
# answers). Each run: a fresh database with the demo data, the server, the demo coordinator
# creates the webinar (events/create), then RATE-paced registrations with distinct addresses
# from CONCURRENCY threads (events/register, no account). Prints req/s and p50/p99, then checks
# the database: exactly 500 registered and 500 waitlisted, every seat given to an earlier arrival
# than every waitlisted person, positions all different, and one confirmation queued per person.
#
#   scripts/load-registration.sh                 # debug build (default)
#   PROFILE=release scripts/load-registration.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=${PROFILE:-debug}
PEOPLE=${PEOPLE:-1000}
CAPACITY=${CAPACITY:-500}
CONCURRENCY=${CONCURRENCY:-32}
PG_ADMIN=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}

if [ "$PROFILE" = release ]; then cargo build -p server --release --bin tta; else cargo build -p server --bin tta; fi
BIN=target/$PROFILE/tta
export TTA_MAIL_WORKER=off RUST_LOG=warn

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The registrations and their figures (Python's standard library only).
LOAD_PY='
import json, sys, threading, time, urllib.parse, urllib.request
base, token, people, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
latencies, failures, lock = [], [], threading.Lock()
next_person = iter(range(people))
def worker():
    while True:
        with lock:
            n = next(next_person, None)
        if n is None:
            return
        body = urllib.parse.urlencode({"token": token, "form[name]": f"Person {n}",
            "form[email]": f"load{n}@example.gov", "form[agency]": "Load PD",
            "form[job_role]": "Analyst", "form[time_zone]": "America/Chicago"}).encode()
        request = urllib.request.Request(base + "/api/events/register", data=body,
            headers={"Accept": "application/json"})
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                json.load(answer)
        except Exception as error:
            with lock:
                failures.append(str(error))
        with lock:
            latencies.append(time.perf_counter() - started)
began = time.perf_counter()
pool = [threading.Thread(target=worker) for _ in range(threads)]
for t in pool: t.start()
for t in pool: t.join()
elapsed = time.perf_counter() - began
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
print(f"  {people} registrations in {elapsed:.2f} s: {people / elapsed:.0f} req/s, "
      f"p50 {pct(0.50):.1f} ms, p99 {pct(0.99):.1f} ms, failures {len(failures)}")
if failures: print("  first failure:", failures[0]); sys.exit(1)
if elapsed > 10: print("  SLOWER than 10 s"); sys.exit(1)
'

measure() {
  local label=$1 url=$2 query=$3
  echo "==> $label"
  DATABASE_URL=$url "$BIN" seed-demo >/dev/null
  local port; port=$(free_port)
  DATABASE_URL=$url TTA_LISTEN_ADDR=127.0.0.1:$port TTA_PUBLIC_URL=http://127.0.0.1:$port "$BIN" serve >/tmp/tta-load-registration-$port.log 2>&1 &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  local cookie
  cookie=$(curl -si -X POST -H 'Accept: application/json' \
    --data 'email=coordinator@tta.example.gov&password=demo-password-2026' \
    "http://127.0.0.1:$port/api/auth/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(tta_session=[^;]*\).*/\1/p')
  local day; day=$(date -u -d '+14 days' +%Y-%m-%d)
  local before; before=$(date -u -d '+13 days' +%Y-%m-%d)
  local id
  id=$(curl -s -X POST -H 'Accept: application/json' -H "Cookie: $cookie" \
    --data-urlencode 'form[kind]=webinar' --data-urlencode 'form[title]=Load webinar' \
    --data-urlencode 'form[host_site_id]=3' --data-urlencode 'form[audience]=all' \
    --data-urlencode "form[date]=$day" --data-urlencode 'form[start_time]=10:00' \
    --data-urlencode 'form[minutes]=60' --data-urlencode 'form[virtual_link]=https://meet.example.gov/load' \
    --data-urlencode "form[capacity]=$CAPACITY" --data-urlencode "form[deadline_date]=$before" \
    --data-urlencode 'form[deadline_time]=17:00' "http://127.0.0.1:$port/api/events/create")
  local token
  token=$(curl -s -X POST -H 'Accept: application/json' -H "Cookie: $cookie" --data "id=$id" \
    "http://127.0.0.1:$port/api/events/page" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["share_path"].rsplit("/", 1)[1])')
  python3 -c "$LOAD_PY" "http://127.0.0.1:$port" "$token" "$PEOPLE" "$CONCURRENCY"
  local registered waitlisted distinct in_order confirmations
  registered=$($query "SELECT COUNT(*) FROM event_registration WHERE event_id = $id AND status = 'registered'")
  waitlisted=$($query "SELECT COUNT(*) FROM event_registration WHERE event_id = $id AND status = 'waitlisted'")
  distinct=$($query "SELECT COUNT(DISTINCT position) FROM event_registration WHERE event_id = $id")
  in_order=$($query "SELECT CASE WHEN (SELECT MAX(position) FROM event_registration WHERE event_id = $id AND status = 'registered') < (SELECT MIN(position) FROM event_registration WHERE event_id = $id AND status = 'waitlisted') THEN 'yes' ELSE 'no' END")
  confirmations=$($query "SELECT COUNT(DISTINCT recipient) FROM email_outbox WHERE event IN ('event_registered', 'event_waitlisted')")
  echo "  registered $registered/$CAPACITY, waitlisted $waitlisted, distinct positions $distinct, seats before waitlist: $in_order, confirmations queued $confirmations"
  [ "$registered" = "$CAPACITY" ] && [ "$waitlisted" = "$((PEOPLE - CAPACITY))" ] && [ "$distinct" = "$PEOPLE" ] \
    && [ "$in_order" = yes ] && [ "$confirmations" = "$PEOPLE" ] || { echo "  FAILED"; return 1; }
}

data=$(mktemp -d)
sqlite_query() { sqlite3 "$data/load.sqlite" "$1"; }
measure "SQLite" "sqlite://$data/load.sqlite?mode=rwc" sqlite_query
rm -rf "$data"

pg_db="tta_load_reg_$$"
if psql "$PG_ADMIN" -qc "CREATE DATABASE $pg_db" 2>/dev/null; then
  pg_url="${PG_ADMIN%/*}/$pg_db"
  pg_query() { psql "$pg_url" -tAc "$1"; }
  measure "PostgreSQL" "$pg_url" pg_query
  psql "$PG_ADMIN" -qc "DROP DATABASE $pg_db WITH (FORCE)" >/dev/null
else
  echo "==> PostgreSQL: SKIPPED (no server at $PG_ADMIN)"
fi
