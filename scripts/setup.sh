#!/usr/bin/env bash
# Installs everything building, running and testing TTA Scheduler needs, skipping what is
# already present: the wasm32 target, cargo-leptos (pinned), the wasm-bindgen CLI matching
# Cargo.lock, the Node packages (Playwright, axe-core, binaryen's wasm-opt), Debian's
# python3-aiosmtpd (the SMTP server of the mail tests) and, unless
# --no-browser is given, Debian's Chromium. Nothing here downloads binaries outside the
# package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WITH_BROWSER=1
[ "${1:-}" = "--no-browser" ] && WITH_BROWSER=0

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" \
    || { as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; }
}

# Faster, equally good builds of the tools themselves (2-core machines).
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^${component}"; then
    say "Adding the ${component} component (the test command's lint and format gates)"
    rustup component add "${component}"
  fi
done

if ! cargo leptos --version 2>/dev/null | grep -q " ${CARGO_LEPTOS_VERSION}\$"; then
  say "Installing cargo-leptos ${CARGO_LEPTOS_VERSION} (about 17 minutes on 2 cores, once)"
  cargo install cargo-leptos --version "${CARGO_LEPTOS_VERSION}" --locked
fi

# The CLI must match the wasm-bindgen library version exactly (pinned in Cargo.toml).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  say "Installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION}"
  # Not --locked: its lock file wants a webpki-roots the registry no longer has.
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" --force
fi

if ! command -v npm >/dev/null 2>&1; then
  say "Installing Node.js and npm from Debian"
  apt_install nodejs npm
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing Node packages (Playwright, axe-core, binaryen)"
  npm ci --no-audit --no-fund
fi

# The OpenID Connect tests run a real provider: Node's oidc-provider, in its own folder.
OIDC_SUPPORT=server/tests/oidc_support
if [ ! -f "$OIDC_SUPPORT/node_modules/.package-lock.json" ] || [ "$OIDC_SUPPORT/package-lock.json" -nt "$OIDC_SUPPORT/node_modules/.package-lock.json" ]; then
  say "Installing the OpenID Connect test provider (oidc-provider)"
  (cd "$OIDC_SUPPORT" && npm ci --no-audit --no-fund)
fi

# The mail tests and benchmark run a real SMTP server: Python's aiosmtpd (Debian package);
# its STARTTLS/smtps tests make a throwaway CA with Python's cryptography (Debian package).
if ! python3 -c 'import aiosmtpd, cryptography' 2>/dev/null && ! /usr/bin/python3 -c 'import aiosmtpd, cryptography' 2>/dev/null; then
  say "Installing Debian's python3-aiosmtpd and python3-cryptography (SMTP server for the mail tests)"
  apt_install python3 python3-aiosmtpd python3-cryptography
fi

# The two-factor tests compute TOTP codes with an independent implementation: Python's pyotp.
if ! python3 -c 'import pyotp' 2>/dev/null && ! /usr/bin/python3 -c 'import pyotp' 2>/dev/null; then
  say "Installing Debian's python3-pyotp (TOTP codes for the two-factor tests)"
  apt_install python3 python3-pyotp
fi

# The certificate and sign-in sheet tests read the PDFs back with an independent tool:
# poppler's pdftotext (Debian package poppler-utils).
if ! command -v pdftotext >/dev/null 2>&1; then
  say "Installing Debian's poppler-utils (pdftotext for the PDF tests)"
  apt_install poppler-utils
fi

# The semiannual TTA report's test reads the XLSX back with an independent reader: openpyxl.
if ! python3 -c 'import openpyxl' 2>/dev/null && ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  say "Installing Debian's python3-openpyxl (reads the TTA report's XLSX in its test)"
  apt_install python3 python3-openpyxl
fi

# The providers' calendars tests connect to a real CalDAV server: Debian's radicale.
if ! command -v radicale >/dev/null 2>&1; then
  say "Installing Debian's radicale (the CalDAV server of the calendar import tests)"
  apt_install radicale
fi

# The JSON API's contract tests: an OpenAPI validator and schemathesis (PyPI), in a venv.
if [ ! -x target/python-tools/bin/schemathesis ] || [ ! -x target/python-tools/bin/openapi-spec-validator ]; then
  say "Installing openapi-spec-validator and schemathesis (PyPI) into target/python-tools"
  python3 -m venv target/python-tools 2>/dev/null || { apt_install python3-venv && python3 -m venv target/python-tools; }
  target/python-tools/bin/pip install --quiet openapi-spec-validator schemathesis
fi

if [ "$WITH_BROWSER" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  say "Installing Debian's Chromium for the browser tests"
  apt_install chromium
fi
