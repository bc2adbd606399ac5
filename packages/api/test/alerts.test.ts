import { createHmac } from "node:crypto";

import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { alertDeliveries, alerts, portals, usageSnapshots } from "@marketable/db";
import { createAgency, createMember } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { logger } from "@marketable/logger";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createWorkerDeps } from "../src/jobs/workerDeps";
import { createCaller } from "../src/root";
import { deliverAlert } from "../src/services/alerts/deliverAlert";
import { evaluateAlerts } from "../src/services/alerts/evaluateAlerts";
import { verifyAlertSignature } from "../src/services/alerts/signature";
import { runSync } from "../src/services/sync/runSync";
import { startAlertReceiver } from "./alertReceiver";
import { recordingScheduler, sandboxHubSpot } from "./hubspotSandbox";

const engines = await availableEngines();

describe.each(engines)("alerts on %s", (engine) => {
  let t: TestDatabase;
  let hub: Awaited<ReturnType<typeof sandboxHubSpot>>;
  let receiver: Awaited<ReturnType<typeof startAlertReceiver>>;
  let ownerId: string;
  const scheduler = recordingScheduler();
  const deliveries: string[] = [];
  const clock = fixedClock("2026-11-29T12:00:00Z");
  // The receiver is on 127.0.0.1: the deployment opt-in (ALERT_WEBHOOK_ALLOW_PRIVATE=1) for local receivers.
  const webhookPolicy = { allowPrivate: true };
  const caller = () =>
    createCaller(createTRPCContext({ db: t.db, userId: ownerId, clock, hubspot: hub.settings, scheduler, webhookPolicy }));
  const deliver = (deliveryId: string) => deliverAlert({ db: t.db, keyring: hub.settings.keyring, policy: webhookPolicy }, deliveryId);
  // The worker passes the queue here; the test keeps the ids and runs the delivery itself.
  const deps = () =>
    createWorkerDeps({
      db: t.db,
      settings: hub.settings,
      log: logger,
      scheduler: { ...scheduler, deliverAlert: async (id) => void deliveries.push(id) },
    });
  const target = () => hub.clientPortals[0]!;
  let portalId: string;
  let secret: string;

  const reload = async () => (await t.db.select().from(portals).where(eq(portals.id, portalId)))[0]!;
  const marketingNow = async () =>
    (await t.db.select().from(usageSnapshots).where(eq(usageSnapshots.portalId, portalId)).orderBy(desc(usageSnapshots.day)).limit(1))[0]!
      .marketing;
  const thresholdAlerts = async () =>
    (await caller().alerts.list({ status: "open", portalId })).alerts
      .filter((a) => a.kind === "threshold")
      .map((a) => a.detail.threshold)
      .sort();

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    hub = await sandboxHubSpot();
    receiver = await startAlertReceiver();
    const agency = await createAgency(t.db, { name: "Alerting Agency" });
    ownerId = (await createMember(t.db, { agencyId: agency.id, role: "owner" })).id;
    portalId = (await caller().connections.connectToken({ token: target().token })).portalId;
    await runSync(deps(), scheduler.requests.at(-1)!.runId);
  });
  afterAll(async () => {
    await receiver?.close();
    await hub?.sandbox.close();
    await t?.close();
  });

  it("a sandbox portal pushed past 90% raises the 80 and 90% alerts, listed with links to billing", async () => {
    const marketing = await marketingNow();
    expect(marketing).toBeGreaterThan(0);
    // A tier the portal uses 70% of: below every default threshold.
    const tier = Math.ceil(marketing / 0.7);
    await caller().portals.updateContract({ portalId, purchasedTier: tier });
    const webhook = await caller().alerts.setWebhook({ webhook: { url: receiver.url } });
    expect(webhook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    secret = webhook.secret!;
    expect(await evaluateAlerts(t.db, await reload(), clock.now())).toMatchObject({ raised: [] });

    const app = target().apps.find((a) => a.createsContacts)!;
    hub.sandbox.admin.createContacts(target().hubId, {
      source: "app",
      appId: app.appId,
      marketing: true,
      count: Math.ceil(tier * 0.92) - marketing,
    });
    const { runId } = await caller().connections.sync({ portalId, kind: "incremental" });
    await runSync(deps(), runId);

    expect((await marketingNow()) / tier).toBeGreaterThanOrEqual(0.9);
    expect(await thresholdAlerts()).toEqual([80, 90]);
    const listed = (await caller().alerts.list({ status: "open", portalId })).alerts.find((a) => a.detail.threshold === 90)!;
    expect(listed).toMatchObject({ severity: "warning", causePath: `/billing/${portalId}`, canAcknowledge: true, acknowledgedAt: null });
    // The same day's jump (70% → 92% of the tier, about +30%) is also a spike over yesterday's backfilled snapshot.
    const spike = (await caller().alerts.list({ status: "open", portalId })).alerts.filter((a) => a.kind === "spike");
    expect(spike).toHaveLength(1);
    expect(spike[0]!.detail.growthPct).toBeGreaterThanOrEqual(10);
    expect(await caller().alerts.badge()).toEqual({ unacknowledged: 3 });
    expect(deliveries).toHaveLength(3);
  });

  it("the webhook receiver gets each alert with a valid signature; a failed attempt is retried", async () => {
    receiver.answers.push(500);
    const first = await deliver(deliveries[0]!);
    expect(first).toMatchObject({ status: "pending", attempts: 1, statusCode: 500 });
    const [pending] = await t.db.select().from(alertDeliveries).where(eq(alertDeliveries.id, deliveries[0]!));
    expect(pending).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(pending!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // The retry (the job queue runs it again after its backoff) gets through.
    expect(await deliver(deliveries[0]!)).toMatchObject({ status: "delivered", attempts: 2 });
    expect(await deliver(deliveries[1]!)).toMatchObject({ status: "delivered", attempts: 1 });
    expect(await deliver(deliveries[2]!)).toMatchObject({ status: "delivered", attempts: 1 });
    // Delivered is final: running the job again sends nothing.
    await deliver(deliveries[1]!);
    expect(receiver.received).toHaveLength(4);

    const bodies = receiver.received
      .filter((r) => r.answered === 200)
      .map((r) => {
        const signature = r.headers["x-marketable-signature"] as string;
        const timestamp = r.headers["x-marketable-timestamp"] as string;
        // Checked with node:crypto directly, not only with the product's own verifier.
        expect(signature).toBe(`sha256=${createHmac("sha256", secret).update(`${timestamp}.${r.rawBody}`).digest("hex")}`);
        expect(verifyAlertSignature(secret, { signature, timestamp, body: r.rawBody })).toBe(true);
        expect(verifyAlertSignature("whsec_wrong", { signature, timestamp, body: r.rawBody })).toBe(false);
        expect(verifyAlertSignature(secret, { signature, timestamp, body: r.rawBody.replace("alert", "alerT") })).toBe(false);
        return JSON.parse(r.rawBody) as {
          alert: { kind: string; detail: { threshold: number }; portal: { id: string }; causePath: string };
        };
      });
    // The settings page's view of it: each delivery's outcome, never the signing secret.
    const settings = await caller().alerts.webhook();
    expect(settings.webhook).toMatchObject({ url: receiver.url, enabled: true });
    expect(settings.deliveries).toHaveLength(3);
    expect(settings.deliveries.map((d) => d.status)).toEqual(["delivered", "delivered", "delivered"]);
    expect(settings.deliveries.find((d) => d.id === deliveries[0])).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null });
    expect(JSON.stringify(settings)).not.toContain(secret);
    const thresholds = bodies.filter((b) => b.alert.kind === "threshold");
    expect(thresholds.map((b) => b.alert.detail.threshold).sort()).toEqual([80, 90]);
    expect(thresholds[0]!.alert).toMatchObject({ kind: "threshold", portal: { id: portalId }, causePath: `/billing/${portalId}` });
  });

  it("re-evaluating while the condition holds raises nothing new, even after acknowledging", async () => {
    const open = (await caller().alerts.list({ status: "open", portalId })).alerts;
    await caller().alerts.acknowledge({ portalId, alertId: open[0]!.id });
    expect(await caller().alerts.badge()).toEqual({ unacknowledged: open.length - 1 });
    const before = await t.db.select().from(alerts).where(eq(alerts.portalId, portalId));
    const again = await evaluateAlerts(t.db, await reload(), clock.now());
    expect(again).toEqual({ raised: [], resolved: [], deliveryIds: [] });
    expect(await t.db.select().from(alerts).where(eq(alerts.portalId, portalId))).toEqual(before);
    expect(await thresholdAlerts()).toEqual([80, 90]);
  });

  it("alerts resolve when usage drops below their thresholds, and a new crossing raises a new one", async () => {
    const marketing = await marketingNow();
    // Usage share drops to ~85%: the 90% alert clears, the 80% one holds.
    await caller().portals.updateContract({ portalId, purchasedTier: Math.ceil(marketing / 0.85) });
    const dropped = await evaluateAlerts(t.db, await reload(), clock.now());
    expect(dropped.resolved.map((a) => a.dedupeKey)).toEqual(["threshold:90"]);
    expect(await thresholdAlerts()).toEqual([80]);
    const all = (await caller().alerts.list({ status: "all", portalId })).alerts.filter((a) => a.detail.threshold === 90);
    expect(all).toHaveLength(1);
    expect(all[0]!.resolvedAt).not.toBeNull();

    await caller().portals.updateContract({ portalId, purchasedTier: Math.ceil(marketing / 0.95) });
    const back = await evaluateAlerts(t.db, await reload(), clock.now());
    expect(back.raised.map((a) => a.dedupeKey)).toEqual(["threshold:90"]);
    expect(back.deliveryIds).toHaveLength(1);
    expect(
      await t.db
        .select()
        .from(alerts)
        .where(and(eq(alerts.portalId, portalId), eq(alerts.dedupeKey, "threshold:90"))),
    ).toHaveLength(2);
  });

  it("refuses a plain-http webhook URL off this machine with a clear message", async () => {
    await expect(caller().alerts.setWebhook({ webhook: { url: "http://hooks.example.test/x" } })).rejects.toThrow(/must use https/);
  });
});
