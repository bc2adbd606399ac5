import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { alertDeliveries, usageSnapshots, type Portal } from "@marketable/db";
import { createPortal } from "@marketable/db/seed";
import { availableEngines, snapshotDatabase } from "@marketable/db/testing";
import { createJobQueue, runWorker, type JobQueue, type Jobs, type RunningWorker } from "@marketable/jobs";
import { logger } from "@marketable/logger";

import { createTRPCContext } from "../src/context";
import { createJobHandlers } from "../src/jobs/handlers";
import { queueScheduler } from "../src/jobs/scheduler";
import { createWorkerDeps } from "../src/jobs/workerDeps";
import { createCaller } from "../src/root";
import { deliverAlert } from "../src/services/alerts/deliverAlert";
import { evaluateAlerts } from "../src/services/alerts/evaluateAlerts";
import { PRIVATE_WEBHOOK_MESSAGE, type WebhookTargetPolicy } from "../src/services/alerts/webhookTarget";
import { startAlertReceiver } from "./alertReceiver";
import { waitFor } from "./waitFor";
import { buildWorld, type World } from "./world";

const engines = await availableEngines();
const allowPrivate: WebhookTargetPolicy = { allowPrivate: true };

describe.each(engines)("alert webhooks to private addresses (ALERT_WEBHOOK_ALLOW_PRIVATE) on %s", (engine) => {
  let w: World;
  let receiver: Awaited<ReturnType<typeof startAlertReceiver>>;
  let queue: JobQueue<Jobs>;
  let worker: RunningWorker;
  let portal: Portal;

  /** The owner, on a server with the given policy; absent: the default (public addresses only). */
  const owner = (webhookPolicy?: WebhookTargetPolicy) =>
    createCaller(createTRPCContext({ db: w.t.db, userId: w.users.owner.id, clock: w.clock, hubspot: w.hub.settings, webhookPolicy }));
  const usage = (marketing: number) =>
    w.t.db
      .insert(usageSnapshots)
      .values({ portalId: portal.id, day: "2026-11-29", marketing, pendingDemotion: 0, nonMarketing: 0, bySource: {}, byApp: {} })
      .onConflictDoUpdate({ target: [usageSnapshots.portalId, usageSnapshots.day], set: { marketing } });
  const deliveryRow = async (id: string) => (await w.t.db.select().from(alertDeliveries).where(eq(alertDeliveries.id, id)))[0]!;

  beforeAll(async () => {
    w = await buildWorld(engine);
    receiver = await startAlertReceiver();
    portal = await createPortal(w.t.db, { agencyId: w.agencyA.id, name: "Near its tier", purchasedTier: 1000 });
    // The worker's own `alerts.deliver` handler, built as the web and worker processes build it
    // when ALERT_WEBHOOK_ALLOW_PRIVATE is not set: no policy passed.
    queue = createJobQueue({ handle: w.t, maintenance: false });
    const handlers = createJobHandlers(
      createWorkerDeps({ db: w.t.db, settings: w.hub.settings, log: logger, scheduler: queueScheduler(queue) }),
      { queue },
    );
    worker = await runWorker({ queue, handlers: { "alerts.deliver": handlers["alerts.deliver"] }, schedules: [] });
  });
  afterAll(async () => {
    await worker?.stop({ graceful: false });
    await receiver?.close();
    await w?.close();
  });

  it("without the opt-in, a webhook on this machine or a private network is refused at save with the reason, and nothing is stored", async () => {
    const before = await snapshotDatabase(w.t.db);
    const port = new URL(receiver.url).port;
    for (const url of [
      receiver.url,
      `http://localhost:${port}/hooks/marketable`,
      "https://169.254.169.254/latest/meta-data/",
      "https://[::1]/hooks",
      "https://[::ffff:10.0.0.8]/hooks",
      "https://192.168.1.20/hooks",
    ]) {
      const refusal = await owner()
        .alerts.setWebhook({ webhook: { url } })
        .catch((error: unknown) => error);
      expect(refusal, url).toBeInstanceOf(TRPCError);
      expect(refusal, url).toMatchObject({ code: "BAD_REQUEST", message: PRIVATE_WEBHOOK_MESSAGE });
    }
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
    expect(await owner().alerts.webhook()).toEqual({ webhook: null, deliveries: [] });
    expect(receiver.received).toHaveLength(0);
  });

  it("with the opt-in, the local receiver is saved and gets the alert", async () => {
    const saved = await owner(allowPrivate).alerts.setWebhook({ webhook: { url: receiver.url } });
    expect(saved.webhook).toMatchObject({ url: receiver.url, enabled: true });
    await usage(850);
    const { deliveryIds } = await evaluateAlerts(w.t.db, portal, w.clock.now());
    expect(deliveryIds).toHaveLength(1);
    expect(await deliverAlert({ db: w.t.db, keyring: w.hub.settings.keyring, policy: allowPrivate }, deliveryIds[0]!)).toMatchObject({
      status: "delivered",
      attempts: 1,
      statusCode: 200,
    });
    expect(receiver.received).toHaveLength(1);
  });

  it("without the opt-in, the queued delivery to that receiver fails at once with the reason, reaches nobody, and is not retried", async () => {
    // The webhook saved above (say, before the deployment turned the opt-in off) gets a new alert.
    await usage(950);
    const { deliveryIds } = await evaluateAlerts(w.t.db, portal, w.clock.now());
    expect(deliveryIds).toHaveLength(1);
    const deliveryId = deliveryIds[0]!;
    const jobId = (await queue.send("alerts.deliver", { deliveryId }))!;

    const job = await waitFor(
      "the alerts.deliver job to finish",
      async () => {
        const record = await queue.getJob("alerts.deliver", jobId);
        return record && ["completed", "failed", "retry"].includes(record.state) ? record : undefined;
      },
      30_000,
      100,
    );
    // Completed, not failed and queued again: pg-boss retries only a handler that throws.
    expect(job).toMatchObject({
      state: "completed",
      retryCount: 0,
      output: { status: "failed", attempts: 1, error: PRIVATE_WEBHOOK_MESSAGE },
    });
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastStatusCode: null,
      lastError: PRIVATE_WEBHOOK_MESSAGE,
      deliveredAt: null,
    });
    expect(receiver.received).toHaveLength(1);

    // The owner sees why on the webhook settings.
    const { deliveries } = await owner().alerts.webhook();
    expect(deliveries.find((d) => d.id === deliveryId)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: PRIVATE_WEBHOOK_MESSAGE,
    });
    // Failed is final: running it again (a re-sent job) sends nothing and counts nothing.
    expect(await deliverAlert({ db: w.t.db, keyring: w.hub.settings.keyring, policy: allowPrivate }, deliveryId)).toEqual({
      status: "failed",
      attempts: 1,
    });
    expect(receiver.received).toHaveLength(1);
  });
});
