#!/usr/bin/env bash
# Lists this week's sessions (Monday to Sunday on this machine's clock) through the JSON API,
# following the pages' cursors: an example client of /api/v1.
#
#   TTA_URL=http://127.0.0.1:3000 TTA_TOKEN=tta_pat_… scripts/api-example.sh
#
# Make the token on the "API tokens" page (/tokens); a read token is enough. Each line is
# "#<id> <start> – <end> (<site's zone>) <title> [<status>] <meeting link, if any>", instants in
# UTC. Needs curl and python3 (to read the JSON).
set -euo pipefail

url="${TTA_URL:-http://127.0.0.1:3000}"
token="${TTA_TOKEN:?set TTA_TOKEN to a personal access token (make one on /tokens)}"

day_of_week=$(date +%u)
monday=$(date -d "-$((day_of_week - 1)) days" +%F)
next_monday=$(date -d "$monday +7 days" +%F)
encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
from=$(encode "$(date -d "$monday 00:00" --iso-8601=seconds)")
to=$(encode "$(date -d "$next_monday 00:00" --iso-8601=seconds)")

body=$(mktemp)
trap 'rm -f "$body"' EXIT
cursor=""
total=0
while :; do
  address="$url/api/v1/sessions?from=$from&to=$to&limit=100"
  [ -n "$cursor" ] && address+="&cursor=$cursor"
  headers=$(mktemp)
  status=$(curl -sS -o "$body" -D "$headers" -w '%{http_code}' \
    -H "Authorization: Bearer $token" -H 'Accept: application/json' "$address")
  retry=$(awk 'tolower($1) == "retry-after:" { print $2 + 0 }' "$headers")
  rm -f "$headers"
  if [ "$status" = 429 ]; then
    # Over the token's rate limit: wait as told, then ask again.
    sleep "${retry:-1}"
    continue
  fi
  if [ "$status" != 200 ]; then
    python3 - "$body" "$status" >&2 <<'PY' || true
import json, sys
try:
    error = json.load(open(sys.argv[1]))["error"]
    print(f"The API refused the call ({sys.argv[2]}, {error['code']}): {error['message']}")
except Exception:
    print(f"The API answered {sys.argv[2]}.")
PY
    exit 1
  fi
  page=$(python3 - "$body" <<'PY'
import json, sys
page = json.load(open(sys.argv[1]))
for s in page["items"]:
    link = f" {s['meeting_url']}" if s.get("meeting_url") else ""
    print(f"#{s['id']} {s['starts_at']} – {s['ends_at']} ({s['time_zone']}) {s['title']} [{s['status']}]{link}")
print(f"@ {len(page['items'])} {page.get('next_cursor') or ''}")
PY
)
  printf '%s\n' "$page" | grep -v '^@ ' || true
  read -r _ count cursor <<<"$(printf '%s\n' "$page" | grep '^@ ')"
  total=$((total + count))
  [ -z "$cursor" ] && break
done
echo "$total session(s) this week ($(date -d "$monday" +%F) to $(date -d "$next_monday -1 day" +%F))."
