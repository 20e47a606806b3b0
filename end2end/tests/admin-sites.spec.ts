// The administrator's sites in a real browser: an unknown IANA zone is refused next to the
// field; a blackout date is added to Buffalo (far in the future, so no other spec's plan meets
// it), still listed after a reload, and removed again. Both pages pass an axe scan.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

test("the admin checks a site's zone and adds and removes a blackout date", async ({ page }) => {
  // Several log-ins and reloads on a shared, busy machine: three times the usual time.
  test.slow();
  await logIn(page, "admin@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Manage sites" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sites");
  await expect(page.locator("#admin-site-table tbody tr")).toHaveCount(12);
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Edit and blackout dates of Buffalo, NY" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Buffalo, NY");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  const zone = page.getByLabel("Time zone (IANA)");
  await expect(zone).toHaveValue("America/New_York");
  await expectAccessible(page);

  // A zone that does not exist: refused, the message beside the field, the text kept.
  await zone.fill("America/Buffalo");
  await page.getByRole("button", { name: "Save site" }).click();
  await expect(page.locator("#error-summary")).toBeFocused();
  await expect(page.locator("#field-time_zone-error")).toContainText("'America/Buffalo' is not an IANA time zone");
  await expect(zone).toHaveValue("America/Buffalo");
  await expect(zone).toHaveAttribute("aria-invalid", "true");

  // A blackout date without a reason, then with one.
  await page.getByLabel("Date", { exact: true }).fill("2031-12-24");
  await page.getByRole("button", { name: "Add blackout date" }).click();
  await expect(page.locator("#field-reason-error")).toContainText("Say why no session can happen that day");
  await page.getByLabel("Reason").fill("Admin spec closure");
  await page.getByRole("button", { name: "Add blackout date" }).click();
  const row = page.locator("#blackout-table tbody tr", { hasText: "Admin spec closure" });
  await expect(row).toContainText("Wed 24 Dec 2031");
  await expectAccessible(page);

  // Persisted (and the zone was never saved).
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator("#blackout-table tbody tr", { hasText: "Admin spec closure" })).toHaveCount(1);
  await expect(page.getByLabel("Time zone (IANA)")).toHaveValue("America/New_York");

  await page.getByRole("button", { name: "Remove Wed 24 Dec 2031" }).click();
  await expect(page.locator("#no-blackouts")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "The blackout date is removed." })).toBeVisible();
});
