// The administrator's pages in a real browser: the e-mail outbox and the audit log (which shows
// the administrator's own log-in), each passing an axe scan.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, openHydrated } from "../pages";

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
