import { expect, test, type Page } from "@playwright/test";

import { sandboxUrl } from "../playwright.config";
import { countWith, matchCount } from "./contactsView";
import { demo, signIn } from "./fixtures";

// Blue Harbor Dental: one of the manager's two portals. renewal.spec connects it earlier in the
// suite; connecting it here too keeps this spec runnable alone (a second connect only reconnects).
const HARBOR_HUB = 20000002;

async function connectHarbor(page: Page): Promise<string> {
  const listing = (await (await page.request.get(`${sandboxUrl}/_sandbox/portals`)).json()) as {
    results: { hubId: number; token: string }[];
  };
  const harbor = listing.results.find((p) => p.hubId === HARBOR_HUB);
  expect(harbor, "the sandbox lists Blue Harbor Dental").toBeTruthy();
  await signIn(page, demo.owner);
  await page.goto("/portals/connect");
  await page.getByRole("textbox", { name: "Token" }).fill(harbor!.token);
  await page.getByRole("button", { name: /Connect with( a)? token/i }).click();
  await expect(page.getByRole("heading", { name: "Blue Harbor Dental" })).toBeVisible();
  const portalId = /\/portals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 120_000 });
  return portalId;
}

test("a manager's saved filter is kept on the server: saved in one browser, applied and deleted in a fresh one; a filter this browser kept locally is moved there once", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const portalId = await connectHarbor(page);

  // The manager narrows the contacts and saves the filter under a name.
  await page.context().clearCookies();
  await signIn(page, demo.manager);
  await page.goto(`/contacts?portal=${portalId}`);
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  const everyone = await matchCount(page);
  const reachable = { status: "marketing", bounced: false };
  const matched = await countWith(
    page,
    async () => {
      await page.getByLabel("Status", { exact: true }).selectOption("marketing");
      await page.getByLabel("Hard bounced").selectOption("no");
    },
    reachable,
  );
  expect(matched).toBeGreaterThan(0);
  expect(matched).toBeLessThan(everyone);

  const saved = page.getByLabel("Saved filters");
  await expect(saved).toBeEnabled();
  await page.getByRole("button", { name: "Save current filter" }).click();
  const dialog = page.getByRole("dialog", { name: "Save current filter" });
  // A blank name: the server's zod message lands on the field.
  await dialog.getByLabel("Name").fill("   ");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Name the filter")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Name").fill("Reachable marketing");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(saved.getByRole("option", { name: "Reachable marketing" })).toHaveCount(1);

  // A new browser (fresh localStorage and cookies): the filter is there, and gives the same count.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await signIn(other, demo.manager);
  await other.goto(`/contacts?portal=${portalId}`);
  await expect(other.getByRole("table", { name: "Contacts" })).toBeVisible();
  expect(await matchCount(other)).toBe(everyone);
  const otherSaved = other.getByLabel("Saved filters");
  expect(await countWith(other, () => otherSaved.selectOption({ label: "Reachable marketing" }).then(() => undefined), reachable)).toBe(
    matched,
  );
  await expect(other.getByLabel("Status", { exact: true })).toHaveValue("marketing");

  // Deleting asks first; then it is gone here, and for the first browser too after a reload.
  await other.getByRole("button", { name: "Delete saved filter" }).click();
  const confirm = other.getByRole("alertdialog");
  await expect(confirm).toContainText("Delete “Reachable marketing”?");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(otherSaved.getByRole("option", { name: "Reachable marketing" })).toHaveCount(0);
  await expect(otherSaved.getByRole("option").first()).toHaveText("No saved filters");
  await page.reload();
  await expect(page.getByLabel("Saved filters").getByRole("option").first()).toHaveText("No saved filters");

  // Filters an older version kept in this browser's localStorage move to the server once.
  await other.evaluate(
    ([key, value]) => localStorage.setItem(key!, value!),
    [`marketable.contactFilters.${portalId}`, JSON.stringify([{ name: "Bounced (from this browser)", filter: { bounced: true } }])],
  );
  await other.reload();
  await expect(otherSaved.getByRole("option", { name: "Bounced (from this browser)" })).toHaveCount(1);
  expect(await other.evaluate((key) => localStorage.getItem(key), `marketable.contactFilters.${portalId}`)).toBeNull();
  await page.reload();
  await expect(page.getByLabel("Saved filters").getByRole("option", { name: "Bounced (from this browser)" })).toHaveCount(1);
  await fresh.close();
});
