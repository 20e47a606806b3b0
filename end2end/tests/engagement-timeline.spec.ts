// An engagement's sessions over time and a Diagnostic's hand-off, in a real browser.
// Memphis's contact goes from their engagements to the Operations engagement's page and reads
// its next sessions and its three-year timeline (an SVG with a caption, and a table of the
// quarters with the current one marked). A coordinator adds a recommendation to Lansing's
// Diagnostic plan and opens Lansing's Operations engagement from it: the new engagement starts
// with the recommendation, marked as carried over from the plan; a second attempt from a page
// loaded before is refused (409) with the reason. Every page passes axe.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

test("a site contact reads their engagement's next sessions and three-year timeline", async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, "contact.memphis@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Our engagements" }).click();
  await page.getByRole("link", { name: "Timeline and next sessions of the Operations engagement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Operations engagement, Memphis, TN");
  await expect(page.getByRole("heading", { level: 2, name: "Next sessions" })).toBeVisible();
  const timeline = page.locator("#timeline");
  await expect(timeline.getByRole("heading", { level: 2, name: "Timeline" })).toBeVisible();
  await expect(timeline.getByRole("img")).toHaveAccessibleName(/Sessions per quarter and phases: \d+ of \d+ planned/);
  await expect(timeline.locator("figcaption")).toContainText("America/Chicago");
  const quarters = timeline.locator("table tbody tr");
  expect(await quarters.count()).toBeGreaterThanOrEqual(12);
  await expect(timeline.locator('tr[aria-current="date"]')).toHaveCount(1);
  await expect(timeline.locator('tr[aria-current="date"] th')).toContainText("(now)");
  await expectAccessible(page);
});

test("a coordinator opens Lansing's Operations engagement from its Diagnostic plan", async ({ page, context }) => {
  test.setTimeout(120_000);
  await logIn(page, "coordinator@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Engagements" }).click();
  const lansing = page.locator("#portfolio-table tbody tr").filter({ hasText: "Lansing, MI" }).first();
  await lansing.getByRole("link", { name: "Lansing, MI" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Diagnostic engagement, Lansing, MI");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  const diagnosticUrl = page.url();

  // The plan's recommendation, then the offer read again.
  const recommendationForm = page.locator("#recommendation-form");
  await recommendationForm.getByLabel("Core area").selectOption({ label: "Crime analysis" });
  await recommendationForm.getByLabel("Recommendation", { exact: true }).fill("Publish a monthly gun-crime problem profile.");
  await recommendationForm.getByLabel("Owner at the site").fill("Crime analysis unit lead");
  await recommendationForm.getByRole("button", { name: "Add recommendation" }).click();
  await expect(page.locator(".recommendation-table")).toContainText("Publish a monthly gun-crime problem profile.");
  await openHydrated(page, diagnosticUrl);
  const offer = page.locator("#operations-from-plan");
  await expect(offer.getByRole("heading", { level: 2 })).toHaveText("Operations engagement from this plan");
  await expect(offer.locator("#carried-recommendations")).toContainText("Crime analysis: Publish a monthly gun-crime problem profile.");
  await expectAccessible(page);

  // A second page loaded now, before the engagement is opened.
  const stale = await context.newPage();
  await openHydrated(stale, diagnosticUrl);
  await expect(stale.locator("#operations-from-plan-form")).toBeVisible();

  await offer.getByRole("button", { name: "Open the Operations engagement from this plan" }).click();
  const opened = offer.getByRole("status");
  await expect(opened).toContainText("The Operations engagement is open");
  await opened.getByRole("link", { name: "go to its page" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Operations engagement, Lansing, MI");
  const carried = page.locator(".recommendation-table tbody tr").filter({ hasText: "Publish a monthly gun-crime problem profile." });
  await expect(carried).toContainText("Carried over from");
  await expect(carried.getByRole("link", { name: /the Diagnostic's plan/ })).toHaveAttribute("href", new URL(diagnosticUrl).pathname);
  await expectAccessible(page);

  // The page loaded before: refused, with the reason.
  await stale.locator("#operations-from-plan").getByRole("button", { name: "Open the Operations engagement from this plan" }).click();
  await expect(stale.locator("#operations-from-plan").getByRole("alert")).toContainText("Lansing, MI already has an open Operations engagement");
  await expectAccessible(stale);
  await stale.close();

  // Read again, the Diagnostic links to the open Operations engagement instead.
  await openHydrated(page, diagnosticUrl);
  await expect(page.locator("#operations-open")).toContainText("The site's Operations engagement is open");
});
