// The OpenID Connect browser spec: the main configuration's app (fresh demo database, SMTP sink)
// plus a real OpenID Connect provider (Node's oidc-provider, server/tests/oidc_support/
// provider.mjs) on its own port, which the app offers as "Sign in with Test ID"
// (private_key_jwt with the test key, PKCE). `TTA_PUBLIC_URL` is the app's own address so that
// the provider sends the browser back to it.
import { defineConfig } from "@playwright/test";
import * as path from "node:path";
import base from "./playwright.config";
import { appPort } from "./mail";

const root = path.resolve(__dirname, "..");
/** The provider's port: `E2E_OIDC_PORT`, else the app's port + 30000 (or - 30000). */
export const oidcPort = Number(
  process.env.E2E_OIDC_PORT ?? String(appPort > 35_000 ? appPort - 30_000 : appPort + 30_000),
);
const support = path.join(root, "server", "tests", "oidc_support");
const servers = Array.isArray(base.webServer) ? base.webServer : base.webServer ? [base.webServer] : [];
const app = servers[servers.length - 1];

export default defineConfig({
  ...base,
  testDir: "./tests-oidc",
  outputDir: "./test-results-oidc",
  webServer: [
    ...servers.slice(0, -1),
    {
      command: `exec node "${path.join(support, "provider.mjs")}" ${oidcPort}`,
      cwd: support,
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      ...app,
      env: {
        ...(app.env ?? {}),
        TTA_PUBLIC_URL: `http://127.0.0.1:${appPort}`,
        TTA_OIDC_PROVIDERS: "test",
        TTA_OIDC_TEST_LABEL: "Test ID",
        TTA_OIDC_TEST_ISSUER: `http://127.0.0.1:${oidcPort}`,
        TTA_OIDC_TEST_CLIENT_ID: "tta-private-key-jwt",
        TTA_OIDC_TEST_PRIVATE_KEY_PATH: path.join(support, "test-client-key.pem"),
        TTA_OIDC_TEST_ACR_VALUES: "urn:acr.login.gov:auth-only",
        TTA_OIDC_TEST_SCOPES: "email profile",
      },
    },
  ],
});
