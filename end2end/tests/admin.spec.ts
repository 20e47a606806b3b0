// The administrator's pages in a real browser: the e-mail outbox and the audit log (which shows
// the administrator's own log-in), each passing an axe scan.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("the admin sees the outbox and finds their log-in in the audit log", async ({ page }) => {
  await openHydrated(page, "/login");
  await page.getByLabel("E-mail address").fill("admin@tta.example.gov");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/$/);

  const nav = page.getByRole("navigation", { name: "Primary" });
  await nav.getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E-mail outbox");
  await expect(page.locator("#outbox-table")).toBeVisible();
  await expectAccessible(page);

  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await page.getByLabel("Action starts with").fill("login.");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=login/);
  await expect(page.locator("#audit-table tbody tr").filter({ hasText: "login.succeeded" }).first()).toContainText("Avery Admin");
  await expectAccessible(page);
});

test("a coordinator cannot open the admin pages", async ({ page }) => {
  await openHydrated(page, "/login");
  await page.getByLabel("E-mail address").fill("coordinator@tta.example.gov");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await openHydrated(page, "/admin/outbox");
  await expect(page.getByRole("alert")).toContainText("does not give access");
});
