import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";

import { sandboxUrl } from "../playwright.config";
import { countWith, matchCount } from "./contactsView";
import { demo, signIn } from "./fixtures";

const BAKERY_HUB = 20000001;

interface SandboxPortal {
  hubId: number;
  token: string;
  edition: string;
  tier: number;
  billingTerm: "monthly" | "yearly";
  renewalDay: number;
  marketingContacts: number;
  pendingDemotions: number;
}

interface BillingEvent {
  type: "TIER_UPGRADE" | "UPDATE_DATE";
  at: string;
  marketingContacts: number;
  fromTier?: number;
  toTier?: number;
  demotedContacts?: number;
}

async function switchUser(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
}

async function filterCount(page: Page, filters: { status?: string; bounced?: string }): Promise<number> {
  const expected = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.bounced ? { bounced: filters.bounced === "yes" } : {}),
  };
  return countWith(
    page,
    async () => {
      await page.getByLabel("Status", { exact: true }).selectOption(filters.status ?? "");
      await page.getByLabel("Hard bounced").selectOption(filters.bounced ?? "");
    },
    expected,
  );
}

/** A big request (the whole portal, or over the agency's share) asks for its count: type it. */
async function confirmIfAsked(dialog: Locator) {
  const guard = dialog.getByTestId("confirm-count");
  if ((await guard.count()) === 0) return;
  await guard.getByLabel(/^Type [\d,]+ to confirm/).fill((await guard.getAttribute("data-count"))!);
}

async function trpcMutation(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}?batch=1`, { data: { "0": { json: input } } });
}

async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(
    `/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ "0": { json: input } }))}`,
  );
  expect(response.ok(), `${path} answers`).toBe(true);
  return ((await response.json()) as [{ result: { data: { json: T } } }])[0].result.data.json;
}

async function sandboxPortal(request: APIRequestContext, hubId: number): Promise<SandboxPortal> {
  return (await (await request.get(`${sandboxUrl}/_sandbox/portals/${hubId}`)).json()) as SandboxPortal;
}

/** HubSpot's update date for a monthly term: the renewal day of the month (the sandbox computes it in UTC). */
function nextMonthlyUpdateDate(renewalDay: number, after: number): number {
  const d = new Date(after);
  let candidate = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), renewalDay);
  if (candidate <= after) candidate = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, renewalDay);
  return candidate;
}

test("status changes: a manager's demotion waits for the update date; an admin's promotion over the tier waits for billing's approval and upgrades the tier; an analyst and a client cannot request", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const bakery = await sandboxPortal(request, BAKERY_HUB);

  // The owner connects Northwind Bakery by token; the first sync fills its contacts.
  await signIn(page, demo.owner);
  await page.goto("/portals/connect");
  await page.getByRole("textbox", { name: "Token" }).fill(bakery.token);
  await page.getByRole("button", { name: /Connect with( a)? token/i }).click();
  await expect(page.getByRole("heading", { name: "Northwind Bakery" })).toBeVisible();
  const portalId = /\/portals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 120_000 });
  // The contract as HubSpot bills it: the smallest Starter tier (blocks of 1,000) holding today's
  // marketing contacts. The sandbox sized the portal's tier by the same rule; Marketable's contract
  // is set to match, so a promotion that crosses Marketable's tier crosses HubSpot's too.
  const tier = Math.max(1_000, Math.ceil(bakery.marketingContacts / 1_000) * 1_000);
  expect(bakery).toMatchObject({ edition: "starter", billingTerm: "monthly", tier });
  expect((await trpcMutation(page, "portals.updateContract", { portalId, purchasedTier: tier })).ok()).toBe(true);

  // A manager demotes the hard-bounced marketing contacts: preview, then it runs without approval.
  await switchUser(page, demo.manager);
  await page.goto("/contacts");
  await page.getByRole("link", { name: /Northwind Bakery/ }).click();
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  const pendingBefore = await filterCount(page, { status: "pendingDemotion" });
  const allBounced = await filterCount(page, { bounced: "yes" });
  const bounced = await filterCount(page, { status: "marketing", bounced: "yes" });
  expect(bounced).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Request status change" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("Hard bounces cannot be emailed");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("preview-change-count")).toHaveText(bounced.toLocaleString("en-US"));
  await expect(dialog.getByTestId("status-preview")).toContainText("until the next update date");
  await expect(dialog.getByRole("cell", { name: /\$/ }).first()).toBeVisible();
  await expect(dialog.getByText("Under the agency's thresholds")).toBeVisible();
  await confirmIfAsked(dialog);
  await dialog.getByRole("button", { name: "Submit request" }).click();
  // Submitting opens the request's page, where its progress and outcome show.
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("request-state")).toContainText("Succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("request-outcome")).toContainText(`${bounced.toLocaleString("en-US")} changed, 0 failed`);
  await page.goto(`/contacts?portal=${portalId}`);
  expect(await filterCount(page, { status: "pendingDemotion" })).toBe(pendingBefore + bounced);
  expect((await sandboxPortal(request, BAKERY_HUB)).pendingDemotions).toBe(pendingBefore + bounced);

  // HubSpot's clock passes the update date: the queued demotions take effect there.
  const sandboxNow = Date.parse(((await (await request.get(`${sandboxUrl}/_sandbox/clock`)).json()) as { now: string }).now);
  const updateDate = nextMonthlyUpdateDate(bakery.renewalDay, sandboxNow);
  expect((await request.post(`${sandboxUrl}/_sandbox/clock/advance`, { data: { ms: updateDate - sandboxNow + 3_600_000 } })).ok()).toBe(
    true,
  );
  const afterUpdateDate = await sandboxPortal(request, BAKERY_HUB);
  expect(afterUpdateDate.pendingDemotions).toBe(0);
  expect(afterUpdateDate.marketingContacts).toBe(bakery.marketingContacts - pendingBefore - bounced);

  // A resync from the portal page brings them in as non-marketing. A full resync, because the
  // sandbox's clock is now ahead of Marketable's: the demotions are dated at the update date, in
  // Marketable's future, and an incremental sync reads changes only up to Marketable's own now.
  await page.goto(`/portals/${portalId}`);
  const previousRun = (await trpcQuery<{ run: { id: string } | null }>(page, "connections.syncStatus", { portalId })).run!.id;
  await page.getByRole("button", { name: "Full resync" }).click();
  const resyncStatus = async () => {
    const { run } = await trpcQuery<{ run: { id: string; status: string } | null }>(page, "connections.syncStatus", { portalId });
    return run && run.id !== previousRun ? run.status : "not started";
  };
  await expect.poll(resyncStatus, { timeout: 60_000 }).toBe("succeeded");
  await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded");
  await page.goto(`/contacts?portal=${portalId}`);
  expect(await filterCount(page, { status: "pendingDemotion" })).toBe(0);
  expect(await filterCount(page, { status: "marketing", bounced: "yes" })).toBe(0);
  expect(await filterCount(page, { status: "nonMarketing", bounced: "yes" })).toBe(allBounced);

  // An admin promotes every non-marketing contact: over the tier, so it waits.
  await switchUser(page, demo.admin);
  await page.goto(`/contacts?portal=${portalId}`);
  const nonMarketing = await filterCount(page, { status: "nonMarketing" });
  expect(afterUpdateDate.marketingContacts + nonMarketing).toBeGreaterThan(tier);
  await page.getByRole("button", { name: "Request status change" }).click();
  await dialog.getByLabel("Set contacts to").selectOption("marketing");
  await dialog.getByLabel("Reason").fill("Relaunching the newsletter");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByText("Crosses the contact tier")).toBeVisible();
  await confirmIfAsked(dialog);
  await dialog.getByRole("button", { name: "Submit for approval" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestId = page.url().split("/").pop()!;
  await expect(page.getByTestId("request-state")).toContainText("Waiting for approval");
  // The admin cannot approve their own: the button is disabled and the procedure refuses.
  await expect(page.getByText("Your own request")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toBeDisabled();
  const own = await trpcMutation(page, "statusRequests.approve", { portalId, requestId });
  expect(own.status()).toBe(403);
  expect(JSON.stringify(await own.json())).toContain("You cannot approve your own request");
  expect((await sandboxPortal(request, BAKERY_HUB)).tier).toBe(tier);

  // Billing approves it from the approvals inbox; it runs.
  await switchUser(page, demo.billing);
  await page.goto("/approvals");
  const pending = page.getByTestId("inbox-request").filter({ hasText: "Relaunching the newsletter" });
  await expect(pending).toHaveCount(1);
  await pending.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("inbox-request").filter({ hasText: "Relaunching the newsletter" })).toHaveCount(0);
  await switchUser(page, demo.admin);
  await page.goto(`/requests/${requestId}`);
  await expect(page.getByTestId("request-state")).toContainText("Succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("request-outcome")).toContainText(`${nonMarketing.toLocaleString("en-US")} changed, 0 failed`);

  // HubSpot (the sandbox) upgraded the tier as the count crossed it, and billed each step.
  const upgraded = await sandboxPortal(request, BAKERY_HUB);
  expect(upgraded.marketingContacts).toBe(afterUpdateDate.marketingContacts + nonMarketing);
  expect(upgraded.tier).toBe(Math.ceil(upgraded.marketingContacts / 1_000) * 1_000);
  const events = (
    (await (await request.get(`${sandboxUrl}/_sandbox/portals/${BAKERY_HUB}/billing-events`)).json()) as { results: BillingEvent[] }
  ).results;
  const upgrades = events.filter((e) => e.type === "TIER_UPGRADE");
  expect(upgrades.length).toBeGreaterThan(0);
  expect(upgrades[0]!.fromTier).toBe(tier);
  expect(upgrades.at(-1)!.toTier).toBe(upgraded.tier);
  for (const [i, e] of upgrades.entries()) {
    expect(e.toTier!).toBeGreaterThan(e.fromTier!);
    expect(e.marketingContacts).toBeGreaterThan(e.fromTier!);
    if (i > 0) expect(e.fromTier).toBe(upgrades[i - 1]!.toTier);
  }
  expect(events.find((e) => e.type === "UPDATE_DATE" && Date.parse(e.at) === updateDate)?.demotedContacts).toBe(pendingBefore + bounced);

  // Marketable's billing page counts them already (no sync) and says the tier HubSpot moved to.
  await page.goto(`/billing/${portalId}`);
  const overTier = page.getByTestId("over-tier");
  await expect(overTier).toContainText(
    `${upgraded.marketingContacts.toLocaleString("en-US")} marketing contacts against a tier of ${tier.toLocaleString("en-US")}`,
  );
  await expect(overTier.getByTestId("over-tier-new-limit")).toHaveText(upgraded.tier.toLocaleString("en-US"));
  await overTier.getByRole("link", { name: "Update the contract" }).click();
  await expect(page.getByRole("heading", { name: "Edit contract" })).toBeVisible();

  // An analyst and a client see the contacts but no request button, and the procedure is FORBIDDEN.
  for (const user of [demo.analyst, demo.client]) {
    await switchUser(page, user);
    await page.goto(`/contacts?portal=${portalId}`);
    await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
    expect(await matchCount(page)).toBeGreaterThan(0);
    await expect(page.getByRole("button", { name: "Request status change" })).toHaveCount(0);
    const refused = await trpcMutation(page, "statusRequests.create", {
      portalId,
      target: "nonMarketing",
      reason: "Not mine to ask",
      selection: { kind: "filter", filter: {} },
    });
    expect(refused.status(), `${user} is refused`).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain("FORBIDDEN");
  }
});
