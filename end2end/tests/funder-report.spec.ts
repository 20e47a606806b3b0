// The funder's semiannual TTA report in a real browser: the coordinator opens it from Reports,
// picks a period, sees the totals (charts with their tables) and every delivery, downloads the
// XLSX (a real download, a real workbook), and a reversed period is named beside its field.
// axe finds nothing serious on either state of the page.
import { test, expect } from "@playwright/test";
import * as fs from "node:fs";
import { expectAccessible, logIn } from "../pages";

const day = (d: Date) => d.toISOString().slice(0, 10);

test("the coordinator picks a period and downloads the semiannual TTA report as XLSX", async ({ page }) => {
  await logIn(page, "coordinator@tta.example.gov");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Reports" }).click();
  await page.getByRole("link", { name: "Semiannual TTA report for the funder" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Semiannual TTA report");
  // The current half year by default.
  await expect(page.locator("#tta-period")).toContainText(/1 (Jan|Jul) \d{4} – (30 Jun|31 Dec) \d{4}/);
  await expectAccessible(page);

  // The demo's delivered sessions lie in the past year: choose it.
  const today = new Date();
  const yearAgo = new Date(today.getTime() - 365 * 24 * 3600 * 1000);
  await page.getByLabel("First day").fill(day(yearAgo));
  await page.getByLabel("Last day").fill(day(today));
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  await expect(page.locator("#tta-figures")).toContainText("TTA delivered");
  await expect(page.locator("#tta-rows tbody tr").first()).toBeVisible();
  await expect(page.getByRole("img", { name: /Deliveries by TTA type/ })).toBeVisible();
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("#tta-download-xlsx").click(),
  ]);
  expect(download.suggestedFilename()).toBe(`tta-report-${day(yearAgo)}-${day(today)}.xlsx`);
  const file = await download.path();
  const bytes = fs.readFileSync(file!);
  // An XLSX is a ZIP archive.
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(bytes.length).toBeGreaterThan(2000);

  // A last day before the first is named beside its field.
  await page.getByLabel("First day").fill(day(today));
  await page.getByLabel("Last day").fill(day(yearAgo));
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.locator("#tta-to-error")).toContainText("before the first day");
  await expect(page.getByLabel("Last day")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});
