import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { syncRuns } from "@marketable/db";
import { createAgency, createMember } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createCaller } from "../src/root";
import { runSync } from "../src/services/sync/runSync";
import { syncStatus } from "../src/services/sync/syncStatus";
import { recordingScheduler, sandboxHubSpot, sandboxWorker, type SandboxHub } from "./hubspotSandbox";
import { sleep } from "./waitFor";

const engines = await availableEngines();

/** 4,000 contacts in 40 list pages of 250 ms: a sync of about 10 s at a steady rate. */
const CONTACTS = 4_000;
const PAGE_MS = 250;

describe.each(engines)("a running sync's rate and ETA, on %s", (engine) => {
  let t: TestDatabase;
  let hub: SandboxHub;
  let portalId: string;
  let runId: string;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    hub = await sandboxHubSpot();
    const target = hub.sandbox.admin.createPortal({
      name: "Progress Test",
      edition: "professional",
      contacts: CONTACTS,
      apps: [{ appId: 1160452, marketing: true }],
    });
    hub.sandbox.admin.setFaults({
      rules: [{ rate: 1, kinds: ["slow"], endpoints: ["GET /crm/v3/objects/contacts"], slowMs: PAGE_MS, seed: 1 }],
    });
    const agency = await createAgency(t.db, { name: "Progress Agency" });
    const ownerId = (await createMember(t.db, { agencyId: agency.id, role: "owner" })).id;
    const scheduler = recordingScheduler();
    const caller = createCaller(
      createTRPCContext({ db: t.db, userId: ownerId, clock: fixedClock("2026-11-29T12:00:00Z"), hubspot: hub.settings, scheduler }),
    );
    ({ portalId } = await caller.connections.connectToken({ token: target.token }));
    runId = scheduler.requests[0]!.runId;
  });
  afterAll(async () => {
    await hub?.sandbox.close();
    await t?.close();
  });

  it("mid-run, the shown rate and ETA are within 20 % of what the sync then measures for itself", { timeout: 60_000 }, async () => {
    // No timer heartbeats: each heartbeat is then the moment a page was committed.
    const syncing = runSync(sandboxWorker(t.db, hub), runId, { heartbeatMs: 600_000 });
    let done = false;
    void syncing.finally(() => (done = true));
    const samples: { processed: number; at: Date; rate: number | null; etaSeconds: number | null; percent: number | null }[] = [];
    while (!done) {
      const [row] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
      if (row?.status === "running" && row.heartbeatAt && row.processed > (samples.at(-1)?.processed ?? 0)) {
        // What the page would show at the moment of that page's commit.
        const { run } = await syncStatus(t.db, portalId, row.heartbeatAt);
        samples.push({
          processed: row.processed,
          at: row.heartbeatAt,
          rate: run!.ratePerSecond,
          etaSeconds: run!.etaSeconds,
          percent: run!.percent,
        });
      }
      await sleep(30);
    }
    expect(await syncing).toBe("finished");
    const [finished] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    expect(finished).toMatchObject({ status: "succeeded", processed: CONTACTS });
    // The last page seen committed while running (the final one may be followed at once by the finish).
    const last = samples.at(-1)!;
    expect(last.processed).toBeGreaterThanOrEqual(CONTACTS * 0.9);
    // A sample about a third of the way: the rest of the run is what its figures predict.
    const mid = samples.find((s) => s.processed >= CONTACTS / 3)!;
    expect(mid.processed).toBeLessThan(CONTACTS * 0.6);
    const remainingSeconds = (last.at.getTime() - mid.at.getTime()) / 1000;
    const measuredRate = (last.processed - mid.processed) / remainingSeconds;
    console.log(
      `[sync progress ${engine}] at ${mid.processed}: shown ${mid.rate?.toFixed(0)} contacts/s, ETA ${mid.etaSeconds} s; measured ${measuredRate.toFixed(0)} contacts/s, ${remainingSeconds.toFixed(1)} s left`,
    );
    expect(Math.abs(mid.rate! - measuredRate) / measuredRate).toBeLessThan(0.2);
    expect(Math.abs(mid.etaSeconds! - remainingSeconds) / remainingSeconds).toBeLessThan(0.2);
    // The figures at every sample past the first few pages stay within 20 % of the whole run's rate.
    const first = samples[0]!;
    const wholeRate = (last.processed - first.processed) / ((last.at.getTime() - first.at.getTime()) / 1000);
    for (const sample of samples.filter((s) => s.processed >= 1_000))
      expect(Math.abs(sample.rate! - wholeRate) / wholeRate).toBeLessThan(0.2);
  });
});
