// The coordinator brokers the demo Houston request in a real browser: the queue, the request in
// words, ranked candidates with the parts of each score and the excluded providers with reasons
// (in brief, every rule behind a link),
// the series planned with the chosen provider in both zones, and the proposal sent. Every page
// passes an axe scan.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

test("the queue lists waiting requests and filters them", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Queue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request queue");
  const rows = page.locator("#queue-table tbody tr");
  await expect(rows.filter({ hasText: "Community engagement coaching" })).toHaveCount(1);
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/coordinator-queue.png", fullPage: true });

  await page.getByLabel("Site", { exact: true }).selectOption({ label: "Buffalo, NY" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/site=/);
  await expect(page.getByRole("status").filter({ hasText: "No request matches" })).toBeVisible();
});

test("batch matching shows the optimal assignment and lets rows be left out", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator");
  await page.getByRole("link", { name: "Batch-match every open request" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Batch matching");
  const row = page.locator("#batch-table tbody tr").filter({ hasText: "Community engagement coaching" });
  await expect(row).toContainText("Dan Morales");
  const send = page.locator("#send-batch");
  await expect(send).toHaveText("Send 1 proposal");
  await row.getByRole("checkbox").uncheck();
  await expect(send).toHaveText("Send 0 proposals");
  await expect(send).toBeDisabled();
  await expectAccessible(page);

  // Tick it again and send: the page says how far it has got (the call is held back half a
  // second on its way to the real server so the progress can be seen), then the outcome.
  await row.getByRole("checkbox").check();
  const requestPage = await row.getByRole("link").getAttribute("href");
  expect(requestPage).toMatch(/^\/coordinator\/requests\/\d+$/);
  await page.route("**/api/coordinator/batch_send*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  await send.click();
  await expect(page.locator("#batch-progress")).toContainText("Sending proposal 1 of 1…");
  await expect(page.locator("#batch-progress progress")).toHaveAttribute("max", "1");
  await expect(page.locator("#batch-outcome")).toContainText("1 of 1 proposals sent.");
  await expect(page.locator("#batch-outcome")).toContainText("Community engagement coaching");
  await expect(page.locator("#batch-progress")).toHaveCount(0);
  await page.unroute("**/api/coordinator/batch_send*");

  // The request is now proposed to Dan Morales; withdraw it so the next test brokers it afresh.
  await openHydrated(page, requestPage!);
  const proposals = page.locator("tr", { hasText: "Dan Morales" }).filter({ has: page.getByRole("button", { name: "Withdraw" }) });
  await expect(proposals).toHaveCount(1);
  await proposals.getByLabel("Reason for withdrawing").fill("Sent from the batch test; brokered again next");
  await proposals.getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByRole("button", { name: "Withdraw" })).toHaveCount(0);
});

test("a coordinator sees why providers rank, reviews the series and sends the proposal", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator");
  await page.getByRole("link", { name: "Community engagement coaching for district commanders" }).click();
  await expect(page.locator("#request-summary")).toContainText("4 monthly 60-minute virtual sessions");
  await expect(page.locator("#request-summary")).toContainText("Central");

  const candidates = page.locator("#candidate-list > li");
  await expect(candidates).toHaveCount(1);
  const dan = candidates.first();
  await expect(dan).toContainText("Dan Morales");
  await expect(dan.getByRole("row", { name: /Expertise/ })).toBeVisible();
  await expect(dan.getByRole("row", { name: /Working-hours overlap/ })).toBeVisible();

  // Who is excluded: how many break each rule, each provider's first rule in brief, and every
  // rule behind a plain link (the list's heading takes focus once they arrive).
  const excluded = page.locator("#excluded-providers");
  await page.locator("#excluded-providers summary").click();
  await expect(excluded).toContainText("Priya Patel");
  await expect(excluded).toContainText("Community engagement");
  await expect(page.getByRole("list", { name: "Rules they break" })).toContainText(/\d+ providers?/);
  await expect(page.getByRole("list", { name: "Each provider's first rule" }).getByRole("listitem").first()).toBeVisible();
  await page.getByRole("link", { name: "Show every rule each provider breaks" }).click();
  await expect(page).toHaveURL(/excluded=all/);
  await expect(page.getByRole("heading", { name: "Every rule each provider breaks" })).toBeFocused();
  await expect(excluded).toHaveJSProperty("open", true);
  await expect(excluded).toContainText("Priya Patel");
  await expect(excluded).not.toContainText(/\(and \d+ more rules?\)/);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Show only each provider's first rule" }).click();
  await expect(page).not.toHaveURL(/excluded=all/);
  // The list is closed again (its heading is hidden until the summary is opened).
  await expect(page.locator("#excluded-list-heading")).toHaveText("Each provider's first rule");

  await dan.getByRole("button", { name: "Review schedule with Dan Morales" }).click();
  const plan = page.locator("#plan-table tbody tr");
  await expect(plan).toHaveCount(4);
  // Each session in the site's (Central) and the provider's (Mountain) time.
  await expect(plan.first()).toContainText(/C[SD]T/);
  await expect(plan.first()).toContainText(/M[SD]T/);
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/coordinator-plan.png", fullPage: true });

  await page.getByRole("button", { name: "Send proposal to Dan Morales" }).click();
  // (The batch test above sent and withdrew one; only the new one is out.)
  const proposals = page.locator("#proposal-table tbody tr").filter({ hasNotText: "withdrawn" });
  await expect(proposals).toHaveCount(1);
  await expect(proposals.first()).toContainText("Dan Morales");
  await expect(proposals.first()).toContainText("sent");
  await expect(page.locator(".facts")).toContainText("Proposed to provider");
  // Four tentative sessions hold the time (the batch test's withdrawn proposal left its four
  // released).
  await expect(page.locator("#session-table tbody tr").filter({ hasText: "tentative" })).toHaveCount(4);

  // Persisted: a reload shows the same.
  await page.reload();
  await expect(proposals).toHaveCount(1);
});

test("other roles cannot open the coordinator's pages", async ({ page }) => {
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, "/coordinator");
  await expect(page.getByRole("alert")).toContainText("does not give access");
});

test("reports show a table and chart, and export CSV", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reports");
  await page.getByLabel("Report").selectOption({ label: "Sessions by provider" });
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.locator("#report-title")).toHaveText("Sessions by provider");
  // The proposal sent earlier holds four tentative sessions for Dan Morales (and he delivered two).
  await expect(page.locator("#report-table tbody tr").filter({ hasText: "Dan Morales" })).toContainText("4");
  await expect(page.getByRole("img", { name: /Sessions by provider/ })).toBeVisible();
  await expectAccessible(page);

  const href = await page.locator("#download-csv").getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const csv = await response.text();
  expect(csv.split("\r\n")[0]).toBe("Provider,Delivered,Scheduled,Awaiting approval,Total");
  // Two sessions delivered to Houston (the demo's delivered engagement), four proposed and so
  // awaiting approval (tentative), none scheduled yet.
  expect(csv).toContain("Dan Morales,2,0,4,6");
});
