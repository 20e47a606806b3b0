// Group events (issue 17) end to end: the coordinator creates a one-seat webinar hosted by
// Memphis starting in 40 minutes; on a phone, a participant in Los Angeles registers from the
// shared link without an account (her zone proposed by the browser) and gets the seat and an
// invite on her own clock; a second participant is waitlisted, first in line; the first cancels
// from her personal link (once), the second is seated at once and e-mailed, and checks in with
// the code shown at the event; the coordinator sees both on the event page. axe on every page.
import { test, expect, type Browser, type Page } from "@playwright/test";
import { readMail } from "../mail";
import { expectAccessible, logIn, openHydrated } from "../pages";

const PHONE = { width: 390, height: 844 };

/** `now + minutes` on Memphis's clock as the form's date (YYYY-MM-DD) and time (HH:MM). */
function memphisClock(minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "America/Chicago",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

async function phone(browser: Browser, timezoneId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, timezoneId });
  return context.newPage();
}

async function registerAs(page: Page, shareLink: string, name: string, email: string) {
  await openHydrated(page, shareLink);
  await expectAccessible(page, { anyImpact: true });
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Agency").fill("Memphis Police Department");
  await page.getByLabel("Job role").fill("Crime analyst");
  await page.getByRole("button", { name: "Register" }).click();
}

test("a participant registers from the shared link on a phone, is waitlisted, promoted and checks in", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const title = `CGIC webinar ${stamp}`;
  const riley = `riley.${stamp}@mpd.example.gov`;
  const sam = `sam.${stamp}@mpd.example.gov`;

  // The coordinator creates the event.
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator/events/new");
  await expectAccessible(page, { anyImpact: true });
  const start = memphisClock(40);
  const deadline = memphisClock(30);
  await page.getByLabel("Kind").selectOption("webinar");
  const memphis = page.locator("#field-host_site_id option", { hasText: "Memphis" });
  await page.getByLabel("Host site", { exact: true }).selectOption((await memphis.getAttribute("value"))!);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Date (host's calendar)").fill(start.date);
  await page.getByLabel("Starts at (host's clock)").fill(start.time);
  await page.getByLabel("Length (minutes)").fill("90");
  await page.getByLabel("Meeting link").fill("https://meet.example.gov/cgic");
  await page.getByLabel("Capacity (seats)").fill("1");
  await page.getByLabel("Registration closes on").fill(deadline.date);
  await page.getByLabel("at (host's clock)", { exact: true }).fill(deadline.time);
  await page.getByRole("button", { name: "Create the event" }).click();
  await expect(page).toHaveURL(/\/coordinator\/events\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const eventPath = new URL(page.url()).pathname;
  const shareLink = (await page.locator("#share-link").getAttribute("href"))!;
  const code = (await page.locator("#check-in-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await expectAccessible(page, { anyImpact: true });

  // Riley, in Los Angeles, registers on her phone: her zone is proposed; she has the seat.
  const rileyPage = await phone(browser, "America/Los_Angeles");
  await registerAs(rileyPage, shareLink, "Riley Stone", riley);
  await expect(rileyPage.getByLabel("Your time zone")).toHaveValue("America/Los_Angeles");
  await expect(rileyPage.locator("#registration-outcome")).toContainText("You are registered");
  const rileyLink = (await rileyPage.locator("#personal-link").getAttribute("href"))!;
  // Her confirmation reads on her clock (Pacific) and carries the invite.
  await expect
    .poll(
      () => {
        const mail = readMail().find((m) => m.to.some((to) => to.includes(riley)) && m.subject.startsWith("Registered"));
        return mail && mail.attachments.length === 1 && /P[SD]T/.test(mail.text);
      },
      { message: "Riley's confirmation with its invite on Pacific time", timeout: 30_000 },
    )
    .toBe(true);

  // Sam, in Chicago, finds it full and is waitlisted first in line.
  const samPage = await phone(browser, "America/Chicago");
  await registerAs(samPage, shareLink, "Sam Ortiz", sam);
  await expect(samPage.locator("#registration-outcome")).toContainText("1st in line");
  const samLink = (await samPage.locator("#personal-link").getAttribute("href"))!;
  await openHydrated(samPage, samLink);
  await expect(samPage.locator("#registration-status")).toHaveText("On the waitlist, 1st in line.");
  await expectAccessible(samPage, { anyImpact: true });

  // Riley cancels from her personal link; the link works once.
  await openHydrated(rileyPage, rileyLink);
  await expectAccessible(rileyPage, { anyImpact: true });
  await rileyPage.getByRole("button", { name: "Cancel my registration" }).click();
  await expect(rileyPage.locator("#registration-status")).toHaveText("Cancelled.");
  await expect(rileyPage.getByRole("button", { name: "Cancel my registration" })).toHaveCount(0);

  // Sam has the seat now, and an e-mail saying so.
  await openHydrated(samPage, samLink);
  await expect(samPage.locator("#registration-status")).toHaveText("Registered: you have a seat.");
  await expect
    .poll(() => readMail().some((m) => m.to.some((to) => to.includes(sam)) && m.subject.startsWith("You have a seat")), {
      message: "Sam's promotion e-mail",
      timeout: 30_000,
    })
    .toBe(true);

  // At the event Sam checks in with the code shown there: a wrong code first.
  await samPage.getByLabel("Code shown at the event").fill("WRONG1");
  await samPage.getByRole("button", { name: "Check in" }).click();
  await expect(samPage.locator("#field-code-error")).toContainText("not the code shown");
  await samPage.getByLabel("Code shown at the event").fill(code.toLowerCase());
  await samPage.getByRole("button", { name: "Check in" }).click();
  await expect(samPage.locator("#checked-in")).toContainText("Checked in at");
  await expectAccessible(samPage, { anyImpact: true });

  // The coordinator sees Riley cancelled and Sam checked in; the sign-in sheet lists Sam.
  await openHydrated(page, eventPath);
  const rows = page.locator("#participants-table tbody tr");
  await expect(rows.filter({ hasText: "Riley Stone" })).toContainText("Cancelled");
  await expect(rows.filter({ hasText: "Sam Ortiz" })).toContainText("Checked in");
  await expectAccessible(page, { anyImpact: true });
  await openHydrated(page, `${eventPath}/sign-in`);
  await expect(page.locator("#sign-in-table")).toContainText("Sam Ortiz");
  await expectAccessible(page, { anyImpact: true });
  await openHydrated(page, "/coordinator/events");
  await expect(page.locator("#events-table")).toContainText(title);
  await expectAccessible(page, { anyImpact: true });
});
