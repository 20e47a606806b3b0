// The whole story of the product in one browser, across its three user groups, with real e-mail:
//
// 1. A Memphis site contact asks — with the keyboard only — for six biweekly 90-minute virtual
//    coaching sessions on gun violence, Tuesday–Thursday 09:00–12:00 Central, across the March
//    change to daylight time.
// 2. The coordinator sees ranked candidates with the reasons of each score, picks Priya Patel in
//    America/Phoenix (no DST), reviews the series in both zones and sends the proposal.
// 3. Priya sees the proposal in Phoenix time and accepts.
// 4. The coordinator approves; the provider's and the site's session lists show the right local
//    times; the SMTP server has received a confirmation invite of every session for both, and each
//    invite's DTSTART is the instant the pages show.
// 5. The site asks to move a session, the coordinator moves it (updated invite: same UID,
//    SEQUENCE 1) and cancels the last one (a CANCEL invite).
// 6. Every page on the way passes an axe-core scan; each step leaves a screenshot.
//
// Runs last (file name) on the shared demo database, on a request of its own.
import { test, expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { logIn, openHydrated } from "../pages";
import AxeBuilder from "@axe-core/playwright";
import { readMail, type Invite, type Mail } from "../mail";

test.use({ locale: "en-US" });

const TITLE = "Biweekly gun violence coaching for the Memphis crime gun unit";
const CONTACT = "contact.memphis@tta.example.gov";
const PROVIDER = "provider.phoenix@tta.example.gov";
const COORDINATOR = "coordinator@tta.example.gov";
const RECIPIENTS = [PROVIDER, CONTACT];
const SESSIONS = 6;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Dates: the request spans the next US change to daylight time (second Sunday of March) that
// is at least two months away; it starts on the Wednesday five and a half weeks before it, so
// the biweekly Wednesdays fall three before and three after the change, away from the demo
// proposal's Tuesdays.

function dstChange(today = new Date()): Date {
  for (let year = today.getUTCFullYear(); ; year++) {
    const march = Date.UTC(year, 2, 1);
    if (march - today.getTime() < 60 * DAY) continue;
    const firstSunday = march + ((7 - new Date(march).getUTCDay()) % 7) * DAY;
    return new Date(firstSunday + 7 * DAY);
  }
}

const CHANGE = dstChange();
const EARLIEST = new Date(CHANGE.getTime() - 39 * DAY);
const LATEST = new Date(CHANGE.getTime() + 62 * DAY);

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** What one types into a date field in an en-US browser: month, day, year. */
const typedDate = (d: Date) => iso(d).slice(5, 7) + iso(d).slice(8, 10) + iso(d).slice(0, 4);

// ---------------------------------------------------------------------------------------------
// Reading times the way a person reads them: "Wed 3 Feb 2027, 08:00–09:30 MST", optionally
// followed by "(site: 09:00–10:30 CST)". The test turns wall clock + abbreviation into an instant.

const OFFSET_HOURS: Record<string, number> = {
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, HST: -10,
};
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface Shown {
  /** The instant the text means. */
  start: Date;
  end: Date;
  /** Wall-clock start, minutes after midnight, and the zone abbreviation. */
  wall: number;
  abbr: string;
  /** The site's wall clock when the text gives it beside the reader's. */
  site?: { wall: number; abbr: string; start: Date };
  /** The reader's part, as written ("Wed 3 Feb 2027, 08:00–09:30 MST"). */
  own: string;
}

function instantOf(y: number, month: number, d: number, hh: number, mm: number, abbr: string): Date {
  const offset = OFFSET_HOURS[abbr];
  if (offset === undefined) throw new Error(`unknown zone abbreviation ${abbr}`);
  return new Date(Date.UTC(y, month, d, hh, mm) - offset * HOUR);
}

function readShown(text: string): Shown {
  const m = /(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}), (\d\d):(\d\d)–(\d\d):(\d\d) ([A-Z]{3,4})/.exec(text);
  if (!m) throw new Error(`no time span in "${text}"`);
  const [own, d, mon, y, sh, sm, eh, em, abbr] = m;
  const month = MONTHS.indexOf(mon);
  const start = instantOf(+y, month, +d, +sh, +sm, abbr);
  let end = instantOf(+y, month, +d, +eh, +em, abbr);
  if (end <= start) end = new Date(end.getTime() + DAY);
  const shown: Shown = { start, end, wall: +sh * 60 + +sm, abbr, own: text.slice(0, m.index) + own };
  const site = /\(site: (\d\d):(\d\d)–\d\d:\d\d ([A-Z]{3,4})\)/.exec(text);
  if (site) {
    const [, hh, mm, siteAbbr] = site;
    shown.site = { wall: +hh * 60 + +mm, abbr: siteAbbr, start: instantOf(+y, month, +d, +hh, +mm, siteAbbr) };
  }
  shown.own = shown.own.trim();
  return shown;
}

// ---------------------------------------------------------------------------------------------
// Pages: log in, wait for hydration, scan with axe, keep a screenshot.

const scanned: string[] = [];

/** No serious or critical axe violation on the page as it is now; a screenshot as an artifact. */
async function checkpoint(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `axe on ${name} (${page.url()})`,
  ).toEqual([]);
  scanned.push(`${name}: ${new URL(page.url()).pathname}`);
  const file = testInfo.outputPath(`${String(scanned.length).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/** Presses Tab until `target` has the focus (the keyboard is the only way in). */
async function tabTo(page: Page, target: Locator, limit = 120) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

// ---------------------------------------------------------------------------------------------
// Mail.

/** The invites received by `to`: every text/calendar part of every message (a message about
 * several sessions carries one per session; each must also be an .ics attachment). */
function invitesTo(to: string): { mail: Mail; invite: Invite }[] {
  return readMail()
    .filter((m) => m.to.includes(to))
    .flatMap((m) => m.invites.map((invite) => ({ mail: m, invite })));
}

function findInvite(to: string, method: string, uidOrStart: string | Date, sequence: number) {
  return invitesTo(to).find(
    ({ invite }) =>
      invite.method === method &&
      invite.sequence === sequence &&
      (typeof uidOrStart === "string" ? invite.uid === uidOrStart : invite.start.getTime() === uidOrStart.getTime()),
  );
}

/** Waits (the worker sends asynchronously) until `to` has the invite, then checks its form. */
async function awaitInvite(to: string, method: string, uidOrStart: string | Date, sequence: number) {
  await expect
    .poll(() => findInvite(to, method, uidOrStart, sequence) !== undefined, {
      message: `${method} invite (SEQUENCE ${sequence}) for ${String(uidOrStart)} to ${to}`,
      timeout: 30_000,
    })
    .toBe(true);
  const found = findInvite(to, method, uidOrStart, sequence)!;
  const { mail, invite } = found;
  expect(invite.crlf, `${mail.file}: CRLF line ends`).toBe(true);
  expect(invite.longestLine, `${mail.file}: folded at 75 octets`).toBeLessThanOrEqual(75);
  const attached = mail.attachments.find((a) => a.uid === invite.uid);
  expect(attached, `${mail.file}: the invite attached as an .ics file`).toBeDefined();
  expect(attached!.start.getTime()).toBe(invite.start.getTime());
  expect(attached!.method).toBe(invite.method);
  expect(attached!.sequence).toBe(invite.sequence);
  expect(invite.end.getTime() - invite.start.getTime()).toBe(90 * MINUTE);
  expect(mail.subject).toContain(TITLE);
  expect(mail.text.length).toBeGreaterThan(0);
  expect(mail.html).toContain("<");
  return found;
}

// ---------------------------------------------------------------------------------------------

test("the whole story: request, match, propose, accept, approve, invites, move and cancel", async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  let requestPath = "";
  let coordinatorPath = "";
  /** The series' starts as the coordinator planned them, then as approved. */
  let planned: Date[] = [];

  await test.step("1. the Memphis contact asks for six biweekly sessions, with the keyboard only", async () => {
    await logIn(page, CONTACT);
    await openHydrated(page, "/requests/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request training or technical assistance");
    await expect(page.getByText("Preferred hours from Central (America/Chicago)")).toBeVisible();
    await checkpoint(page, testInfo, "site-request-form");

    await tabTo(page, page.getByLabel("Title"));
    await page.keyboard.type(TITLE);
    await tabTo(page, page.getByLabel("Gun violence"));
    await page.keyboard.press("Space");
    await expect(page.getByLabel("Gun violence")).toBeChecked();
    await tabTo(page, page.getByLabel("Description"));
    await page.keyboard.type("Coaching for the crime gun intelligence unit's analysts and detectives.");
    await tabTo(page, page.getByLabel("Number of sessions"));
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(String(SESSIONS));
    await tabTo(page, page.getByLabel("How often"));
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(page.getByLabel("How often")).toHaveValue("biweekly");
    await expect(page.getByLabel("Length (minutes)")).toHaveValue("90");
    await tabTo(page, page.getByLabel("Expected attendees"));
    await page.keyboard.type("12");
    await tabTo(page, page.getByLabel("Earliest date"));
    await page.keyboard.type(typedDate(EARLIEST));
    await expect(page.getByLabel("Earliest date")).toHaveValue(iso(EARLIEST));
    await tabTo(page, page.getByLabel("Latest date"));
    await page.keyboard.type(typedDate(LATEST));
    await expect(page.getByLabel("Latest date")).toHaveValue(iso(LATEST));
    for (const day of ["Tuesday", "Wednesday", "Thursday"]) {
      await tabTo(page, page.getByLabel(day, { exact: true }));
      await page.keyboard.press("Space");
      await expect(page.getByLabel(day, { exact: true })).toBeChecked();
    }
    await expect(page.getByLabel(/Preferred hours from/)).toHaveValue("09:00");
    await expect(page.getByLabel(/Preferred hours until/)).toHaveValue("12:00");

    const sentence = page.locator("#request-summary");
    await expect(sentence).toContainText(`${SESSIONS} biweekly 90-minute virtual sessions between`);
    await expect(sentence).toContainText("Tue–Thu 09:00–12:00 Central");
    await checkpoint(page, testInfo, "site-request-filled");

    await tabTo(page, page.getByRole("button", { name: "Submit request" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/requests\/\d+/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await expect(page.locator("#request-status")).toHaveText("Submitted");
    await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
    requestPath = new URL(page.url()).pathname;
    await checkpoint(page, testInfo, "site-request-submitted");
  });

  await test.step("2. the coordinator ranks candidates, reviews the series with Priya in both zones, sends it", async () => {
    await logIn(page, COORDINATOR);
    await openHydrated(page, "/coordinator");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request queue");
    await checkpoint(page, testInfo, "coordinator-queue");
    await page.getByRole("link", { name: TITLE }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    coordinatorPath = new URL(page.url()).pathname;
    expect(coordinatorPath).toBe(`/coordinator${requestPath}`);
    await expect(page.locator("#request-summary")).toContainText(`${SESSIONS} biweekly 90-minute virtual sessions`);

    const candidates = page.locator("#candidate-list > li");
    const priya = candidates.filter({ hasText: "Priya Patel" });
    await expect(priya).toHaveCount(1);
    // Ranked: best first, and each score explained part by part.
    const scores = await candidates.locator(".score").allTextContents();
    const numbers = scores.map((s) => parseInt(s, 10));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    for (const part of ["Expertise", "Continuity with the site", "Working-hours overlap", "Spare capacity", "Fit of the series"]) {
      const row = priya.getByRole("row", { name: new RegExp(part) });
      await expect(row).toBeVisible();
      await expect(row.locator("td").last()).not.toBeEmpty();
    }
    await expect(priya.getByRole("row", { name: /Expertise/ })).toContainText("Gun violence");
    await checkpoint(page, testInfo, "coordinator-candidates");

    await priya.getByRole("button", { name: "Review schedule with Priya Patel" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${SESSIONS} of ${SESSIONS} sessions placed with Priya Patel` })).toBeVisible();
    const rows = page.locator("#plan-table tbody tr");
    await expect(rows).toHaveCount(SESSIONS);
    const ahead: number[] = [];
    planned = [];
    for (let i = 0; i < SESSIONS; i++) {
      const cells = rows.nth(i).locator("td");
      const site = readShown(await cells.nth(0).innerText());
      const phoenix = readShown(await cells.nth(1).innerText());
      // The same instant, in Central and in Mountain Standard Time (Phoenix keeps no DST).
      expect(site.start.getTime(), `session ${i + 1}`).toBe(phoenix.start.getTime());
      expect(site.end.getTime() - site.start.getTime()).toBe(90 * MINUTE);
      expect(site.wall, `session ${i + 1} at 09:00 on the site's clock`).toBe(9 * 60);
      expect(phoenix.abbr).toBe("MST");
      const afterChange = site.start.getTime() > CHANGE.getTime();
      expect(site.abbr).toBe(afterChange ? "CDT" : "CST");
      ahead.push((site.wall - phoenix.wall) / 60);
      planned.push(site.start);
    }
    // Central is one hour ahead of Phoenix before the change and two hours after it.
    expect(ahead).toEqual(planned.map((start) => (start.getTime() > CHANGE.getTime() ? 2 : 1)));
    expect(ahead).toContain(1);
    expect(ahead).toContain(2);
    // Every other week on the site's wall clock.
    for (let i = 1; i < SESSIONS; i++) {
      const days = Math.round((planned[i].getTime() - planned[i - 1].getTime()) / DAY);
      expect(days, `session ${i + 1} two weeks after session ${i}`).toBe(14);
    }
    expect(iso(planned[0])).toBe(iso(EARLIEST));
    await checkpoint(page, testInfo, "coordinator-plan");

    await page.getByRole("button", { name: "Send proposal to Priya Patel" }).click();
    const proposals = page.locator("#proposal-table tbody tr");
    await expect(proposals).toHaveCount(1);
    await expect(proposals.first()).toContainText("Priya Patel");
    await expect(proposals.first()).toContainText("sent");
    await expect(page.locator("#session-table tbody tr")).toHaveCount(SESSIONS);
    await checkpoint(page, testInfo, "coordinator-proposal-sent");
  });

  await test.step("3. Priya sees the proposal in Phoenix time and accepts", async () => {
    await logIn(page, PROVIDER);
    await openHydrated(page, "/provider/proposals");
    const card = page.getByRole("article", { name: TITLE });
    await expect(card).toContainText("Awaiting your answer");
    await expect(card).toContainText("Central (America/Chicago)");
    const items = card.locator(".session-list li");
    await expect(items).toHaveCount(SESSIONS);
    for (let i = 0; i < SESSIONS; i++) {
      const shown = readShown(await items.nth(i).innerText());
      expect(shown.abbr).toBe("MST");
      expect(shown.start.getTime(), `session ${i + 1} in Phoenix time`).toBe(planned[i].getTime());
      expect(shown.site?.wall).toBe(9 * 60);
      expect(shown.site?.start.getTime()).toBe(planned[i].getTime());
    }
    await checkpoint(page, testInfo, "provider-proposal");
    await card.getByRole("button", { name: "Accept" }).click();
    await expect(card).toContainText("Accepted, awaiting coordinator approval");
    await checkpoint(page, testInfo, "provider-accepted");
  });

  /** Session rows of the coordinator's request page: UTC instant (from `<time datetime>`) and text. */
  async function coordinatorSessions(): Promise<{ row: Locator; start: Date; shown: Shown; status: string }[]> {
    const rows = page.locator("#session-table tbody tr");
    await expect(rows).toHaveCount(SESSIONS);
    const out = [];
    for (let i = 0; i < SESSIONS; i++) {
      const row = rows.nth(i);
      const time = row.locator("time");
      const start = new Date((await time.getAttribute("datetime"))!);
      const shown = readShown(await time.innerText());
      // What the coordinator reads (New York) is the instant the page marks up.
      expect(shown.start.getTime(), `session ${i + 1}: text and datetime agree`).toBe(start.getTime());
      expect(shown.site?.start.getTime()).toBe(start.getTime());
      out.push({ row, start, shown, status: (await row.locator(".tag").innerText()).trim() });
    }
    return out;
  }

  /** The site's session list: every session in Central time, at the given instants. */
  async function expectSiteSessions(starts: (Date | null)[], label: string) {
    await logIn(page, CONTACT);
    await openHydrated(page, requestPath);
    const rows = page.locator("#sessions-table tbody tr");
    await expect(rows).toHaveCount(SESSIONS);
    for (let i = 0; i < SESSIONS; i++) {
      const row = rows.nth(i);
      await expect(row.locator("td").first()).toHaveText(String(i + 1));
      const time = row.locator("time");
      const shown = readShown(await time.innerText());
      expect(["CST", "CDT"]).toContain(shown.abbr);
      expect(shown.site, "the site reads its own zone only").toBeUndefined();
      expect(shown.start.getTime(), `site session ${i + 1}`).toBe(new Date((await time.getAttribute("datetime"))!).getTime());
      const expected = starts[i];
      if (expected === null) {
        await expect(row).toContainText(/cancel/i);
      } else {
        expect(shown.start.getTime(), `site session ${i + 1}`).toBe(expected.getTime());
      }
    }
    await checkpoint(page, testInfo, label);
  }

  /** The provider's sessions: `/provider/sessions` when the app has it, else the proposals inbox. */
  async function expectProviderSessions(starts: Date[], label: string) {
    await logIn(page, PROVIDER);
    const own = await page.request.get("/provider/sessions");
    if (own.status() === 200) {
      await openHydrated(page, "/provider/sessions");
      const body = page.locator("main");
      for (const start of starts) {
        // Phoenix is UTC−7 all year: the wall clock the provider must read, on the day it falls.
        const phoenix = new Date(start.getTime() - 7 * HOUR);
        const hhmm = phoenix.toISOString().slice(11, 16);
        const instant = start.toISOString().replace(".000Z", "Z");
        const shown = body.locator(`time[datetime="${instant}"]`);
        await expect(shown, `provider's session at ${instant}`).toHaveCount(1);
        await expect(shown).toHaveText(new RegExp(`^${hhmm}–\\d\\d:\\d\\d MST$`));
        const underItsDay = body.locator(`section.day[data-date="${iso(phoenix)}"] time[datetime="${instant}"]`);
        await expect(underItsDay, `${instant} listed under ${iso(phoenix)}`).toHaveCount(1);
      }
      await checkpoint(page, testInfo, `${label}-sessions`);
    }
    await openHydrated(page, "/provider/proposals");
    const card = page.getByRole("article", { name: TITLE });
    const items = card.locator(".session-list li");
    const shown = await Promise.all((await items.all()).map(async (li) => readShown(await li.innerText())));
    for (const s of shown) expect(s.abbr).toBe("MST");
    const times = shown.map((s) => s.start.getTime());
    for (const start of starts) expect(times, "the provider sees the session in Phoenix time").toContain(start.getTime());
    await checkpoint(page, testInfo, label);
  }

  const uids: string[] = [];

  await test.step("4. the coordinator approves; both session lists agree; confirmations with invites arrive", async () => {
    await logIn(page, COORDINATOR);
    await openHydrated(page, coordinatorPath);
    await page.getByRole("button", { name: "Approve and confirm all sessions" }).click();
    await expect(page.locator(".facts")).toContainText("Scheduled");
    await expect(page.locator("#session-table .tag--confirmed")).toHaveCount(SESSIONS);
    const sessions = await coordinatorSessions();
    expect(sessions.map((s) => s.start.getTime())).toEqual(planned.map((d) => d.getTime()));
    for (const s of sessions) expect(["EST", "EDT"]).toContain(s.shown.abbr);
    await checkpoint(page, testInfo, "coordinator-approved");

    await expectSiteSessions(planned, "site-sessions-confirmed");
    await expectProviderSessions(planned, "provider-sessions-confirmed");

    // One confirmation per person for the whole series, each session's invite attached at the
    // instant shown (one UID per file).
    for (const [i, start] of planned.entries()) {
      const perRecipient = [];
      for (const to of RECIPIENTS) {
        const { mail, invite } = await awaitInvite(to, "REQUEST", start, 0);
        expect(mail.subject).toMatch(new RegExp(`^${SESSIONS} sessions confirmed: `));
        expect(mail.invites, `${mail.file}: an invite per session`).toHaveLength(SESSIONS);
        // The subject gives the first session's time in the reader's zone: Phoenix for Priya,
        // Central for Memphis.
        const inSubject = readShown(mail.subject);
        expect(inSubject.start.getTime(), `${mail.file}: subject time`).toBe(planned[0].getTime());
        expect(inSubject.abbr).toMatch(to === PROVIDER ? /^MST$/ : /^C[SD]T$/);
        perRecipient.push(invite.uid);
      }
      expect(perRecipient[0], `session ${i + 1}: one UID for everyone`).toBe(perRecipient[1]);
      uids.push(perRecipient[0]);
    }
    expect(new Set(uids).size, "one UID per session").toBe(SESSIONS);
    for (const to of RECIPIENTS) {
      const confirmations = readMail().filter(
        (m) => m.to.includes(to) && /sessions confirmed: /.test(m.subject) && m.subject.includes(TITLE),
      );
      expect(confirmations, `one confirmation to ${to}`).toHaveLength(1);
    }
  });

  await test.step("5. the site asks to move session 2; the coordinator moves it and cancels the last", async () => {
    // The site asks.
    await logIn(page, CONTACT);
    await openHydrated(page, requestPath);
    const second = page.locator("#sessions-table tbody tr").nth(1);
    await second.getByText("Ask to change…").click();
    await second.getByLabel("Reschedule this session").check();
    const moved = new Date(planned[1].getTime() + DAY + HOUR); // the next day, 10:00 on the site's clock
    await second.getByLabel(/When would suit you instead/).fill("The Thursday after, at 10:00 Central");
    await second.getByLabel("Reason").fill("Our analysts are in court that Wednesday morning.");
    await checkpoint(page, testInfo, "site-ask-to-move");
    await second.getByRole("button", { name: "Send to the coordinator" }).click();
    await expect(page.locator("#change-asks")).toContainText("Reschedule this session");
    await expect(page.locator("#change-asks")).toContainText("(session 2)");
    await checkpoint(page, testInfo, "site-asked");

    // The coordinator moves session 2 to the next day at 10:00 Central.
    await logIn(page, COORDINATOR);
    await openHydrated(page, coordinatorPath);
    const asks = page.locator("#change-requests");
    await expect(asks).toContainText("Session 2: Reschedule this session");
    await expect(asks).toContainText("The Thursday after, at 10:00 Central");
    await expect(asks).toContainText("Morgan Memphis");
    let rows = page.locator("#session-table tbody tr");
    await rows.nth(1).getByText("Reschedule or cancel").click();
    const centralDay = new Date(moved.getTime() - 6 * HOUR); // the site's date (CST in February)
    await rows.nth(1).getByLabel("New date (site)").fill(iso(centralDay));
    await rows.nth(1).getByLabel(/New start/).fill("10:00");
    await checkpoint(page, testInfo, "coordinator-move-form");
    await rows.nth(1).getByRole("button", { name: "Move session" }).click();
    await expect(rows.nth(1).locator("time")).toHaveAttribute("datetime", moved.toISOString().replace(".000Z", "Z"));
    await expect(rows.nth(1)).toContainText(/site: 10:00–11:30 CST/);
    await checkpoint(page, testInfo, "coordinator-moved");

    // The updated invite: same UID, SEQUENCE 1, METHOD:REQUEST, at the new time, for both.
    for (const to of RECIPIENTS) {
      const { mail, invite } = await awaitInvite(to, "REQUEST", uids[1], 1);
      expect(invite.start.getTime(), `${mail.file}: moved DTSTART`).toBe(moved.getTime());
      expect(mail.subject).toMatch(/^Rescheduled: /);
    }

    // Cancel the last session: a CANCEL for its UID, to both.
    rows = page.locator("#session-table tbody tr");
    const last = rows.nth(SESSIONS - 1);
    await last.getByText("Reschedule or cancel").click();
    await last.getByText("Cancel this session").click();
    await last.getByRole("button", { name: /^Yes, cancel and tell / }).click();
    await expect(page.locator("#session-table tbody tr").nth(SESSIONS - 1)).toContainText("cancelled");
    await checkpoint(page, testInfo, "coordinator-cancelled");
    for (const to of RECIPIENTS) {
      const cancels = () => invitesTo(to).filter(({ invite }) => invite.method === "CANCEL" && invite.uid === uids[SESSIONS - 1]);
      await expect.poll(() => cancels().length, { message: `CANCEL for the last session to ${to}`, timeout: 30_000 }).toBe(1);
      const { mail, invite } = cancels()[0];
      expect(invite.start.getTime()).toBe(planned[SESSIONS - 1].getTime());
      expect(invite.sequence).toBeGreaterThanOrEqual(1);
      expect(mail.attachment?.method).toBe("CANCEL");
      expect(mail.subject).toMatch(/^Cancelled: /);
    }
    // Nothing else was cancelled.
    for (const to of RECIPIENTS) {
      const cancelled = invitesTo(to).filter(({ invite }) => invite.method === "CANCEL" && uids.includes(invite.uid));
      expect(cancelled.map(({ invite }) => invite.uid)).toEqual([uids[SESSIONS - 1]]);
    }

    // Both lists show the moved session at its new time, the others unchanged.
    const now = planned.map((d, i) => (i === 1 ? moved : d));
    await expectSiteSessions(
      now.map((d, i) => (i === SESSIONS - 1 ? null : d)),
      "site-sessions-after-changes",
    );
    await expectProviderSessions(now.slice(0, SESSIONS - 1), "provider-sessions-after-changes");
  });

  await test.step("6. every page visited passed its accessibility scan", async () => {
    await testInfo.attach("pages scanned with axe-core", { body: scanned.join("\n"), contentType: "text/plain" });
    expect(scanned.length).toBeGreaterThanOrEqual(15);
  });
});
