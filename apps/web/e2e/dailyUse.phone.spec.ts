import { expect, test } from "@playwright/test";

import { ALPINE, alpine, expectNoHorizontalOverflow, expectWithinScreen } from "./dailyUse.helpers";
import { demo, portalUrl, signIn } from "./fixtures";

// Daily use on a phone (390 × 844): every main page fits, the menu opens the navigation, dialogs open on screen.

test.describe("at 390 × 844", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("every main page fits the phone, the menu opens the navigation, and Request status change opens its dialog on screen", async ({
    page,
  }) => {
    await signIn(page, demo.owner);
    const alpineId = await alpine(page);
    const bakery = await portalUrl(page, "Northwind Bakery");
    const bakeryId = bakery.split("/").pop()!;
    const pages: [string, string | RegExp][] = [
      ["/", "Overview"],
      ["/portals", "Portals"],
      [bakery, "Northwind Bakery"],
      [`/contacts?portal=${alpineId}`, `${ALPINE}: contacts`],
      ["/billing", /Billing/],
      [`/billing/${bakeryId}`, "Northwind Bakery: billing"],
      [`/billing/${alpineId}`, `${ALPINE}: billing`],
    ];
    for (const [url, heading] of pages) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      // The sidebar gives way to the menu button: content has the whole width.
      await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeHidden();
      await expectNoHorizontalOverflow(page, url);
    }

    // The menu opens the navigation as a sheet; following a link closes it.
    await page.goto("/");
    await page.getByRole("button", { name: "Menu" }).click();
    const sheet = page.getByRole("dialog", { name: "Menu" });
    await expect(sheet.getByRole("navigation")).toBeVisible();
    await expectWithinScreen(page, await sheet.boundingBox(), "the navigation sheet");
    await sheet.getByRole("link", { name: "Contacts" }).click();
    await expect(page).toHaveURL(/\/contacts$/);
    await expect(sheet).toBeHidden();

    // The contacts' filters fold away on a phone and open from "Filters".
    await page.goto(`/contacts?portal=${alpineId}&status=marketing`);
    await expect(page.getByLabel("Status", { exact: true })).toBeHidden();
    await page.getByRole("button", { name: "Filters (1 on)" }).click();
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("marketing");
    await page.getByRole("button", { name: "Hide filters" }).click();
    await expect(page.getByLabel("Status", { exact: true })).toBeHidden();

    // "Request status change" can be tapped and its dialog fits the screen.
    await page.goto(`/contacts?portal=${alpineId}`);
    const request = page.getByRole("button", { name: "Request status change" });
    await request.scrollIntoViewIfNeeded();
    await expect(request).toBeInViewport();
    await expectWithinScreen(page, await request.boundingBox(), "Request status change");
    await request.click();
    const dialog = page.getByRole("dialog", { name: "Request a marketing-status change" });
    await expect(dialog).toBeVisible();
    await expectWithinScreen(page, await dialog.boundingBox(), "the status request dialog");
    await expect(dialog.getByRole("button", { name: "Preview" })).toBeVisible();
  });
});
