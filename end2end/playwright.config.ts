// Playwright configuration: one project, Debian's Chromium (never a downloaded browser), the
// real `tta` server started on a fresh SQLite database seeded with the demo data, and a real SMTP
// server (aiosmtpd, the sink the Rust mail tests use) to which the server's mail worker sends;
// it writes every message it receives as an .eml file into `mailDir` (see mail.ts).
import { defineConfig, devices } from "@playwright/test";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { appPort as port, mailDir, smtpPort } from "./mail";

const root = path.resolve(__dirname, "..");
// The first Python that has aiosmtpd (Debian's python3-aiosmtpd is for /usr/bin/python3), as in
// server/tests/http/mail_support.
const python =
  [process.env.TTA_TEST_PYTHON, "python3", "/usr/bin/python3"]
    .filter((candidate): candidate is string => !!candidate)
    .find((candidate) => spawnSync(candidate, ["-c", "import aiosmtpd"]).status === 0) ?? "/usr/bin/python3";
const smtpSink = path.join(root, "server", "tests", "http", "mail_support", "smtp_sink.py");
const baseURL = `http://127.0.0.1:${port}`;
const databaseFile = path.join(root, "target", "e2e", `tta-e2e-${port}.sqlite`);
const tta = process.env.E2E_TTA_BIN ?? path.join(root, "target", "debug", "tta");

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Multi-role specs log in several times; on a loaded 2-core machine 30 s was too tight.
  timeout: 60_000,
  reporter: [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  use: {
    baseURL,
    screenshot: "on",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // Started first, so the mail worker finds it from its first poll.
      command: `rm -rf "${mailDir}" && mkdir -p "${mailDir}" && exec "${python}" "${smtpSink}" ${smtpPort} "${mailDir}"`,
      cwd: root,
      port: smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `rm -f "${databaseFile}"* && "${tta}" seed-demo && exec "${tta}" serve`,
      cwd: root,
      url: `${baseURL}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        DATABASE_URL: `sqlite://${databaseFile}?mode=rwc`,
        TTA_LISTEN_ADDR: `127.0.0.1:${port}`,
        // E2E_SITE_ROOT: a copy of a build's site (with E2E_TTA_BIN, the binary built with it).
        LEPTOS_SITE_ROOT: process.env.E2E_SITE_ROOT ?? path.join(root, "target", "site"),
        RUST_LOG: "warn",
        TTA_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        TTA_MAIL_WORKER: "on",
        TTA_MAIL_POLL_MS: "300",
        TTA_WEBHOOK_POLL_MS: "300",
        // The specs' webhook receiver and ICS server listen on loopback.
        TTA_ALLOW_PRIVATE_ADDRESSES: "true",
      },
    },
  ],
});
