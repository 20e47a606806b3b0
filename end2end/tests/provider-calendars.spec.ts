// A provider's own calendar in a real browser (issue 18): Priya Patel (America/Phoenix) connects
// the published ICS address of her work calendar — a static .ics served by a tiny node HTTP
// server started here — sees it working with one busy time, and the busy event (09:00–10:00 on
// a bookable Monday) takes that hour out of her free-time preview. A second address that is not
// a calendar shows as failing with the reason. axe is clean on each state. The spec removes both
// connections, so later specs see the demo's free time.
import { test, expect } from "@playwright/test";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { expectAccessible, logIn, openHydrated } from "../pages";

/** Today in Phoenix moved by `days`, as YYYY-MM-DD. */
function phoenixDate(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Phoenix" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days to the first Monday wholly beyond the 72-hour notice (as provider-availability). */
function daysToBookableMonday(): number {
  const d = new Date(`${phoenixDate(0)}T12:00:00Z`);
  const next = 8 - (d.getUTCDay() === 0 ? 7 : d.getUTCDay());
  return next >= 4 ? next : next + 7;
}

let server: http.Server;
let base = "";
const files = new Map<string, { type: string; body: string }>();

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const file = files.get(req.url ?? "");
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("Priya connects her calendar and a busy event leaves her preview", async ({ page }) => {
  test.setTimeout(120_000);
  const monday = phoenixDate(daysToBookableMonday());
  const compact = monday.replaceAll("-", "");
  files.set(
    "/work.ics",
    {
      type: "text/calendar; charset=utf-8",
      body: [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//TTA e2e//EN",
        "BEGIN:VEVENT",
        "UID:busy@e2e",
        "DTSTAMP:20261201T000000Z",
        `DTSTART;TZID=America/Phoenix:${compact}T090000`,
        `DTEND;TZID=America/Phoenix:${compact}T100000`,
        "SUMMARY:Board meeting",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:free@e2e",
        "DTSTAMP:20261201T000000Z",
        `DTSTART;TZID=America/Phoenix:${compact}T130000`,
        `DTEND;TZID=America/Phoenix:${compact}T140000`,
        "TRANSP:TRANSPARENT",
        "SUMMARY:Lunch and learn (shown as free)",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    },
  );
  files.set("/broken.ics", { type: "text/html", body: "<html><body>Sign in first</body></html>" });

  await logIn(page, "provider.phoenix@tta.example.gov");
  await openHydrated(page, "/provider/availability");
  const preview = page.locator("#free-time");
  await expect(preview.locator(`[data-date="${monday}"]`)).toContainText("07:00–15:00 MST");

  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Your calendars" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your calendars");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.locator("#no-calendars")).toBeVisible();
  await expectAccessible(page);

  // A plain-http address elsewhere is refused, named beside the field.
  await page.getByLabel("Address", { exact: true }).fill("http://calendar.example.org/work.ics");
  await page.getByRole("button", { name: "Connect calendar" }).click();
  await expect(page.locator("#error-summary")).toContainText("https://");
  await expectAccessible(page);

  await page.getByLabel("Name (optional)").fill("Work");
  await page.getByLabel("Address", { exact: true }).fill(`${base}/work.ics`);
  await page.getByRole("button", { name: "Connect calendar" }).click();
  const table = page.locator("#calendar-table");
  const work = table.locator("tr[data-calendar-id]", { hasText: "Work" });
  await expect(work).toContainText("Working");
  await expect(work.locator('td[data-label="Busy times"]')).toHaveText("1");
  await expectAccessible(page);

  // An address that is not a calendar: shown failing, with the reason, never silent.
  await page.getByLabel("Name (optional)").fill("Broken");
  await page.getByLabel("Address", { exact: true }).fill(`${base}/broken.ics`);
  await page.getByRole("button", { name: "Connect calendar" }).click();
  const broken = table.locator("tr[data-calendar-id]", { hasText: "Broken" });
  await expect(broken).toContainText("Failing");
  await expect(broken).toContainText("could not be read");
  await expect(broken.locator('td[data-label="Last worked"]')).toHaveText("never");
  await expectAccessible(page);
  await page.screenshot({ path: "end2end/test-results/provider-calendars.png", fullPage: true });

  // The busy hour is gone from the preview; the event shown as free is not.
  await openHydrated(page, "/provider/availability");
  const day = preview.locator(`[data-date="${monday}"]`);
  await expect(day).toContainText("07:00–09:00 MST");
  await expect(day).toContainText("10:00–15:00 MST");
  await expect(day).not.toContainText("07:00–15:00 MST");

  // Clean up: both removed, the preview whole again.
  await openHydrated(page, "/provider/calendars");
  await page.getByRole("button", { name: "Remove Broken" }).click();
  await expect(table.locator("tr[data-calendar-id]", { hasText: "Broken" })).toHaveCount(0);
  await page.getByRole("button", { name: "Remove Work" }).click();
  await expect(page.locator("#no-calendars")).toBeVisible();
  await openHydrated(page, "/provider/availability");
  await expect(preview.locator(`[data-date="${monday}"]`)).toContainText("07:00–15:00 MST");
});
