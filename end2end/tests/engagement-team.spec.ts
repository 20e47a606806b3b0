// An engagement's teams and recommendations in a real browser. The coordinator staffs Memphis's
// engagement (an empty form is refused beside each field; a provider as strategic site liaison,
// the site's contact as lead), adds a recommendation (refused field by field when empty) and
// links a request that answers it. The provider finds the engagement on their own page with
// their role, and the site's contact moves the recommendation's status. Every page passes axe.
import { test, expect } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

test("a coordinator staffs an engagement and records a recommendation the site then moves on", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "coordinator@tta.example.gov");
  await openHydrated(page, "/coordinator/engagements");
  const memphis = page.locator("#portfolio-table tbody tr").filter({ hasText: "Memphis, TN" }).first();
  await memphis.getByRole("link", { name: "Memphis, TN" }).click();
  await expect(page).toHaveURL(/\/engagements\/\d+$/);
  const engagementPath = new URL(page.url()).pathname;
  await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Teams" })).toBeVisible();
  await expect(page.getByText("No provider serves this engagement yet.")).toBeVisible();

  // The team: an empty form is refused beside both fields, then a liaison and the site's lead.
  const teamForm = page.locator("#team-member-form");
  await teamForm.getByRole("button", { name: "Add to the team" }).click();
  await expect(page.locator("#field-user_id-error")).toContainText("Choose a person");
  await expect(page.locator("#field-role-error")).toContainText("Choose the role");
  await expect(teamForm.getByLabel("Person", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await teamForm.getByLabel("Person", { exact: true }).selectOption({ label: "Priya Patel" });
  await teamForm.getByLabel("Role", { exact: true }).selectOption({ label: "Strategic site liaison" });
  await teamForm.getByRole("button", { name: "Add to the team" }).click();
  const tta = page.getByRole("table", { name: "TTA team" });
  await expect(tta).toContainText("Priya Patel");
  await expect(tta).toContainText("Strategic site liaison");
  await teamForm.getByLabel("Person", { exact: true }).selectOption({ label: "Morgan Memphis" });
  await teamForm.getByLabel("Role", { exact: true }).selectOption({ label: "Site lead" });
  await teamForm.getByRole("button", { name: "Add to the team" }).click();
  const site = page.getByRole("table", { name: "Site team" });
  await expect(site).toContainText("Morgan Memphis");
  await expect(site).toContainText("Site lead");
  await expectAccessible(page);

  // A recommendation: refused field by field when empty, then added and answered by a request.
  const recommendationForm = page.locator("#recommendation-form");
  await recommendationForm.getByRole("button", { name: "Add recommendation" }).click();
  await expect(page.locator("#field-core_area-error")).toContainText("core area");
  await expect(page.locator("#field-text-error")).toContainText("Write the recommendation");
  await expect(page.locator("#field-owner-error")).toContainText("Name the person");
  await recommendationForm.getByLabel("Core area").selectOption({ label: "Gun violence" });
  await recommendationForm.getByLabel("Recommendation", { exact: true }).fill("Review every non-fatal shooting within 72 hours.");
  await recommendationForm.getByLabel("Owner at the site").fill("Deputy Chief Ellis");
  await recommendationForm.getByRole("button", { name: "Add recommendation" }).click();
  const plan = page.getByRole("table", { name: "The plan's recommendations" });
  const row = plan.locator("tbody tr").filter({ hasText: "Review every non-fatal shooting" });
  await expect(row).toContainText("Gun violence");
  await expect(row).toContainText("Deputy Chief Ellis");
  await expect(row).toContainText("No request yet");
  await row.getByRole("button", { name: "Link request" }).click();
  await expect(row.getByRole("link")).toHaveCount(1);
  await expectAccessible(page);

  // The provider: their engagements, their role, and the engagement's page without the forms.
  await logIn(page, "provider.phoenix@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Engagements" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Engagements I serve");
  const serving = page.locator("#serving-table tbody tr").filter({ hasText: "Memphis, TN" });
  await expect(serving).toContainText("Strategic site liaison");
  await expectAccessible(page);
  await serving.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("engagement, Memphis, TN");
  await expect(page.getByRole("table", { name: "TTA team" })).toContainText("Priya Patel");
  await expect(page.locator("#team-member-form")).toHaveCount(0);

  // The site's contact moves the recommendation on.
  await logIn(page, "contact.memphis@tta.example.gov");
  await openHydrated(page, engagementPath);
  await expect(page.locator("#recommendation-form")).toHaveCount(0);
  const own = page
    .getByRole("table", { name: "The plan's recommendations" })
    .locator("tbody tr")
    .filter({ hasText: "Review every non-fatal shooting" });
  await own.getByLabel("Status", { exact: true }).selectOption({ label: "In progress" });
  await own.getByRole("button", { name: "Save status" }).click();
  await expect(own.getByLabel("Status", { exact: true })).toHaveValue("in_progress");
  await expectAccessible(page);
  await page.reload();
  await expect(
    page.getByRole("table", { name: "The plan's recommendations" }).locator("tbody tr").first().getByLabel("Status"),
  ).toHaveValue("in_progress");
});
