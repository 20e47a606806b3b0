// A multi-day on-site visit end to end (issue 16): the Memphis contact asks for a two-day visit
// with travel days, the coordinator reviews the plan with Priya Patel and proposes it, she
// accepts, the coordinator approves, and the visit shows with both days on the three roles'
// pages. Every page is scanned with axe.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Two-day on-site gun crime review";

/** The date `days` from today, as a date input takes it. */
function isoDate(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

test("a two-day visit is asked for, planned, proposed, accepted, approved and shown to all", async ({ page }) => {
  // 1. The site contact asks for a two-day visit with travel days.
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, "/requests/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Gun violence").check();
  await page.getByLabel("Modality").selectOption("on_site");
  await page.getByLabel("Number of sessions").fill("1");
  await page.getByLabel("How often").selectOption("once");
  await page.getByLabel("On-site visit: days in a row").fill("2");
  await page.getByLabel("Keep the provider's travel day before and after each visit free").check();
  await page.getByLabel("Earliest date").fill(isoDate(150));
  await page.getByLabel("Latest date").fill(isoDate(180));
  await page.getByLabel(/Preferred hours from/).fill("08:30");
  await page.getByLabel(/Preferred hours until/).fill("17:00");
  await expect(page.locator("#request-summary")).toContainText(
    "1 2-day on-site visit with travel days before and after",
  );
  await expect(page.locator("#request-summary")).toContainText("08:30–17:00 Central each day");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);

  // 2. The coordinator reviews the plan with Priya Patel and proposes it.
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator");
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page.locator("#request-summary")).toContainText("2-day on-site visit");
  const priya = page.locator("#candidate-list > li").filter({ hasText: "Priya Patel" });
  await priya.getByRole("button", { name: "Review schedule with Priya Patel" }).click();
  const plan = page.locator("#plan-table tbody tr");
  await expect(plan).toHaveCount(1);
  await expect(plan.first()).toContainText(/08:30 C[SD]T/);
  await expect(plan.first()).toContainText(/17:00 C[SD]T/);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send proposal to Priya Patel" }).click();
  await expect(page.locator(".facts")).toContainText("Proposed to provider");

  // 3. Priya sees both days and accepts.
  await logIn(page, "provider.phoenix@tta.example.gov");
  await openHydrated(page, "/provider/proposals");
  const card = page.getByRole("article", { name: TITLE });
  await expect(card).toContainText(/On-site visit, \w{3} \d+ – \w{3} \d+ \w{3} \d{4}, 0[67]:30–1[56]:00 M[SD]T each day/);
  await expect(card).toContainText(/travel days/);
  await expectAccessible(page);
  await card.getByRole("button", { name: "Accept" }).click();
  await expect(card).toContainText("Accepted, awaiting coordinator approval");

  // 4. The coordinator approves; the visit is one confirmed row with both days.
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator?status=proposed");
  await page.getByRole("link", { name: TITLE }).first().click();
  await page.getByRole("button", { name: "Approve and confirm all sessions" }).click();
  await expect(page.locator(".facts")).toContainText("Scheduled");
  const sessions = page.locator("#session-table tbody tr");
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first()).toContainText("confirmed");
  await expect(sessions.first()).toContainText(/On-site visit, \w{3} \d+ – \w{3} \d+ \w{3} \d{4}/);
  await expect(sessions.first()).toContainText(/site: 08:30–17:00 C[SD]T/);
  await expectAccessible(page);

  // 5. The site contact sees the visit on the site's clock, with its travel days.
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, "/requests");
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page.locator("body")).toContainText(
    /On-site visit, \w{3} \d+ – \w{3} \d+ \w{3} \d{4}, 08:30–17:00 C[SD]T each day \(travel days /,
  );
  await expectAccessible(page);
});
