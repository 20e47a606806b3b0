// OpenID Connect sign-in in a real browser, through a real provider's own log-in page
// (oidc-provider's development form, see playwright.oidc.config.ts): the demo coordinator
// presses "Sign in with Test ID", types their e-mail address at the provider, comes back signed
// in (linked through the verified address) on the page they had asked for; a person the
// programme does not know comes back to the log-in page with the reason in the error summary,
// which takes focus. Axe on the log-in page with the buttons and with the refusal.
import { test, expect } from "@playwright/test";
import { expectAccessible, openHydrated } from "../pages";

test("the demo coordinator signs in through the provider's log-in page", async ({ page }) => {
  await page.context().clearCookies();
  await openHydrated(page, "/login?next=/admin/invitations");
  const button = page.getByRole("link", { name: "Sign in with Test ID" });
  await expect(button).toBeVisible();
  await expectAccessible(page);
  await button.click();

  // The provider's own page.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill("coordinator@tta.example.gov");
  await page.locator('input[name="password"]').fill("any password: the test provider does not check it");
  await page.locator('button[type="submit"]').click();
  // The provider's own "Authorize" step (its development consent page).
  await page.getByRole("button", { name: "Continue" }).click();

  // Back, signed in, on the page asked for.
  await expect(page).toHaveURL(/\/admin\/invitations$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invitations");
  const nav = page.getByRole("navigation", { name: "Primary" });
  await expect(nav).toContainText("Casey Coordinator (Coordinator)");
});

test("a person without an account is told so on the log-in page", async ({ page }) => {
  await page.context().clearCookies();
  await openHydrated(page, "/login");
  await page.getByRole("link", { name: "Sign in with Test ID" }).click();
  await expect(page).toHaveURL(/\/interaction\//);
  await page.locator('input[name="login"]').fill("nobody.known@example.gov");
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  // The provider's own "Authorize" step (its development consent page).
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/login\?oidc_error=no_account$/);
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is no account or invitation for the e-mail address");
  await expect(summary).toBeFocused();
  await expectAccessible(page);
  const nav = page.getByRole("navigation", { name: "Primary" });
  await expect(nav.getByRole("link", { name: "Log in" })).toBeVisible();
});
