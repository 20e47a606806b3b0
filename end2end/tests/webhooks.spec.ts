// An administrator registers two webhook endpoints on "Webhooks": one at a real receiver started
// by this spec (server/tests/http/webhook_support/receiver.py, which verifies the Standard
// Webhooks signature on its own), one at a closed port. A site contact then submits a request
// through the JSON API; the page shows the receiver's delivery succeed (HTTP 200, the receiver
// verified it) and the closed port's fail and be retried. Axe finds nothing serious.
import { test, expect, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import * as net from "node:net";
import * as path from "node:path";
import * as readline from "node:readline";
import { expectAccessible, logIn, openHydrated } from "../pages";

const receiverScript = path.resolve(__dirname, "..", "..", "server", "tests", "http", "webhook_support", "receiver.py");
let receiver: ChildProcess | undefined;
let receiverPort = 0;

test.beforeAll(async () => {
  receiver = spawn("python3", [receiverScript], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: receiver.stdout! });
  const first: string = await new Promise((resolve) => lines.once("line", resolve));
  receiverPort = Number(first.replace("PORT ", ""));
  expect(receiverPort).toBeGreaterThan(0);
});

test.afterAll(() => {
  receiver?.kill();
});

/** A port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function register(page: Page, url: string, description: string): Promise<string> {
  await page.getByLabel("Address (URL)").fill(url);
  await page.getByLabel("Description").fill(description);
  await page.getByLabel(/A site submitted a request/).check();
  await page.getByRole("button", { name: "Register endpoint" }).click();
  const secret = page.getByLabel("Signing secret");
  await expect(secret).toHaveValue(/^whsec_[A-Za-z0-9+/]+=*$/);
  await expect(page.locator("article", { hasText: url })).toBeVisible();
  return secret.inputValue();
}

test("an administrator sees one webhook delivery succeed and one fail and retry", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const good = `http://127.0.0.1:${receiverPort}/hooks/grants`;
  const bad = `http://127.0.0.1:${await closedPort()}/hooks/nobody`;

  await logIn(page, "admin@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Webhooks");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);

  // A bad address is refused beside its field.
  await page.getByLabel("Address (URL)").fill("https://user:secret@example.org/hooks");
  await page.getByLabel(/A site submitted a request/).check();
  await page.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.locator("#field-url-error")).toContainText("user name and password");

  const secret = await register(page, good, "Grant system");
  const control = await page.request.post(`http://127.0.0.1:${receiverPort}/_control`, {
    data: { secret, fail_first: 0 },
  });
  expect(control.status()).toBe(200);
  await register(page, bad, "Spreadsheet that is switched off");
  await expectAccessible(page);

  // A site contact submits a request through the JSON API with a write token.
  const contact = await browser.newContext();
  const contactPage = await contact.newPage();
  await logIn(contactPage, "contact.memphis@tta.example.gov");
  const made = await contactPage.request.post("/api/tokens/create", {
    headers: { Accept: "application/json" },
    form: { name: `Webhook spec ${Date.now()}`, scope: "write", expires_in_days: "30" },
  });
  expect(made.status()).toBe(200);
  const token = (await made.json()).secret as string;
  const auth = { Authorization: `Bearer ${token}` };
  const mine = await contactPage.request.get("/api/v1/requests?limit=1", { headers: auth });
  expect(mine.status()).toBe(200);
  const siteId = (await mine.json()).items[0].site_id as number;
  const start = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 130 * 86_400_000).toISOString().slice(0, 10);
  const created = await contactPage.request.post("/api/v1/requests", {
    headers: auth,
    data: {
      site_id: siteId,
      title: `Webhook spec request ${Date.now()}`,
      topic_ids: [3, 4],
      description: "Coaching requested through the API, announced by a webhook.",
      engagement_type: "operations",
      modality: "virtual",
      session_count: 3,
      cadence: "biweekly",
      session_minutes: 90,
      earliest_date: start,
      latest_date: end,
      preferred_weekdays: ["tue", "wed", "thu"],
      preferred_start: "09:00",
      preferred_end: "12:00",
      expected_attendees: 12,
      minimum_level: 2,
    },
  });
  expect(created.status()).toBe(201);
  const requestId = (await created.json()).id;
  await contact.close();

  // The receiver got it, signed: it verified the signature itself.
  await expect
    .poll(async () => {
      const got = await (await page.request.get(`http://127.0.0.1:${receiverPort}/_deliveries`)).json();
      return got.filter((d: { verified: boolean; answered: number }) => d.verified && d.answered === 200).length;
    }, { timeout: 60_000 })
    .toBe(1);
  const [delivered] = await (await page.request.get(`http://127.0.0.1:${receiverPort}/_deliveries`)).json();
  expect(delivered.body.type).toBe("request.created");
  expect(delivered.body.data.request_id).toBe(requestId);

  // The page shows the good endpoint's delivery delivered with HTTP 200, and the closed port's
  // failed attempts and the retry waiting (5 s after the first failure, then 30 s).
  const goodCard = page.locator("article", { hasText: good });
  const badCard = page.locator("article", { hasText: bad });
  await expect
    .poll(async () => {
      await page.getByRole("button", { name: "Refresh deliveries" }).click();
      return (await badCard.locator("tr[data-delivery-id] li[data-outcome='retry']").count()) >= 2 &&
        (await goodCard.locator("tr[data-status='delivered']").count()) === 1;
    }, { timeout: 90_000, intervals: [1_000] })
    .toBe(true);
  const goodRow = goodCard.locator("tr[data-delivery-id]").first();
  await expect(goodRow).toContainText("request.created");
  await expect(goodRow).toContainText("delivered");
  await goodRow.getByText(/attempt\(s\)/).click();
  await expect(goodRow.locator("li[data-outcome='delivered']")).toContainText("HTTP 200");
  const badRow = badCard.locator("tr[data-delivery-id]").first();
  await expect(badRow).toHaveAttribute("data-status", "pending");
  await expect(badRow).toContainText("next try");
  await badRow.getByText(/attempt\(s\)/).click();
  await expect(badRow.locator("li[data-outcome='retry']").first()).toContainText("could not connect");
  await expectAccessible(page);

  // Replaying the good delivery sends the same webhook-id again.
  await goodRow.getByRole("button", { name: /^Replay request.created/ }).click();
  await expect
    .poll(async () => (await (await page.request.get(`http://127.0.0.1:${receiverPort}/_deliveries`)).json()).length, {
      timeout: 60_000,
    })
    .toBe(2);
  const both = await (await page.request.get(`http://127.0.0.1:${receiverPort}/_deliveries`)).json();
  expect(both[1].webhook_id).toBe(both[0].webhook_id);
  expect(both[1].verified).toBe(true);
  await openHydrated(page, "/admin/webhooks");
  await expectAccessible(page);

  // Both endpoints are switched off again, so the specs after this one send them nothing.
  for (const url of [good, bad]) {
    await page.getByRole("button", { name: `Disable ${url}` }).click();
    await expect(page.locator("article", { hasText: url })).toContainText("Disabled by an administrator");
  }
});
