#!/usr/bin/env bash
# Mail drain benchmark: 10,000 queued messages sent to a local SMTP sink (aiosmtpd); prints
# messages/s and peak memory. SQLite by default; pass a PostgreSQL URL to use that instead
# (the database is created if missing), e.g.
#   scripts/bench-mail.sh postgres://postgres@127.0.0.1:5432/tta_mail_bench
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${1:-}" ]; then
  admin="${1%/*}/postgres"
  name="${1##*/}"
  psql "$admin" -qc "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\"" 2>/dev/null \
    || echo "(could not recreate $name with psql; using it as it is)"
  export BENCH_DATABASE_URL="$1"
fi
cargo run --release -p server --example mail_drain_bench
