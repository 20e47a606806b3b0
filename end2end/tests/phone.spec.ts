// The provider's and the site contact's pages on a phone (360 × 740 CSS px): every page reflows
// without sideways scrolling (WCAG 2.1 AA, 1.4.10), the whole menu is on screen, stacked tables
// name each cell's column, and the month calendar lists only the month's days with sessions, each
// with its weekday. A few pages get an axe scan at this width too.
import { test, expect, type Locator, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

test.use({ viewport: { width: 360, height: 740 } });

const PROVIDER_MENU = ["Home", "Proposals", "Calendar", "My sessions", "Availability", "Profile"];
const SITE_MENU = ["Home", "My requests", "New request"];

/** The page is no wider than the screen: nothing to scroll to sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

/** Every menu link, the person's name and "Log out" are shown whole, inside the screen's width. */
async function expectWholeMenu(page: Page, links: string[]) {
  const nav = page.getByRole("navigation", { name: "Primary" });
  const items = [
    ...links.map((name) => nav.getByRole("link", { name, exact: true })),
    nav.locator("#nav-user"),
    nav.getByRole("button", { name: "Log out" }),
  ];
  const width = page.viewportSize()!.width;
  for (const item of items) {
    await expect(item).toBeVisible();
    const box = (await item.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  }
}

/** The page as it is now, and its menu, fit the phone. */
async function expectFits(page: Page, menu: string[]) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectWholeMenu(page, menu);
  await expectNoSidewaysScroll(page);
}

/** Opens `path` and checks that it fits the phone. */
async function visit(page: Page, path: string, menu: string[]) {
  await openHydrated(page, path);
  await expectFits(page, menu);
}

/** The spring change to daylight time the demo's Kansas City series straddles (as in
 * provider-sessions.spec.ts): the second Sunday of the first March at least 30 days away. */
function springChange(): Date {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let year = now.getUTCFullYear();
  while (Date.UTC(year, 2, 1) - today < 30 * 86_400_000) year += 1;
  const first = new Date(Date.UTC(year, 2, 1));
  const firstSunday = 1 + ((7 - first.getUTCDay()) % 7);
  return new Date(Date.UTC(year, 2, firstSunday + 7));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

test("a provider's pages fit a phone", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "provider.phoenix@tta.example.gov");
  await expectWholeMenu(page, PROVIDER_MENU);

  for (const path of [
    "/",
    "/provider/proposals",
    "/provider/sessions",
    "/provider/sessions?view=week",
    "/provider/availability",
    "/provider/profile",
    "/provider/calendar",
  ]) {
    await visit(page, path, PROVIDER_MENU);
  }
  await expectAccessible(page);

  // The month of the spring change: one line per day with sessions, the weekday beside the
  // number; days of other months and days without sessions are left out.
  const change = springChange();
  const thursday = iso(new Date(change.getTime() + 4 * 86_400_000));
  await visit(page, `/provider/sessions?view=month&date=${iso(change)}`, PROVIDER_MENU);
  const grid = page.locator("#month-grid");
  const day = grid.locator(`td[data-date="${thursday}"]`);
  await expect(day.locator(".calendar__weekday")).toBeVisible();
  await expect(day.locator(".calendar__date")).toHaveText(`Thu ${Number(thursday.slice(8))}`);
  await expect(day).toContainText("11:00–12:00 MST");
  await expect(grid.locator("td.calendar__day--outside").first()).toBeHidden();
  await expect(grid.locator("td.calendar__day--empty:not(.calendar__day--today)").first()).toBeHidden();
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/phone-provider-month.png", fullPage: true });
});

test("a site contact's pages fit a phone", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "contact.memphis@tta.example.gov");
  await expectWholeMenu(page, SITE_MENU);

  // Their home: what needs them and what is coming up.
  await visit(page, "/", SITE_MENU);
  await expectAccessible(page);

  // My requests: each request stacked, every cell with its column's name.
  await visit(page, "/requests", SITE_MENU);
  const row = page.getByRole("row", { name: /Crime gun intelligence coaching across the spring change/ });
  await expect(row.locator('td[data-label="Status"]')).toContainText("Provider proposed");
  await expect(row.locator('td[data-label="Between"]')).toBeVisible();
  expect(await labelShown(row.locator('td[data-label="Status"]'))).toBe(true);
  await expectAccessible(page);

  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/requests\/\d+/);
  await expect(page.locator("#request-summary")).toBeVisible();
  await expectFits(page, SITE_MENU);
  await visit(page, "/requests/new", SITE_MENU);

  // A request with sessions (Buffalo's running engagement): the sessions table, stacked.
  await logIn(page, "contact.buffalo@tta.example.gov");
  await openHydrated(page, "/requests");
  await page.getByRole("link", { name: "Real-time crime centre data coaching" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Real-time crime centre data coaching");
  await expectFits(page, SITE_MENU);
  const first = page.locator("#sessions-table tbody tr").first();
  await expect(first.locator('td[data-label="When"]')).toBeVisible();
  expect(await labelShown(first.locator('td[data-label="When"]'))).toBe(true);
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/phone-site-request.png", fullPage: true });
});

/** Whether a stacked cell shows its column's name before its value (a CSS `::before`). */
async function labelShown(cell: Locator): Promise<boolean> {
  return cell.evaluate((td) => {
    const before = getComputedStyle(td, "::before");
    return before.display !== "none" && before.content !== "none" && before.content !== "normal";
  });
}
