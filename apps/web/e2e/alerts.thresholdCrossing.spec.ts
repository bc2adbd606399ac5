import { expect, test, type Page } from "@playwright/test";

import { sandboxUrl } from "../playwright.config";
import { seriousViolations } from "./accessibility";
import { expectedSignature, startAlertWebhookReceiver } from "./alertWebhookReceiver";
import { demo, signIn } from "./fixtures";

// The portal this spec pushes past 90%: no other spec connects it (team.spec only grants it).
const CEDAR = "Cedar & Pine Realty";
const CEDAR_HUB = 20000004;

const webhookForm = (page: Page) => page.getByRole("form", { name: "Alert webhook" });

interface AlertWebhookBody {
  type: string;
  deliveryId: string;
  alert: {
    kind: string;
    severity: string;
    title: string;
    causePath: string;
    detail: { threshold?: number };
    portal: { id: string; name: string; hubId: string };
  };
}

// Runs after alerts.spec.ts on purpose (files run in name order, one worker): it leaves Cedar & Pine connected with open alerts and webhook
// deliveries on record, and alerts.spec.ts's webhook test expects an agency that has sent none yet.
test("a sandbox portal pushed past 90% of its tier raises the 80 and 90% alerts in the app, and the webhook receiver gets them signed", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const receiver = await startAlertWebhookReceiver();
  try {
    await signIn(page, demo.owner);

    // The agency's webhook points at the receiver; a rotation shows the secret that signs from now
    // on (a first save shows one too, but the webhook test above has already made one).
    await page.goto("/alerts");
    await webhookForm(page).getByLabel("Webhook URL").fill(receiver.url);
    await webhookForm(page).getByRole("button", { name: "Save webhook" }).click();
    // Reload only once the save has answered: reloading at once raced it (CI read the old URL back).
    await expect(page.getByText("Webhook saved")).toBeVisible();
    await page.reload();
    await expect(webhookForm(page).getByLabel("Webhook URL")).toHaveValue(receiver.url);
    await webhookForm(page).getByRole("button", { name: "Rotate signing secret" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Rotate" }).click();
    const secretBox = page.getByTestId("webhook-secret");
    await expect(secretBox).toHaveText(/^whsec_[0-9a-f]{64}$/);
    const secret = (await secretBox.textContent())!;

    // The owner connects Cedar & Pine Realty by token and waits for its first sync.
    const cedar = (await (await request.get(`${sandboxUrl}/_sandbox/portals/${CEDAR_HUB}`)).json()) as {
      token: string;
      tier: number;
      marketingContacts: number;
    };
    await page.goto("/portals/connect");
    const connect = page.getByRole("form", { name: "Connect with a token" });
    await connect.getByLabel("Token").fill(cedar.token);
    await connect.getByRole("button", { name: "Connect with token" }).click();
    await expect(page.getByRole("heading", { name: CEDAR })).toBeVisible();
    const portalId = /\/portals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 180_000 });

    // The contract as HubSpot bills it (the sandbox's tier), set in the portal's contract form.
    const contract = page.getByRole("form", { name: "Contract" });
    await contract.getByLabel("Marketing contacts purchased").fill(String(cedar.tier));
    await contract.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Contract saved")).toBeVisible();
    await page.reload();
    await expect(contract.getByLabel("Marketing contacts purchased")).toHaveValue(String(cedar.tier));
    expect(cedar.marketingContacts / cedar.tier).toBeLessThan(0.8);

    // In HubSpot (the sandbox), a form campaign brings the marketing contacts to 93% of the tier.
    const target = Math.ceil((cedar.tier * 93) / 100);
    const created = await request.post(`${sandboxUrl}/_sandbox/portals/${CEDAR_HUB}/contacts`, {
      data: { source: "form", formName: "Spring open house", count: target - cedar.marketingContacts },
    });
    expect(created.ok()).toBe(true);
    const pushed = (await (await request.get(`${sandboxUrl}/_sandbox/portals/${CEDAR_HUB}`)).json()) as {
      tier: number;
      marketingContacts: number;
    };
    expect(pushed).toMatchObject({ tier: cedar.tier, marketingContacts: target });

    // Sync now: Marketable sees the new count and evaluates the portal's alerts after the sync.
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByTestId("sync-status")).toContainText("incremental sync succeeded", { timeout: 120_000 });

    // The alerts list: the 80 and 90% thresholds (not 100%), each linking to the billing page.
    const list = page.getByTestId("alerts-list");
    const title = (pct: number) => `${CEDAR} is at 93% of its marketing contact tier (${pct}% threshold)`;
    const thresholdAlert = (pct: number) => page.getByRole("link", { name: title(pct), exact: true });
    // Evaluation runs right after the run is marked succeeded: reload until it has.
    await expect(async () => {
      await page.goto("/alerts");
      await expect(thresholdAlert(90)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(thresholdAlert(80)).toBeVisible();
    await expect(list.getByRole("link", { name: /\(100% threshold\)/ })).toHaveCount(0);
    for (const pct of [80, 90]) await expect(thresholdAlert(pct)).toHaveAttribute("href", `/billing/${portalId}`);
    await expect(list.getByRole("listitem").filter({ has: thresholdAlert(90) })).toContainText(`${CEDAR} · warning`);
    await expect(list.getByRole("listitem").filter({ has: thresholdAlert(80) })).toContainText(`${CEDAR} · info`);
    // The same sync also raised a daily spike: the day's +4,000 contacts are far over +10%.
    await expect(
      list.getByRole("link", { name: new RegExp(`^${CEDAR} gained ${target - cedar.marketingContacts} marketing contacts in a day`) }),
    ).toBeVisible();

    // The navigation's badge counts the open, unacknowledged alerts: every one listed here.
    const open = await list.getByRole("listitem").count();
    expect(open).toBeGreaterThanOrEqual(2);
    await expect(list.getByText("acknowledged")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Alerts/ })).toHaveText(`Alerts (${open})`);

    // The alert's link leads to its cause.
    await thresholdAlert(90).click();
    await expect(page).toHaveURL(new RegExp(`/billing/${portalId}$`));
    await expect(page.getByRole("heading", { name: `${CEDAR}: billing` })).toBeVisible();

    // The receiver got each threshold alert once (delivery is a queued job), signed with the secret.
    const bodyOf = (raw: string) => JSON.parse(raw) as AlertWebhookBody;
    const thresholdsReceived = () =>
      receiver.received
        .map((r) => bodyOf(r.rawBody).alert.detail.threshold)
        .filter((t) => t !== undefined)
        .sort();
    await expect.poll(thresholdsReceived, { timeout: 60_000 }).toEqual([80, 90]);
    for (const delivery of receiver.received) {
      expect(delivery).toMatchObject({ method: "POST", path: "/hooks/marketable" });
      expect(delivery.headers["content-type"]).toBe("application/json");
      const timestamp = delivery.headers["x-marketable-timestamp"] as string;
      expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
      expect(delivery.headers["x-marketable-signature"]).toBe(expectedSignature(secret, timestamp, delivery.rawBody));
      expect(delivery.headers["x-marketable-delivery"]).toBe(bodyOf(delivery.rawBody).deliveryId);
    }
    const ninety = receiver.received.find((r) => bodyOf(r.rawBody).alert.detail.threshold === 90)!;
    expect(bodyOf(ninety.rawBody)).toMatchObject({
      type: "alert.raised",
      alert: {
        kind: "threshold",
        severity: "warning",
        title: title(90),
        causePath: `/billing/${portalId}`,
        portal: { id: portalId, name: CEDAR, hubId: String(CEDAR_HUB) },
      },
    });
    // The check is not vacuous: another body or another secret does not verify.
    const ts = ninety.headers["x-marketable-timestamp"] as string;
    expect(ninety.headers["x-marketable-signature"]).not.toBe(
      expectedSignature(secret, ts, ninety.rawBody.replace("(90% threshold)", "(80% threshold)")),
    );
    expect(ninety.headers["x-marketable-signature"]).not.toBe(expectedSignature(`${secret}0`, ts, ninety.rawBody));

    // The webhook settings show the deliveries as delivered.
    await expect(async () => {
      await page.goto("/alerts");
      await expect(
        page
          .getByTestId("webhook-deliveries")
          .getByRole("row")
          .filter({ hasText: title(90) }),
      ).toContainText("delivered", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    // The page with open alerts listed and delivered badges has no serious violations either.
    expect(await seriousViolations(page)).toEqual([]);

    // Remove the webhook, so the specs after this one raise alerts without sending them anywhere.
    await webhookForm(page).getByRole("button", { name: "Remove webhook" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
    await expect(webhookForm(page).getByRole("button", { name: "Remove webhook" })).toHaveCount(0);
    await expect(webhookForm(page).getByLabel("Webhook URL")).toHaveValue("");
  } finally {
    await receiver.close();
  }
});
