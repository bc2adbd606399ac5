import { expect, test } from "@playwright/test";

import { sandboxUrl } from "../playwright.config";
import { demo, signIn } from "./fixtures";

// Connected by alerts.spec too (by token); connecting again only reconnects it and syncs it in full.
const CEDAR = "Cedar & Pine Realty";
const CEDAR_HUB = 20000004;
const PROFESSIONAL_DAILY = 625_000;

/**
 * HubSpot's private-app daily limit is the client's account's, shared with its other private apps
 * (docs/hubspot.md, "API surface and limits"); apps are named from hs_object_source_detail_1 (the
 * sandbox, like HubSpot, puts the code "INTEGRATION" in hs_object_source_label).
 */
test("a private-app portal under the daily reserve says scheduled syncs are held back and what Marketable used; apps are named from detail 1", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  // The client's other private apps have used 90 % of today's calls: 10 % left, under the 20 % reserve.
  const others = (PROFESSIONAL_DAILY * 90) / 100;
  expect((await request.post(`${sandboxUrl}/_sandbox/rate-limits`, { data: { hubId: CEDAR_HUB, otherAppsToday: others } })).ok()).toBe(
    true,
  );
  try {
    const cedar = (await (await request.get(`${sandboxUrl}/_sandbox/portals/${CEDAR_HUB}`)).json()) as { token: string };
    await signIn(page, demo.owner);
    await page.goto("/portals/connect");
    const connect = page.getByRole("form", { name: "Connect with a token" });
    await connect.getByLabel("Token").fill(cedar.token);
    await connect.getByRole("button", { name: "Connect with token" }).click();
    await expect(page.getByRole("heading", { name: CEDAR })).toBeVisible();
    const portalId = /\/portals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 180_000 });

    const usage = page.getByTestId("api-usage");
    await page.reload();
    await expect(usage).toContainText("shared with its other private apps");
    await expect(usage).toContainText(/Marketable used [\d,]+ of the 625,000 calls today/);
    const held = page.getByRole("status", { name: "Scheduled syncs are held back" });
    await expect(held).toContainText("under the 20 % reserve");
    await expect(held).toContainText("A manual sync still runs");
    await page.setViewportSize({ width: 1440, height: 1100 });
    await usage.screenshot({ path: testInfo.outputPath("api-usage-1440.png") });
    await page.setViewportSize({ width: 390, height: 900 });
    await usage.screenshot({ path: testInfo.outputPath("api-usage-390.png") });
    await page.screenshot({ path: testInfo.outputPath("portal-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1100 });

    // Apps by the name in detail 1: the Integrations page, the matrix and the contacts table.
    await page.goto(`/integrations/${portalId}`);
    await expect(page.getByTestId("app-Salesforce")).toBeVisible();
    await expect(page.getByTestId("app-Zapier")).toBeVisible();
    await expect(page.getByTestId("app-INTEGRATION")).toHaveCount(0);
    await page.goto("/integrations");
    await expect(page.getByRole("columnheader", { name: "Salesforce" })).toBeVisible();
    await page.goto(`/contacts?portal=${portalId}`);
    // alerts.spec adds newer form contacts to Cedar, which fill the first page: show the apps' contacts.
    const source = page.getByLabel("Source", { exact: true });
    await expect(source.locator(`option[value="INTEGRATION"]`)).toHaveCount(1);
    await source.selectOption("INTEGRATION");
    const table = page.getByRole("table", { name: "Contacts" });
    // The source reads as HubSpot's label for the code, then the app's name.
    await expect(table).toContainText(/Integration\s*(Salesforce|Zapier)/);
    await expect(table).not.toContainText("INTEGRATION");
  } finally {
    await request.post(`${sandboxUrl}/_sandbox/rate-limits`, { data: { hubId: CEDAR_HUB, otherAppsToday: 0 } });
  }
});
