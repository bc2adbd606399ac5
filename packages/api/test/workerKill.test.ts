import { Client } from "@hubspot/api-client";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contacts, portals, syncRuns } from "@marketable/db";
import { createAgency, createMember } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { createJobQueue, type JobQueue, type Jobs } from "@marketable/jobs";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { queueScheduler } from "../src/jobs/scheduler";
import { createCaller } from "../src/root";
import { requestSync } from "../src/services/sync/requestSync";
import { sandboxHubSpot, type SandboxHub } from "./hubspotSandbox";
import { waitFor } from "./waitFor";
import { workerProcesses } from "./workerProcesses";

/** Separate worker processes need PostgreSQL (PGlite is one process). */
const onPostgres = (await availableEngines()).includes("postgres");

/** Every list page of contacts answered after 500 ms (HubSpot's pace at a busy portal's limit). */
const SLOW_PAGES = { rate: 1, kinds: ["slow" as const], endpoints: ["GET /crm/v3/objects/contacts"], slowMs: 500 };

describe.runIf(onPostgres)("the real worker process, killed at a random point and restarted", () => {
  let t: TestDatabase;
  let hub: SandboxHub;
  let queue: JobQueue<Jobs>;
  let portalId: string;
  let target: { hubId: number; token: string };
  let workers: ReturnType<typeof workerProcesses>;

  const latestRun = async () =>
    (await t.db.select().from(syncRuns).where(eq(syncRuns.portalId, portalId)).orderBy(desc(syncRuns.createdAt)).limit(1))[0]!;
  const sandboxTruth = async () => {
    const client = new Client({ accessToken: target.token, basePath: hub.sandbox.url });
    const all = await client.crm.contacts.getAll(100, undefined, ["hs_marketable_status", "hs_object_source", "hs_object_source_id"]);
    return all
      .map((c) => [
        c.id,
        c.properties.hs_marketable_status === "true",
        c.properties.hs_object_source ?? null,
        c.properties.hs_object_source_id ?? null,
      ])
      .sort();
  };
  const storedContacts = async () => {
    const rows = await t.db
      .select({ id: contacts.hubspotId, marketable: contacts.marketable, source: contacts.objectSource, app: contacts.objectSourceId })
      .from(contacts)
      .where(and(eq(contacts.portalId, portalId), eq(contacts.archived, false)));
    return rows.map((r) => [r.id, r.marketable, r.source, r.app]).sort();
  };

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    hub = await sandboxHubSpot();
    workers = workerProcesses({ databaseUrl: t.url!, hub });
    target = hub.sandbox.admin.createPortal({
      name: "Kill Test",
      edition: "professional",
      contacts: 4000,
      apps: [{ appId: 1160452, marketing: true }],
    });
    queue = createJobQueue({ handle: t, maintenance: false });
    await queue.start();
    const agency = await createAgency(t.db, { name: "Kill Agency" });
    const ownerId = (await createMember(t.db, { agencyId: agency.id, role: "owner" })).id;
    const caller = createCaller(
      createTRPCContext({
        db: t.db,
        userId: ownerId,
        clock: fixedClock("2026-11-29T12:00:00Z"),
        hubspot: hub.settings,
        scheduler: queueScheduler(queue),
      }),
    );
    // Connecting requests the first full sync through the real queue.
    ({ portalId } = await caller.connections.connectToken({ token: target.token }));
  });
  afterAll(async () => {
    hub?.sandbox.admin.clearFaults();
    await workers?.killAll();
    await queue?.stop({ graceful: false });
    await hub?.sandbox.close();
    await t?.close();
  });

  it(
    "a full sync killed mid-run (SIGKILL) and restarted ends with exactly the sandbox's contacts, 3 times at different points",
    { timeout: 210_000 },
    async () => {
      const [portal] = await t.db.select().from(portals).where(eq(portals.id, portalId));
      expect(portal).toMatchObject({ hubId: String(target.hubId), connectionStatus: "connected" });
      const killedAt: number[] = [];
      for (let round = 0; round < 3; round++) {
        if (round > 0) {
          // Start from nothing stored, against a sandbox that has changed since the last round.
          await t.db.delete(contacts).where(eq(contacts.portalId, portalId));
          hub.sandbox.admin.createContacts(target.hubId, { source: "app", appId: 1160452, count: 150 });
          await requestSync(t.db, queueScheduler(queue), { portalId, kind: "full" });
        }
        const run = await latestRun();
        expect(run.status).toBe("queued");
        const total = hub.sandbox.admin.summarize(hub.sandbox.admin.portal(target.hubId)).contacts;
        // A different page each round: somewhere between the first page and the last few.
        const killAt = 100 * (1 + Math.floor(Math.random() * (Math.floor(total / 100) - 4)));

        // A full sync writes about once a second (runSync's writeDue): list pages of 500 ms make
        // that every 2-3 pages, so the run passes killAt several pages before its last one, and
        // the kill lands mid-run at whatever page killAt falls on.
        hub.sandbox.admin.setFaults({ rules: [{ ...SLOW_PAGES, seed: round + 1 }] });
        const first = workers.start();
        const atKill = await waitFor(
          `run ${run.id} to pass ${killAt} contacts`,
          async () => {
            const current = await latestRun();
            return current.processed >= killAt ? current : undefined;
          },
          60_000,
        );
        await workers.kill(first);
        hub.sandbox.admin.clearFaults(); // the restarted run and sandboxTruth at full speed
        const halfway = await latestRun();
        // Killed mid-run: some pages committed, the run neither finished nor failed.
        expect(atKill.status).toBe("running");
        expect(halfway.status).toBe("running");
        expect(halfway.processed).toBeGreaterThan(0);
        expect(halfway.processed).toBeLessThan(total);
        killedAt.push(halfway.processed);
        // Restarted at once: the same host's first free slot is the dead worker's id, so the new
        // worker takes its run up without waiting for a stale heartbeat.
        const second = workers.start();
        const done = await waitFor(
          `run ${run.id} to succeed after the restart`,
          async () => {
            const current = await latestRun();
            if (current.status === "failed") throw new Error(`run failed: ${current.lastError}`);
            return current.status === "succeeded" ? current : undefined;
          },
          60_000,
          100,
        );
        await workers.stop(second);

        // Resumed from its checkpoint (two attempts), every page counted once.
        expect(done).toMatchObject({ id: run.id, status: "succeeded", processed: total });
        expect(done.attempts).toBeGreaterThanOrEqual(2);
        expect(await storedContacts()).toEqual(await sandboxTruth());
      }
      console.log(`[worker kill] killed after ${killedAt.join(", ")} contacts`);
    },
  );
});
