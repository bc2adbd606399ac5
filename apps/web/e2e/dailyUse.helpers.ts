import { expect, type Page } from "@playwright/test";

import { connectAlpineByToken, portalUrl } from "./fixtures";

// What the daily-use specs share: the synced Alpine portal and the checks of a page that fits its screen and shows no raw data.

export const ALPINE = "Alpine Outfitters";
let alpineId = "";

/** Alpine Outfitters' id, connecting and syncing it first if no test has yet (as the owner). */
export async function alpine(page: Page): Promise<string> {
  if (alpineId) return alpineId;
  const url = await portalUrl(page, ALPINE);
  await page.goto(url);
  await expect(page.getByTestId("sync-status").or(page.getByText("Not connected to HubSpot."))).toBeVisible();
  alpineId = (await page.getByText("Not connected to HubSpot.").isVisible()) ? await connectAlpineByToken(page) : url.split("/").pop()!;
  return alpineId;
}

/** Nothing wider than the screen: the page itself never scrolls sideways (tables scroll in their card). */
export async function expectNoHorizontalOverflow(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${what} fits ${innerWidth} px`).toBeLessThanOrEqual(innerWidth);
}

export async function expectWithinScreen(page: Page, box: { x: number; y: number; width: number; height: number } | null, what: string) {
  const viewport = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends on screen`).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height, `${what} ends on screen`).toBeLessThanOrEqual(viewport.height);
}

/** No raw data on the page: no JSON of an error, no zod issue list. */
export async function expectNoJson(page: Page) {
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/[[{]\s*"(code|message|path|origin|expected)"/);
  expect(text).not.toContain("invalid_type");
  expect(text).not.toContain("too_big");
}
