#!/usr/bin/env python3
"""A real SMTP server for the mail tests and the drain benchmark (aiosmtpd).

Usage: smtp_sink.py PORT FOLDER [--delay-ms N] [--summary]

Listens on 127.0.0.1:PORT and writes each accepted message to FOLDER as NNNNNNNN.eml (the raw
bytes) and, with --summary, NNNNNNNN.json: envelope sender and recipients, the headers the tests
check, and every MIME leaf part (content type with parameters, disposition, file name, decoded
text). Files appear atomically (written, then renamed). Prints READY when listening.
"""

import asyncio
import email
import email.policy
import itertools
import json
import os
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, delay, summary):
        self.folder = folder
        self.delay = delay
        self.summary = summary
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            n = next(self.counter)
        raw = envelope.original_content or envelope.content
        self.write(f"{n:08d}.eml", raw)
        if self.summary:
            self.write(f"{n:08d}.json", json.dumps(summarise(envelope, raw)).encode())
        return "250 Message accepted for delivery"

    def write(self, name, data):
        partial = os.path.join(self.folder, "." + name + ".partial")
        with open(partial, "wb") as f:
            f.write(data)
        os.rename(partial, os.path.join(self.folder, name))


def summarise(envelope, raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in message.walk():
        if part.is_multipart():
            parts.append({"content_type": part.get_content_type(), "multipart": True})
            continue
        params = {k: v for k, v in part.get_params() or [] if v}
        payload = part.get_payload(decode=True) or b""
        parts.append({
            "content_type": part.get_content_type(),
            "params": params,
            "disposition": part.get_content_disposition(),
            "filename": part.get_filename(),
            "body": payload.decode(part.get_content_charset() or "utf-8", "replace"),
        })
    return {
        "mail_from": envelope.mail_from,
        "rcpt_tos": envelope.rcpt_tos,
        "from": str(message["From"]),
        "to": str(message["To"]),
        "subject": str(message["Subject"]),
        "message_id": str(message["Message-ID"]),
        "content_type": message.get_content_type(),
        "parts": parts,
    }


def main():
    port = int(sys.argv[1])
    folder = sys.argv[2]
    delay = 0.0
    if "--delay-ms" in sys.argv:
        delay = int(sys.argv[sys.argv.index("--delay-ms") + 1]) / 1000
    os.makedirs(folder, exist_ok=True)
    controller = Controller(
        Sink(folder, delay, "--summary" in sys.argv),
        hostname="127.0.0.1",
        port=port,
        data_size_limit=10 * 1024 * 1024,
    )
    controller.start()
    print("READY", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
