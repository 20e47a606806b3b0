// After a session: the Houston contact rates the demo's delivered engagement (two sessions with
// Dan Morales, one and two weeks ago) — once per session, persisted, and the other session still
// open for feedback.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const DELIVERED = "Constitutional policing refresher for Houston's supervisors";

test("a site contact rates a delivered session once, and sees the rating after a reload", async ({ page }) => {
  await logIn(page, "contact.houston@tta.example.gov");
  await openHydrated(page, "/requests");
  await page.getByRole("link", { name: DELIVERED }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(DELIVERED);
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);

  const rows = page.locator("#sessions-table tbody tr");
  await expect(rows).toHaveCount(2);
  const first = rows.nth(0);
  const second = rows.nth(1);
  // Times carry the site's zone abbreviation.
  await expect(first).toContainText(/10:00–11:00 C[SD]T/);

  await first.getByText("Give feedback…").click();
  // Sending without a rating is refused with the reason, and the comment is kept.
  await first.getByLabel("Comments (optional)").fill("Clear and practical; the scenarios fit our stops.");
  await first.getByRole("button", { name: "Send feedback" }).click();
  await expect(first.getByRole("alert")).toContainText("Choose how useful the session was, from 1 to 5.");
  await expect(first.getByLabel("Comments (optional)")).toHaveValue("Clear and practical; the scenarios fit our stops.");

  await first.getByLabel("4", { exact: true }).check();
  await first.getByRole("button", { name: "Send feedback" }).click();
  await expect(first).toContainText("You rated it 4 of 5: “Clear and practical; the scenarios fit our stops.”");
  await expect(first.getByText("Give feedback…")).toHaveCount(0);
  await expect(second.getByText("Give feedback…")).toHaveCount(1);
  await expectAccessible(page);

  // Persisted, and only once.
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(rows.nth(0)).toContainText("You rated it 4 of 5");
  await expect(rows.nth(0).getByText("Give feedback…")).toHaveCount(0);
  await expect(rows.nth(1).getByText("Give feedback…")).toHaveCount(1);
});
