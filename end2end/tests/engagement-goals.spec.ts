// Measurable goals: a coordinator sets a goal on Houston's engagement (an empty form is refused
// field by field), and the Houston contact records progress — a future day refused naming it,
// then today's value — and sees the chart's caption and the table of values update; both pages
// pass axe.
//
// A value cannot be recorded for a day before its engagement began: the demo's Houston
// engagement is in its second year, so today's value can be.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

/** `YYYY-MM-DD` on Houston's calendar, `days` from today. */
function houstonDay(days: number): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/Chicago",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() + days * 86_400_000));
}

/** `Tue 9 Mar 2027`, as the pages write a day. */
function words(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.toLocaleDateString("en-GB", { weekday: "short", timeZone: "UTC" });
  const monthName = date.toLocaleDateString("en-GB", { month: "short", timeZone: "UTC" });
  return `${weekday} ${day} ${monthName} ${year}`;
}

test("a coordinator sets a goal and the site contact records progress against it", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator/engagements");
  await expect(page.locator("#portfolio-table")).toContainText("Goals off track");
  await page.getByRole("link", { name: "Houston, TX" }).first().click();
  await expect(page).toHaveURL(/\/engagements\/\d+$/);
  const engagementPath = new URL(page.url()).pathname;
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByText("No measurable goal has been set for this engagement yet.")).toBeVisible();

  const goalForm = page.locator("#goal-form");
  await goalForm.getByRole("button", { name: "Add goal" }).click();
  const summary = page.locator("#error-summary");
  await expect(summary).toContainText("Enter a name for the goal");
  await expect(summary).toContainText("Enter the due date as a date");
  await goalForm.getByLabel("Goal", { exact: true }).fill("Fewer non-fatal shootings");
  await goalForm.getByLabel("Metric", { exact: true }).fill("Non-fatal shootings per month");
  await goalForm.getByLabel("Unit", { exact: true }).fill("shootings");
  await goalForm.getByLabel("Baseline", { exact: true }).fill("40");
  await goalForm.getByLabel("Target", { exact: true }).fill("30");
  await goalForm.getByLabel("Due date").fill(houstonDay(60));
  await goalForm.getByRole("button", { name: "Add goal" }).click();
  const goal = page.locator("article.goal");
  await expect(goal.getByRole("heading", { name: "Fewer non-fatal shootings" })).toBeVisible();
  await expect(goal).toContainText("No value recorded yet.");
  await expect(summary).toBeHidden();
  await expectAccessible(page);

  await logIn(page, "contact.houston@tta.example.gov");
  await openHydrated(page, engagementPath);
  await expect(page.getByRole("heading", { name: "Add a goal" })).toHaveCount(0);
  const progress = page.locator("#progress-form");
  const tomorrow = houstonDay(1);
  await progress.getByLabel("Day the value is for").fill(tomorrow);
  await progress.getByLabel("Value", { exact: true }).fill("36");
  await progress.getByRole("button", { name: "Record progress" }).click();
  await expect(summary).toContainText(`${words(tomorrow)} is in the future on the site's calendar`);

  const today = houstonDay(0);
  await progress.getByLabel("Day the value is for").fill(today);
  await progress.getByLabel("Value", { exact: true }).fill("36");
  await progress.getByLabel("Note (optional)").fill("Police department's monthly report");
  await progress.getByRole("button", { name: "Record progress" }).click();
  const values = page.getByRole("table", { name: "Values recorded for Fewer non-fatal shootings" });
  await expect(values.locator("tbody tr")).toHaveCount(1);
  await expect(values).toContainText(words(today));
  await expect(values).toContainText("36");
  await expect(goal.locator("figcaption")).toContainText(`latest 36 shootings on ${words(today)}`);
  await expect(goal.locator("svg circle")).toHaveCount(1);
  await expect(summary).toBeHidden();
  await expectAccessible(page);

  // Persisted: the page as the server renders it shows the value.
  await page.reload();
  await expect(page.getByRole("table", { name: "Values recorded for Fewer non-fatal shootings" })).toContainText("36");
});
