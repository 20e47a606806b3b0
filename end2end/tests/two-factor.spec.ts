// Two-factor authentication in the browser (issue 21), for a person no other spec uses: the
// administrator invites a new provider, who sets up two-factor authentication on My account
// from the secret's text (the codes come from Python's pyotp, an independent TOTP
// implementation), keeps the recovery codes, logs out, logs in with a code from the "app",
// then again with a recovery code. Each page is checked with axe.
import { test, expect, type Page } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { expectAccessible, logIn, openHydrated } from "../pages";
import { readMail } from "../mail";

const PASSWORD = "two-factor-person-2026";

/** The TOTP code of `secret` at now + `offsetSeconds`, from pyotp. */
function pyotpCode(secret: string, offsetSeconds: number): string {
  const script = `import pyotp, time; print(pyotp.TOTP('${secret}').at(int(time.time()) + (${offsetSeconds})))`;
  for (const python of [process.env.TTA_TEST_PYTHON, "python3", "/usr/bin/python3"]) {
    if (!python) continue;
    const run = spawnSync(python, ["-c", script], { encoding: "utf8" });
    if (run.status === 0) return run.stdout.trim();
  }
  throw new Error("no Python with pyotp: run scripts/setup.sh (installs python3-pyotp)");
}

async function passwordStep(page: Page, email: string) {
  await page.context().clearCookies();
  await openHydrated(page, "/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-factor authentication");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
}

test("a new person sets up two-factor authentication and logs in with a code, then a recovery code", async ({ page }) => {
  test.setTimeout(180_000);
  const email = `two.factor.${Date.now()}@example.org`;
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

  await page.context().clearCookies();
  await openHydrated(page, `/invitations/accept?token=${token}`);
  await page.getByLabel("Your name").fill("Tess Twofactor");
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Type the new password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/login/);
  await openHydrated(page, "/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/$/);

  // My account, from the name in the header.
  await page.locator("#nav-account").click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator("#two-factor-status")).toHaveText("Off.");
  await expect(page.locator("#sessions-table tbody tr")).toHaveCount(1);
  await expect(page.locator("#sessions-table")).toContainText("This browser");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secretText = (await page.locator("#two-factor-secret").textContent()) ?? "";
  const secret = secretText.replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "QR code of your two-factor secret" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Code from your app").fill(pyotpCode(secret, 0));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.locator("#recovery-codes li")).toHaveCount(10);
  const codes = (await page.locator("#recovery-codes li").allTextContents()).map((c) => c.trim());
  await expect(page.locator("#two-factor-status")).toHaveText("On. 10 unused recovery codes left.");
  await expectAccessible(page);

  // Log out; the password alone now leads to the second step.
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await expect(page).toHaveURL(/\/login\?logged_out=1/);
  await passwordStep(page, email);
  await expectAccessible(page);
  // A wrong code is refused and explained.
  await page.getByLabel("Code from your app").fill(pyotpCode(secret, 300));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("not correct");
  await expectAccessible(page);
  // The app's next code (the set-up used this step's: a code works once).
  await page.getByLabel("Code from your app").fill(pyotpCode(secret, 30));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("#nav-account")).toContainText("Tess Twofactor");

  // Without the phone: a recovery code.
  await passwordStep(page, email);
  await page.getByLabel("Code from your app").fill(codes[0]);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/$/);
  await openHydrated(page, "/account");
  await expect(page.locator("#two-factor-status")).toHaveText("On. 9 unused recovery codes left.");
});
