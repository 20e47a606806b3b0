// A provider makes a calendar subscription address, the calendar app's request gets an iCalendar
// feed, and revoking the address stops it. The page passes an axe scan.
import { test, expect, type Page } from "@playwright/test";
import { openHydrated } from "../pages";
import AxeBuilder from "@axe-core/playwright";

test("a provider subscribes to their sessions and can revoke the address", async ({ page }) => {
  await openHydrated(page, "/login");
  await page.getByLabel("E-mail address").fill("provider.phoenix@tta.example.gov");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Calendar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calendar subscription");
  await expect(page.locator("#feed-status")).toHaveText("You have no calendar address.");

  await page.getByRole("button", { name: "Make a new address" }).click();
  const address = page.getByLabel("Calendar address");
  await expect(address).toHaveValue(/\/calendar\/[0-9a-f]{64}\.ics$/);
  await expect(page.locator("#feed-status")).toContainText("is active");
  const url = new URL(await address.inputValue());
  const feed = await page.request.get(url.pathname);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(await feed.text()).toContain("METHOD:PUBLISH");
  // Persisted: after a reload the address is still active (it is shown only once, so the page
  // says so without showing it) and the feed still answers.
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.locator("#feed-status")).toContainText("is active");
  await expect(page.getByLabel("Calendar address")).toHaveCount(0);
  expect((await page.request.get(url.pathname)).status()).toBe(200);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.getByRole("button", { name: "Revoke the address" }).click();
  await expect(page.locator("#feed-status")).toHaveText("You have no calendar address.");
  expect((await page.request.get(url.pathname)).status()).toBe(404);
  await page.reload();
  await expect(page.locator("#feed-status")).toHaveText("You have no calendar address.");
});
