// Planning an engagement's cadence in one step, in a real browser. The coordinator opens
// Buffalo's Operations engagement (its TTA team has Dan Morales as coach), fills a line for
// monthly working sessions with the coach: a last date past the engagement's planned end is
// refused beside the field, then with the default end the preview places every session on the
// site's clock, and sending creates the proposal. Dan Morales finds it among his proposals.
// The line runs over the engagement's last weeks only, so other specs' calendars stay free.
// Every page passes axe.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Monthly working session with the coach";

function daysBefore(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

test("a coordinator plans a line of the cadence, previews it and sends it; the provider sees the proposal", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator/engagements");
  const buffalo = page.locator("#portfolio-table tbody tr").filter({ hasText: "Buffalo, NY" }).first();
  await buffalo.getByRole("link", { name: "Buffalo, NY" }).click();
  await expect(page).toHaveURL(/\/engagements\/\d+$/);
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);

  const cadence = page.locator("#cadence");
  await expect(cadence.getByRole("heading", { name: "Plan the cadence" })).toBeVisible();
  const through = cadence.locator("#field-line_0_through");
  const plannedEnd = await through.inputValue();
  expect(plannedEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  await cadence.locator("#field-line_0_title").fill(TITLE);
  await cadence.getByLabel("Delivered by (TTA team role)").selectOption("coach");
  await cadence.getByLabel("How often").selectOption("monthly");
  await cadence.locator("#field-line_0_session_minutes").fill("60");
  await cadence.getByLabel("Wed").check();
  await cadence.getByLabel("Thu").check();
  await cadence.locator("#field-line_0_window_start").fill("13:00");
  await cadence.locator("#field-line_0_window_end").fill("16:00");
  await cadence.locator("#field-line_0_from").fill(daysBefore(plannedEnd, 80));

  // Past the engagement's planned end: refused beside the field.
  const nextYear = `${Number(plannedEnd.slice(0, 4)) + 1}${plannedEnd.slice(4)}`;
  await through.fill(nextYear);
  await cadence.getByRole("button", { name: "Preview the plan" }).click();
  await expect(cadence.locator("#field-line_0_through-error")).toContainText("The engagement ends");
  await expect(through).toHaveAttribute("aria-invalid", "true");
  await expect(cadence.getByRole("alert")).toBeVisible();

  // With the planned end, every session is placed.
  await through.fill(plannedEnd);
  await cadence.getByRole("button", { name: "Preview the plan" }).click();
  const preview = page.locator("#cadence-preview");
  await expect(preview.getByRole("heading", { level: 3 })).toHaveText(/Preview: (\d+) of \1 sessions placed/);
  const line = preview.locator("#cadence-line-0");
  await expect(line.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(line).toContainText("Dan Morales (Coach)");
  await expect(line.locator("ul li").first()).toContainText(/1[3-5]:\d\d/);
  await expectAccessible(page);

  await preview.getByRole("button", { name: "Send the proposals to the providers" }).click();
  await expect(cadence.getByRole("status").filter({ hasText: "sent to Dan Morales" })).toBeVisible();
  await expect(cadence).toContainText(/1 proposal with \d+ sessions sent to Dan Morales/);
  await expectAccessible(page);

  // The provider finds the proposal among his own.
  await logIn(page, "provider.denver@tta.example.gov");
  await openHydrated(page, "/provider/proposals");
  const card = page.getByRole("article", { name: TITLE });
  await expect(card).toContainText("Buffalo, NY");
  await expect(card).toContainText("Awaiting your answer");
  await expectAccessible(page);
});
