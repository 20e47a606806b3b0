// The provider's sessions in a real browser: Priya Patel (America/Phoenix, no DST) sees the
// demo's confirmed Kansas City series (Thursdays 13:00 Central) move from 12:00 to 11:00 MST
// across the March change to daylight time, with the site's time beside hers, in the list, the
// week and the month views; the month grid is reached and left by keyboard; past sessions on a
// toggle. Every view passes an axe scan.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const SERIES = "Focused deterrence coaching across the spring change";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

/** The US change to daylight time the demo data straddles: the second Sunday of the first
 * March at least 30 days away (as the demo seeding computes it). */
function springChange(): Date {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let year = now.getUTCFullYear();
  while (Date.UTC(year, 2, 1) - today < 30 * 86_400_000) year += 1;
  const first = new Date(Date.UTC(year, 2, 1));
  const firstSunday = 1 + ((7 - first.getUTCDay()) % 7);
  return new Date(Date.UTC(year, 2, firstSunday + 7));
}

function plusDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const long = (d: Date) => `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;

test("Priya sees her Kansas City series move by an hour across the March change", async ({ page }) => {
  // Several axe scans of large pages on a shared machine: more than the default 30 s.
  test.setTimeout(120_000);
  const change = springChange();
  const before = plusDays(change, -3); // Thursday before the change
  const after = plusDays(change, 4); // Thursday after it

  await logIn(page, "provider.phoenix@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "My sessions" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your sessions");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.locator("#sessions-zone")).toContainText("MST · America/Phoenix");
  await expect(page.getByRole("heading", { level: 2, name: "Upcoming sessions" })).toBeVisible();

  // The list: one section per day, each session in MST with the site's Central time beside it.
  const beforeDay = page.getByRole("region", { name: long(before) });
  await expect(beforeDay).toContainText(SERIES);
  await expect(beforeDay).toContainText("12:00–13:00 MST (site: 13:00–14:00 CST)");
  await expect(beforeDay).toContainText("Confirmed");
  const afterDay = page.getByRole("region", { name: long(after) });
  await expect(afterDay).toContainText("11:00–12:00 MST (site: 13:00–14:00 CDT)");
  // The Memphis proposal's sessions hold time too, marked tentative.
  await expect(page.getByRole("region", { name: long(plusDays(change, 2)) }))
    .toContainText("07:00–08:30 MST (site: 09:00–10:30 CDT)");
  await expect(page.getByRole("region", { name: long(plusDays(change, 2)) })).toContainText("Tentative");
  await expectAccessible(page);

  // The week after the change, then the one before it.
  await openHydrated(page, `/provider/sessions?view=week&date=${iso(after)}`);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(`Week of ${long(plusDays(change, 1))}`);
  await expect(page.getByRole("link", { name: "Week", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("region", { name: long(after) })).toContainText("11:00–12:00 MST (site: 13:00–14:00 CDT)");
  await expect(page.getByRole("region", { name: long(plusDays(change, 7)) })).toContainText("No sessions");
  await expectAccessible(page);
  await page.getByRole("link", { name: /Previous week/ }).click();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(`Week of ${long(plusDays(change, -6))}`);
  await expect(page.getByRole("region", { name: long(before) })).toContainText("12:00–13:00 MST (site: 13:00–14:00 CST)");

  // The month: a table whose day links announce the date and the number of sessions.
  await page.getByRole("link", { name: "Month", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(`March ${change.getUTCFullYear()}`);
  const grid = page.getByRole("table", { name: new RegExp(`March ${change.getUTCFullYear()}: sessions by day`) });
  await expect(grid.getByRole("columnheader")).toHaveCount(7);
  const afterCell = grid.locator(`td[data-date="${iso(after)}"]`);
  await expect(afterCell).toContainText("11:00–12:00 MST");
  await expect(afterCell).toContainText("(site: 13:00–14:00 CDT)");
  await expect(grid.locator(`td[data-date="${iso(before)}"]`)).toContainText("(site: 13:00–14:00 CST)");
  const dayLink = grid.getByRole("link", { name: `${long(after)}, 1 session` });
  await expect(dayLink).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/provider-sessions-month.png", fullPage: true });
  // By keyboard: the day's link opens its week.
  await dayLink.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`view=week&date=${iso(after)}`));
  await expect(page.getByRole("region", { name: long(after) })).toContainText("11:00–12:00 MST");

  // Reloaded, the same; past sessions are a toggle away.
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByRole("region", { name: long(after) })).toContainText("(site: 13:00–14:00 CDT)");
  await page.getByRole("link", { name: "List", exact: true }).click();
  await page.getByRole("link", { name: "Show past sessions" }).click();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("Past sessions");
  await expect(page.locator("#no-sessions")).toHaveText("You have no past sessions.");
  await expectAccessible(page);
});

test("a site contact cannot open a provider's sessions", async ({ page }) => {
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, "/provider/sessions");
  await expect(page.getByRole("alert")).toContainText("does not give access");
});
