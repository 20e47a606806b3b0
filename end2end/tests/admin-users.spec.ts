// The administrator's users page in a real browser: filter by role, change a role (Robin
// Reyes, a demo account no other spec uses, and back), refuse the admin's own demotion with a
// clear message, deactivate (the person cannot log in) and reactivate. Axe-scanned.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

async function changeRole(page: Page, name: string, role: string) {
  const row = page.locator("#users-table tbody tr", { hasText: name });
  await row.getByText("Change role").click();
  await row.getByLabel(`New role for ${name}`).selectOption({ label: role });
  await row.getByRole("button", { name: "Save role" }).click();
}

test("the admin filters by role and changes Robin's role, but not their own", async ({ page }) => {
  // Several log-ins and reloads on a shared, busy machine: three times the usual time.
  test.slow();
  await logIn(page, "admin@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users and roles");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByRole("link", { name: "send an invitation" })).toHaveAttribute("href", "/admin/invitations");
  await expect(page.locator("#users-table tbody tr", { hasText: "Avery Admin" })).toContainText(/E[SD]T/);
  await expectAccessible(page);

  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Provider" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/role=provider/);
  const robin = page.locator("#users-table tbody tr", { hasText: "Robin Reyes" });
  await expect(robin.locator(".user-role")).toHaveText("Provider");
  await expect(page.locator("#users-table tbody tr", { hasText: "Casey Coordinator" })).toHaveCount(0);

  await changeRole(page, "Robin Reyes", "Coordinator");
  await expect(page.getByRole("status").filter({ hasText: "The role is now Coordinator." })).toBeVisible();
  await openHydrated(page, "/admin/users?role=coordinator");
  await expect(page.locator("#users-table tbody tr", { hasText: "Robin Reyes" }).locator(".user-role")).toHaveText("Coordinator");
  await expectAccessible(page);

  // Back to provider, as the demo data has it.
  await changeRole(page, "Robin Reyes", "Provider");
  await expect(page.getByRole("status").filter({ hasText: "The role is now Provider." })).toBeVisible();
  await openHydrated(page, "/admin/users?role=provider");
  await expect(page.locator("#users-table tbody tr", { hasText: "Robin Reyes" }).locator(".user-role")).toHaveText("Provider");

  // One's own role: refused with a clear message.
  await openHydrated(page, "/admin/users?role=admin");
  await changeRole(page, "Avery Admin", "Coordinator");
  const alert = page.locator(".alert--error", { hasText: "There is a problem" });
  await expect(alert).toContainText("You cannot change your own role: ask another administrator to do it.");
  await expect(alert).toBeFocused();
  await expect(page.locator("#users-table tbody tr", { hasText: "Avery Admin" }).locator(".user-role")).toHaveText("Administrator");
});

test("a deactivated person cannot log in until reactivated", async ({ page }) => {
  // Several log-ins and reloads on a shared, busy machine: three times the usual time.
  test.slow();
  await logIn(page, "admin@tta.example.gov");
  await openHydrated(page, "/admin/users?role=provider");
  const robin = page.locator("#users-table tbody tr", { hasText: "Robin Reyes" });
  await robin.getByRole("button", { name: "Deactivate Robin Reyes" }).click();
  await expect(robin).toContainText("Deactivated");

  await page.context().clearCookies();
  await openHydrated(page, "/login");
  await page.getByLabel("E-mail address").fill("robin.reyes@tta.example.gov");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("e-mail address or password is not correct");

  await logIn(page, "admin@tta.example.gov");
  await openHydrated(page, "/admin/users?role=provider");
  await page.locator("#users-table tbody tr", { hasText: "Robin Reyes" }).getByRole("button", { name: "Reactivate Robin Reyes" }).click();
  await expect(page.locator("#users-table tbody tr", { hasText: "Robin Reyes" })).toContainText("Active");
  await logIn(page, "robin.reyes@tta.example.gov");
});
