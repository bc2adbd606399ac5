import { expect, test } from "@playwright/test";

import { connectAlpineByToken, demo, signIn } from "./fixtures";

const widths = [1440, 390] as const;

for (const width of widths) {
  test(`shots at ${width}`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, demo.owner);
    await connectAlpineByToken(page);
    // Owner: roll-up, a refused search typed, then a price table being edited with a bad cell.
    await page.goto("/billing");
    await expect(page.getByRole("table").first()).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/billing-owner-${width}.png`, fullPage: false });
    await page.getByLabel("Search portals").fill("x".repeat(130));
    await expect(page.getByText("Keep the search under 120 characters")).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/billing-search-refused-${width}.png` });
    await page.getByRole("button", { name: "Edit prices" }).first().click();
    const price = page.getByRole("textbox", { name: /block price$/ }).first();
    await price.fill("abc");
    await price.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/shots/billing-price-edit-${width}.png` });
    // The bell, opened on its first press.
    await page.getByTestId("notifications-bell").click();
    await expect(page.getByText("Notifications", { exact: true })).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/bell-open-owner-${width}.png` });
    await page.keyboard.press("Escape");
    // The phone menu, opened on its first press (only under 768 px).
    if (width < 768) {
      await page.getByRole("button", { name: "Menu" }).click();
      await expect(page.getByRole("dialog", { name: "Menu" })).toBeVisible();
      await page.screenshot({ path: `/tmp/shots/menu-open-owner-${width}.png` });
      await page.keyboard.press("Escape");
    }
    // Billing user: the roll-up as they see it.
    await page.context().clearCookies();
    await signIn(page, demo.billing);
    await page.goto("/billing");
    await expect(page.getByRole("table").first()).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/billing-billing-${width}.png` });
  });
}
