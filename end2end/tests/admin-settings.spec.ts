// The administrator's scheduling settings in a real browser: a value out of range is refused
// with its message next to the field (what was typed stays), a good value is saved and still
// there after a reload, and the page passes an axe scan. The original value is put back, so the
// specs that run later plan with the demo settings.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

test("the admin changes a setting, sees a range message, and finds the value after a reload", async ({ page }) => {
  // Several log-ins and reloads on a shared, busy machine: three times the usual time.
  test.slow();
  await logIn(page, "admin@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Scheduling settings");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  const after = page.getByLabel("Buffer after (minutes)");
  await expect(after).toHaveValue("15");
  await expectAccessible(page);

  // Out of range: the message next to the field and in the focused summary; input kept.
  await after.fill("500");
  await page.getByLabel("Minimum notice (hours)").fill("48");
  await page.getByRole("button", { name: "Save settings" }).click();
  const summary = page.locator("#error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("500 is out of range: enter a whole number of minutes from 0 to 240.");
  await expect(page.locator("#field-buffer_after_minutes-error")).toContainText("from 0 to 240");
  await expect(after).toHaveAttribute("aria-invalid", "true");
  await expect(after).toHaveValue("500");
  await expect(page.getByLabel("Minimum notice (hours)")).toHaveValue("48");
  await expectAccessible(page);

  // Fixed and saved: still there after a reload.
  await after.fill("20");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The settings are saved" })).toBeVisible();
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByLabel("Buffer after (minutes)")).toHaveValue("20");
  await expect(page.getByLabel("Minimum notice (hours)")).toHaveValue("48");

  // The change is in the audit log.
  await openHydrated(page, "/admin/audit?action=settings.");
  await expect(page.locator("#audit-table tbody tr").first()).toContainText("settings.updated");

  // Back to the demo values for the specs that follow.
  await openHydrated(page, "/admin/settings");
  await page.getByLabel("Buffer after (minutes)").fill("15");
  await page.getByLabel("Minimum notice (hours)").fill("72");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The settings are saved" })).toBeVisible();
});
