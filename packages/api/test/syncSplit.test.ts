import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { contacts, syncRuns } from "@marketable/db";
import { availableEngines, type TestDatabase } from "@marketable/db/testing";
import { createPortalGateway } from "@marketable/hubspot";
import { logger } from "@marketable/logger";

import { createWorkerDeps, type WorkerDeps } from "../src/jobs/workerDeps";
import { SPLIT_FULL_SYNC_FROM } from "../src/services/sync/fullSyncPages";
import { runSync } from "../src/services/sync/runSync";
import { type sandboxHubSpot } from "./hubspotSandbox";
import { syncWorld } from "./syncWorld";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

const engines = await availableEngines();

/**
 * A big portal's full sync reads from both ends at once (the list up, a search by id down) until
 * they meet: every contact stored once, fewer calls than the list alone, and a run stopped at any
 * page resumes from its checkpoint to the same state.
 */
describe.each(engines)("a big portal's full sync on %s", (engine) => {
  const w = syncWorld(engine);
  let t: TestDatabase, hub: Hub;
  beforeAll(() => void ({ t, hub } = w));
  // HubSpot's limits (190 calls / 10 s, about 4 searches a second, which the limiter keeps to) would
  // make each sync here take 10 s; the sandbox's limits are off, so the limiter lets more through.
  const gatewayFor: WorkerDeps["gatewayFor"] = (p) =>
    createPortalGateway({
      db: t.db,
      keyring: hub.settings.keyring,
      basePath: hub.settings.apiBase,
      portal: { portalId: p.id, hubId: p.hubId!, edition: p.edition },
      limiter: { limits: { perWindow: 2_000 }, searchLimits: { perWindow: 100, windowMs: 1_000 } },
    });
  const deps = () => ({ ...createWorkerDeps({ db: t.db, settings: hub.settings, log: logger, scheduler: w.scheduler }), gatewayFor });

  /** The worker's deps with a gateway that counts its page calls and fails once `failAt` of them were made. */
  function countingDeps(failAt = Infinity) {
    const calls = { list: 0, search: 0 };
    const counted: WorkerDeps = {
      ...deps(),
      gatewayFor: async (p) => {
        const gateway = await gatewayFor(p, logger);
        const list = gateway.listContactsPage.bind(gateway);
        const search = gateway.searchContactsByIdDescending.bind(gateway);
        const stopAt = () => {
          if (calls.list + calls.search >= failAt) throw new Error("worker stopped");
        };
        gateway.listContactsPage = async (input) => (stopAt(), calls.list++, list(input));
        gateway.searchContactsByIdDescending = async (input) => (stopAt(), calls.search++, search(input));
        return gateway;
      },
    };
    return { counted, calls };
  }

  async function storedIds(portalId: string) {
    const rows = await t.db
      .select({ id: contacts.hubspotId })
      .from(contacts)
      .where(and(eq(contacts.portalId, portalId), eq(contacts.archived, false)));
    return rows.map((r) => r.id).sort();
  }

  function truth(hubId: number) {
    const records = hub.sandbox.admin.portal(hubId).contacts.records;
    return records
      .filter((c) => c.archivedAt === 0)
      .map((c) => String(c.id))
      .sort();
  }

  it("stores every contact once in fewer calls than the list alone, the two ends meeting in the middle", async () => {
    const big = hub.sandbox.admin.createPortal({ name: "Big Split", edition: "enterprise", contacts: SPLIT_FULL_SYNC_FROM + 1_234 });
    const { portalId } = await w.caller().connections.connectToken({ token: big.token });
    const runId = w.scheduler.requests.at(-1)!.runId;
    const { counted, calls } = countingDeps();
    await runSync(counted, runId);
    const expected = truth(big.hubId);
    expect(await storedIds(portalId)).toEqual(expected);
    const [run] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    // Each contact counted once: the ends never hand over the same contact twice.
    expect(run).toMatchObject({ status: "succeeded", processed: expected.length, expected: expected.length });
    expect(run!.checkpoint).toMatchObject({ split: true, listDone: true, searchDone: true });
    expect(calls.list).toBeGreaterThan(0);
    expect(calls.search).toBeGreaterThan(0);
    // The list alone needs a call per 100; a search page brings 200.
    expect(calls.list + calls.search).toBeLessThan(Math.ceil(expected.length / 100));
  });

  it("a run stopped at a random page resumes from its checkpoint: every contact stored, each counted once", async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const big = hub.sandbox.admin.createPortal({
        name: `Big Resume ${attempt}`,
        edition: "enterprise",
        contacts: SPLIT_FULL_SYNC_FROM + 500,
      });
      const { portalId } = await w.caller().connections.connectToken({ token: big.token });
      const runId = w.scheduler.requests.at(-1)!.runId;
      const failAt = 5 + Math.floor(Math.random() * 120);
      await expect(runSync(countingDeps(failAt).counted, runId)).rejects.toThrow("worker stopped");
      const [halfway] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
      expect(halfway!.status).toBe("failed");
      expect(halfway!.processed).toBeGreaterThan(0);
      expect(halfway!.checkpoint).toMatchObject({ split: true });
      await runSync(deps(), runId);
      const expected = truth(big.hubId);
      expect(await storedIds(portalId)).toEqual(expected);
      const [done] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
      expect(done).toMatchObject({ status: "succeeded", processed: expected.length, attempts: 2 });
    }
  });

  it("a portal below the threshold is read by the list alone", async () => {
    const small = hub.sandbox.admin.createPortal({ name: "Below Split", edition: "enterprise", contacts: 1_500 });
    await w.caller().connections.connectToken({ token: small.token });
    const { counted, calls } = countingDeps();
    await runSync(counted, w.scheduler.requests.at(-1)!.runId);
    expect(calls).toEqual({ list: 15, search: 0 });
  });
});
