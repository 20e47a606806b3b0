// Sessions with several providers (issue 16) in a real browser: the coordinator ticks Dan
// Morales and Priya Patel for the demo Houston request, sees the series planned so that every
// session suits both, and sends it to the team; each provider accepts their own proposal (which
// names the other); the coordinator approves the team; the site's contact sees one line per
// session naming both providers. Every page passes an axe scan.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Community engagement coaching for district commanders";

test("a team of two is planned together, both accept, the coordinator approves, the site sees both", async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator");
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const requestUrl = page.url();

  // Tick two providers: the common plan places every session for both.
  const picker = page.locator("#team-picker");
  await expect(picker).toBeVisible();
  await picker.getByLabel("Dan Morales").check();
  await picker.getByLabel("Priya Patel").check();
  const status = page.locator("#team-plan-status");
  await expect(status).toContainText("4 of 4 sessions placed with Dan Morales and Priya Patel");
  await expect(page.locator("#team-plan-table tbody tr")).toHaveCount(4);
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/team-plan.png", fullPage: true });

  await page.locator("#send-team").click();
  const team = page.locator("#team-list > li").first();
  await expect(team).toContainText("Dan Morales and Priya Patel — Waiting for the providers");
  await expect(team).toContainText("Waiting for Dan Morales and Priya Patel to answer.");
  await expect(page.locator("#approve-team")).toHaveCount(0);

  // Each provider answers their own proposal, which names the other provider.
  for (const [email, other] of [
    ["provider.denver@tta.example.gov", "Priya Patel"],
    ["provider.phoenix@tta.example.gov", "Dan Morales"],
  ]) {
    await logIn(page, email);
    await openHydrated(page, "/provider/proposals");
    const card = page.getByRole("article", { name: TITLE });
    await expect(card).toContainText(`with ${other}`);
    await expectAccessible(page);
    await card.getByRole("button", { name: "Accept" }).click();
    await expect(card).toContainText("Accepted, awaiting coordinator approval");
  }

  // The coordinator approves the team: every session confirmed, each row naming both.
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, new URL(requestUrl).pathname);
  await expect(page.locator("#team-list > li").first()).toContainText("Every provider accepted");
  await page.locator("#approve-team").click();
  await expect(page.locator("#team-list > li").first()).toContainText("Approved");
  const rows = page.locator("#session-table tbody tr");
  await expect(rows).toHaveCount(8);
  await expect(rows.filter({ hasText: "joint session with Dan Morales and Priya Patel" })).toHaveCount(8);
  await expect(rows.filter({ hasText: "confirmed" })).toHaveCount(8);
  await expectAccessible(page);

  // The site's contact reads one line per session, naming both providers.
  await logIn(page, "contact.houston@tta.example.gov");
  await openHydrated(page, "/requests");
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const withBoth = page.locator(".session-with", { hasText: "with Dan Morales and Priya Patel" });
  await expect(withBoth).toHaveCount(4);
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/team-site.png", fullPage: true });
});
