import { expect, test, type Page } from "@playwright/test";

import { sandboxUrl } from "../playwright.config";
import { demo, signIn, signOut } from "./fixtures";

/** Where the pictures go (SCREENSHOT_DIR), to be looked at: the notice at desktop and phone widths. */
const shots = process.env.SCREENSHOT_DIR;
async function shoot(page: Page, name: string) {
  if (!shots) return;
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("a portal connected by OAuth is named after its HubSpot account; its contract says it needs confirming until billing saves it", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // A HubSpot account the agency has no record of: connecting it creates the portal.
  const created = await request.post(`${sandboxUrl}/_sandbox/portals`, {
    data: { name: "Summit Cycles", edition: "professional", contacts: 150 },
  });
  expect(created.ok()).toBe(true);
  const { hubId } = (await created.json()) as { hubId: number };

  await signIn(page, demo.owner);
  await page.goto("/portals/connect");
  await page.getByRole("button", { name: "Connect with HubSpot" }).click();
  await expect(page.getByRole("heading", { name: "Connect Marketable" })).toBeVisible();
  await page.getByLabel("Portal").selectOption(String(hubId));
  await page.getByRole("button", { name: "Approve" }).click();

  // Named from HubSpot's account details, not "app.hubspot.com"; the placeholder contract is flagged.
  await expect(page.getByRole("heading", { name: "Summit Cycles" })).toBeVisible();
  const portalPath = new URL(page.url()).pathname;
  const notice = page.getByTestId("contract-unconfirmed");
  await expect(notice).toContainText("Contract not confirmed");
  await expect(notice.getByRole("link", { name: "Confirm the contract" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Confirm contract" })).toBeVisible();
  await shoot(page, "portal-contract-unconfirmed");
  await signOut(page);

  // The billing role sees it on the roll-up and the portal's billing page, and confirms it.
  await signIn(page, demo.billing);
  await page.goto("/billing");
  const row = page.getByRole("row").filter({ hasText: "Summit Cycles" });
  await expect(row.getByText("Contract to confirm")).toBeVisible();
  await shoot(page, "rollup-contract-unconfirmed");
  await row.getByRole("link", { name: "Summit Cycles" }).click();
  await expect(page.getByTestId("contract-unconfirmed")).toBeVisible();
  await shoot(page, "billing-contract-unconfirmed");
  await page.getByTestId("contract-unconfirmed").getByRole("link", { name: "Confirm the contract" }).click();
  await expect(page).toHaveURL(new RegExp(`${portalPath}#contract$`));
  const contract = page.getByRole("form", { name: "Contract" });
  await contract.getByLabel("Marketing contacts purchased").fill("5000");
  await contract.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("contract-unconfirmed")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Edit contract" })).toBeVisible();
  await page.goto("/billing");
  await expect(page.getByRole("row").filter({ hasText: "Summit Cycles" }).getByText("Contract to confirm")).toHaveCount(0);
});
