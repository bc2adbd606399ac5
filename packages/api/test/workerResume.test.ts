import type { ChildProcess } from "node:child_process";

import { Client } from "@hubspot/api-client";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contacts, syncRuns } from "@marketable/db";
import { createAgency, createMember } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { createJobQueue, type JobQueue, type Jobs } from "@marketable/jobs";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { queueScheduler } from "../src/jobs/scheduler";
import { createCaller } from "../src/root";
import { STALE_RUN_MS } from "../src/services/workers/runLiveness";
import { sandboxHubSpot, type SandboxHub } from "./hubspotSandbox";
import { waitFor } from "./waitFor";
import { exited, workerProcesses } from "./workerProcesses";

/** Separate worker processes need PostgreSQL (PGlite is one process). */
const onPostgres = (await availableEngines()).includes("postgres");

/** 6,000 contacts in 60 list pages of 400 ms each: a sync of about 25 s, light on the CPU. */
const CONTACTS = 6_000;
const PAGE_MS = 400;

describe.runIf(onPostgres)("two real worker processes: one killed, one stopped, one restarted at once, in the middle of one sync", () => {
  let t: TestDatabase;
  let hub: SandboxHub;
  let queue: JobQueue<Jobs>;
  let portalId: string;
  let target: { hubId: number; token: string };
  let workers: ReturnType<typeof workerProcesses>;

  const run = async () =>
    (await t.db.select().from(syncRuns).where(eq(syncRuns.portalId, portalId)).orderBy(desc(syncRuns.createdAt)).limit(1))[0]!;
  /** Waits until the run is being worked on by `workerId` (or anyone but `not`) past `processed` contacts. */
  const progressBy = (what: string, accept: (r: Awaited<ReturnType<typeof run>>) => boolean, timeoutMs: number) =>
    waitFor(
      what,
      async () => {
        const current = await run();
        if (current.status === "failed") throw new Error(`the sync failed: ${current.lastError}`);
        return accept(current) ? current : undefined;
      },
      timeoutMs,
      100,
    );

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    hub = await sandboxHubSpot();
    workers = workerProcesses({ databaseUrl: t.url!, hub });
    target = hub.sandbox.admin.createPortal({
      name: "Resume Test",
      edition: "professional",
      contacts: CONTACTS,
      apps: [{ appId: 1160452, marketing: true }],
    });
    // Every list page takes 400 ms: the sync lasts long enough to kill, stop and restart workers in it.
    hub.sandbox.admin.setFaults({
      rules: [{ rate: 1, kinds: ["slow"], endpoints: ["GET /crm/v3/objects/contacts"], slowMs: PAGE_MS, seed: 1 }],
    });
    queue = createJobQueue({ handle: t, maintenance: false });
    await queue.start();
    const agency = await createAgency(t.db, { name: "Resume Agency" });
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
    await workers?.killAll();
    await queue?.stop({ graceful: false });
    await hub?.sandbox.close();
    await t?.close();
  });

  it("the sync ends with exactly the sandbox's contacts within 2 minutes of the first kill", { timeout: 240_000 }, async () => {
    const started: Record<string, ChildProcess> = {};
    const start = (name: string) => (started[name] = workers.start({ WORKER_ID: name }));
    const idOf = (name: string) => `${name}#0`;
    const nameOf = (workerId: string | null) => Object.keys(started).find((name) => idOf(name) === workerId);
    start("alpha");
    start("beta");

    // 1. SIGKILL the worker running the sync: the other one, alive, resumes it within a minute of
    //    the run's last heartbeat (it sees the dead worker's lock gone at its next 15 s look).
    const beforeKill = await progressBy(
      "the sync to pass 1,000 contacts",
      (r) => r.status === "running" && r.processed >= 1_000 && nameOf(r.workerId) !== undefined,
      90_000,
    );
    const victim = nameOf(beforeKill.workerId)!;
    const survivor = victim === "alpha" ? "beta" : "alpha";
    await workers.kill(started[victim]!);
    const killedAt = Date.now();
    const atKill = await run();
    expect(atKill).toMatchObject({ status: "running", workerId: idOf(victim) });
    expect(atKill.processed).toBeLessThan(CONTACTS);
    const resumedBySurvivor = await progressBy(
      `${survivor} to resume the run`,
      (r) => r.workerId === idOf(survivor) && r.processed > atKill.processed,
      75_000,
    );
    const foundAfterBeatMs = Date.now() - atKill.heartbeatAt!.getTime();
    expect(foundAfterBeatMs).toBeLessThan(60_000);
    expect(resumedBySurvivor.attempts).toBeGreaterThanOrEqual(2);

    // 2. The killed worker comes back (its id again), then the survivor is stopped with SIGTERM:
    //    it exits within the documented 10 s, its run handed back and resumed by the other at once.
    start(victim);
    await progressBy("the survivor to pass another 1,000 contacts", (r) => r.processed >= resumedBySurvivor.processed + 1_000, 60_000);
    const stopAsked = Date.now();
    started[survivor]!.kill("SIGTERM");
    await exited(started[survivor]!);
    const stopMs = Date.now() - stopAsked;
    expect(stopMs).toBeLessThan(10_000);
    expect(started[survivor]!.exitCode).toBe(0);
    const handedBack = await run();
    expect(handedBack.workerId).not.toBe(idOf(survivor));
    const takenOver = await progressBy(
      `${victim} to take the handed-back run`,
      (r) => r.workerId === idOf(victim) && r.processed > handedBack.processed,
      20_000,
    );
    const handoverMs = Date.now() - stopAsked - stopMs;

    // 3. The only worker left is killed and restarted at once: the new process has its id, knows
    //    its predecessor is dead, and takes the run up at once (no other worker is alive to).
    await progressBy("another 500 contacts", (r) => r.processed >= takenOver.processed + 500, 60_000);
    await workers.kill(started[victim]!);
    const beforeRestart = await run();
    const restartedAt = Date.now();
    start(victim);
    const resumedByRestart = await progressBy(
      "the restarted worker to resume the run",
      (r) => r.workerId === idOf(victim) && r.processed > beforeRestart.processed,
      30_000,
    );
    const restartResumeMs = Date.now() - restartedAt;
    // Well before any heartbeat could have gone stale: it was the restarted worker's own.
    expect(restartResumeMs).toBeLessThan(STALE_RUN_MS);

    const done = await progressBy("the sync to succeed", (r) => r.status === "succeeded", 120_000);
    const finishedAfterKillMs = done.finishedAt!.getTime() - killedAt;
    expect(finishedAfterKillMs).toBeLessThan(120_000);
    expect(done.processed).toBe(CONTACTS);
    expect(done.attempts).toBeGreaterThanOrEqual(resumedByRestart.attempts);

    hub.sandbox.admin.setFaults({ rules: [] });
    const client = new Client({ accessToken: target.token, basePath: hub.sandbox.url });
    const truth = (await client.crm.contacts.getAll(100)).map((c) => c.id).sort();
    const stored = (
      await t.db
        .select({ id: contacts.hubspotId })
        .from(contacts)
        .where(and(eq(contacts.portalId, portalId), eq(contacts.archived, false)))
    )
      .map((r) => r.id)
      .sort();
    expect(stored).toEqual(truth);
    console.log(
      `[worker resume] killed at ${atKill.processed} contacts, resumed by the other worker ${Math.round(foundAfterBeatMs / 100) / 10} s after the last heartbeat; ` +
        `SIGTERM exit in ${stopMs} ms, handed over in ${handoverMs} ms; restarted worker resumed its own run in ${restartResumeMs} ms (process start included); ` +
        `finished ${Math.round(finishedAfterKillMs / 1000)} s after the first kill`,
    );
  });
});
