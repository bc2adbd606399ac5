import { Client } from "@hubspot/api-client";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { contacts, portalApps, portalConnections, syncRuns, usageSnapshots } from "@marketable/db";
import { availableEngines, snapshotDatabase, type TestDatabase } from "@marketable/db/testing";
import { createPortalGateway } from "@marketable/hubspot";
import { logger } from "@marketable/logger";

import { createWorkerDeps, type WorkerDeps } from "../src/jobs/workerDeps";
import { runSync } from "../src/services/sync/runSync";
import { type sandboxHubSpot } from "./hubspotSandbox";
import { syncWorld } from "./syncWorld";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

/** The sandbox's own view of a portal's contacts, read with the official client (faults off). */
async function sandboxTruth(hub: Hub, token: string) {
  const client = new Client({ accessToken: token, basePath: hub.sandbox.url });
  const all = await client.crm.contacts.getAll(100, undefined, ["hs_marketable_status", "hs_object_source", "hs_object_source_id"]);
  return all
    .map((c) => [
      c.id,
      c.properties.hs_marketable_status === "true",
      c.properties.hs_object_source ?? null,
      c.properties.hs_object_source_id ?? null,
    ])
    .sort();
}

async function storedContacts(t: TestDatabase, portalId: string) {
  const rows = await t.db
    .select({ id: contacts.hubspotId, marketable: contacts.marketable, source: contacts.objectSource, app: contacts.objectSourceId })
    .from(contacts)
    .where(and(eq(contacts.portalId, portalId), eq(contacts.archived, false)));
  return rows.map((r) => [r.id, r.marketable, r.source, r.app]).sort();
}

const engines = await availableEngines();

describe.each(engines)("connect and sync on %s", (engine) => {
  const w = syncWorld(engine);
  const { scheduler, caller, portalFor } = w;
  let t: TestDatabase, hub: Hub;
  beforeAll(() => void ({ t, hub } = w));
  const deps = () => createWorkerDeps({ db: t.db, settings: hub.settings, log: logger, scheduler });

  it("connects with a private-app token: account details fill the portal; the token is sealed, never stored or returned in plaintext", async () => {
    const target = hub.clientPortals[0]!;
    const result = await caller().connections.connectToken({ token: target.token, name: "Small One" });
    const portal = await portalFor(target.hubId);
    expect(portal).toMatchObject({ id: result.portalId, name: "Small One", connectionStatus: "connected" });
    const database = JSON.stringify(await snapshotDatabase(t.db));
    expect(database).not.toContain(target.token);
    const [connection] = await t.db.select().from(portalConnections).where(eq(portalConnections.portalId, portal.id));
    expect(connection!.accessTokenEnc).toMatch(/^v1\./);
    const status = await caller().connections.syncStatus({ portalId: portal.id });
    expect(JSON.stringify(status)).not.toContain(target.token);
    expect(JSON.stringify(status)).not.toContain(connection!.accessTokenEnc);
    expect(scheduler.requests.at(-1)).toMatchObject({ portalId: portal.id, kind: "full" });
  });

  it("refuses a bad token with a clear message and stores nothing", async () => {
    // The shared rate limiter counts the probe request HubSpot received; nothing else may change.
    const withoutLimiter = async () => {
      const { hubspot_rate_buckets: _buckets, ...rest } = await snapshotDatabase(t.db);
      return rest;
    };
    const before = await withoutLimiter();
    await expect(caller().connections.connectToken({ token: "pat-na1-00000000-0000-0000-0000-000000000000" })).rejects.toThrow(
      /HubSpot refused this token/,
    );
    expect(await withoutLimiter()).toEqual(before);
  });

  it("a full sync stores exactly the sandbox's contacts, apps and today's usage", async () => {
    const target = hub.clientPortals[0]!;
    const portal = await portalFor(target.hubId);
    const runId = scheduler.requests.at(-1)!.runId;
    await runSync(deps(), runId);
    expect(await storedContacts(t, portal.id)).toEqual(await sandboxTruth(hub, target.token));
    const [run] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    expect(run).toMatchObject({ status: "succeeded", processed: target.contacts, expected: target.contacts });
    const status = await caller().connections.syncStatus({ portalId: portal.id });
    expect(status.run).toMatchObject({ status: "succeeded", percent: 100 });
    const apps = await t.db.select().from(portalApps).where(eq(portalApps.portalId, portal.id));
    const integrationContacts = (await storedContacts(t, portal.id)).filter((c) => c[2] === "INTEGRATION").length;
    expect(apps.reduce((n, a) => n + a.contacts, 0)).toBe(integrationContacts);
    // Today's: the newest day (a first sync also backfills the days before it).
    const [usage] = await t.db
      .select()
      .from(usageSnapshots)
      .where(eq(usageSnapshots.portalId, portal.id))
      .orderBy(desc(usageSnapshots.day))
      .limit(1);
    expect(usage!.marketing + usage!.nonMarketing).toBe(target.contacts);
    // Running a finished run again changes nothing.
    const before = await snapshotDatabase(t.db);
    await runSync(deps(), runId);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it("through 10% injected 429/5xx faults, a sync still ends with exactly the sandbox's contacts", async () => {
    const target = hub.clientPortals[1]!;
    await caller().connections.connectToken({ token: target.token });
    const portal = await portalFor(target.hubId);
    hub.sandbox.admin.setFaults({ rate: 0.1, kinds: ["429", "500", "503"], seed: 11 });
    try {
      await runSync(
        {
          ...deps(),
          gatewayFor: (p) =>
            createPortalGateway({
              db: t.db,
              keyring: hub.settings.keyring,
              basePath: hub.settings.apiBase,
              portal: { portalId: p.id, hubId: p.hubId!, edition: p.edition },
              retry: { baseDelayMs: 5, maxDelayMs: 50 },
            }),
        },
        scheduler.requests.at(-1)!.runId,
      );
    } finally {
      hub.sandbox.admin.clearFaults();
    }
    const [run] = await t.db
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.id, scheduler.requests.at(-1)!.runId));
    expect(run!.retries).toBeGreaterThan(0);
    expect(await storedContacts(t, portal.id)).toEqual(await sandboxTruth(hub, target.token));
  });

  it("a sync interrupted at a random page resumes from its checkpoint to the same state (repeated)", async () => {
    const target = hub.clientPortals[2]!;
    const truth = await sandboxTruth(hub, target.token);
    for (let attempt = 0; attempt < 3; attempt++) {
      await t.db
        .delete(contacts)
        .where(eq(contacts.portalId, (await portalFor(target.hubId))?.id ?? "00000000-0000-0000-0000-000000000000"));
      await caller().connections.connectToken({ token: target.token });
      const portal = await portalFor(target.hubId);
      const runId = scheduler.requests.at(-1)!.runId;
      const killAfter = 1 + Math.floor(Math.random() * Math.floor(target.contacts / 100));
      let pages = 0;
      const interrupted: WorkerDeps = {
        ...deps(),
        gatewayFor: async (p) => {
          const gateway = await createPortalGateway({
            db: t.db,
            keyring: hub.settings.keyring,
            basePath: hub.settings.apiBase,
            portal: { portalId: p.id, hubId: p.hubId!, edition: p.edition },
          });
          const listPage = gateway.listContactsPage.bind(gateway);
          gateway.listContactsPage = async (input) => {
            if (++pages > killAfter) throw new Error("worker stopped");
            return listPage(input);
          };
          return gateway;
        },
      };
      await expect(runSync(interrupted, runId)).rejects.toThrow("worker stopped");
      const [halfway] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
      expect(halfway).toMatchObject({ status: "failed", processed: killAfter * 100 });
      await runSync(deps(), runId);
      expect(await storedContacts(t, portal.id)).toEqual(truth);
      const [done] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
      expect(done).toMatchObject({ status: "succeeded", processed: target.contacts, attempts: 2 });
    }
  });

  it("an incremental sync picks up contacts created since, and the app's switch shows in its observed state", async () => {
    const target = hub.clientPortals[0]!;
    const portal = await portalFor(target.hubId);
    const app = target.apps.find((a) => a.createsContacts)!;
    hub.sandbox.admin.setSwitch(target.hubId, app.appId, true);
    hub.sandbox.admin.createContacts(target.hubId, { source: "app", appId: app.appId, count: 12 });
    const { runId } = await caller().connections.sync({ portalId: portal.id, kind: "incremental" });
    await runSync(deps(), runId);
    expect(await storedContacts(t, portal.id)).toEqual(await sandboxTruth(hub, target.token));
    const view = await caller().integrations.portal({ portalId: portal.id });
    expect(view.apps.find((a) => a.appId === String(app.appId))).toMatchObject({ observed: "on" });
  });
});
