#!/usr/bin/env python3
"""A webhook receiver for the tests: verifies Standard Webhooks signatures on its own (stdlib
hmac, hashlib and base64 only, nothing shared with the application) and records every delivery.

Usage: receiver.py  — listens on 127.0.0.1 on a free port and prints `PORT <n>` on its first
line. Control (JSON):
  POST /_control {"secret": "whsec_...", "fail_first": N}  sets the secret to verify with and
      makes the next N deliveries fail with 500 (a counter of its own);
  GET  /_deliveries  every delivery so far, oldest first: webhook_id, timestamp, signature,
      verified (bool), answered (status code), body (parsed JSON or the text).
Any other POST is a delivery: answered 500 while failures remain, 401 when the signature does
not verify (or the timestamp is more than 5 minutes away), else 200.
"""

import base64
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"secret": None, "fail_first": 0, "deliveries": []}
LOCK = threading.Lock()
TOLERANCE_SECONDS = 300


def verify(secret, webhook_id, timestamp, body, signatures):
    if not secret or not webhook_id or not timestamp or not signatures:
        return False
    try:
        sent_at = int(timestamp)
    except ValueError:
        return False
    if abs(time.time() - sent_at) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in signatures.split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_deliveries":
            with LOCK:
                self.answer(200, STATE["deliveries"])
        else:
            self.answer(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if self.path == "/_control":
            settings = json.loads(body or b"{}")
            with LOCK:
                if "secret" in settings:
                    STATE["secret"] = settings["secret"]
                if "fail_first" in settings:
                    STATE["fail_first"] = int(settings["fail_first"])
            self.answer(200, {"ok": True})
            return
        webhook_id = self.headers.get("webhook-id")
        timestamp = self.headers.get("webhook-timestamp")
        signature = self.headers.get("webhook-signature")
        with LOCK:
            verified = verify(STATE["secret"], webhook_id, timestamp, body, signature)
            if STATE["fail_first"] > 0:
                STATE["fail_first"] -= 1
                status, reply = 500, {"error": "failing on purpose"}
            elif not verified:
                status, reply = 401, {"error": "signature does not verify"}
            else:
                status, reply = 200, {"received": webhook_id}
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = body.decode("utf-8", "replace")
            STATE["deliveries"].append({
                "path": self.path,
                "webhook_id": webhook_id,
                "timestamp": timestamp,
                "signature": signature,
                "verified": verified,
                "answered": status,
                "content_type": self.headers.get("Content-Type"),
                "body": parsed,
            })
        self.answer(status, reply)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
