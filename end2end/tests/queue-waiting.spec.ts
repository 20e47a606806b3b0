// The queue's "Waiting for you" counts filter it, in a real browser: Priya accepts the demo's
// Memphis proposal (provider.spec.ts may have done so already), and the coordinator's
// "Accepted — ready to approve" count is a link that keeps only the requests waiting on that, the
// filter kept in the address (?waiting=accepted); "Show all" brings every row back. Named to run
// after provider.spec.ts, which expects the proposal unanswered.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Crime gun intelligence coaching across the spring change";

test("the waiting counts are links that filter the queue, kept in the address", async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, "provider.phoenix@tta.example.gov");
  await openHydrated(page, "/provider/proposals");
  const card = page.getByRole("article", { name: TITLE });
  if ((await card.getByRole("button", { name: "Accept" }).count()) > 0) {
    await card.getByRole("button", { name: "Accept" }).click();
  }
  await expect(card).toContainText("Accepted, awaiting coordinator approval");

  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator");
  const all = await page.locator("#queue-table tbody tr").count();
  const accepted = page.locator("#waiting-for-you").getByRole("link", { name: /Accepted — ready to approve/ });
  const n = Number((await accepted.locator(".status-counts__n").innerText()).trim());
  expect(n).toBeGreaterThanOrEqual(1);
  await accepted.click();
  await expect(page).toHaveURL(/\/coordinator\?waiting=accepted$/);
  const rows = page.locator("#queue-table tbody tr");
  await expect(rows).toHaveCount(n);
  for (let i = 0; i < n; i++) {
    await expect(rows.nth(i).locator(".waiting-on")).toHaveText("Accepted — ready to approve");
  }
  await expect(page.locator("#queue-table").getByRole("link", { name: TITLE })).toBeVisible();
  await expect(page.locator("#waiting-filter")).toContainText("Showing only the requests waiting on: Accepted — ready to approve.");
  await expect(accepted).toHaveAttribute("aria-current", "true");
  await expectAccessible(page);

  // The filter survives a reload (it lives in the address), and "Show all" clears it.
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator("#queue-table tbody tr")).toHaveCount(n);
  await page.getByRole("link", { name: "Show all" }).click();
  await expect(page).toHaveURL(/\/coordinator$/);
  await expect(page.locator("#queue-table tbody tr")).toHaveCount(all);
  await expect(page.locator("#waiting-filter")).toHaveCount(0);
});
