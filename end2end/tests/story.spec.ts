// The brokering story across roles, in one browser session per role: the provider accepts the
// Memphis proposal, the coordinator approves it (every session confirmed at once), moves one
// session and cancels another; the site sees its sessions in Central time and the admin sees
// the confirmation e-mails with calendar invites queued. Runs after the site and provider specs
// on the same demo database.
import { test, expect, type Page } from "@playwright/test";
import { logIn, openHydrated } from "../pages";

const TITLE = "Crime gun intelligence coaching across the spring change";

test("accept, approve, reschedule and cancel, seen by every role", async ({ page }) => {
  // 1. The provider accepts (if the provider spec has not already).
  await logIn(page, "provider.phoenix@tta.example.gov");
  await openHydrated(page, "/provider/proposals");
  const card = page.getByRole("article", { name: TITLE });
  const accept = card.getByRole("button", { name: "Accept" });
  if ((await accept.count()) > 0) {
    await accept.click();
  }
  await expect(card).toContainText("Accepted, awaiting coordinator approval");

  // 2. The coordinator approves: every session confirmed at once.
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator?status=proposed");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await page.getByRole("button", { name: "Approve and confirm all sessions" }).click();
  await expect(page.locator(".facts")).toContainText("Scheduled");
  const sessions = page.locator("#session-table tbody tr");
  await expect(sessions).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await expect(sessions.nth(i)).toContainText("confirmed");
  }
  await page.screenshot({ path: "end2end/test-results/story-approved.png", fullPage: true });

  // 3. Move the second session to 10:00 on the site's clock.
  const second = sessions.nth(1);
  await second.getByText("Reschedule or cancel").click();
  await second.getByLabel(/New start/).fill("10:00");
  await second.getByRole("button", { name: "Move session" }).click();
  await expect(page.locator("#session-table tbody tr").nth(1)).toContainText(/site: 10:00–11:30 C[SD]T/);

  // 4. Cancel the last session.
  const last = page.locator("#session-table tbody tr").nth(3);
  await last.getByText("Reschedule or cancel").click();
  await last.getByText("Cancel this session").click();
  await last.getByRole("button", { name: /^Yes, cancel and tell / }).click();
  await expect(page.locator("#session-table tbody tr").nth(3)).toContainText("cancelled");

  // 5. The site sees its sessions in Central time.
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, "/requests");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.locator("body")).toContainText(/10:00–11:30 C[SD]T/);
  await expect(page.locator("body")).toContainText(/09:00–10:30 C[SD]T/);

  // 6. The confirmations, the updated invite and the cancellation are queued with invites.
  await logIn(page, "admin@tta.example.gov");
  await openHydrated(page, "/admin/outbox");
  const outbox = page.locator("#outbox-table");
  await expect(outbox).toContainText("provider.phoenix@tta.example.gov");
  await expect(outbox.locator("tr", { hasText: /sessions confirmed/ }).first()).toContainText("📅");
  // One message per person for the series (each session's invite attached): the provider and
  // the site contact.
  await expect(outbox.locator("tr", { hasText: /schedule_confirmed/ }).filter({ hasText: TITLE })).toHaveCount(2);
  await expect(outbox.locator("tr", { hasText: /session_rescheduled/ }).first()).toBeVisible();
  await expect(outbox.locator("tr", { hasText: /sessions_cancelled/ }).first()).toBeVisible();
});
