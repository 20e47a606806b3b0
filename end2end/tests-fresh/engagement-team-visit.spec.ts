// Quarterly two-day on-site visits by an SME team, planned from an engagement's page and
// followed to the e-mails (issue 16). On a fresh demo database the coordinator staffs Memphis's
// engagement with two subject-matter experts (Dan Morales in Denver, Priya Patel in Phoenix),
// lays out a line of quarterly two-day visits for the role, unticks both experts (refused beside
// the providers' choice), previews it with one expert, then with both (every visit at a time
// free for both), and sends it; each expert accepts their own proposal, the coordinator approves
// the team, and the real SMTP sink receives each expert's confirmation and ONE confirmation for
// Memphis's contact naming both, every visit as ONE invite on Memphis's clock repeated daily
// (`DTSTART;TZID=America/Chicago:…T090000`, `RRULE:FREQ=DAILY;COUNT=2`). Every page passes axe.
import { test, expect, type Page } from "@playwright/test";
import { readMail, type Invite, type Mail } from "../mail";
import { expectAccessible, logIn, openHydrated } from "../pages";

const TITLE = "Quarterly two-day visit of the SME team";
const EXPERTS = [
  { name: "Dan Morales", email: "provider.denver@tta.example.gov" },
  { name: "Priya Patel", email: "provider.phoenix@tta.example.gov" },
];
const CONTACT = "contact.memphis@tta.example.gov";

/** `YYYY-MM-DD`, `days` from today. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The confirmations of TITLE the sink has received for `to`, waiting until one arrives. */
async function confirmationsFor(to: string): Promise<Mail[]> {
  const mine = () => readMail().filter((m) => m.to.includes(to) && m.subject.includes(TITLE) && /confirmed/i.test(m.subject));
  await expect.poll(() => mine().length, { timeout: 30_000, message: `a confirmation to ${to}` }).toBeGreaterThan(0);
  return mine();
}

/** Every invite of a visit: ONE event on Memphis's clock, 09:00–16:00, repeated for two days. */
function expectTwoDayVisit(invite: Invite, file: string) {
  expect(invite.method, file).toBe("REQUEST");
  expect(invite.event.DTSTART?.[0], `${file}: DTSTART on the site's clock`).toMatch(/^\d{8}T090000$/);
  expect(invite.event.DTEND?.[0], `${file}: DTEND the same day at the close`).toMatch(/^\d{8}T160000$/);
  expect(invite.event.DTEND?.[0].slice(0, 8)).toBe(invite.event.DTSTART?.[0].slice(0, 8));
  expect(invite.event.RRULE, `${file}: repeated daily for the visit's two days`).toEqual(["FREQ=DAILY;COUNT=2"]);
}

async function openMemphis(page: Page) {
  await openHydrated(page, "/coordinator/engagements");
  const memphis = page.locator("#portfolio-table tbody tr").filter({ hasText: "Memphis, TN" }).first();
  await memphis.getByRole("link", { name: "Memphis, TN" }).click();
  await expect(page).toHaveURL(/\/engagements\/\d+$/);
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
}

test("an SME team's quarterly two-day visits are planned, sent, accepted, approved and e-mailed", async ({ page }) => {
  test.setTimeout(240_000);

  // 1. Two subject-matter experts on Memphis's TTA team.
  await logIn(page, "coordinator@tta.example.gov");
  await openMemphis(page);
  const teamForm = page.locator("#team-member-form");
  for (const expert of EXPERTS) {
    await teamForm.getByLabel("Person", { exact: true }).selectOption({ label: expert.name });
    await teamForm.getByLabel("Role", { exact: true }).selectOption({ label: "Subject-matter expert" });
    await teamForm.getByRole("button", { name: "Add to the team" }).click();
    await expect(page.getByRole("table", { name: "TTA team" })).toContainText(expert.name);
  }
  // The cadence form learns the team when the page loads.
  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);

  // 2. A line of quarterly two-day visits for the role: the experts' choice appears, both ticked.
  const cadence = page.locator("#cadence");
  await cadence.locator("#field-line_0_title").fill(TITLE);
  await cadence.getByLabel("Delivered by (TTA team role)").selectOption("subject_matter_expert");
  const who = cadence.getByRole("group", { name: /Who delivers this line/ });
  await expect(who).toBeVisible();
  for (const expert of EXPERTS) await expect(who.getByLabel(expert.name)).toBeChecked();
  await cadence.getByLabel("How often").selectOption("quarterly");
  await cadence.locator("#field-line_0_visit_days").fill("2");
  await expect(cadence.getByLabel("Keep the provider's travel day before and after each visit free")).toBeChecked();
  await cadence.getByLabel("Where").selectOption("on_site");
  // Every weekday a visit may cover: Tuesday and Wednesday for a two-day visit.
  await cadence.getByLabel("Tue").check();
  await cadence.getByLabel("Wed").check();
  await cadence.locator("#field-line_0_window_start").fill("09:00");
  await cadence.locator("#field-line_0_window_end").fill("16:00");
  await cadence.locator("#field-line_0_from").fill(inDays(120));
  await cadence.locator("#field-line_0_through").fill(inDays(300));

  // Nobody ticked: refused beside the choice, naming who may be chosen.
  for (const expert of EXPERTS) await who.getByLabel(expert.name).uncheck();
  await cadence.getByRole("button", { name: "Preview the plan" }).click();
  const whoError = cadence.locator("#field-line_0_providers-error");
  await expect(whoError).toContainText("Tick at least one of the subject-matter experts");
  await expect(whoError).toContainText("Dan Morales, Priya Patel");
  await expect(who).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  // One expert: the line is his alone.
  await who.getByLabel("Dan Morales").check();
  await cadence.getByRole("button", { name: "Preview the plan" }).click();
  const preview = page.locator("#cadence-preview");
  const line = preview.locator("#cadence-line-0");
  await expect(line).toContainText("placed with Dan Morales (Subject-matter expert)");
  await expect(whoError).toBeHidden();

  // Both: every visit at a time free for both, each day 09:00–16:00 on Memphis's clock (07:00
  // in Phoenix, 08:00 in Denver: inside both experts' hours).
  await who.getByLabel("Priya Patel").check();
  await cadence.getByRole("button", { name: "Preview the plan" }).click();
  await expect(line).toContainText(/placed with (Dan Morales and Priya Patel|Priya Patel and Dan Morales) \(Subject-matter expert\)/);
  const heading = preview.getByRole("heading", { level: 3 });
  await expect(heading).toHaveText(/Preview: (\d+) of \1 sessions placed/);
  const visits = Number(/Preview: (\d+)/.exec((await heading.textContent()) ?? "")?.[1]);
  expect(visits).toBeGreaterThanOrEqual(2);
  await expect(line.locator("ul li").first()).toContainText(/09:00/);
  await expectAccessible(page);

  await preview.getByRole("button", { name: "Send the proposals to the providers" }).click();
  await expect(
    cadence.getByRole("status").filter({ hasText: /\d+ proposals? with \d+ sessions sent to (Dan Morales, Priya Patel|Priya Patel, Dan Morales)/ }),
  ).toBeVisible();

  // 3. Each expert accepts their own proposal, which names the other.
  for (const [expert, other] of [[EXPERTS[0], EXPERTS[1]], [EXPERTS[1], EXPERTS[0]]]) {
    await logIn(page, expert.email);
    await openHydrated(page, "/provider/proposals");
    const card = page.getByRole("article", { name: TITLE });
    await expect(card).toContainText("Memphis, TN");
    await expect(card).toContainText(`with ${other.name}`);
    await expect(card).toContainText(/On-site visit/);
    await expectAccessible(page);
    await card.getByRole("button", { name: "Accept" }).click();
    await expect(card).toContainText("Accepted, awaiting coordinator approval");
  }

  // 4. The coordinator approves the team: every visit confirmed for both.
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator?status=proposed");
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page.locator("#team-list > li").first()).toContainText("Every provider accepted");
  await page.locator("#approve-team").click();
  await expect(page.locator("#team-list > li").first()).toContainText("Approved");
  // A row per expert per visit, each naming the other expert.
  const rows = page.locator("#session-table tbody tr");
  await expect(rows.filter({ hasText: "confirmed" })).toHaveCount(2 * visits);
  await expect(rows.filter({ hasText: /On-site visit, \w{3} \d+ – \w{3} \d+ \w{3} \d{4}/ })).toHaveCount(2 * visits);
  await expect(rows.filter({ hasText: "joint session with Dan Morales and Priya Patel" })).toHaveCount(2 * visits);
  await expectAccessible(page);

  // 5. The e-mails: each expert's own confirmation with an invite per visit; ONE for the
  //    contact naming both experts, with each expert's invite for each visit.
  for (const expert of EXPERTS) {
    const mails = await confirmationsFor(expert.email);
    expect(mails, `one confirmation to ${expert.name}`).toHaveLength(1);
    const [mail] = mails;
    expect(mail.invites, `${mail.file}: an invite per visit`).toHaveLength(visits);
    for (const invite of mail.invites) expectTwoDayVisit(invite, mail.file);
    expect(new Set(mail.invites.map((i) => i.uid)).size, "one UID per visit").toBe(visits);
  }
  const contactMails = await confirmationsFor(CONTACT);
  expect(contactMails, "ONE confirmation to the site's contact").toHaveLength(1);
  const [contactMail] = contactMails;
  expect(contactMail.subject).toMatch(/with (Dan Morales and Priya Patel|Priya Patel and Dan Morales)/);
  expect(contactMail.invites, "each expert's invite for each visit").toHaveLength(2 * visits);
  for (const invite of contactMail.invites) expectTwoDayVisit(invite, contactMail.file);
});
