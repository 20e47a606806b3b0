// The walking skeleton in a real browser: server-rendered sites, hydration, ticking clocks,
// search through a server function, and an accessibility scan.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

async function openHydrated(page: Page, path = "/") {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await page.goto(path);
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  return problems;
}

test("home page lists the twelve sites and their clocks tick after hydration", async ({ page }) => {
  const problems = await openHydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Public Safety Partnership sites");
  const rows = page.locator("#site-table tbody tr");
  await expect(rows).toHaveCount(12);
  await expect(page.getByRole("status")).toHaveText("12 sites");

  const indianapolis = rows.filter({ hasText: "Indianapolis" });
  await expect(indianapolis).toContainText("America/Indiana/Indianapolis");
  await expect(rows.filter({ hasText: "Lansing" })).toContainText("America/Detroit");

  const clock = indianapolis.locator(".clock");
  const first = (await clock.textContent()) ?? "";
  expect(first).toMatch(/^\d\d:\d\d:\d\d E[SD]T$/);
  await expect.poll(async () => clock.textContent(), { timeout: 5_000 }).not.toBe(first);
  expect(await clock.textContent()).toMatch(/^\d\d:\d\d:\d\d E[SD]T$/);
  expect(problems).toEqual([]);
});

test("the search box filters the list through the server", async ({ page }) => {
  await openHydrated(page);
  const search = page.getByLabel("Search sites by name, state or time zone");
  const rows = page.locator("#site-table tbody tr");

  await search.fill("memphis");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Memphis");
  await expect(rows.first()).toContainText("America/Chicago");

  await search.fill("oh");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("status")).toHaveText("2 sites");

  await search.fill("zzz");
  await expect(page.getByRole("status")).toHaveText("No site matches your search.");

  await search.fill("");
  await expect(rows).toHaveCount(12);
});

test("the search works from the address bar too (server-rendered)", async ({ page }) => {
  await openHydrated(page, "/?q=buffalo");
  await expect(page.locator("#site-table tbody tr")).toHaveCount(1);
  await expect(page.getByLabel("Search sites by name, state or time zone")).toHaveValue("buffalo");
});

test("the home page has no serious accessibility violations", async ({ page }) => {
  await openHydrated(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("keyboard users can skip to the content and reach the search box", async ({ page }) => {
  await openHydrated(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main-content")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Search sites by name, state or time zone")).toBeFocused();
});
