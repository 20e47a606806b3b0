// A coordinator makes a personal access token on "API tokens", sees its secret once (gone after
// a reload, the list shows only its prefix), uses it against the JSON API, and revokes it: the
// API then answers 401. The page passes an axe scan.
import { test, expect } from "@playwright/test";
import { openHydrated } from "../pages";
import AxeBuilder from "@axe-core/playwright";

test("a token is made, shown once, used and revoked", async ({ page }) => {
  await openHydrated(page, "/login");
  await page.getByLabel("E-mail address").fill("coordinator@tta.example.gov");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API tokens");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);

  // A name is required, and the mistake is named beside the field.
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.locator("#field-name-error")).toContainText("Name the token");

  const name = `Browser token ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Read and write (e.g. submit requests)").check();
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("button", { name: "Make token" }).click();
  const secretField = page.getByLabel("Your new token");
  await expect(secretField).toHaveValue(/^tta_pat_[0-9a-f]{64}$/);
  const secret = await secretField.inputValue();
  const row = page.locator("#token-table tr", { hasText: name });
  await expect(row).toContainText(secret.slice(0, 16));
  await expect(row).toContainText("read, write");
  await expect(row).toContainText("active");

  const me = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).scopes).toEqual(["read", "write"]);

  // Shown once: after a reload only the prefix remains.
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByLabel("Your new token")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret.slice(16));
  await expect(page.locator("#token-table tr", { hasText: name })).toContainText(secret.slice(0, 16));
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.locator("#token-table tr", { hasText: name }).getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.locator("#token-table tr", { hasText: name })).toContainText("revoked");
  const after = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthorized");
});
