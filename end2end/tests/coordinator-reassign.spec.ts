// A provider who leaves, in a real browser: Leilani Kahale (Pacific/Honolulu) holds two demo
// Buffalo engagements. The coordinator opens the providers page, then Leilani's handover page:
// nobody else covers technology, so that engagement has no suggestion; Priya Patel is suggested
// for the crime-analysis one (free at every session's time). Handing it over moves all its
// sessions to Priya, seen on the request's page. Marking Leilani as leaving and taking her back
// is shown on the page. Uses demo data no other spec touches. Every page passes an axe scan.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TECHNOLOGY = "Real-time crime centre data coaching";
const ANALYSIS = "Crime analysis coaching for Buffalo's analysts";

test("a leaving provider's engagement is handed to a suggested replacement", async ({ page }) => {
  // Several roles in turn on a debug build: more than the default 30 s.
  test.setTimeout(120_000);
  await logIn(page, "coordinator@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Providers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Providers");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  const leilani = page.locator("#providers-table tbody tr").filter({ hasText: "Leilani Kahale" });
  await expect(leilani).toContainText("Active");
  await expectAccessible(page);
  await leilani.getByRole("link", { name: "Hand over sessions of Leilani Kahale" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hand over Leilani Kahale's sessions");
  const technology = page.locator(".engagement").filter({ hasText: TECHNOLOGY });
  await expect(technology).toContainText("No provider meets every rule");
  await technology.getByText(/Not suggested/).click();
  await expect(technology).toContainText("Priya Patel");
  const analysis = page.locator(".engagement").filter({ hasText: ANALYSIS });
  await expect(analysis.locator("tbody tr")).toHaveCount(4);
  const priya = analysis.locator(".candidate").filter({ hasText: "Priya Patel" });
  await expect(priya).toBeVisible();
  await expect(priya).toContainText("Expertise");
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/coordinator-reassign.png", fullPage: true });
  const href = await analysis.getByRole("link", { name: ANALYSIS }).getAttribute("href");

  await priya.getByLabel("Reason (told to everyone, optional)").fill("Leilani is leaving the programme");
  await priya.getByRole("button", { name: "Hand over to Priya Patel" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The sessions were handed over" })).toBeVisible();
  await expect(page.locator(".engagement").filter({ hasText: ANALYSIS })).toHaveCount(0);
  await expect(page.locator(".engagement").filter({ hasText: TECHNOLOGY })).toHaveCount(1);

  // Marking Leilani as leaving, then taking her back.
  await page.getByRole("button", { name: /Mark as leaving/ }).click();
  await expect(page.locator("#provider-status")).toContainText("Leaving");
  await page.getByRole("button", { name: /Take back/ }).click();
  await expect(page.locator("#provider-status")).toContainText("Active");

  // The sessions are Priya's now, at the same times.
  await openHydrated(page, href!);
  const sessions = page.locator("#session-table tbody tr");
  await expect(sessions).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await expect(sessions.nth(i)).toContainText("Priya Patel");
    await expect(sessions.nth(i)).toContainText("confirmed");
  }
});
