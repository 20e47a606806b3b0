// The coordinator's move form offers free times (issue 22 items 13 and 14), in a real browser:
// the Houston contact files two weekly technology sessions (only Leilani Kahale covers it), the
// coordinator sends them to her, and the first session's "Reschedule or cancel" lists free times
// as radio choices on the site's clock with the coordinator's beside it, plus "Another time".
// Choosing one moves the session there. A refused move (another time inside the minimum notice)
// shows its reason beside the form and takes focus there. On a phone (360 px) the score table and
// the session table keep their column names on every stacked cell. The request is this spec's
// own. Every state passes an axe scan.
import { test, expect, type Locator, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Dispatch-data coaching for the move-times spec";

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a stacked cell shows its column's name before its value (a CSS `::before`). */
async function labelShown(cell: Locator): Promise<boolean> {
  return cell.evaluate((td) => {
    const before = getComputedStyle(td, "::before");
    return before.display !== "none" && before.content !== "none" && before.content !== "normal";
  });
}

/** Files the request as the Houston contact and sends it to Leilani as the coordinator; returns
 * the coordinator's page of the request. */
async function requestWithTentativeSessions(page: Page): Promise<string> {
  await logIn(page, "contact.houston@tta.example.gov");
  await openHydrated(page, "/requests/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Technology").check();
  await page.getByLabel("Number of sessions").fill("2");
  await page.getByLabel("How often").selectOption("weekly");
  await page.getByLabel("Earliest date").fill(isoDate(110));
  await page.getByLabel("Latest date").fill(isoDate(160));
  await page.getByLabel("Thursday").check();
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/\d+/);
  const id = page.url().match(/\/requests\/(\d+)/)![1];

  await logIn(page, "coordinator@tta.example.gov");
  const path = `/coordinator/requests/${id}`;

  // On a phone the candidate's score table names each stacked cell's column.
  await page.setViewportSize({ width: 360, height: 740 });
  await openHydrated(page, path);
  const part = page.locator("#candidate-list table tbody tr").first();
  for (const column of ["Value", "Weight", "Adds", "Why"]) {
    const cell = part.locator(`td[data-label="${column}"]`);
    await expect(cell).toBeVisible();
    expect(await labelShown(cell), column).toBe(true);
  }
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  await openHydrated(page, path);
  await page.getByRole("button", { name: "Review schedule with Leilani Kahale" }).click();
  await expect(page.locator("#plan-table tbody tr")).toHaveCount(2);
  await page.getByRole("button", { name: "Send proposal to Leilani Kahale" }).click();
  await expect(page.locator("#proposal-table tbody tr")).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator("#session-table tbody tr")).toHaveCount(2);
  return path;
}

test("the move form offers free times, a chosen one moves the session, a refusal is focused beside the form", async ({ page }) => {
  test.setTimeout(150_000);
  const path = await requestWithTentativeSessions(page);
  const first = page.locator("#session-table tbody tr").first();
  await first.getByText("Reschedule or cancel").click();

  // Free times on the site's clock (Houston: Central), the coordinator's (Eastern) beside them.
  const group = first.getByRole("group", { name: "New time" });
  const offered = group.getByRole("radio");
  const count = await offered.count();
  expect(count).toBeGreaterThanOrEqual(3);
  const another = group.getByRole("radio", { name: /Another time/ });
  await expect(another).not.toBeChecked();
  await expect(offered.first()).toBeChecked();
  const label = (await first.locator(".move-times .radio label").nth(1).innerText()).trim();
  expect(label).toMatch(/C[SD]T/);
  expect(label).toMatch(/your time: .*E[SD]T/);
  await expectAccessible(page);

  // Choose the second free time and move: the session's row shows that clock.
  const clock = label.match(/(\d\d:\d\d–\d\d:\d\d C[SD]T)/)![1];
  const day = label.match(/^(\w{3} \d{1,2} \w{3} \d{4})/)![1];
  await offered.nth(1).check();
  await first.getByRole("button", { name: "Move session" }).click();
  await expect(first).toContainText(clock);
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator("#session-table tbody tr").first()).toContainText(clock);
  await expect(page.locator("#session-table tbody tr").first()).toContainText(day);

  // Another time inside the minimum notice: refused beside the form, and focused there.
  const row = page.locator("#session-table tbody tr").first();
  await row.getByText("Reschedule or cancel").click();
  await row.getByLabel("New date (site)").fill(isoDate(1));
  await expect(row.getByRole("radio", { name: /Another time/ })).toBeChecked();
  const button = row.getByRole("button", { name: "Move session" });
  await button.click();
  const alert = row.getByRole("alert");
  await expect(alert).toContainText("Too soon");
  await expect(alert).toBeFocused();
  const [alertBox, buttonBox] = [(await alert.boundingBox())!, (await button.boundingBox())!];
  expect(Math.abs(buttonBox.y - (alertBox.y + alertBox.height))).toBeLessThan(200);
  // The page's own error summary at the top stays empty.
  await expect(page.locator(".container > .alert--error")).toBeHidden();
  await expect(row).toContainText(clock);
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/coordinator-move-times.png", fullPage: true });

  // On a phone the session table names each stacked cell's column too.
  await page.setViewportSize({ width: 360, height: 740 });
  await openHydrated(page, path);
  const when = page.locator('#session-table tbody tr td[data-label="When"]').first();
  await expect(when).toBeVisible();
  expect(await labelShown(when)).toBe(true);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await expectAccessible(page);
});
