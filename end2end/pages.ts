// What every browser spec does to reach a page: open it and wait until it has hydrated, log in as
// a demo account (password demo-password-2026), and check it with axe-core for serious or
// critical WCAG 2.1 A/AA violations.
import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** Opens `path` and waits until the wasm has hydrated the page. */
export async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
}

/** Logs in as `email` (whoever was logged in before is forgotten) and lands on the home page. */
export async function logIn(page: Page, email: string) {
  await page.context().clearCookies();
  await openHydrated(page, "/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** No serious or critical WCAG 2.1 A/AA violation on the page as it is now; with `anyImpact`, no
 * violation at all (minor and moderate too); with `soft`, a failure is recorded and the test goes
 * on (to list every page's violations in one run). */
export async function expectAccessible(page: Page, options: { anyImpact?: boolean; soft?: boolean } = {}) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = options.anyImpact
    ? results.violations
    : results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const check = options.soft ? expect.soft : expect;
  check(
    found.map((v) => `${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `axe on ${page.url()} at ${page.viewportSize()?.width ?? "?"} px`,
  ).toEqual([]);
}
