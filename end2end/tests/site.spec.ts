// The site contact's flow in a real browser: the intake form with field messages that keep what
// was typed, the live one-sentence summary, submission, the request page and "My requests"
// after a reload; every page scanned with axe-core.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

function isoDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("a Memphis contact submits a request, fixing mistakes without retyping", async ({ page }) => {
  await logIn(page, "contact.memphis@tta.example.gov");
  const nav = page.getByRole("navigation", { name: "Primary" });
  await nav.getByRole("link", { name: "New request" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request training or technical assistance");
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByText("Preferred hours from Central (America/Chicago)")).toBeVisible();
  await expectAccessible(page);

  // First attempt: a title too short, no topic, no weekday.
  await page.getByLabel("Title").fill("Gu");
  await page.getByLabel("Number of sessions").fill("6");
  await page.getByLabel("How often").selectOption("biweekly");
  await page.getByLabel("Earliest date").fill(isoDate(60));
  await page.getByLabel("Latest date").fill(isoDate(150));
  await page.getByRole("button", { name: "Submit request" }).click();

  const summary = page.locator("#error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Enter a title of at least 3 characters.");
  await expect(summary).toContainText("Choose at least one topic.");
  await expect(page.locator("#field-title-error")).toContainText("Enter a title of at least 3 characters.");
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  // Each line of the summary takes the keyboard to its field.
  await summary.getByRole("link", { name: "Enter a title of at least 3 characters." }).click();
  await expect(page.getByLabel("Title")).toBeFocused();
  // Nothing typed was lost.
  await expect(page.getByLabel("Number of sessions")).toHaveValue("6");
  await expect(page.getByLabel("How often")).toHaveValue("biweekly");
  await expectAccessible(page);

  // Fix it: the live summary appears before submitting.
  await page.getByLabel("Title").fill("Gun crime intelligence coaching");
  await page.getByLabel("Gun violence").check();
  await page.getByLabel("Crime analysis").check();
  for (const day of ["Tuesday", "Wednesday", "Thursday"]) {
    await page.getByLabel(day).check();
  }
  const sentence = page.locator("#request-summary");
  await expect(sentence).toContainText("6 biweekly 90-minute virtual sessions between");
  await expect(sentence).toContainText("Tue–Thu 09:00–12:00 Central");
  const words = await sentence.innerText();

  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gun crime intelligence coaching");
  await expect(page.getByText("Your request has been submitted")).toBeVisible();
  await expect(page.locator("#request-summary")).toHaveText(words);
  await expect(page.locator("#request-status")).toHaveText("Submitted");
  await expect(page.locator("#request-history")).toContainText(/Submitted · .* C[SD]T/);
  await expectAccessible(page);

  // Persisted: reload the page, then the list.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gun crime intelligence coaching");
  await openHydrated(page, "/requests");
  const table = page.locator("#requests-table");
  await expect(table).toContainText("Gun crime intelligence coaching");
  await expect(table.getByRole("row", { name: /Gun crime intelligence coaching/ })).toContainText("Submitted");
  await expectAccessible(page);
});

test("the demo request across the DST change lists its status for Memphis", async ({ page }) => {
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, "/requests");
  const row = page.getByRole("row", { name: /Crime gun intelligence coaching across the spring change/ });
  await expect(row).toContainText("Provider proposed");
  await row.getByRole("link").click();
  await expect(page.locator("#request-summary")).toContainText("4 weekly 90-minute virtual sessions");
  await expect(page.locator("#request-summary")).toContainText("Tue 09:00–12:00 Central");
  // Tentative sessions are not the site's yet.
  await expect(page.locator("#no-sessions")).toBeVisible();
});

test("a provider cannot open the intake form", async ({ page }) => {
  await logIn(page, "provider.phoenix@tta.example.gov");
  await openHydrated(page, "/requests/new");
  await expect(page.getByRole("alert")).toContainText("does not give access");
});
