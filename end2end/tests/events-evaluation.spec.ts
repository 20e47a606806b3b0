// Post-event evaluation (issue 17) end to end: the coordinator creates a webinar starting in 40
// minutes; a participant registers on a phone and checks in with the code; the event is then
// moved into the past in the server's own SQLite file (the test cannot wait for it to end); the
// mail worker e-mails her the evaluation link once; she opens it, is told which required
// question she skipped, answers, and a second visit says it was received; the coordinator sees
// the results (mean, bars with a table) on the event's page and on /coordinator/evaluations.
// She downloads her certificate of completion, whose code (read from the PDF by pdftotext) the
// public verification page confirms. axe on every page.
import { test, expect, type Browser, type Page } from "@playwright/test";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { appPort, readMail } from "../mail";
import { expectAccessible, logIn, openHydrated } from "../pages";

const PHONE = { width: 390, height: 844 };
const databaseFile = path.resolve(__dirname, "..", "..", "target", "e2e", `tta-e2e-${appPort}.sqlite`);

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

/** Moves the event titled `title` into the past: from its creation to its last check-in (both
 * already past, stored in the same text format, so the start stays before the end). */
function endEvent(title: string) {
  const script = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
db.execute("""UPDATE group_event SET starts_at = created_at, registration_deadline = created_at,
  ends_at = (SELECT MAX(checked_in_at) FROM event_registration WHERE event_id = group_event.id)
  WHERE title = ?""", (sys.argv[2],))
db.commit()
`;
  const python = ["python3", "/usr/bin/python3"].find((p) => spawnSync(p, ["-c", "import sqlite3"]).status === 0)!;
  const run = spawnSync(python, ["-c", script, databaseFile, title], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
}

test("an attendee evaluates the event from the e-mailed link; the coordinator sees the results", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const title = `Evaluation webinar ${stamp}`;
  const avery = `avery.${stamp}@mpd.example.gov`;

  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator/events/new");
  const start = memphisClock(40);
  const deadline = memphisClock(30);
  await page.getByLabel("Kind").selectOption("webinar");
  const memphis = page.locator("#field-host_site_id option", { hasText: "Memphis" });
  await page.getByLabel("Host site", { exact: true }).selectOption((await memphis.getAttribute("value"))!);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Date (host's calendar)").fill(start.date);
  await page.getByLabel("Starts at (host's clock)").fill(start.time);
  await page.getByLabel("Length (minutes)").fill("60");
  await page.getByLabel("Meeting link").fill("https://meet.example.gov/eval");
  await page.getByLabel("Capacity (seats)").fill("5");
  await page.getByLabel("Registration closes on").fill(deadline.date);
  await page.getByLabel("at (host's clock)", { exact: true }).fill(deadline.time);
  await page.getByRole("button", { name: "Create the event" }).click();
  await expect(page).toHaveURL(/\/coordinator\/events\/\d+$/);
  const eventPath = new URL(page.url()).pathname;
  const shareLink = (await page.locator("#share-link").getAttribute("href"))!;
  const code = (await page.locator("#check-in-code").textContent())!.trim();
  await expect(page.locator("#event-evaluation")).toContainText("Form: Event evaluation");

  // Avery registers on her phone and checks in at the event.
  const averyPage = await phone(browser, "America/Chicago");
  await openHydrated(averyPage, shareLink);
  await averyPage.getByLabel("Name").fill("Avery Lee");
  await averyPage.getByLabel("E-mail").fill(avery);
  await averyPage.getByLabel("Agency").fill("Memphis Police Department");
  await averyPage.getByLabel("Job role").fill("Lieutenant");
  await averyPage.getByRole("button", { name: "Register" }).click();
  await expect(averyPage.locator("#registration-outcome")).toContainText("You are registered");
  const personal = (await averyPage.locator("#personal-link").getAttribute("href"))!;
  await openHydrated(averyPage, personal);
  await averyPage.getByLabel("Code shown at the event").fill(code);
  await averyPage.getByRole("button", { name: "Check in" }).click();
  await expect(averyPage.locator("#checked-in")).toContainText("Checked in at");

  // The event ends; the mail worker sends the evaluation link once.
  endEvent(title);
  await expect
    .poll(() => readMail().filter((m) => m.to.some((to) => to.includes(avery)) && m.subject.startsWith("How was it?")).length, {
      message: "Avery's evaluation e-mail",
      timeout: 60_000,
    })
    .toBe(1);
  const mail = readMail().find((m) => m.to.some((to) => to.includes(avery)) && m.subject.startsWith("How was it?"))!;
  const link = /https?:\/\/[^\s]+\/events\/evaluation\/[0-9a-f]{64}/.exec(mail.text)![0];
  const evaluationPath = new URL(link).pathname;

  // Her registration page offers it too.
  await openHydrated(averyPage, personal);
  await expect(averyPage.locator("#evaluate-event")).toBeVisible();

  // She answers, skipping a required question first.
  await openHydrated(averyPage, evaluationPath);
  await expectAccessible(averyPage, { anyImpact: true });
  await expect(averyPage.locator("#omb-notice")).toContainText("burden");
  await averyPage.getByRole("group", { name: /The content was relevant/ }).getByLabel("4").check();
  await averyPage.getByRole("group", { name: /presenter was knowledgeable/ }).getByLabel(/^5/).check();
  await averyPage.getByLabel("Very likely").check();
  await averyPage.getByLabel(/What would make this event more useful/).fill("More local examples");
  await averyPage.getByRole("button", { name: "Send my evaluation" }).click();
  await expect(averyPage.locator("[id^='field-q'][id$='-error']:not([hidden])").first()).toContainText(
    "Overall, how would you rate this event?",
  );
  await averyPage.getByRole("group", { name: /Overall, how would you rate/ }).getByLabel(/^5/).check();
  await averyPage.getByRole("button", { name: "Send my evaluation" }).click();
  await expect(averyPage.getByText("your evaluation of")).toBeVisible();
  await openHydrated(averyPage, evaluationPath);
  await expect(averyPage.locator("#evaluation-closed")).toContainText("already received");
  await expectAccessible(averyPage, { anyImpact: true });

  // Her certificate of completion: downloaded from her page, its text read by poppler's
  // pdftotext, and its verification code checked at the public address.
  await openHydrated(averyPage, personal);
  const [download] = await Promise.all([
    averyPage.waitForEvent("download"),
    averyPage.locator("#certificate-download").click(),
  ]);
  const pdfFile = path.join(test.info().outputDir, "certificate.pdf");
  await download.saveAs(pdfFile);
  const text = spawnSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
  expect(text.status, text.stderr).toBe(0);
  expect(text.stdout).toContain("Avery Lee");
  expect(text.stdout).toContain(title);
  const certificateCode = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(text.stdout)?.[0];
  expect(certificateCode, text.stdout).toBeTruthy();
  await openHydrated(averyPage, `/certificates/verify/${certificateCode}`);
  await expect(averyPage.locator("#verified-name")).toHaveText("Avery Lee");
  await expect(averyPage.locator("#verified-event")).toContainText(title);
  await expectAccessible(averyPage, { anyImpact: true });

  // The coordinator sees the results on the event's page and the evaluations page.
  await openHydrated(page, eventPath);
  await expect(page.locator("#evaluation-counts")).toContainText("1 evaluations received");
  await expect(page.locator("#event-evaluation")).toContainText("Mean 5.00 of 5 from 1 answers.");
  await expect(page.locator("#event-evaluation")).toContainText("More local examples — Avery Lee");
  await expectAccessible(page, { anyImpact: true });
  await openHydrated(page, "/coordinator/evaluations");
  await expect(page.locator("#response-count")).toBeVisible();
  await expectAccessible(page, { anyImpact: true });
});
