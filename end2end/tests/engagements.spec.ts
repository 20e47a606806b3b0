// Engagements in a real browser: Memphis's contact reads their engagement and where its phases
// stand; the coordinator opens the portfolio, goes to Memphis's engagement, and records a
// phase's dates — a finish before the start is refused beside the field, a right one is saved
// and shown. Every page passes an axe scan.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn } from "../pages";

test("a site contact reads their engagement and its phases", async ({ page }) => {
  await logIn(page, "contact.memphis@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Our engagements" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Our engagements");
  const card = page.locator("section.engagement").first();
  await expect(card.getByRole("heading", { level: 2 })).toContainText("engagement, Memphis, TN");
  await expect(card.getByRole("table").first()).toContainText("Where it stands");
  await expectAccessible(page);
});

test("the coordinator's portfolio leads to an engagement whose phase dates they record", async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, "coordinator@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Engagements" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Engagements");
  const memphis = page.locator("#portfolio-table tbody tr").filter({ hasText: "Memphis, TN" }).first();
  await expect(memphis).toContainText("delivered");
  await expectAccessible(page);

  await memphis.getByRole("link", { name: "Memphis, TN" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("engagement, Memphis, TN");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  const form = page.locator("#phase-dates-form");
  await form.getByLabel("Actually started (optional)").fill("2026-11-20");
  await form.getByLabel("Actually finished (optional)").fill("2026-11-10");
  await form.getByRole("button", { name: "Save the phase's dates" }).click();
  await expect(page.locator("#field-actual_end-error")).toContainText("cannot finish");
  await expect(form.getByLabel("Actually finished (optional)")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});
