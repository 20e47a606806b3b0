#!/usr/bin/env bash
# Sets up and runs every test: Rust unit and integration tests (SQLite and PostgreSQL), then the
# Playwright end-to-end tests in headless Chromium against a freshly built server.
#
# PostgreSQL: the integration tests create and drop their own databases on TEST_POSTGRES_URL
# (default postgres://postgres@127.0.0.1:5432/postgres). When it is unreachable the PostgreSQL
# variants are skipped and listed as such; on CI (CI=true) that is a failure instead.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
pg_hostport=${TEST_POSTGRES_URL#*@}
pg_hostport=${pg_hostport%%/*}
pg_host=${pg_hostport%%:*}
pg_port=${pg_hostport##*:}
[ "$pg_port" = "$pg_hostport" ] && pg_port=5432
if (exec 3<>"/dev/tcp/${pg_host}/${pg_port}") 2>/dev/null; then
  echo "==> PostgreSQL reachable at ${pg_host}:${pg_port}: running the PostgreSQL variants too"
  postgres_skipped=0
else
  if [ "${CI:-}" = "true" ]; then
    echo "error: CI=true but no PostgreSQL answers at ${pg_host}:${pg_port}" >&2
    exit 1
  fi
  echo "==> WARNING: no PostgreSQL at ${pg_host}:${pg_port}."
  echo "    SKIPPING every PostgreSQL variant of the integration tests (tests named postgres::*);"
  echo "    they pass without running. Start PostgreSQL or set TEST_POSTGRES_URL to run them."
  postgres_skipped=1
fi

echo "==> Formatting and lints (cargo fmt --check, cargo clippy -D warnings)"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

echo "==> Rust tests"
cargo test --workspace

echo "==> Building the site for the browser tests"
cargo leptos build

echo "==> Browser tests (Playwright, headless Chromium)"
E2E_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
E2E_SMTP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export E2E_PORT E2E_SMTP_PORT
npx playwright test --config end2end/playwright.config.ts
# Specs that book the demo's providers for visits, peer exchanges and teams: each on its own
# freshly seeded demo database (see end2end/playwright.fresh.config.ts).
for spec in end2end/tests-fresh/*.spec.ts; do
  npx playwright test --config end2end/playwright.fresh.config.ts "$(basename "$spec")"
done
# OpenID Connect sign-in through a real provider's own log-in page (oidc-provider on its own
# port; see end2end/playwright.oidc.config.ts).
E2E_OIDC_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') \
  npx playwright test --config end2end/playwright.oidc.config.ts

if [ "$postgres_skipped" = 1 ]; then
  echo "==> Done, but the PostgreSQL variants were SKIPPED (no server at ${pg_host}:${pg_port})."
else
  echo "==> All tests passed (SQLite and PostgreSQL, browser included)."
fi
