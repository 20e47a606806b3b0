// Cancelling a confirmed session asks first (issue 22, item 11): on the coordinator's request
// page, "Cancel this session" opens a confirmation that names who will be e-mailed (the provider
// and the site's contacts); "Keep it" closes it, returns focus to the control and changes
// nothing; "Yes, cancel and tell …" cancels the session and the page says who is being told.
// Opened from the keyboard too, and axe-clean with the confirmation open and after. Cancels the
// last session of the demo engagement "Real-time crime centre data coaching" (Leilani Kahale
// with Buffalo), which the later specs on it do not need.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Real-time crime centre data coaching";

test("cancelling a confirmed session asks first, names who will be told, and Keep it keeps it", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator?status=scheduled");
  await page.locator("#queue-table").getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const last = page.locator("#session-table tbody tr").nth(3);
  await expect(last).toContainText("confirmed");
  await last.getByText("Reschedule or cancel").click();

  // Asking: the confirmation says what and who, by name.
  const control = last.locator('details[data-cancel-scope="one"] > summary');
  await expect(control).toHaveText("Cancel this session");
  await control.click();
  const panel = last.getByRole("group", { name: "Cancel session 4?" });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("Leilani Kahale");
  await expect(panel).toContainText("Blake Buffalo");
  await expect(panel).toContainText("will be e-mailed a cancellation");
  const yes = panel.getByRole("button", { name: /^Yes, cancel and tell Leilani Kahale.* and .*Blake Buffalo/ });
  await expect(yes).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/cancel-confirm-asking.png", fullPage: true });

  // Keep it: closed, focus back on the control, nothing cancelled.
  await panel.getByRole("link", { name: "Keep it" }).click();
  await expect(panel).toBeHidden();
  await expect(control).toBeFocused();
  await expect(last).toContainText("confirmed");
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator("#session-table tbody tr").nth(3)).toContainText("confirmed");

  // From the keyboard: Enter opens the confirmation; confirming cancels and says who is told.
  const row = page.locator("#session-table tbody tr").nth(3);
  await row.getByText("Reschedule or cancel").click();
  const again = row.locator('details[data-cancel-scope="one"] > summary');
  await again.focus();
  await page.keyboard.press("Enter");
  const open = row.getByRole("group", { name: "Cancel session 4?" });
  await expect(open).toBeVisible();
  await open.getByRole("button", { name: /^Yes, cancel and tell / }).click();
  await expect(page.locator("#session-table tbody tr").nth(3)).toContainText("cancelled");
  const outcome = page.locator("#cancel-outcome");
  await expect(outcome).toContainText("Session 4 cancelled;");
  await expect(outcome).toContainText("Leilani Kahale");
  await expect(outcome).toContainText("Blake Buffalo");
  await expect(outcome).toContainText("are being e-mailed");
  // The other sessions stand.
  await expect(page.locator("#session-table tbody tr").nth(0)).toContainText("confirmed");
  await expectAccessible(page);
});
