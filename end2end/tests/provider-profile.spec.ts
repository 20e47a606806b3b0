// The provider's profile in a real browser: Priya Patel (America/Phoenix) sees her profile, an
// unknown time zone and an empty organisation are refused beside their fields with the typed
// text kept, a good save persists across a reload; the page passes an axe scan. The spec puts
// her profile back as the demo had it, for the specs that run after it. A newly invited
// provider, whose browser is in Europe/Berlin, finds that zone proposed on their first visit.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";
import { readMail } from "../mail";

const ORGANISATION = "Southwest Violence Reduction Institute";

test("Priya edits her profile: mistakes are named beside their fields, the save persists", async ({ page }) => {
  // Several axe scans of large pages on a shared machine: more than the default 30 s.
  test.setTimeout(120_000);
  await logIn(page, "provider.phoenix@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);

  const organisation = page.getByLabel("Organisation");
  const zone = page.getByLabel("Home time zone");
  await expect(organisation).toHaveValue(ORGANISATION);
  await expect(zone).toHaveValue("America/Phoenix");
  // The zone is chosen from a searchable list of IANA names.
  await expect(zone).toHaveAttribute("list", "zone-list");
  expect(await page.locator("#zone-list option").count()).toBeGreaterThan(300);
  await expect(page.getByLabel("Gun violence")).toHaveValue(/:3$/);
  await expect(page.getByLabel("Virtual", { exact: false }).first()).toBeChecked();
  await expectAccessible(page);

  // An unknown zone and no organisation: refused, each beside its field, typing kept.
  await organisation.fill("");
  await zone.fill("America/Memphis");
  await page.getByLabel("Technology").selectOption({ label: "2 – experienced" });
  await page.getByRole("button", { name: "Save profile" }).click();
  const summary = page.locator("#error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("'America/Memphis' is not an IANA time zone");
  await expect(summary).toContainText("Enter your organisation");
  await expect(page.locator("#field-home_zone-error")).toContainText("is not an IANA time zone");
  await expect(zone).toHaveAttribute("aria-invalid", "true");
  await expect(zone).toHaveValue("America/Memphis");
  await expect(page.getByLabel("Technology")).toHaveValue(/:2$/);
  await expectAccessible(page);

  // Fixed: saved, and the zone label carries its abbreviation.
  await organisation.fill(`${ORGANISATION} (Phoenix office)`);
  await zone.fill("America/Phoenix");
  await page.getByLabel("Bio").fill("Former crime-gun intelligence centre director; coaches analysts.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved" })).toContainText("MST · America/Phoenix");
  await expect(summary).toBeHidden();

  await page.reload();
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByLabel("Organisation")).toHaveValue(`${ORGANISATION} (Phoenix office)`);
  await expect(page.getByLabel("Home time zone")).toHaveValue("America/Phoenix");
  await expect(page.getByLabel("Technology")).toHaveValue(/:2$/);
  await expect(page.getByLabel("Bio")).toHaveValue("Former crime-gun intelligence centre director; coaches analysts.");
  await expectAccessible(page);

  // Put the demo profile back.
  await page.getByLabel("Organisation").fill(ORGANISATION);
  await page.getByLabel("Technology").selectOption({ label: "No expertise" });
  await page.getByLabel("Bio").fill("Former crime-gun intelligence centre director; coaches focused-deterrence teams.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved" })).toBeVisible();
});

test("a site contact cannot open a provider's profile", async ({ page }) => {
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, "/provider/profile");
  await expect(page.getByRole("alert")).toContainText("does not give access");
});

test("a newly invited provider finds their browser's time zone proposed", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `newcomer.${Date.now()}@example.org`;
  await logIn(page, "admin@tta.example.gov");
  await openHydrated(page, "/admin/invitations");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Role").selectOption("provider");
  await page.getByRole("button", { name: "Send the invitation" }).click();
  let token = "";
  await expect
    .poll(
      () => {
        const mail = readMail().find((m) => m.to.some((to) => to.includes(email)));
        token = mail?.text.match(/token=([0-9a-f]+)/)?.[1] ?? "";
        return token;
      },
      { message: `the invitation to ${email}`, timeout: 20_000 },
    )
    .not.toBe("");

  // The newcomer's own browser, in Berlin.
  const context = await browser.newContext({ timezoneId: "Europe/Berlin" });
  const newcomer = await context.newPage();
  await openHydrated(newcomer, `/invitations/accept?token=${token}`);
  await newcomer.getByLabel("Your name").fill("Nora Newcomer");
  await newcomer.getByLabel("New password", { exact: true }).fill("newcomer-password-2026");
  await newcomer.getByLabel("Type the new password again").fill("newcomer-password-2026");
  await newcomer.getByRole("button", { name: "Create my account" }).click();
  await expect(newcomer).toHaveURL(/\/login/);
  await openHydrated(newcomer, "/login");
  await newcomer.getByLabel("E-mail address").fill(email);
  await newcomer.getByLabel("Password").fill("newcomer-password-2026");
  await newcomer.getByRole("button", { name: "Log in" }).click();
  await expect(newcomer).toHaveURL(/\/$/);
  await newcomer.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Profile" }).click();
  await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("Your profile");
  await expect(newcomer.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(newcomer.getByLabel("Home time zone")).toHaveValue("Europe/Berlin");
  await expect(newcomer.getByText("We filled in your browser's time zone")).toBeVisible();
  await expect(newcomer.getByLabel("Organisation")).toHaveValue("");
  // Until the profile is saved there are no hours to edit.
  await openHydrated(newcomer, "/provider/availability");
  await expect(newcomer.getByRole("status").filter({ hasText: "save your profile" })).toBeVisible();
  await expectAccessible(newcomer);
  await context.close();
});
