// The phase templates editor in a real browser: an administrator reaches /admin/phases from the
// menu, reads that changes shape only engagements opened afterwards, is refused beside the field
// for an empty name, a length of 0 or over 36 months and a name already used, adds a phase, moves
// it up with the keyboard (focus stays on its button), edits and removes it — leaving the
// templates as they were for the other specs. Every state passes axe.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn } from "../pages";

test("an administrator edits the programme's phase templates", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "admin@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Phases" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Engagement phases");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator("#phases-apply-note")).toContainText("engagements opened afterwards only");
  const operations = page.locator("#phases-operations tbody tr");
  await expect(operations).toHaveCount(7);
  await expect(operations.first()).toContainText("Kick-off");
  await expect(page.locator("#phases-diagnostic tbody tr")).toHaveCount(5);
  await expectAccessible(page);

  // Mistakes, beside their fields.
  const form = page.locator("#add-phase-form");
  await form.getByLabel("Type").selectOption("operations");
  await form.getByLabel("Lasts, in months").fill("0");
  await form.getByRole("button", { name: "Add the phase" }).click();
  await expect(page.locator("#field-name-error")).toContainText("Name the phase");
  await expect(page.locator("#field-months-error")).toContainText("A phase lasts at least one month.");
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await form.getByLabel("Name").fill("Strategic plan");
  await form.getByLabel("Lasts, in months").fill("37");
  await form.getByRole("button", { name: "Add the phase" }).click();
  await expect(page.locator("#field-name-error")).toContainText("already have one called “Strategic plan”");
  await expect(page.locator("#field-months-error")).toContainText("at most 36 months");

  // Added last, then moved up one place from the keyboard.
  await form.getByLabel("Name").fill("Mid-term review");
  await form.getByLabel("Begins, in months after the kick-off").fill("18");
  await form.getByLabel("Lasts, in months").fill("1");
  await form.getByRole("button", { name: "Add the phase" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The phase is added" })).toBeVisible();
  await expect(operations).toHaveCount(8);
  await expect(operations.nth(7)).toContainText("Mid-term review");
  await expect(operations.nth(7)).toContainText("After 18 months");
  const up = page.getByRole("button", { name: "Move up Mid-term review" });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect(operations.nth(6)).toContainText("Mid-term review");
  await expect(operations.nth(7)).toContainText("Sustainability and close-out");
  await expect(page.getByRole("button", { name: "Move up Mid-term review" })).toBeFocused();
  await expectAccessible(page);

  // Edited: a refused length beside its field, then saved.
  const row = operations.filter({ hasText: "Mid-term review" });
  await row.getByText("Edit", { exact: false }).first().click();
  await row.getByLabel("Lasts, in months").fill("0");
  await row.getByRole("button", { name: "Save Mid-term review" }).click();
  await expect(row.locator(".error-message").filter({ hasText: "at least one month" })).toBeVisible();
  await expect(row.getByLabel("Lasts, in months")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await row.getByLabel("Lasts, in months").fill("2");
  await row.getByRole("button", { name: "Save Mid-term review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The phase is saved" })).toBeVisible();
  await expect(operations.nth(6)).toContainText("2 months");

  // Removed: the templates are as they were.
  await page.getByRole("button", { name: "Remove Mid-term review" }).click();
  await expect(operations).toHaveCount(7);
  await expect(page.locator("#phases-operations")).not.toContainText("Mid-term review");
  await expectAccessible(page);
});

test("the phase templates are for administrators only", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await page.goto("/admin/phases");
  await expect(page.getByRole("alert")).toContainText("does not give access to this");
});
