// Playwright configuration: one project, Debian's Chromium (never a downloaded browser), and the
// real `tta` server started on a fresh SQLite database seeded with the demo data.
import { defineConfig, devices } from "@playwright/test";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const port = Number(process.env.E2E_PORT ?? "3107");
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
  timeout: 30_000,
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
  webServer: {
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
      LEPTOS_SITE_ROOT: path.join(root, "target", "site"),
      RUST_LOG: "warn",
    },
  },
});
