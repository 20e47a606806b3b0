// Logging in as the demo coordinator in a real browser: the role-aware navigation appears, and
// logging out brings back "Log in".
import { test, expect, type Page } from "@playwright/test";
import { openHydrated } from "../pages";

test("wrong password shows the error summary with focus", async ({ page }) => {
  await openHydrated(page, "/login");
  await page.getByLabel("E-mail address").fill("coordinator@tta.example.gov");
  await page.getByLabel("Password").fill("not-the-right-password");
  await page.getByRole("button", { name: "Log in" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("e-mail address or password is not correct");
  await expect(summary).toBeFocused();
});

test("the demo coordinator logs in, sees the coordinator navigation and logs out", async ({ page }) => {
  await openHydrated(page, "/");
  const nav = page.getByRole("navigation", { name: "Primary" });
  await expect(nav.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Invitations" })).toHaveCount(0);

  await nav.getByRole("link", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await page.getByLabel("E-mail address").fill("coordinator@tta.example.gov");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(nav).toContainText("Casey Coordinator (Coordinator)");
  await expect(nav.getByRole("link", { name: "Invitations" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Log in" })).toHaveCount(0);

  await nav.getByRole("link", { name: "Invitations" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invitations");
  await expect(page.getByLabel("Role")).toBeVisible();

  await nav.getByRole("button", { name: "Log out" }).click();
  await expect(nav.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(nav).not.toContainText("Casey Coordinator");
  const cookies = await page.context().cookies();
  expect(cookies.filter((c) => c.name === "tta_session" && c.value !== "")).toEqual([]);
});
