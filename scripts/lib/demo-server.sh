# Sourced by scripts/lcp.sh and scripts/size.sh: serves the built `tta` binary ($BIN) on a
# throwaway SQLite database seeded with the demo data, on a free loopback port, with mail off.
# Sets `base` (the server's URL) and `data` (its temporary folder), and stops the server and
# removes the folder when the calling script exits. Waits until /readyz answers.
#   start_demo_server NAME     # NAME names the database file (NAME.sqlite)
start_demo_server() {
  local name=$1
  export TTA_MAIL_WORKER=off RUST_LOG=warn
  data=$(mktemp -d)
  local url="sqlite://$data/$name.sqlite?mode=rwc"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  DATABASE_URL=$url "$BIN" seed-demo >/dev/null
  DATABASE_URL=$url TTA_LISTEN_ADDR=127.0.0.1:$port TTA_PUBLIC_URL=http://127.0.0.1:$port \
    "$BIN" serve >"$data/serve.log" 2>&1 &
  demo_server_pid=$!
  trap 'kill $demo_server_pid 2>/dev/null || true; rm -rf "$data"' EXIT
  base=http://127.0.0.1:$port
  for _ in $(seq 1 100); do curl -sf "$base/readyz" >/dev/null && return 0; sleep 0.2; done
  echo "the demo server did not become ready; its log:" >&2
  cat "$data/serve.log" >&2
  return 1
}
