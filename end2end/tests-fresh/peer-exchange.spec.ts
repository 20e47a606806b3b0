// A peer exchange end to end (issue 16): the coordinator arranges one from Memphis's engagement
// page (Memphis, TN hosts Buffalo, NY; the queue links the same form), brokers it with the first ranked provider (plan, proposal), the provider
// accepts, the coordinator approves; then Buffalo's contact, in New York, finds the exchange on
// their requests list, reads its sessions in Eastern time with Memphis's clock beside, and can
// change nothing; Memphis's contact reads the same sessions in Central time and may ask for
// changes. Every page passes an axe scan.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Buffalo's shooting review team visits Memphis";

const PROVIDER_EMAILS: Record<string, string> = {
  "Priya Patel": "provider.phoenix@tta.example.gov",
  "Dan Morales": "provider.denver@tta.example.gov",
  "Leilani Kahale": "provider.honolulu@tta.example.gov",
};

/** `YYYY-MM-DD`, `days` from today. */
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("a coordinator arranges Memphis hosting Buffalo, and each site reads it in its own zone", async ({ page }) => {
  // 1. The queue offers the form; so does Memphis's engagement page, which chooses Memphis as
  //    host. The refusals are shown beside their fields.
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator");
  await expect(page.getByRole("link", { name: "Arrange a peer exchange" })).toHaveAttribute(
    "href",
    "/coordinator/peer-exchanges/new",
  );
  await openHydrated(page, "/coordinator/engagements");
  await page.locator("#portfolio-table tbody tr").filter({ hasText: "Memphis, TN" }).first()
    .getByRole("link", { name: "Memphis, TN" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("engagement, Memphis, TN");
  await page.getByRole("link", { name: "Arrange a peer exchange hosted by this site" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Arrange a peer exchange");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByLabel("Host site")).toHaveValue("3");
  await expectAccessible(page);
  await page.getByLabel("Visiting site").selectOption({ label: "Memphis, TN — Central (America/Chicago)" });
  await page.getByRole("button", { name: "Arrange the peer exchange" }).click();
  await expect(page.locator("#field-visiting_site_id-error")).toContainText("must be another site than the host");
  await expect(page.locator("#field-title-error")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Visiting site").selectOption({ label: "Buffalo, NY — Eastern (America/New_York)" });
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Topic (PSP core area)").selectOption({ label: "Gun violence" });
  await page.getByLabel("Modality").selectOption("virtual");
  await page.getByLabel("Length (minutes)").fill("120");
  await page.getByLabel("Earliest date").fill(inDays(40));
  await page.getByLabel("Latest date").fill(inDays(70));
  await page.getByRole("button", { name: "Arrange the peer exchange" }).click();

  // 2. Its request page in the coordinator's workspace says what it is; broker it.
  await expect(page).toHaveURL(/\/coordinator\/requests\/\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.locator("#peer-exchange")).toHaveText("Peer exchange: Buffalo, NY visits Memphis, TN.");
  const requestPath = new URL(page.url()).pathname;
  const requestId = requestPath.split("/").pop()!;
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  const review = page.locator("#candidate-list > li").first().getByRole("button", { name: /^Review schedule with / });
  const label = (await review.textContent())!.trim();
  const provider = label.replace("Review schedule with ", "");
  expect(Object.keys(PROVIDER_EMAILS)).toContain(provider);
  await review.click();
  await expect(page.locator("#plan-table tbody tr")).toHaveCount(1);
  await page.getByRole("button", { name: `Send proposal to ${provider}` }).click();
  await expect(page.locator(".facts")).toContainText("Proposed to provider");

  // 3. The provider accepts; the coordinator approves.
  await logIn(page, PROVIDER_EMAILS[provider]);
  await openHydrated(page, "/provider/proposals");
  const card = page.getByRole("article", { name: TITLE });
  await card.getByRole("button", { name: "Accept" }).click();
  await expect(card).toContainText("Accepted, awaiting coordinator approval");

  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, requestPath);
  await page.getByRole("button", { name: "Approve and confirm all sessions" }).click();
  await expect(page.locator(".facts")).toContainText("Scheduled");

  // 4. Buffalo's contact (New York) finds it, in Eastern time with Memphis's clock beside,
  //    and has nothing to change.
  await logIn(page, "contact.buffalo@tta.example.gov");
  await expect(page.locator("body")).toContainText(TITLE); // home: coming up
  await openHydrated(page, "/requests");
  const row = page.locator("#requests-table tbody tr", { hasText: TITLE });
  await expect(row).toContainText("Peer exchange: Buffalo, NY visits Memphis, TN.");
  await expectAccessible(page);
  await row.getByRole("link", { name: TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${requestId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.locator("#peer-exchange")).toContainText("Your site is the visitor");
  const sessions = page.locator("#sessions-table tbody tr");
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first()).toContainText(/E[SD]T \(site: .*C[SD]T\)/);
  await expect(page.getByText("Ask to change…")).toHaveCount(0);
  await expect(page.locator(".facts")).toContainText("America/New_York");
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/peer-exchange-visitor.png", fullPage: true });

  // 5. Memphis's contact reads it on Memphis's clock and may ask for a change.
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, `/requests/${requestId}`);
  await expect(page.locator("#peer-exchange")).toHaveText("Peer exchange: Buffalo, NY visits Memphis, TN.");
  await expect(page.locator("#sessions-table tbody tr").first()).toContainText(/C[SD]T/);
  await expect(page.locator("#sessions-table tbody tr").first()).not.toContainText("site:");
  await expect(page.getByText("Ask to change…")).toHaveCount(1);
});
