// A site's change request answered by the coordinator, in a real browser: the Buffalo contact
// asks to move a session of the demo engagement "Real-time crime centre data coaching" (Leilani
// Kahale, Wednesdays 13:00 Eastern); the coordinator sees the open ask counted on the queue,
// opens it on the request's page, moves the session to the afternoon and marks the ask done with
// a note; the site sees the outcome, the note and the new time. Uses demo data no other spec
// touches. Every page passes an axe scan.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Real-time crime centre data coaching";

test("the coordinator moves a session a site asked to change, and the site sees the outcome", async ({ page }) => {
  // Several roles in turn on a debug build: more than the default 30 s.
  test.setTimeout(120_000);
  // 1. The site asks to move its second session.
  await logIn(page, "contact.buffalo@tta.example.gov");
  await openHydrated(page, "/requests");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const second = page.locator("#sessions-table tbody tr").nth(1);
  await expect(second.locator("td").first()).toHaveText("2");
  await second.getByText("Ask to change…").click();
  await second.getByLabel("Reschedule this session").check();
  await second.getByLabel(/When would suit you instead/).fill("The same day at 15:00");
  await second.getByLabel("Reason").fill("Budget hearing that morning");
  await second.getByRole("button", { name: "Send to the coordinator" }).click();
  await expect(page.locator("#change-asks")).toContainText("Waiting for the coordinator");

  // 2. The coordinator sees it counted on the queue and opens it.
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator");
  await expect(page.locator("#open-changes-count")).toHaveText("1 open");
  await expect(page.locator("#open-changes")).toContainText("session 2 · Reschedule this session");
  await expectAccessible(page);
  await page.locator("#open-changes").getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const ask = page.locator("#change-requests [data-change-id]").first();
  await expect(ask).toContainText("Budget hearing that morning");
  await expect(ask).toContainText("The same day at 15:00");
  await expect(ask).toContainText("Open");
  await expect(page.locator("#open-change-count")).toHaveText("1 open");
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/coordinator-change-request.png", fullPage: true });

  // 3. Do it: 15:00 on the site's clock, with a note; the ask is done.
  await ask.getByLabel(/New start/).fill("15:00");
  await ask.getByLabel("Note to the site (optional)").fill("Moved to 15:00 as you asked.");
  await ask.getByRole("button", { name: "Move the session" }).click();
  await expect(page.locator("#change-requests [data-change-id]").first()).toContainText("Done");
  await expect(page.locator("#open-change-count")).toHaveText("0 open");
  await expect(page.locator("#session-table tbody tr").nth(1)).toContainText(/15:00–16:00 E[SD]T/);
  await page.reload();
  await expect(page.locator("#change-requests [data-change-id]").first()).toContainText("Moved to 15:00 as you asked.");

  // 4. The site sees the outcome, the note and the new time.
  await logIn(page, "contact.buffalo@tta.example.gov");
  await openHydrated(page, "/requests");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.locator("#change-asks")).toContainText("Done");
  await expect(page.locator("#change-asks")).toContainText("Coordinator's note: Moved to 15:00 as you asked.");
  await expect(page.locator("#sessions-table tbody tr").nth(1)).toContainText(/15:00–16:00 E[SD]T/);
  await expectAccessible(page);
});

function nextDay(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test("the site asks to cancel the rest of the series, and the coordinator cancels as asked", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "contact.buffalo@tta.example.gov");
  await openHydrated(page, "/requests");
  await page.getByRole("link", { name: TITLE }).click();
  const rows = page.locator("#sessions-table tbody tr");
  await expect(rows).toHaveCount(4);
  const third = rows.nth(2);
  await third.getByText("Ask to change…").click();
  await third.getByLabel("Cancel this and every later session").check();
  await third.getByLabel("Reason").fill("The centre's funding ends in the spring");
  await third.getByRole("button", { name: "Send to the coordinator" }).click();
  await expect(page.locator("#change-asks")).toContainText("Cancel this and every later session");

  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator");
  await page.locator("#open-changes").getByRole("link", { name: TITLE }).click();
  const ask = page.locator("#change-requests [data-change-id]").filter({ hasText: "funding ends" });
  await expect(ask).toContainText("Open");
  await ask.getByRole("button", { name: "Cancel as asked" }).click();
  await expect(page.locator("#change-requests [data-change-id]").filter({ hasText: "funding ends" })).toContainText("Done");
  const sessions = page.locator("#session-table tbody tr");
  await expect(sessions.nth(2)).toContainText("cancelled");
  await expect(sessions.nth(3)).toContainText("cancelled");
  await expect(sessions.nth(0)).toContainText("confirmed");

  // The site sees both cancelled after a reload; the first two stand.
  await logIn(page, "contact.buffalo@tta.example.gov");
  await openHydrated(page, "/requests");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(rows.nth(2)).toContainText("Cancelled");
  await expect(rows.nth(3)).toContainText("Cancelled");
  await expect(rows.nth(0)).toContainText("Confirmed");
  await expectAccessible(page);
});

test("the coordinator moves the rest of a series, and a time the provider cannot do is refused", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator?status=scheduled");
  // The queue comes 50 at a time, oldest first: follow "Next" until the request shows.
  const link = page.locator("#queue-table").getByRole("link", { name: TITLE });
  for (let pages = 0; pages < 20 && !(await link.isVisible()); pages++) {
    const next = await page.locator("a[rel=next]").getAttribute("href");
    expect(next, "the request is on a later page").toBeTruthy();
    await openHydrated(page, next!);
  }
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const sessions = page.locator("#session-table tbody tr");
  const first = sessions.nth(0);
  await first.getByText("Reschedule or cancel").click();
  const target = nextDay(await first.getByLabel("New date (site)").inputValue());
  const moveRest = async (time: string) => {
    // The row has two disclosures: the meeting link and this one.
    const details = first.locator("details", { hasText: "Reschedule or cancel" });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await first.getByText("Reschedule or cancel").click();
    }
    await first.getByLabel("New date (site)").fill(target);
    await first.getByLabel("It and every later session, by the same number of days, at this time").check();
    await first.getByLabel(/New start/).fill(time);
    await first.getByRole("button", { name: "Move session" }).click();
  };

  // 19:00 Eastern is 14:00 in Honolulu, after Leilani's day ends: refused with the reason, nothing moved.
  await moveRest("19:00");
  const alert = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(alert).toContainText("Leilani Kahale is not free then");
  await expect(alert).toContainText("outside the provider's hours");
  await expect(sessions.nth(0)).toContainText(/Wed .*13:00–14:00 E[SD]T/);

  // 11:00 Eastern (06:00 in Honolulu): both remaining sessions move a day later, to 11:00.
  await moveRest("11:00");
  await expect(sessions.nth(0)).toContainText(/Thu .*11:00–12:00 E[SD]T/);
  await expect(sessions.nth(1)).toContainText(/Thu .*11:00–12:00 E[SD]T/);
  await expect(sessions.nth(2)).toContainText("cancelled");
  await page.reload();
  await expect(sessions.nth(0)).toContainText(/Thu .*11:00–12:00 E[SD]T/);
  await expect(sessions.nth(1)).toContainText(/Thu .*11:00–12:00 E[SD]T/);
  await expectAccessible(page);
});
