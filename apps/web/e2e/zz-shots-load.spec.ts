import { expect, test } from "@playwright/test";
import { demo, signIn } from "./fixtures";

// Temporary: screenshots of the paged roll-up and Integrations matrix (not committed).
test("screenshots", async ({ page }) => {
  await signIn(page, demo.owner);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto("/billing");
    await expect(page.getByRole("table", { name: /Agency roll-up/ }).locator("tbody tr").first()).toBeVisible();
    await expect(page.getByText(/Page 1 of 1/).first()).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/rollup-${width}.png`, fullPage: true });
    await page.goto("/integrations");
    await expect(page.getByTestId("drift-count")).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/integrations-${width}.png`, fullPage: true });
  }
  // Search and sort in the URL, kept on reload.
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/billing");
  await page.getByLabel("Search portals").fill("dental");
  await expect(page).toHaveURL(/q=dental/);
  await page.reload();
  await expect(page.getByLabel("Search portals")).toHaveValue("dental");
  await expect(page.getByRole("table", { name: /Agency roll-up/ }).locator("tbody tr")).toHaveCount(1);
  await page.screenshot({ path: `/tmp/shots/rollup-search-1440.png`, fullPage: true });
});
