// The administrator's topics in a real browser: a new topic appears on a site contact's intake
// form at once, and leaves it when retired (the page passes an axe scan). The topic is this
// spec's own and ends retired, so the other specs see the demo topics.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TOPIC = "Victim services (admin spec)";

test("a topic the admin adds is offered to sites, and gone once retired", async ({ page }) => {
  // Several log-ins and reloads on a shared, busy machine: three times the usual time.
  test.slow();
  await logIn(page, "admin@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Topics" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Topics");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expectAccessible(page);

  // Too short first: the message beside the field.
  await page.getByLabel("Name", { exact: true }).fill("Vi");
  await page.getByRole("button", { name: "Add topic" }).click();
  await expect(page.locator("#field-name-error")).toContainText("at least 3 characters");
  await page.getByLabel("Name", { exact: true }).fill(TOPIC);
  await page.getByLabel("Description (optional)").fill("Support for victims and witnesses.");
  await page.getByRole("button", { name: "Add topic" }).click();
  const row = page.locator("#topic-table tbody tr", { hasText: TOPIC });
  await expect(row).toContainText("Offered");
  await expectAccessible(page);

  // A site contact sees it on the intake form.
  await logIn(page, "contact.buffalo@tta.example.gov");
  await openHydrated(page, "/requests/new");
  await expect(page.getByLabel(TOPIC)).toBeVisible();

  // Retired: no longer offered.
  await logIn(page, "admin@tta.example.gov");
  await openHydrated(page, "/admin/topics");
  await page.getByRole("button", { name: `Retire ${TOPIC}` }).click();
  await expect(page.locator("#topic-table tbody tr", { hasText: TOPIC })).toContainText("Retired");
  await logIn(page, "contact.buffalo@tta.example.gov");
  await openHydrated(page, "/requests/new");
  await expect(page.getByLabel("Gun violence")).toBeVisible();
  await expect(page.getByLabel(TOPIC)).toHaveCount(0);
});
