import { expect, test, type Page } from "@playwright/test";
import { sandboxUrl } from "../playwright.config";
import { demo, signIn } from "./fixtures";

const BAKERY_HUB = 20000001;

async function switchUser(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
}

async function matchCount(page: Page): Promise<number> {
  const text = (await page.getByText(/contacts match|Loading…/).first().textContent()) ?? "";
  const match = /([\d,]+) contacts match/.exec(text);
  return match ? Number(match[1]!.replace(/,/g, "")) : -1;
}

async function trpcMutation(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}?batch=1`, { data: { "0": { json: input } } });
}

test("status changes: a manager's demotion runs at once; an admin's promotion over the tier waits for billing's approval; an analyst cannot request", async ({ page, request }) => {
  test.setTimeout(240_000);
  const sandboxPortals = ((await (await request.get(`${sandboxUrl}/_sandbox/portals`)).json()) as { results: { hubId: number; token: string; marketingContacts: number }[] }).results;
  const bakery = sandboxPortals.find((p) => p.hubId === BAKERY_HUB)!;

  // The owner connects Northwind Bakery by token; the first sync fills its contacts.
  await signIn(page, demo.owner);
  await page.goto("/portals/connect");
  await page.getByRole("textbox", { name: "Token" }).fill(bakery.token);
  await page.getByRole("button", { name: /Connect with( a)? token/i }).click();
  await expect(page.getByRole("heading", { name: "Northwind Bakery" })).toBeVisible();
  const portalId = /\/portals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 120_000 });
  // The contract as HubSpot bills it: the smallest Starter tier holding today's marketing contacts.
  const tier = Math.max(1_000, Math.ceil(bakery.marketingContacts / 1_000) * 1_000);
  expect((await trpcMutation(page, "portals.updateContract", { portalId, purchasedTier: tier })).ok()).toBe(true);

  // A manager demotes the hard-bounced marketing contacts: preview, then it runs without approval.
  await switchUser(page, demo.manager);
  await page.goto("/contacts");
  await page.getByRole("link", { name: /Northwind Bakery/ }).click();
  await page.getByLabel("Status", { exact: true }).selectOption("marketing");
  await page.getByLabel("Hard bounced").selectOption("yes");
  await expect(page.getByText(/contacts match/)).toBeVisible();
  await expect.poll(() => matchCount(page)).toBeGreaterThan(0);
  const bounced = await matchCount(page);
  await page.getByRole("button", { name: "Request status change" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("Hard bounces cannot be emailed");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("preview-change-count")).toHaveText(bounced.toLocaleString("en-US"));
  await expect(dialog.getByTestId("status-preview")).toContainText("until the next update date");
  await expect(dialog.getByRole("cell", { name: /\$/ }).first()).toBeVisible();
  await expect(dialog.getByText("Under the agency's thresholds")).toBeVisible();
  await dialog.getByRole("button", { name: "Submit request" }).click();
  const firstRequest = page.getByTestId("status-request").first();
  await expect(firstRequest).toContainText("Succeeded", { timeout: 60_000 });
  await expect(firstRequest).toContainText(`${bounced.toLocaleString("en-US")} changed, 0 failed`);
  await page.getByLabel("Status", { exact: true }).selectOption("pendingDemotion");
  await expect.poll(() => matchCount(page)).toBe(bounced);

  // An admin promotes every non-marketing contact: over the tier, so it waits.
  await switchUser(page, demo.admin);
  await page.goto(`/contacts?portal=${portalId}`);
  await page.getByLabel("Status", { exact: true }).selectOption("nonMarketing");
  await expect.poll(() => matchCount(page)).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Request status change" }).click();
  await dialog.getByLabel("Set contacts to").selectOption("marketing");
  await dialog.getByLabel("Reason").fill("Relaunching the newsletter");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByText("Crosses the contact tier")).toBeVisible();
  await dialog.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("status-request").first()).toContainText("Waiting for approval");
  // The admin cannot approve their own: the button is disabled and the procedure refuses.
  await page.reload();
  const waiting = page.getByTestId("approval-request").first();
  await expect(waiting).toContainText("Your own request");
  await expect(waiting.getByRole("button", { name: "Approve" })).toBeDisabled();
  const requestId = ((await (await page.request.get(`/api/trpc/statusRequests.list?batch=1&input=${encodeURIComponent(JSON.stringify({ "0": { json: { portalId } } }))}`)).json()) as [{ result: { data: { json: { items: { id: string; state: string }[] } } } }])[0].result.data.json.items.find((r) => r.state === "pending_approval")!.id;
  const own = await trpcMutation(page, "statusRequests.approve", { portalId, requestId });
  expect(own.status()).toBe(403);
  expect(JSON.stringify(await own.json())).toContain("You cannot approve your own request");

  // Billing approves it from the portal page; it runs.
  await switchUser(page, demo.billing);
  await page.goto(`/portals/${portalId}`);
  const pending = page.getByTestId("approval-request").first();
  await expect(pending).toContainText("Relaunching the newsletter");
  await pending.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("approval-request")).toHaveCount(0);
  await switchUser(page, demo.admin);
  await page.goto(`/contacts?portal=${portalId}`);
  await expect(page.getByTestId("status-request").first()).toContainText("Succeeded", { timeout: 60_000 });

  // An analyst sees the contacts but no request button, and the procedure is FORBIDDEN.
  await switchUser(page, demo.analyst);
  await page.goto(`/contacts?portal=${portalId}`);
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Request status change" })).toHaveCount(0);
  const refused = await trpcMutation(page, "statusRequests.create", { portalId, target: "nonMarketing", reason: "Not mine to ask", selection: { kind: "filter", filter: {} } });
  expect(refused.status()).toBe(403);
  expect(JSON.stringify(await refused.json())).toContain("FORBIDDEN");
});
