// Copying one weekday's hours to the other working days in the availability editor: Priya
// changes Monday's hours, copies them, and every weekday from Tuesday to Friday shows them (a
// screen reader is told); nothing is saved, so later specs see the demo's hours. Axe clean.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn } from "../pages";

test("a provider copies Monday's hours to every weekday", async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, "provider.phoenix@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Availability" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your availability");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);

  const monday = page.locator('[data-weekday="mon"]');
  await monday.getByLabel("Monday, range 1, Until").fill("12:30");
  await monday.getByRole("button", { name: "Add a range on Monday" }).click();
  await monday.getByLabel("Monday, range 2, From").fill("13:30");
  await monday.getByLabel("Monday, range 2, Until").fill("16:00");
  await monday.getByRole("button", { name: "Copy Monday's hours to every weekday" }).click();

  for (const day of ["Tuesday", "Wednesday", "Thursday", "Friday"]) {
    const section = page.locator(`[data-weekday="${day.slice(0, 3).toLowerCase()}"]`);
    await expect(section.getByLabel(`${day}, range 1, From`)).toHaveValue("07:00");
    await expect(section.getByLabel(`${day}, range 1, Until`)).toHaveValue("12:30");
    await expect(section.getByLabel(`${day}, range 2, From`)).toHaveValue("13:30");
    await expect(section.getByLabel(`${day}, range 2, Until`)).toHaveValue("16:00");
  }
  await expect(page.locator('[data-weekday="sat"]').getByLabel("Saturday, range 1, From")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Monday's hours copied" })).toHaveCount(1);
  await expectAccessible(page);
});
