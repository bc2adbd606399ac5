import { expect, test, type Page } from "@playwright/test";

import { connectAlpineByToken, demo, portalUrl, signIn } from "./fixtures";

// The cost decision: what a status change is worth, one date for the same renewal on
// every page, and a billing page whose chart shows the tier and ends where its content does.

const ALPINE = "Alpine Outfitters"; // Starter, monthly, renews on the 20th.
const DEMO_PORTALS = ["Northwind Bakery", "Blue Harbor Dental", ALPINE, "Cedar & Pine Realty"];

async function trpcMutation(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}?batch=1`, { data: { "0": { json: input } } });
}

async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(
    `/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ "0": { json: input } }))}`,
  );
  expect(response.ok(), `${path} answers`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }[])[0]!.result.data.json;
}

async function openPreview(page: Page, portalId: string, status: "marketing" | "nonMarketing", target: "marketing" | "nonMarketing") {
  await page.goto(`/contacts?portal=${portalId}`);
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption(status);
  await expect(page.getByTestId("match-count")).toHaveAttribute("aria-busy", "false");
  await page.getByRole("button", { name: "Request status change" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Set contacts to").selectOption(target);
  await dialog.getByLabel("Reason").fill("What is it worth?");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("money-summary")).toBeVisible();
  return dialog;
}

test("the preview says what a change is worth in the portal's currency: a demotion's saving at renewal and its deadline, a promotion's upgrade and pro-rated charge", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, demo.owner);
  const portalId = await connectAlpineByToken(page);
  const billing = await trpcQuery<{
    portal: { currency: string };
    usage: { marketing: number; pendingDemotion: number; nonMarketing: number };
    tierLimit: number;
  }>(page, "billing.portal", { portalId });
  const { marketing, nonMarketing } = billing.usage;
  // An amount in the portal's currency (the one HubSpot's account details gave it at connection).
  const prefix = new Intl.NumberFormat("en-US", { style: "currency", currency: billing.portal.currency }).format(0).replace(/0\.00$/, "");
  const M = `${prefix.replace(/[.*+?^${}()|[\]\\$]/g, "\\$&")}[\\d,]+\\.\\d\\d`;
  const re = (source: string) => new RegExp(source.replaceAll("MONEY", () => M));
  // The contract at the smallest Starter tier (blocks of 1,000) holding today's count, so that a
  // demotion of every marketing contact lowers the tier at renewal and promoting every other
  // contact crosses it. Restored at the end: other specs read Alpine's contract.
  const tier = Math.max(1_000, Math.ceil(marketing / 1_000) * 1_000);
  expect(marketing + nonMarketing, "enough non-marketing contacts to cross the tier").toBeGreaterThan(tier);
  expect((await trpcMutation(page, "portals.updateContract", { portalId, purchasedTier: tier })).ok()).toBe(true);
  try {
    // Demotion: nothing this term, the contacts leave at the update date, a saving at renewal.
    const demotion = await openPreview(page, portalId, "marketing", "nonMarketing");
    const summary = demotion.getByTestId("money-summary");
    await expect(demotion.getByTestId("money-this-term")).toContainText("No change: the tier cannot fall before the renewal");
    await expect(summary.getByTestId("money-headline")).toContainText(
      re("^Saves MONEY a month \\(MONEY per term \\(one month\\)\\) from the renewal on "),
    );
    // The case that can still be acted on: the next renewal's, or the one after it once the deadline has passed.
    const renewalCase = summary.getByTestId(
      (await summary.getByTestId("money-next-renewal").count()) ? "money-next-renewal" : "money-renewal",
    );
    await expect(renewalCase).toContainText(
      re(
        "Lets you request tier 1,000 instead of [\\d,]+, saving MONEY a month \\(MONEY per term \\(one month\\)\\) — ask HubSpot by [A-Z][a-z]{2} \\d{1,2}, \\d{4}\\.",
      ),
    );
    await expect(demotion.getByTestId("preview-counts")).toContainText(re(M));
    await page.keyboard.press("Escape");

    // Promotion over the tier: the upgrade, its pro-rated charge now, the new monthly cost.
    const promotion = await openPreview(page, portalId, "nonMarketing", "marketing");
    const upgradeTo = Math.ceil((marketing + nonMarketing) / 1_000) * 1_000;
    await expect(promotion.getByTestId("money-headline")).toContainText(
      re(`^Upgrades the tier to ${upgradeTo.toLocaleString("en-US")}: MONEY now, then MONEY a month`),
    );
    await expect(promotion.getByTestId("money-upgrade")).toContainText(
      re("charges MONEY pro-rated \\(\\d+ of \\d+ days left in the term\\)"),
    );
    await expect(promotion.getByTestId("money-monthly")).toContainText(re("MONEY a month from now on \\(was MONEY"));
    await page.keyboard.press("Escape");
  } finally {
    expect((await trpcMutation(page, "portals.updateContract", { portalId, purchasedTier: billing.tierLimit })).ok()).toBe(true);
  }
});

test("every demo portal's next contract renewal is the same day on the portals list, overview, portal page, billing page and renewal pack", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, demo.owner);
  await page.goto("/portals");
  const fromList = new Map<string, string>();
  for (const name of DEMO_PORTALS) {
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
    fromList.set(name, (await row.getByTestId("next-renewal").getAttribute("data-day"))!);
  }
  await page.goto("/");
  const overview = page.getByRole("region", { name: "Next renewals" });
  for (const name of DEMO_PORTALS) {
    const item = overview.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(item.getByTestId("next-renewal"), `${name} on the overview`).toHaveAttribute("data-day", fromList.get(name)!);
  }
  for (const name of DEMO_PORTALS) {
    const day = fromList.get(name)!;
    expect(day, `${name} has a renewal date`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const href = await portalUrl(page, name);
    await page.goto(href);
    await expect(page.getByTestId("next-renewal"), `${name} on its portal page`).toHaveAttribute("data-day", day);
    const id = href.split("/").pop()!;
    await page.goto(`/billing/${id}`);
    await expect(page.getByTestId("next-renewal"), `${name} on its billing page`).toHaveAttribute("data-day", day);
    await page.goto(`/billing/${id}/renewal`);
    await expect(page.getByTestId("next-renewal"), `${name} in its renewal pack`).toHaveAttribute("data-day", day);
  }
  // Northwind Bakery renews monthly on the 5th: the next renewal is within a month, whatever its stored anchor says.
  const bakery = fromList.get("Northwind Bakery")!;
  expect(bakery.endsWith("-05")).toBe(true);
  const daysAway = (Date.parse(`${bakery}T00:00:00Z`) - Date.now()) / 86_400_000;
  expect(daysAway).toBeGreaterThan(-1);
  expect(daysAway).toBeLessThanOrEqual(32);
});

test("the billing page ends where its content does, and its usage chart draws the tier line", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, demo.owner);
  const portalId = await connectAlpineByToken(page);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/billing/${portalId}`);
    const usage = page.locator("figure").filter({ hasText: "Daily marketing contacts" });
    await expect(usage.locator(".recharts-reference-line")).toHaveCount(1);
    // A horizontal line has no height (Playwright calls it hidden): check it lies inside the plot.
    const y = Number(await usage.locator(".recharts-reference-line line").getAttribute("y1"));
    const plot = (await usage.locator(".recharts-cartesian-grid").boundingBox())!;
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThanOrEqual(plot.height + 16);
    await expect(usage.locator("svg text").filter({ hasText: "Tier 10,000" })).toHaveCount(1);
    const gap = await page.evaluate(() => {
      // The lowest bottom edge of anything a sighted reader can see (1-px screen-reader boxes excluded).
      let last = 0;
      for (const el of Array.from(document.body.querySelectorAll("*"))) {
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none") continue;
        if (el.closest(".sr-only")) continue;
        last = Math.max(last, box.bottom + window.scrollY);
      }
      return document.documentElement.scrollHeight - last;
    });
    expect(gap, `blank space below the last content at ${width} px`).toBeLessThanOrEqual(300);
  }
});
