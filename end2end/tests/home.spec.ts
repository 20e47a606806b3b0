// The walking skeleton in a real browser: server-rendered sites, hydration, ticking clocks,
// search through a server function, and an accessibility scan; then each role's own home.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { expectAccessible, logIn } from "../pages";

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

// Each role's own home page (issue 22, item 6): "Needs your action" and "Coming up", every item
// a link to that role's own page, and for coordinators the choice of immediate e-mails or a daily
// digest. The demo's state moves as earlier specs act, so the items' links are checked by kind;
// the Rust tests (server/tests/http/home.rs) check exactly which items each role gets.

async function expectRoleHome(page: Page, linkPrefix: RegExp) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Welcome/);
  await expect(page.getByRole("heading", { name: /Needs your action/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Coming up" })).toBeVisible();
  await expect(page.locator("#site-table")).toHaveCount(0);
  const links = page.locator(".home-item a");
  for (const href of await links.evaluateAll((all) => all.map((a) => a.getAttribute("href") ?? ""))) {
    expect(href).toMatch(linkPrefix);
  }
  const count = Number(await page.locator("#needs-action-count").textContent());
  await expect(page.locator("#needs-action .home-item")).toHaveCount(count);
  await expectAccessible(page);
}

test("a coordinator's home shows what needs them and lets them choose a daily digest", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await expectRoleHome(page, /^\/coordinator\/requests\/\d+$/);
  const daily = page.getByLabel("One daily digest, only when something waits");
  const immediate = page.getByLabel("An e-mail for each event, as it happens");
  await daily.check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText(
    "Saved: One daily digest, only when something waits.",
  );
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByLabel("One daily digest, only when something waits")).toBeChecked();
  await page.getByLabel("An e-mail for each event, as it happens").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText(
    "Saved: An e-mail for each event, as it happens.",
  );
  expect(await immediate.isChecked()).toBe(true);
});

test("the queue counts what waits for the coordinator", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await page.goto("/coordinator");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  const waiting = page.locator("#waiting-for-you li");
  await expect(waiting).toHaveCount(3);
  await expect(waiting.nth(0)).toContainText("Accepted — ready to approve");
  await expect(waiting.nth(1)).toContainText("Declined — find another provider");
  await expect(waiting.nth(2)).toContainText("Change asked");
  await expectAccessible(page);
});

test("a provider's home shows proposals to answer and their next sessions", async ({ page }) => {
  await logIn(page, "provider.phoenix@tta.example.gov");
  await expectRoleHome(page, /^\/provider\/(proposals|sessions\?view=week&date=\d{4}-\d\d-\d\d)$/);
  await expect(page.locator("#notice-delivery")).toHaveCount(0);
});

test("a site contact's home shows returned requests, sessions to rate and next sessions", async ({ page }) => {
  await logIn(page, "contact.memphis@tta.example.gov");
  await expectRoleHome(page, /^\/requests\/\d+$/);
  await expect(page.locator("#notice-delivery")).toHaveCount(0);
});
