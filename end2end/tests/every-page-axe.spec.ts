// Every page of the app passes axe with no violation of any impact (WCAG 2.1 A and AA), on a
// desktop (1280 px) and on a phone (360 px): issue 22's "Done when". Each role logs in and visits
// every route it may open (the router is app/src/shell.rs), detail pages with real demo ids found
// by following the app's own links; visitors see the public pages and the not-found page. Each
// page's violations are recorded softly, so one run lists them all.
import { test, expect, type Page } from "@playwright/test";
import { expectAccessible, logIn, openHydrated } from "../pages";

const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 360, height: 740 },
];

/** The `href` of the first link matching `selector` on `path` (a real demo record's page). */
async function firstLink(page: Page, path: string, selector: string): Promise<string> {
  await openHydrated(page, path);
  const link = page.locator(selector).first();
  await expect(link, `a link ${selector} on ${path}`).toBeAttached();
  return (await link.getAttribute("href"))!;
}

/** Opens every path and checks it with axe, any impact. */
async function scan(page: Page, paths: string[]) {
  for (const path of paths) {
    await test.step(path, async () => {
      await openHydrated(page, path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      await expectAccessible(page, { anyImpact: true, soft: true });
    });
  }
}

for (const size of WIDTHS) {
  test.describe(`every page on a ${size.name} (${size.width} px)`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("a visitor's pages", async ({ page }) => {
      await page.context().clearCookies();
      await scan(page, [
        "/",
        "/login",
        "/password/forgot",
        "/password/reset?token=not-a-real-token",
        "/invitations/accept?token=not-a-real-token",
        "/login/two-factor",
        "/account/email/confirm?token=not-a-real-token",
        "/events/join/not-a-real-link",
        "/events/registration/not-a-real-link",
        "/certificates/verify",
        "/certificates/verify/K7QM-2XHD-9RTA-B4NW",
        "/no-such-page",
      ]);
    });

    test("the administrator's pages", async ({ page }) => {
      test.setTimeout(180_000);
      await logIn(page, "admin@tta.example.gov");
      const site = await firstLink(page, "/admin/sites", 'main a[href^="/admin/sites/"]');
      await scan(page, [
        "/",
        "/admin/users",
        "/admin/invitations",
        "/admin/sites",
        site,
        "/admin/topics",
        "/admin/phases",
        "/admin/settings",
        "/admin/two-factor",
        "/account",
        "/admin/outbox",
        "/admin/audit",
      ]);
    });

    test("the coordinator's pages", async ({ page }) => {
      test.setTimeout(240_000);
      await logIn(page, "coordinator@tta.example.gov");
      const waiting = await firstLink(page, "/coordinator", '#queue-table a[href^="/coordinator/requests/"]');
      const scheduled = await firstLink(
        page,
        "/coordinator?status=scheduled",
        '#queue-table a[href^="/coordinator/requests/"]',
      );
      const reassign = await firstLink(page, "/coordinator/providers", 'main a[href$="/reassign"]');
      const engagement = await firstLink(page, "/coordinator/engagements", 'main a[href^="/engagements/"]');
      await scan(page, [
        "/",
        "/coordinator",
        "/coordinator?waiting=accepted",
        waiting,
        scheduled,
        "/coordinator/batch",
        "/coordinator/reports",
        "/coordinator/tta-report",
        "/coordinator/providers",
        reassign,
        "/coordinator/engagements",
        engagement,
        "/coordinator/peer-exchanges/new",
        "/coordinator/events",
        "/coordinator/events/new",
        "/admin/invitations",
      ]);
    });

    test("a provider's pages", async ({ page }) => {
      test.setTimeout(180_000);
      await logIn(page, "provider.phoenix@tta.example.gov");
      const engagement = await firstLink(page, "/provider/engagements", 'main a[href^="/engagements/"]');
      await scan(page, [
        "/",
        "/provider/proposals",
        "/provider/calendar",
        "/provider/sessions",
        "/provider/sessions?view=week",
        "/provider/sessions?view=month",
        "/provider/engagements",
        engagement,
        "/provider/events",
        "/provider/availability",
        "/provider/calendars",
        "/provider/profile",
        "/tokens",
      ]);
    });

    test("a site contact's pages", async ({ page }) => {
      test.setTimeout(180_000);
      await logIn(page, "contact.memphis@tta.example.gov");
      const request = await firstLink(page, "/requests", 'main a[href^="/requests/"]:not([href="/requests/new"])');
      const engagement = await firstLink(page, "/engagements", 'main a[href^="/engagements/"]');
      await scan(page, ["/", "/requests", request, "/requests/new", "/engagements", engagement, "/site/events"]);
    });
  });
}
