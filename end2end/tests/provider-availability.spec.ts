// The provider's availability in a real browser: Priya Patel (America/Phoenix) adds a second
// range to Monday that overlaps the first — refused with the weekday named, every typed row kept
// — then fixes it, adds a date override with its own range and a day off, saves, and sees the
// free-time preview change; a reload shows it all persisted. Every state passes an axe scan. The
// spec removes what it added, so later specs see the demo's hours.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

/** Today in Phoenix moved by `days`, as YYYY-MM-DD. */
function phoenixDate(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Phoenix" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Days from today (Phoenix) to the first Monday wholly beyond the 72-hour minimum notice (at
 * least four days ahead): the preview shows only what coordinators can book, so a Monday inside
 * the notice has no free time whatever the hours say.
 */
function daysToBookableMonday(): number {
  const d = new Date(`${phoenixDate(0)}T12:00:00Z`);
  const next = 8 - (d.getUTCDay() === 0 ? 7 : d.getUTCDay());
  return next >= 4 ? next : next + 7;
}

test("Priya edits her weekly hours, an override and time off; the preview follows", async ({ page }) => {
  // Several axe scans of large pages on a shared machine: more than the default 30 s.
  test.setTimeout(120_000);
  const monday = phoenixDate(daysToBookableMonday());
  const overrideDay = phoenixDate(daysToBookableMonday() + 1);
  const dayOff = phoenixDate(daysToBookableMonday() + 2);

  await logIn(page, "provider.phoenix@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Availability" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your availability");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.locator("#weekly-hours")).toContainText("MST · America/Phoenix");

  const mondayHours = page.locator('[data-weekday="mon"]');
  await expect(mondayHours.locator(".range-row")).toHaveCount(1);
  await expect(mondayHours.getByLabel("Monday, range 1, From")).toHaveValue("07:00");
  await expect(mondayHours.getByLabel("Monday, range 1, Until")).toHaveValue("15:00");
  await expect(mondayHours.locator(".zone-tag").first()).toHaveText("MST");
  const preview = page.locator("#free-time");
  await expect(preview.locator(`[data-date="${monday}"]`)).toContainText("07:00–15:00 MST");
  await expectAccessible(page);

  // A second Monday range overlapping the first: refused, the weekday named, nothing lost.
  await mondayHours.getByRole("button", { name: "Add a range on Monday" }).click();
  await mondayHours.getByLabel("Monday, range 2, From").fill("14:00");
  await mondayHours.getByLabel("Monday, range 2, Until").fill("17:00");
  await page.getByRole("button", { name: "Add a date override" }).click();
  const override = page.locator("[data-override]").last();
  await override.getByLabel("Date").fill(overrideDay);
  await override.getByLabel(", range 1, From").fill("10:00");
  await override.getByLabel(", range 1, Until").fill("11:30");
  await page.getByRole("button", { name: "Save availability" }).click();

  const summary = page.locator("#error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Monday: the ranges 07:00–15:00 and 14:00–17:00 overlap");
  const secondRow = mondayHours.locator(".range-row").nth(1);
  await expect(secondRow.locator(".error-message")).toContainText("overlap");
  await expect(mondayHours.getByLabel("Monday, range 2, From")).toHaveAttribute("aria-invalid", "true");
  await expect(mondayHours.getByLabel("Monday, range 2, From")).toHaveValue("14:00");
  await expect(mondayHours.getByLabel("Monday, range 2, Until")).toHaveValue("17:00");
  await expect(override.getByLabel("Date")).toHaveValue(overrideDay);
  await expect(override.getByLabel(", range 1, From")).toHaveValue("10:00");
  await expectAccessible(page);

  // Fixed, plus a day off: saved, and the preview shows the engine's new answer.
  await mondayHours.getByLabel("Monday, range 2, From").fill("15:30");
  await page.getByRole("button", { name: "Add time off" }).click();
  const off = page.locator("[data-timeoff]").last();
  await off.getByLabel("First day off").fill(dayOff);
  await off.getByLabel("Last day off").fill(dayOff);
  await off.getByLabel("Reason").fill("Conference");
  await page.getByRole("button", { name: "Save availability" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Availability saved" })).toBeVisible();
  await expect(summary).toBeHidden();
  await expect(preview.locator(`[data-date="${monday}"]`)).toContainText("15:30–17:00 MST");
  await expect(preview.locator(`[data-date="${overrideDay}"]`)).toContainText("10:00–11:30 MST");
  await expect(preview.locator(`[data-date="${overrideDay}"]`)).toContainText("override");
  await expect(preview.locator(`[data-date="${dayOff}"]`)).toContainText("No free time");
  await expect(preview.locator(`[data-date="${dayOff}"]`)).toContainText("Time off");
  await page.screenshot({ path: "end2end/test-results/provider-availability.png", fullPage: true });

  // Persisted.
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(mondayHours.locator(".range-row")).toHaveCount(2);
  await expect(mondayHours.getByLabel("Monday, range 2, From")).toHaveValue("15:30");
  await expect(page.locator("[data-override]").getByLabel("Date")).toHaveValue(overrideDay);
  await expect(page.locator("[data-timeoff]").getByLabel("Reason")).toHaveValue("Conference");
  await expect(preview.locator(`[data-date="${overrideDay}"]`)).toContainText("10:00–11:30 MST");
  await expectAccessible(page);

  // Put the demo hours back.
  await mondayHours.getByRole("button", { name: "Remove Monday, range 2" }).click();
  await page.locator("[data-override]").getByRole("button", { name: /Remove override/ }).click();
  await page.locator("[data-timeoff]").getByRole("button", { name: /Remove time off/ }).click();
  await page.getByRole("button", { name: "Save availability" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Availability saved" })).toBeVisible();
  await expect(preview.locator(`[data-date="${overrideDay}"]`)).toContainText("07:00–15:00 MST");
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(mondayHours.locator(".range-row")).toHaveCount(1);
  await expect(page.locator("[data-override]")).toHaveCount(0);
  await expect(page.locator("[data-timeoff]")).toHaveCount(0);
});

test("a coordinator cannot open a provider's availability", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/provider/availability");
  await expect(page.getByRole("alert").first()).toContainText("does not give access");
});
