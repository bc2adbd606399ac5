import { expect, test, type Page } from "@playwright/test";

import { startSmtpReceiver } from "@marketable/auth/testing";

import { sandboxUrl, smtpPort } from "../playwright.config";
import { demo, signIn } from "./fixtures";

// Approvals as a team workflow: guards for big changes, the inbox, the request page,
// notifications in the app and by email.

const BAKERY_HUB = "20000001";
const REQUEST_URL = /\/requests\/([0-9a-f-]{36})$/;

let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
let portalId: string;
let wholePortalRequest: string;

test.beforeAll(async () => {
  receiver = await startSmtpReceiver(smtpPort);
});
test.afterAll(async () => receiver?.close());

async function switchUser(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
}

async function trpcMutation(page: Page, path: string, input: unknown) {
  const response = await page.request.post(`/api/trpc/${path}?batch=1`, { data: { "0": { json: input } } });
  expect(response.ok(), `${path} answers`).toBe(true);
}

async function openRequestDialog(page: Page) {
  await page.goto(`/contacts?portal=${portalId}`);
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  await expect(page.getByTestId("match-count")).toHaveAttribute("aria-busy", "false");
  await page.getByRole("button", { name: "Request status change" }).click();
  return page.getByRole("dialog");
}

test("with default settings a whole-portal demotion is submitted only once its count is typed, then waits for approval; a request over the share shows its warning", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  // The owner connects Northwind Bakery (again, if another spec did) and waits for its sync.
  await signIn(page, demo.owner);
  const listing = (await (await request.get(`${sandboxUrl}/_sandbox/portals`)).json()) as {
    results: { hubId: number | string; token: string }[];
  };
  await page.goto("/portals/connect");
  await page.getByRole("textbox", { name: "Token" }).fill(listing.results.find((p) => String(p.hubId) === BAKERY_HUB)!.token);
  await page.getByRole("button", { name: /Connect with( a)? token/i }).click();
  await expect(page.getByRole("heading", { name: "Northwind Bakery" })).toBeVisible();
  portalId = /\/portals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 120_000 });
  // The defaults a new agency starts with (the demo agency saved none).
  await page.goto("/settings");
  await expect(page.getByLabel("Size threshold (contacts)")).toHaveValue("1000");
  await expect(page.getByLabel(/Type the count above/)).toHaveValue("25");

  await switchUser(page, demo.manager);
  const dialog = await openRequestDialog(page);
  // No filter, no selection: the source says so.
  await expect(dialog.getByLabel("Contacts", { exact: true })).toHaveValue("filter");
  await expect(dialog.getByLabel("Contacts", { exact: true }).locator("option:checked")).toHaveText("Every contact of this portal");
  await dialog.getByLabel("Reason").fill("Client asked to stop all email");
  await dialog.getByRole("button", { name: "Preview" }).click();
  const guard = dialog.getByTestId("confirm-count");
  const count = Number(await guard.getAttribute("data-count"));
  expect(count).toBeGreaterThan(1_000);
  // "all 1,820 marketing contacts", or "1,800 of the 1,820" when some are already pending demotion.
  await expect(guard).toContainText(
    new RegExp(
      `Every contact of this portal: (all ${count.toLocaleString("en-US")}|${count.toLocaleString("en-US")} of the [\\d,]+) marketing contacts of Northwind Bakery( \\([\\d.]+ %\\))? become non-marketing`,
    ),
  );
  const submit = dialog.getByRole("button", { name: "Submit for approval" });
  await expect(submit).toBeDisabled();
  // Enter in the dialog submits nothing; a wrong count is said at the field.
  await page.keyboard.press("Enter");
  await expect(submit).toBeDisabled();
  const typed = guard.getByLabel(`Type ${count.toLocaleString("en-US")} to confirm`);
  await typed.fill(String(count - 1));
  await expect(guard).toContainText(`Type ${count.toLocaleString("en-US")}, the number of contacts that change`);
  await expect(submit).toBeDisabled();
  await typed.fill(count.toLocaleString("en-US"));
  await expect(submit).toBeEnabled();
  await submit.click();
  await page.waitForURL(REQUEST_URL);
  wholePortalRequest = REQUEST_URL.exec(page.url())![1]!;
  await expect(page.getByTestId("request-state")).toContainText("Waiting for approval");
  await expect(page.getByTestId("request-summary")).toContainText("Every contact of this portal");
  await expect(page.getByText(`Changes ${count.toLocaleString("en-US")} contacts, over the agency's limit of 1,000`).first()).toBeVisible();

  // A filter that still takes more than a quarter of the marketing contacts shows its warning.
  const again = await openRequestDialog(page);
  await page.keyboard.press("Escape");
  await page.getByLabel("Status", { exact: true }).selectOption("marketing");
  await expect(page.getByTestId("match-count")).toHaveAttribute("aria-busy", "false");
  await page.getByRole("button", { name: "Request status change" }).click();
  await expect(again.getByLabel("Contacts", { exact: true }).locator("option:checked")).toHaveText(
    "Everything matching the current filter",
  );
  await again.getByLabel("Reason").fill("Too many");
  await again.getByRole("button", { name: "Preview" }).click();
  await expect(again.getByTestId("confirm-count")).toContainText(/Over the agency's 25 % share: .* marketing contacts of Northwind Bakery/);
  await expect(again.getByRole("button", { name: "Submit for approval" })).toBeDisabled();
});

test("a manager's request reaches the approvers' inbox, bell and email; billing opens its contacts and approves it; the requester hears it finished; a reject needs a reason", async ({
  page,
}) => {
  test.setTimeout(240_000);
  test.skip(!portalId, "needs the first test's portal");
  await signIn(page, demo.owner);
  // Small requests wait for approval too, for this test (restored after).
  await trpcMutation(page, "statusRequests.setGuardrails", {
    approvalSizeThreshold: 1,
    approvalCostThresholdMinor: 0,
    approvalTtlHours: 72,
  });
  try {
    await switchUser(page, demo.manager);
    const dialog = await openRequestDialog(page);
    await page.keyboard.press("Escape");
    // Three marketing contacts (not pending demotion), so all three change.
    await page.getByLabel("Status", { exact: true }).selectOption("marketing");
    await expect(page.getByTestId("match-count")).toHaveAttribute("aria-busy", "false");
    for (let i = 0; i < 3; i++)
      await page
        .getByRole("checkbox", { name: /^Select (?!every contact)/ })
        .nth(i)
        .check();
    await page.getByRole("button", { name: "Request status change" }).click();
    await expect(dialog.getByLabel("Contacts", { exact: true }).locator("option:checked")).toHaveText("Selected contacts (3)");
    await dialog.getByLabel("Reason").fill("Asked to be left alone");
    await dialog.getByRole("button", { name: "Preview" }).click();
    await dialog.getByRole("button", { name: "Submit for approval" }).click();
    await page.waitForURL(REQUEST_URL);
    const requestId = REQUEST_URL.exec(page.url())![1]!;
    const link = `/requests/${requestId}`;

    // The admin: a count in the navigation, a notice in the bell, the request in the inbox.
    await switchUser(page, demo.admin);
    await expect(page.getByRole("link", { name: /^Approvals \(\d+\)$/ })).toBeVisible();
    await page.getByTestId("notifications-bell").click();
    const notice = page
      .getByTestId("notification")
      .filter({ hasText: "Northwind Bakery: non-marketing for 3 contacts waits for your approval" });
    await expect(notice).toHaveAttribute("href", link);
    await page.keyboard.press("Escape");
    await page.goto("/approvals");
    const item = page.getByTestId("inbox-request").filter({ hasText: "Asked to be left alone" });
    await expect(item).toContainText("Requested by manager@northwind.test");
    await expect(item.getByRole("list", { name: "Sample of contacts" }).getByRole("listitem")).toHaveCount(3);

    // Billing cannot open the contacts page, but sees what it approves on the request's page.
    await switchUser(page, demo.billing);
    await page.goto(link);
    await expect(page.getByRole("table", { name: "Contacts of this request" }).getByRole("row")).toHaveCount(4);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByTestId("request-state")).toContainText("Succeeded", { timeout: 60_000 });

    // The requester is told it finished, with a link to the page that shows the outcome and the timeline.
    await switchUser(page, demo.manager);
    await page.getByTestId("notifications-bell").click();
    await page
      .getByTestId("notification")
      .filter({ hasText: "Northwind Bakery: your request (non-marketing for 3 contacts) finished: 3 changed, 0 failed" })
      .click();
    await page.waitForURL(new RegExp(`${link}$`));
    await expect(page.getByTestId("request-outcome")).toContainText("3 changed, 0 failed");
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline).toContainText("Approved; queued to run (billing@northwind.test)");
    await expect(timeline).toContainText(/HubSpot import #\d+ created for 3 contacts/);
    await expect(timeline).toContainText("Verified in HubSpot: 3 changed, 0 failed, 0 skipped");

    // Email: the approvers were told it waits, the requester that it finished, each with the link.
    const mailTo = (address: string, text: string) =>
      receiver.received.filter((m) => m.to.includes(address) && m.raw.includes(text) && m.raw.includes(link));
    await expect.poll(() => mailTo(demo.admin, "waits for your approval").length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => mailTo(demo.billing, "waits for your approval").length).toBe(1);
    await expect.poll(() => mailTo(demo.manager, "finished: 3 changed, 0 failed").length, { timeout: 30_000 }).toBe(1);

    // The admin rejects the whole-portal request: not without a reason; with one, the requester is told.
    await switchUser(page, demo.admin);
    await page.goto("/approvals");
    const whole = page.getByTestId("inbox-request").filter({ hasText: "Client asked to stop all email" });
    await whole.getByRole("button", { name: "Reject" }).click();
    const rejectDialog = page.getByRole("dialog", { name: "Reject this request?" });
    await rejectDialog.getByRole("button", { name: "Reject request" }).click();
    await expect(rejectDialog.getByText("Say why (at least 3 characters): the requester reads it")).toBeVisible();
    await rejectDialog.getByLabel("Reason").fill("Not before the renewal talk");
    await rejectDialog.getByRole("button", { name: "Reject request" }).click();
    await expect(rejectDialog).toBeHidden();
    await expect(page.getByTestId("inbox-request").filter({ hasText: "Client asked to stop all email" })).toHaveCount(0);
    await switchUser(page, demo.manager);
    await page.getByTestId("notifications-bell").click();
    await expect(
      page.getByTestId("notification").filter({ hasText: "rejected by admin@northwind.test: Not before the renewal talk" }),
    ).toHaveAttribute("href", `/requests/${wholePortalRequest}`);
    const rejectedMail = () =>
      receiver.received.filter(
        (m) =>
          m.to.includes(demo.manager) && m.raw.includes("Not before the renewal talk") && m.raw.includes(`/requests/${wholePortalRequest}`),
      );
    await expect.poll(() => rejectedMail().length, { timeout: 30_000 }).toBe(1);
  } finally {
    await switchUser(page, demo.owner);
    await trpcMutation(page, "statusRequests.setGuardrails", {
      approvalSizeThreshold: 1_000,
      approvalCostThresholdMinor: 0,
      approvalTtlHours: 72,
    });
  }
});

test("a hidden request is 404: another agency's viewer, an unknown id and a malformed one", async ({ page }) => {
  test.skip(!wholePortalRequest, "needs the first test's request");
  await signIn(page, demo.owner);
  expect((await page.request.get(`/requests/${wholePortalRequest}`)).status()).toBe(200);
  await switchUser(page, demo.outsider);
  const foreign = await page.request.get(`/requests/${wholePortalRequest}`);
  expect(foreign.status()).toBe(404);
  expect(await foreign.text()).not.toContain("Northwind Bakery");
  for (const id of [crypto.randomUUID(), "not-a-request", "1' or '1'='1"])
    expect((await page.request.get(`/requests/${encodeURIComponent(id)}`)).status()).toBe(404);
});
