import { expect, type Page } from "@playwright/test";

/** The "N contacts match" count, once the current filter's count has arrived (not the previous one). */
export async function matchCount(page: Page): Promise<number> {
  const count = page.getByTestId("match-count");
  await expect(count).toHaveAttribute("aria-busy", "false");
  const match = /([\d,]+) contacts match/.exec((await count.textContent()) ?? "");
  return match ? Number(match[1]!.replace(/,/g, "")) : -1;
}

/**
 * Makes a choice on the contacts page (`choose`) until the view shows `filter`, then counts its
 * matches. The view lives in the URL and renders a moment later; a choice made before the page
 * has hydrated is lost (React resets the controlled select to the URL's view), so on a slow
 * machine it is made again until the count is this filter's.
 */
export async function countWith(page: Page, choose: () => Promise<void>, filter: Record<string, unknown>): Promise<number> {
  const count = page.getByTestId("match-count");
  await expect(async () => {
    await choose();
    await expect
      .poll(async () => JSON.parse((await count.getAttribute("data-filter")) ?? "null") as unknown, { timeout: 3_000 })
      .toEqual(filter);
  }).toPass({ timeout: 30_000 });
  return matchCount(page);
}
