import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@hubspot/api-client";
import { contacts, portals, syncRuns } from "@marketable/db";
import { createAgency, createMember } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { createJobQueue, type JobQueue, type Jobs } from "@marketable/jobs";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { queueScheduler } from "../src/jobs/handlers";
import { createCaller } from "../src/root";
import { requestSync } from "../src/services/sync/requestSync";
import { SANDBOX_KEYS, sandboxHubSpot } from "./hubspotSandbox";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../apps/worker");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Separate worker processes need PostgreSQL (PGlite is one process). */
const onPostgres = (await availableEngines()).includes("postgres");

describe.runIf(onPostgres)("the real worker process, killed at a random point and restarted", () => {
  let t: TestDatabase;
  let hub: Hub;
  let queue: JobQueue<Jobs>;
  let portalId: string;
  let target: { hubId: number; token: string };
  const workers = new Set<ChildProcess>();

  /** `node --import tsx apps/worker/src/main.ts` against the test database and the sandbox. */
  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: workerDir,
      env: {
        ...process.env,
        DATABASE_URL: t.pool.options.connectionString,
        HUBSPOT_API_BASE: hub.sandbox.url,
        HUBSPOT_CLIENT_ID: hub.settings.clientId,
        HUBSPOT_CLIENT_SECRET: hub.settings.clientSecret,
        MARKETABLE_ENCRYPTION_KEYS: SANDBOX_KEYS,
        // The killed worker's run is seconds old here; in production the default is 2 minutes.
        WORKER_STALE_RUN_SECONDS: "1",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    workers.add(child);
    child.once("exit", () => workers.delete(child));
    return child;
  }
  const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once("exit", () => resolve())));

  const latestRun = async () => (await t.db.select().from(syncRuns).where(eq(syncRuns.portalId, portalId)).orderBy(desc(syncRuns.createdAt)).limit(1))[0]!;
  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 20): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(everyMs);
    }
  }

  const sandboxTruth = async () => {
    const client = new Client({ accessToken: target.token, basePath: hub.sandbox.url });
    const all = await client.crm.contacts.getAll(100, undefined, ["hs_marketable_status", "hs_object_source", "hs_object_source_id"]);
    return all.map((c) => [c.id, c.properties.hs_marketable_status === "true", c.properties.hs_object_source ?? null, c.properties.hs_object_source_id ?? null]).sort();
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
    target = hub.sandbox.admin.createPortal({ name: "Kill Test", edition: "professional", contacts: 4000, apps: [{ appId: 1160452, marketing: true }] });
    queue = createJobQueue({ handle: t, maintenance: false });
    await queue.start();
    const agency = await createAgency(t.db, { name: "Kill Agency" });
    const ownerId = (await createMember(t.db, { agencyId: agency.id, role: "owner" })).id;
    const caller = createCaller(createTRPCContext({ db: t.db, userId: ownerId, clock: fixedClock("2026-11-29T12:00:00Z"), hubspot: hub.settings, scheduler: queueScheduler(queue) }));
    // Connecting requests the first full sync through the real queue.
    ({ portalId } = await caller.connections.connectToken({ token: target.token }));
  });
  afterAll(async () => {
    for (const child of workers) child.kill("SIGKILL");
    await Promise.all([...workers].map(exited));
    await queue?.stop({ graceful: false });
    await hub?.sandbox.close();
    await t?.close();
  });

  it("a full sync killed mid-run (SIGKILL) and restarted ends with exactly the sandbox's contacts, 3 times at different points", { timeout: 150_000 }, async () => {
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

      const first = startWorker();
      const atKill = await waitFor(
        `run ${run.id} to pass ${killAt} contacts`,
        async () => {
          const current = await latestRun();
          return current.processed >= killAt ? current : undefined;
        },
        60_000,
      );
      first.kill("SIGKILL");
      await exited(first);
      const halfway = await latestRun();
      // Killed mid-run: some pages committed, the run neither finished nor failed.
      expect(atKill.status).toBe("running");
      expect(halfway.status).toBe("running");
      expect(halfway.processed).toBeGreaterThan(0);
      expect(halfway.processed).toBeLessThan(total);
      killedAt.push(halfway.processed);
      // Let the dead worker's heartbeat go stale (WORKER_STALE_RUN_SECONDS=1).
      await sleep(1_500);

      const second = startWorker();
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
      second.kill("SIGTERM");
      await exited(second);

      // Resumed from its checkpoint (two attempts), every page counted once.
      expect(done).toMatchObject({ id: run.id, status: "succeeded", processed: total });
      expect(done.attempts).toBeGreaterThanOrEqual(2);
      expect(await storedContacts()).toEqual(await sandboxTruth());
    }
    console.log(`[worker kill] killed after ${killedAt.join(", ")} contacts`);
  });
});
