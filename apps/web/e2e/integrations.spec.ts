import { expect, test } from "@playwright/test";

import { sandboxUrl } from "../playwright.config";
import { demo, signIn } from "./fixtures";

const ALPINE_HUB = 20000003;
const SHOPIFY = 1220873;

test("an owner connects a portal through OAuth, watches the first sync, sees its apps, and drift follows HubSpot's switch", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await signIn(page, demo.owner);
  await page.goto("/portals/connect");
  await page.getByRole("button", { name: "Connect with HubSpot" }).click();

  // The sandbox's authorize page: choose the portal and approve.
  await expect(page.getByRole("heading", { name: "Connect Marketable" })).toBeVisible();
  await page.getByLabel("Portal").selectOption(String(ALPINE_HUB));
  await page.getByRole("button", { name: "Approve" }).click();

  // Back in Marketable, on the portal, with the first sync's progress reaching 100%.
  await expect(page.getByRole("heading", { name: "Alpine Outfitters" })).toBeVisible();
  const portalUrl = page.url().split("?")[0]!;
  await expect(page.getByRole("progressbar", { name: "Sync progress" })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 120_000 });
  await expect(page.getByTestId("sync-status")).toContainText("100%");
  await expect(page.getByText("Connected by OAuth to hub 20000003")).toBeVisible();
  // OAuth installs have HubSpot's 110 requests / 10 s and no daily limit to hold syncs back.
  await expect(page.getByTestId("api-usage")).toContainText("110 requests every 10 seconds, and no daily limit");
  await expect(page.getByTestId("api-usage")).not.toContainText("held back");

  // Its apps, with counts; Shopify creates marketing contacts (the sandbox's switch is on).
  await page.getByRole("link", { name: /apps and integration settings/ }).click();
  const shopify = page.getByTestId("app-Shopify");
  await expect(shopify).toContainText("creates marketing");
  await expect(shopify.getByRole("cell").first()).not.toHaveText("0");

  // A policy that disagrees with the switch: drift, with a link to fix it in HubSpot.
  await page.getByLabel("Policy for Shopify").selectOption("no");
  await expect(shopify.getByTestId("drift-badge")).toBeVisible();
  await expect(shopify.getByRole("link", { name: "Fix in HubSpot settings" })).toHaveAttribute("href", /20000003/);

  // In HubSpot (the sandbox): the switch goes off, and Shopify creates new contacts.
  expect(
    (await request.post(`${sandboxUrl}/_sandbox/portals/${ALPINE_HUB}/apps/${SHOPIFY}/switch`, { data: { marketing: false } })).ok(),
  ).toBe(true);
  expect(
    (
      await request.post(`${sandboxUrl}/_sandbox/portals/${ALPINE_HUB}/contacts`, { data: { source: "app", appId: SHOPIFY, count: 12 } })
    ).ok(),
  ).toBe(true);

  // A resync, and the drift clears.
  await page.goto(portalUrl);
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByTestId("sync-status")).toContainText("incremental sync succeeded", { timeout: 60_000 });
  await page.goto(`${portalUrl.replace("/portals/", "/integrations/")}`);
  await expect(page.getByTestId("app-Shopify")).toContainText("creates non-marketing");
  await expect(page.getByTestId("app-Shopify")).toContainText("in line");
  await expect(page.getByTestId("app-Shopify").getByTestId("drift-badge")).toHaveCount(0);

  // A manager without the grant cannot see that portal.
  await page.context().clearCookies();
  await signIn(page, demo.manager);
  await page.goto("/portals");
  await expect(page.getByRole("link", { name: "Alpine Outfitters" })).toHaveCount(0);
  expect((await page.goto(portalUrl))?.status()).toBe(404);
  expect((await page.goto(portalUrl.replace("/portals/", "/integrations/")))?.status()).toBe(404);
});

test("an analyst sees a portal's apps but cannot change a policy, in the page or through the API", async ({ page }) => {
  // The owner grants the analyst the connected portal.
  await signIn(page, demo.owner);
  await page.goto("/team");
  const analyst = page.getByTestId(`member-${demo.analyst}`);
  await analyst.getByLabel(`Portal to grant ${demo.analyst}`).selectOption({ label: "Alpine Outfitters" });
  await analyst.getByLabel(`Portal role for ${demo.analyst}`).selectOption("analyst");
  await analyst.getByRole("button", { name: "Grant" }).click();
  await expect(analyst).toContainText("Alpine Outfitters · analyst");

  await page.context().clearCookies();
  await signIn(page, demo.analyst);
  await page.goto("/integrations");
  await page.getByRole("link", { name: "Alpine Outfitters" }).click();
  await expect(page.getByTestId("app-Shopify")).toBeVisible();
  await expect(page.getByLabel("Policy for Shopify")).toHaveCount(0);
  const portalId = page.url().split("/integrations/")[1]!;

  const response = await page.request.post("/api/trpc/integrations.setPolicy?batch=1", {
    data: { "0": { json: { portalId, appId: String(SHOPIFY), createMarketing: true } } },
  });
  expect(response.status()).toBe(403);
  expect(JSON.stringify(await response.json())).toContain("FORBIDDEN");
});
