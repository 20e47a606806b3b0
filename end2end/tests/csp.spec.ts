// The Content-Security-Policy in a real browser (issue 15, item 6): every page of every role is
// loaded afresh, must hydrate (the nonce'd loader imports the JS, which compiles the wasm under
// 'wasm-unsafe-eval'), and Chromium must report no CSP violation, neither as a console message
// nor as a `securitypolicyviolation` event. A deliberate inline script without the nonce at the
// end proves the listeners would have seen one. Only reads: safe beside the other specs.
import { test, expect, type Page } from "@playwright/test";
import { logIn, openHydrated } from "../pages";

type Watch = { violations: string[]; csp: Map<string, string> };

/** Records CSP violations of every document `page` loads, and each document's CSP header. */
async function watchCsp(page: Page): Promise<Watch> {
  const watch: Watch = { violations: [], csp: new Map() };
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) {
      watch.violations.push(`console ${message.type()} at ${page.url()}: ${message.text()}`);
    }
  });
  page.on("response", (response) => {
    if (response.request().resourceType() === "document") {
      watch.csp.set(new URL(response.url()).pathname, response.headers()["content-security-policy"] ?? "");
    }
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => {
    watch.violations.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(
        `securitypolicyviolation at ${location.pathname}: ${event.effectiveDirective} blocked ` +
          `${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return watch;
}

/** Opens each path afresh, waits for hydration, and expects a nonce'd CSP and no violation. */
async function visitAll(page: Page, watch: Watch, paths: string[]) {
  for (const path of paths) {
    await openHydrated(page, path);
    const pathname = new URL(page.url()).pathname;
    const csp = watch.csp.get(pathname) ?? "";
    expect(csp, `CSP header of ${path}`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{22,}' 'wasm-unsafe-eval'/);
    expect(csp, `CSP header of ${path}`).toContain("frame-ancestors 'none'");
    // Violation events are delivered asynchronously: give them a moment to arrive.
    await page.waitForTimeout(200);
    expect(watch.violations, `CSP violations on ${path}`).toEqual([]);
  }
}

/** The first link on `listPath` whose href matches `pattern` (the demo data always has one). */
async function firstLink(page: Page, listPath: string, pattern: RegExp): Promise<string> {
  await openHydrated(page, listPath);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${listPath}`).toBeTruthy();
  return href as string;
}

test("every page of every role hydrates with no CSP violation", async ({ page }) => {
  // About thirty full loads on a debug build, with four log-ins.
  test.setTimeout(300_000);
  const watch = await watchCsp(page);

  // Nobody logged in, including the 404 page.
  await visitAll(page, watch, ["/", "/login", "/password/forgot", "/password/reset", "/invitations/accept", "/no-such-page"]);

  // A site contact.
  await logIn(page, "contact.memphis@tta.example.gov");
  const request = await firstLink(page, "/requests", /^\/requests\/\d+$/);
  await visitAll(page, watch, ["/", "/requests", "/requests/new", request]);

  // A provider.
  await logIn(page, "provider.phoenix@tta.example.gov");
  await visitAll(page, watch, [
    "/provider/proposals",
    "/provider/sessions",
    "/provider/calendar",
    "/provider/availability",
    "/provider/profile",
  ]);

  // A coordinator.
  await logIn(page, "coordinator@tta.example.gov");
  const queued = await firstLink(page, "/coordinator", /^\/coordinator\/requests\/\d+$/);
  const reassign = await firstLink(page, "/coordinator/providers", /^\/coordinator\/providers\/\d+\/reassign$/);
  await visitAll(page, watch, [
    "/coordinator",
    queued,
    "/coordinator/batch",
    "/coordinator/reports",
    "/coordinator/providers",
    reassign,
  ]);

  // An administrator.
  await logIn(page, "admin@tta.example.gov");
  const site = await firstLink(page, "/admin/sites", /^\/admin\/sites\/\d+$/);
  await visitAll(page, watch, [
    "/admin/users",
    "/admin/invitations",
    "/admin/sites",
    site,
    "/admin/topics",
    "/admin/settings",
    "/admin/outbox",
    "/admin/audit",
  ]);

  // The listeners do see a violation: an inline script without the nonce is refused.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__cspProbeRan = true;";
    document.head.appendChild(script);
  });
  await expect.poll(() => watch.violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __cspProbeRan?: boolean }).__cspProbeRan)).toBeUndefined();
});
