// After logging in, people land on the page they followed (issue 22, item 2): an anonymous
// person who opens a page that needs log-in is sent to the log-in page carrying that page, and
// after logging in in a real browser lands on it; a `next` that leads off the site goes home.
import { test, expect } from "@playwright/test";
import { openHydrated } from "../pages";

const WEEK = "/provider/sessions?view=week&date=2027-03-01";

test("a link followed before logging in opens after logging in", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto(WEEK);
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await page.getByLabel("E-mail address").fill("provider.phoenix@tta.example.gov");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(new RegExp(`${WEEK.replace(/[?]/g, "\\?")}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your sessions");
});

test("a next that leads off the site goes to the home page", async ({ page }) => {
  await page.context().clearCookies();
  await openHydrated(page, "/login?next=//evil.example/phish");
  await page.getByLabel("E-mail address").fill("provider.phoenix@tta.example.gov");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/$/);
});
