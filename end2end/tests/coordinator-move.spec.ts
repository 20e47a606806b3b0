// Moving one occurrence of a planned series before sending, in a real browser: the Houston
// contact files a weekly technology request (only Leilani Kahale, Pacific/Honolulu, covers it);
// the coordinator reviews the series with her, opens the other times offered for the second
// session, moves it to the first one, and sends the proposal. The moved time is what is stored
// (shown after a reload) and what Leilani sees in her proposals inbox, in her zone with the
// site's beside it. The request is this spec's own. Every page passes an axe scan.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Records-system coaching for the real-time crime centre";

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

test("a coordinator moves one session to an offered time and sends the adjusted plan", async ({ page }) => {
  // Several roles in turn on a debug build: more than the default 30 s.
  test.setTimeout(120_000);
  // 1. The Houston contact files three weekly Tuesday sessions on technology.
  await logIn(page, "contact.houston@tta.example.gov");
  await openHydrated(page, "/requests/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Technology").check();
  await page.getByLabel("Number of sessions").fill("3");
  await page.getByLabel("How often").selectOption("weekly");
  await page.getByLabel("Earliest date").fill(isoDate(40));
  await page.getByLabel("Latest date").fill(isoDate(90));
  await page.getByLabel("Tuesday").check();
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/\d+/);
  const id = page.url().match(/\/requests\/(\d+)/)![1];

  // 2. The coordinator reviews the series with Leilani and opens the second session's options.
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, `/coordinator/requests/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await page.getByRole("button", { name: "Review schedule with Leilani Kahale" }).click();
  const rows = page.locator("#plan-table tbody tr");
  await expect(rows).toHaveCount(3);
  const second = rows.nth(1);
  await second.getByText(/Other times \(\d\)/).click();
  const offer = second.locator(".alternatives__list li").first();
  const offered = (await offer.locator(".alternatives__site").innerText()).trim();
  // e.g. "Tue 12 Jan 2027, 09:15–10:45 CST": the site's clock with its abbreviation.
  const clock = offered.match(/(\d\d:\d\d–\d\d:\d\d C[SD]T)/)![1];
  await expectAccessible(page);
  await offer.getByRole("button", { name: /Move here/ }).click();

  // 3. The row shows the new time, marked as moved by the coordinator, with a way back.
  const moved = page.locator("#plan-table tbody tr").nth(1);
  await expect(moved).toContainText("Moved by you");
  await expect(moved.locator(".occurrence__site-time")).toHaveText(offered);
  await expect(moved.getByRole("button", { name: /Undo/ })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/coordinator-move.png", fullPage: true });

  // 4. Send: the stored sessions carry the moved time, also after a reload.
  await page.getByRole("button", { name: "Send proposal to Leilani Kahale" }).click();
  await expect(page.locator("#proposal-table tbody tr")).toHaveCount(1);
  const sessions = page.locator("#session-table tbody tr");
  await expect(sessions).toHaveCount(3);
  await expect(sessions.nth(1)).toContainText(clock);
  await page.reload();
  await expect(page.locator("#session-table tbody tr").nth(1)).toContainText(clock);
  await expect(page.locator("#session-table tbody tr").nth(1)).toContainText("tentative");

  // 5. Leilani sees the moved time in her inbox, in Hawaii time with the site's beside it.
  await logIn(page, "provider.honolulu@tta.example.gov");
  await openHydrated(page, "/provider/proposals");
  const card = page.getByRole("article", { name: TITLE });
  await expect(card).toContainText("Awaiting your answer");
  const listed = card.locator(".session-list li");
  await expect(listed).toHaveCount(3);
  await expect(listed.nth(1)).toContainText("HST");
  await expect(listed.nth(1)).toContainText(`site: ${clock}`);
});
