#!/usr/bin/env python3
"""A real SMTP server for the mail tests and the drain benchmark (aiosmtpd).

Usage: smtp_sink.py PORT FOLDER [--delay-ms N] [--summary]
                    [--tls starttls|starttls-required|smtps --ca-out PATH]
                    [--auth USER] [--auth-without-tls] [--reject-rcpt ADDRESS,...]

Listens on 127.0.0.1:PORT and writes each accepted message to FOLDER as NNNNNNNN.eml (the raw
bytes) and, with --summary, NNNNNNNN.json: envelope sender and recipients, the headers the tests
check, every MIME leaf part (content type with parameters, disposition, file name, decoded
text), and how the session was protected: `tls` (the TLS version, null when plain) and
`auth_login` (the user that authenticated, null when none). Files appear atomically (written,
then renamed). Prints READY when listening.

TLS: a throwaway CA and a server certificate for 127.0.0.1 and localhost (ECDSA P-256, Python
`cryptography`) are made at every start; the CA is written to --ca-out (PEM) for the client to
trust. `starttls` offers STARTTLS, `starttls-required` refuses every command but EHLO, NOOP and
QUIT before it, `smtps` speaks TLS from the first byte.

AUTH (--auth USER, the password read from the environment variable SINK_AUTH_PASSWORD): PLAIN
and LOGIN, required before MAIL; offered only once the session is encrypted (from the start with
smtps, after STARTTLS otherwise) unless --auth-without-tls. Every AUTH attempt is appended to FOLDER/auth.jsonl (mechanism, login,
success, whether encrypted; never the password).

--reject-rcpt: RCPT TO any of these addresses (`*`: every address) is answered `550 5.1.1` (a
message's own permanent failure); every other recipient is accepted.
"""

import asyncio
import email
import email.policy
import itertools
import json
import os
import sys
import threading
import logging
import time
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder, delay, summary, reject=()):
        self.folder = folder
        self.delay = delay
        self.summary = summary
        self.reject = set(reject)
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "*" in self.reject or address in self.reject:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            n = next(self.counter)
        raw = envelope.original_content or envelope.content
        self.write(f"{n:08d}.eml", raw)
        if self.summary:
            summary = summarise(envelope, raw)
            summary["tls"] = tls_version(server)
            login = getattr(session, "auth_data", None)
            summary["auth_login"] = (
                login.decode() if session.authenticated and isinstance(login, bytes) else None
            )
            self.write(f"{n:08d}.json", json.dumps(summary).encode())
        return "250 Message accepted for delivery"

    def write(self, name, data):
        partial = os.path.join(self.folder, "." + name + ".partial")
        with open(partial, "wb") as f:
            f.write(data)
        os.rename(partial, os.path.join(self.folder, name))


def tls_version(server):
    """The TLS version of the session (after STARTTLS or from the start), None when plain."""
    transport = server.transport
    ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
    return ssl_object.version() if ssl_object is not None else None


class Authenticator:
    """Accepts one user and password (PLAIN and LOGIN); records every attempt, not the password."""

    def __init__(self, folder, login, password):
        self.path = os.path.join(folder, "auth.jsonl")
        self.login = login.encode()
        self.password = password.encode()
        self.lock = threading.Lock()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self.login
            and auth_data.password == self.password
        )
        login = auth_data.login.decode("utf-8", "replace") if isinstance(auth_data, LoginPassword) else None
        line = json.dumps({
            "mechanism": mechanism,
            "login": login,
            "success": ok,
            "tls": tls_version(server),
        })
        with self.lock, open(self.path, "a") as f:
            f.write(line + "\n")
        if ok:
            return AuthResult(success=True, auth_data=auth_data.login)
        return AuthResult(success=False, handled=False)


def make_certificates(ca_out, folder):
    """A throwaway CA (written to ca_out) and a server certificate signed by it for 127.0.0.1
    and localhost; returns the server's (certificate file, key file)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    validity = (now - datetime.timedelta(hours=1), now + datetime.timedelta(days=1))

    def name(common_name):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = name("TTA test CA (throwaway)")
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(validity[0])
        .not_valid_after(validity[1])
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(name("localhost"))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(validity[0])
        .not_valid_after(validity[1])
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.SubjectAlternativeName([
                x509.DNSName("localhost"),
                x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
            ]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    with open(ca_out, "wb") as f:
        f.write(ca.public_bytes(pem))
    cert_file = os.path.join(folder, "server-cert.pem")
    key_file = os.path.join(folder, "server-key.pem")
    with open(cert_file, "wb") as f:
        f.write(server.public_bytes(pem))
    with open(key_file, "wb") as f:
        f.write(key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ))
    return cert_file, key_file


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


def option(name):
    """The value after `name` on the command line, None when absent."""
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return None


def main():
    # aiosmtpd 1.4 logs a warning about its own use of a deprecated field at every AUTH.
    logging.getLogger("mail.log").addFilter(lambda r: "login_data" not in r.getMessage())
    # ... and warns about AUTH without its TLS check, which is what smtps and
    # --auth-without-tls ask for.
    logging.getLogger("mail.log").addFilter(lambda r: "auth_require_tls" not in r.getMessage())
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    port = int(sys.argv[1])
    folder = sys.argv[2]
    delay = 0.0
    if "--delay-ms" in sys.argv:
        delay = int(sys.argv[sys.argv.index("--delay-ms") + 1]) / 1000
    os.makedirs(folder, exist_ok=True)
    options = {}
    tls = option("--tls")
    if tls is not None:
        import ssl
        import tempfile

        ca_out = option("--ca-out")
        if tls not in ("starttls", "starttls-required", "smtps") or ca_out is None:
            sys.exit("--tls starttls|starttls-required|smtps needs --ca-out PATH")
        keys = tempfile.mkdtemp(prefix="smtp-sink-tls-")
        cert_file, key_file = make_certificates(ca_out, keys)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert_file, key_file)
        if tls == "smtps":
            options["ssl_context"] = context
        else:
            options["tls_context"] = context
            options["require_starttls"] = tls == "starttls-required"
    login = option("--auth")
    if login is not None:
        password = os.environ.get("SINK_AUTH_PASSWORD")
        if not password:
            sys.exit("--auth needs SINK_AUTH_PASSWORD")
        options["authenticator"] = Authenticator(folder, login, password)
        options["auth_required"] = True
        # Over smtps every session is encrypted, which aiosmtpd's check does not see.
        options["auth_require_tls"] = "--auth-without-tls" not in sys.argv and tls != "smtps"
    reject = [a for a in (option("--reject-rcpt") or "").split(",") if a]
    controller = Controller(
        Sink(folder, delay, "--summary" in sys.argv, reject),
        hostname="127.0.0.1",
        port=port,
        data_size_limit=10 * 1024 * 1024,
        **options,
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
