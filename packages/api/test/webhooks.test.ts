import { Client } from "@hubspot/api-client";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contacts, portalConnections, portals, sealSecret, webhookEvents } from "@marketable/db";
import { createAgency, createMember, createPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, snapshotDatabase, type TestDatabase } from "@marketable/db/testing";
import { signatureV3 } from "@marketable/hubspot-sandbox";
import { logger } from "@marketable/logger";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createWorkerDeps } from "../src/jobs/workerDeps";
import { createCaller } from "../src/root";
import { runSync } from "../src/services/sync/runSync";
import { recordingScheduler, sandboxHubSpot, sandboxWorker } from "./hubspotSandbox";
import { startWebhookReceiver } from "./webhookReceiver";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

const engines = await availableEngines();

describe.each(engines)("HubSpot webhooks on %s", (engine) => {
  let t: TestDatabase;
  let hub: Hub;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const scheduler = recordingScheduler();
  const clock = fixedClock("2026-11-29T12:00:00Z");
  /** The same hub managed by two agencies: a change must reach both. */
  const portalIds: string[] = [];
  const deps = () => createWorkerDeps({ db: t.db, settings: hub.settings, log: logger, scheduler });
  const target = () => hub.clientPortals[0]!;

  const stored = async (hubspotId: string) =>
    Promise.all(
      portalIds.map(async (portalId) => {
        const [row] = await t.db
          .select()
          .from(contacts)
          .where(and(eq(contacts.portalId, portalId), eq(contacts.hubspotId, hubspotId)));
        return row;
      }),
    );
  /** Everything but the shared rate limiter (a HubSpot read counts there, and nothing else may change). */
  const withoutLimiter = async () => {
    const { hubspot_rate_buckets: _buckets, ...rest } = await snapshotDatabase(t.db);
    return rest;
  };
  const signed = (body: string, timestamp = Date.now()) => ({
    "x-hubspot-signature-v3": signatureV3(hub.settings.clientSecret, "POST", receiver.url, body, timestamp),
    "x-hubspot-request-timestamp": String(timestamp),
  });

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    hub = await sandboxHubSpot();
    receiver = await startWebhookReceiver(deps);
    for (const name of ["Agency One", "Agency Two"]) {
      const agency = await createAgency(t.db, { name });
      const ownerId = (await createMember(t.db, { agencyId: agency.id, role: "owner" })).id;
      const caller = createCaller(createTRPCContext({ db: t.db, userId: ownerId, clock, hubspot: hub.settings, scheduler }));
      const { portalId } = await caller.connections.connectToken({ token: target().token });
      await runSync(sandboxWorker(t.db, hub), scheduler.requests.at(-1)!.runId);
      portalIds.push(portalId);
    }
    // The product's app is installed in the portal and subscribed, pointing at our receiver.
    hub.sandbox.admin.installApp(target().hubId, hub.sandbox.oauth.appId);
    hub.sandbox.admin.setWebhooks(hub.sandbox.oauth.appId, {
      targetUrl: receiver.url,
      subscriptions: [
        { eventType: "contact.creation" },
        { eventType: "contact.propertyChange", propertyName: "hs_marketable_status" },
        { eventType: "contact.deletion" },
      ],
    });
  });
  afterAll(async () => {
    await hub?.sandbox.close();
    await receiver?.close();
    await t?.close();
  });

  it("a contact an app creates in the sandbox appears in every managing agency's database without a sync", async () => {
    const app = target().apps.find((a) => a.createsContacts)!;
    hub.sandbox.admin.setSwitch(target().hubId, app.appId, true);
    const created = hub.sandbox.admin.createContacts(target().hubId, { source: "app", appId: app.appId, count: 2 });
    await hub.sandbox.webhooksIdle();
    for (const contact of created.results) {
      const rows = await stored(String(contact.id));
      expect(rows).toHaveLength(2);
      for (const row of rows)
        expect(row).toMatchObject({ marketable: true, objectSource: "INTEGRATION", objectSourceId: String(app.appId), archived: false });
    }
    // Two creations, and the marketing status each got at creation (a property change).
    expect(receiver.received.at(-1)!.response).toMatchObject({
      status: 200,
      body: { ok: true, accepted: 4, duplicates: 0, unknownPortals: 0 },
    });
    expect(hub.sandbox.admin.summarize(hub.sandbox.admin.portal(target().hubId)).contacts).toBeGreaterThan(target().contacts);
  });

  it("a marketing status change in the sandbox updates the stored status", async () => {
    const [candidate] = await t.db
      .select({ id: contacts.hubspotId })
      .from(contacts)
      .where(and(eq(contacts.portalId, portalIds[0]!), eq(contacts.marketable, false), eq(contacts.archived, false)))
      .limit(1);
    const id = candidate!.id;
    const before = receiver.received.length;
    const res = await fetch(`${hub.sandbox.url}/_sandbox/portals/${target().hubId}/contacts/${id}/marketing`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ marketing: true }),
    });
    expect(res.ok).toBe(true);
    await hub.sandbox.webhooksIdle();
    expect(receiver.received.length).toBeGreaterThan(before);
    for (const row of await stored(id)) expect(row).toMatchObject({ marketable: true, archived: false });
  });

  it("a deletion in HubSpot archives the contact", async () => {
    const client = new Client({ accessToken: target().token, basePath: hub.sandbox.url });
    const [row] = await t.db
      .select({ id: contacts.hubspotId })
      .from(contacts)
      .where(and(eq(contacts.portalId, portalIds[0]!), eq(contacts.archived, false)))
      .limit(1);
    await client.crm.contacts.basicApi.archive(row!.id);
    await hub.sandbox.webhooksIdle();
    for (const stored_ of await stored(row!.id)) expect(stored_).toMatchObject({ archived: true });
    expect(receiver.received.at(-1)!.response.body).toMatchObject({ ok: true, accepted: 1 });
  });

  it("the same delivery replayed changes nothing", async () => {
    const original = receiver.received.at(-1)!;
    const before = await snapshotDatabase(t.db);
    const replay = await receiver.post(original.rawBody, {
      "x-hubspot-signature-v3": original.headers["x-hubspot-signature-v3"]!,
      "x-hubspot-request-timestamp": original.headers["x-hubspot-request-timestamp"]!,
    });
    expect(replay).toMatchObject({
      status: 200,
      body: { ok: true, accepted: 0, duplicates: (JSON.parse(original.rawBody) as unknown[]).length },
    });
    expect(await snapshotDatabase(t.db)).toEqual(before);
    expect((await t.db.select().from(webhookEvents)).length).toBeGreaterThanOrEqual(4);
  });

  it("a tampered body or a bad signature is refused with 401 and nothing is written", async () => {
    const before = await withoutLimiter();
    const original = receiver.received.at(-1)!;
    const tampered = original.rawBody.replace(/"eventId":(\d+)/, (_m, n: string) => `"eventId":${Number(n) + 1000}`);
    const headers = {
      "x-hubspot-signature-v3": original.headers["x-hubspot-signature-v3"]!,
      "x-hubspot-request-timestamp": original.headers["x-hubspot-request-timestamp"]!,
    };
    expect(await receiver.post(tampered, headers)).toMatchObject({ status: 401, body: { ok: false } });
    expect(await receiver.post(tampered, { ...headers, "x-hubspot-signature-v3": "bm90IGEgc2lnbmF0dXJl" })).toMatchObject({ status: 401 });
    const otherSecret = signatureV3("another-app-secret", "POST", receiver.url, tampered, Date.now());
    expect(
      await receiver.post(tampered, { "x-hubspot-signature-v3": otherSecret, "x-hubspot-request-timestamp": String(Date.now()) }),
    ).toMatchObject({ status: 401 });
    expect(await receiver.post(tampered, {})).toMatchObject({ status: 401 });
    expect(await withoutLimiter()).toEqual(before);
  });

  it("a correctly signed delivery older than 5 minutes is refused with 401", async () => {
    const before = await withoutLimiter();
    const body = JSON.stringify([
      { eventId: 990001, portalId: target().hubId, subscriptionType: "contact.deletion", objectId: 1, occurredAt: Date.now() },
    ]);
    const refused = await receiver.post(body, signed(body, Date.now() - 6 * 60_000));
    expect(refused).toMatchObject({ status: 401, body: { ok: false, error: "Invalid signature (stale)" } });
    expect(await withoutLimiter()).toEqual(before);
  });

  it("a signed body that is not a JSON array of events is refused with 400, never 500", async () => {
    const before = await withoutLimiter();
    for (const body of [
      "not json",
      '{"eventId":1}',
      '[{"eventId":1}]',
      '[{"eventId":1,"portalId":"x","subscriptionType":"contact.creation","objectId":{}}]',
    ]) {
      expect(await receiver.post(body, signed(body))).toMatchObject({ status: 400, body: { ok: false } });
    }
    expect(await withoutLimiter()).toEqual(before);
  });

  it("events of hubs no connected portal has are counted and not stored", async () => {
    const body = JSON.stringify([
      { eventId: 990002, portalId: 424242, subscriptionType: "contact.creation", objectId: 1, occurredAt: Date.now() },
    ]);
    expect(await receiver.post(body, signed(body))).toMatchObject({ status: 200, body: { ok: true, accepted: 0, unknownPortals: 1 } });
    expect(await t.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, "990002"))).toEqual([]);
    expect((await t.db.select().from(portals)).length).toBe(2);
  });

  it("a portal whose contacts cannot be read (revoked token) gets an incremental sync; the others still get the contact", async () => {
    const agency = await createAgency(t.db, { name: "Agency Revoked" });
    const broken = await createPortal(t.db, {
      agencyId: agency.id,
      name: "Revoked",
      hubId: String(target().hubId),
      connectionStatus: "connected",
    });
    await t.db.insert(portalConnections).values({
      portalId: broken.id,
      agencyId: agency.id,
      kind: "static",
      hubId: String(target().hubId),
      accessTokenEnc: sealSecret("pat-na1-00000000-0000-0000-0000-000000000000", hub.settings.keyring),
      keyVersion: hub.settings.keyring.current.version,
    });
    const created = hub.sandbox.admin.createContacts(target().hubId, { source: "crm_ui", count: 1 });
    await hub.sandbox.webhooksIdle();
    expect(receiver.received.at(-1)!.response).toMatchObject({ status: 200, body: { ok: true, accepted: 1, syncsRequested: 1 } });
    expect(scheduler.requests.at(-1)).toMatchObject({ portalId: broken.id, kind: "incremental" });
    for (const row of await stored(String(created.results[0]!.id))) expect(row).toMatchObject({ objectSource: "CRM_UI", archived: false });
  });
});
