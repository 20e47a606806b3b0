// The provider's proposals inbox in a real browser: Priya Patel in America/Phoenix sees a
// Memphis (America/Chicago) series across the March change to daylight time, with the site's
// time beside hers; declining needs a reason; accepting persists after a reload.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

test("Priya in Phoenix sees the Memphis series move by an hour across DST, declines needs a reason, accepts", async ({ page }) => {
  await logIn(page, "provider.phoenix@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Proposals" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Proposals");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);

  const card = page.getByRole("article", { name: "Crime gun intelligence coaching across the spring change" });
  await expect(card).toContainText("Memphis, TN");
  await expect(card).toContainText("Central (America/Chicago)");
  await expect(card).toContainText("Awaiting your answer");
  const sessions = card.locator(".session-list li");
  await expect(sessions).toHaveCount(4);
  await expect(sessions.nth(1)).toContainText("08:00–09:30 MST (site: 09:00–10:30 CST)");
  await expect(sessions.nth(2)).toContainText("07:00–08:30 MST (site: 09:00–10:30 CDT)");
  await expectAccessible(page);

  // Declining without a reason is refused, with the message focused.
  await card.getByText("Decline…").click();
  await card.getByRole("button", { name: "Decline proposal" }).click();
  const alert = card.getByRole("alert");
  await expect(alert).toContainText("Say why you decline");
  await expect(alert).toBeFocused();

  await card.getByRole("button", { name: "Accept" }).click();
  await expect(card).toContainText("Accepted, awaiting coordinator approval");
  await expect(card.getByRole("button", { name: "Accept" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("article", { name: "Crime gun intelligence coaching across the spring change" }))
    .toContainText("Accepted, awaiting coordinator approval");
  await expectAccessible(page);
});

test("a site contact cannot see proposals", async ({ page }) => {
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, "/provider/proposals");
  await expect(page.getByRole("alert")).toContainText("does not give access");
});
