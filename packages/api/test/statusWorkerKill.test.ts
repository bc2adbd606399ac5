import type { ChildProcess } from "node:child_process";

import { Client } from "@hubspot/api-client";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog, contacts, statusRequestContacts, statusRequestEvents, statusRequests, type StatusRequest } from "@marketable/db";
import { createAgency, createMember, grantPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import type { FaultRule } from "@marketable/hubspot-sandbox";
import { createJobQueue, type JobQueue, type Jobs } from "@marketable/jobs";

import { systemClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { queueScheduler } from "../src/jobs/scheduler";
import { createCaller } from "../src/root";
import { importNameFor } from "../src/services/statusRequests/executeRequest";
import { runSync } from "../src/services/sync/runSync";
import { sandboxHubSpot, sandboxWorker, type SandboxHub } from "./hubspotSandbox";
import { waitFor } from "./waitFor";
import { workerProcesses } from "./workerProcesses";

/** Separate worker processes need PostgreSQL (PGlite is one process). */
const onPostgres = (await availableEngines()).includes("postgres");

type SandboxImport = { state: string } | undefined;

/** Contacts per request: enough that the import, its polling and the re-reads take a moment. */
const PER_REQUEST = 300;
const FINAL = new Set(["succeeded", "partially_failed", "failed"]);
/** 10% of every HubSpot call fails with 429, 500 or 503 (the gateway retries them). */
const tenPercentFaults = (seed: number): Partial<FaultRule> => ({ rate: 0.1, kinds: ["429", "500", "503"], endpoints: ["*"], seed });

/**
 * Where each round kills the worker, read from the request's row (and the sandbox's import).
 * Every point is after the import was created and recorded and before the result is stored.
 */
const killPoints: {
  name: string;
  extraFaults?: Partial<FaultRule>[];
  reached: (r: StatusRequest, hubspotImport: SandboxImport) => boolean;
}[] = [
  { name: "right after the import id is recorded", reached: (r) => r.importId !== null },
  {
    // The worker polls every second; the sandbox finishes an import in 200 ms.
    name: "while polling: HubSpot has finished the import, the worker has not seen it yet",
    reached: (r, hubspotImport) => r.importId !== null && hubspotImport?.state === "DONE" && r.importState !== "DONE",
  },
  {
    name: "during verification: the import is DONE and the contacts are being re-read",
    // HubSpot answers the re-reads slowly (3 batch reads of 400 ms), so the kill lands inside them.
    extraFaults: [{ rate: 1, kinds: ["slow"], endpoints: ["POST /crm/v3/objects/contacts/batch/read"], slowMs: 400, seed: 1 }],
    reached: (r) => r.importState === "DONE",
  },
];

describe.runIf(onPostgres)("a status request whose real worker process is killed mid-execution, with 10% faults", () => {
  let t: TestDatabase;
  let hub: SandboxHub;
  let queue: JobQueue<Jobs>;
  let workers: ReturnType<typeof workerProcesses>;
  let portalId: string;
  let target: { hubId: number; token: string };
  let managerId: string;

  /** The sandbox's status of every contact, read with the official client (faults off). */
  async function hubspotStatuses(): Promise<Map<string, { marketing: boolean; pending: boolean }>> {
    const client = new Client({ accessToken: target.token, basePath: hub.sandbox.url });
    const all = await client.crm.contacts.getAll(100, undefined, ["hs_marketable_status", "hs_marketable_until_renewal"]);
    return new Map(
      all.map((c) => [
        c.id,
        { marketing: c.properties.hs_marketable_status === "true", pending: c.properties.hs_marketable_until_renewal === "true" },
      ]),
    );
  }
  const requestRow = async (id: string) => (await t.db.select().from(statusRequests).where(eq(statusRequests.id, id)))[0]!;
  const sandboxImports = (requestId: string) =>
    [...hub.sandbox.state.imports.values()].filter((job) => job.name === importNameFor(requestId));
  const auditActions = async (requestId: string) =>
    (await t.db.select().from(auditLog).where(eq(auditLog.targetId, requestId)).orderBy(asc(auditLog.id))).map((a) => a.action);

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    hub = await sandboxHubSpot();
    workers = workerProcesses({ databaseUrl: t.url!, hub });
    target = hub.sandbox.admin.createPortal({
      name: "Status Kill",
      edition: "professional",
      contacts: 3000,
      apps: [{ appId: 1160452, marketing: true }],
    });
    queue = createJobQueue({ handle: t, maintenance: false });
    await queue.start();
    const agency = await createAgency(t.db, { name: "Status Kill Agency" });
    const ownerId = (await createMember(t.db, { agencyId: agency.id, role: "owner" })).id;
    managerId = (await createMember(t.db, { agencyId: agency.id, role: "member" })).id;
    // The first sync runs here, in-process: the workers under test only execute the status requests.
    const owner = createCaller(
      createTRPCContext({
        db: t.db,
        userId: ownerId,
        clock: systemClock,
        hubspot: hub.settings,
        scheduler: { requestSync: async () => {} },
      }),
    );
    ({ portalId } = await owner.connections.connectToken({ token: target.token }));
    await grantPortal(t.db, { agencyId: agency.id, userId: managerId, portalId, role: "manager" });
    const [run] = await t.db.query.syncRuns.findMany({ where: (r, { eq: is }) => is(r.portalId, portalId) });
    await runSync(sandboxWorker(t.db, hub), run!.id);
  });
  afterAll(async () => {
    hub?.sandbox.admin.clearFaults();
    await workers?.killAll();
    await queue?.stop({ graceful: false });
    await hub?.sandbox.close();
    await t?.close();
  });

  it(
    "each contact changes exactly once in HubSpot, one import, one result per contact, a complete audit: killed at 3 points",
    { timeout: 120_000 },
    async () => {
      // The manager's requests go through the real queue to the worker processes.
      const manager = createCaller(
        createTRPCContext({ db: t.db, userId: managerId, clock: systemClock, hubspot: hub.settings, scheduler: queueScheduler(queue) }),
      );
      const candidates = await t.db
        .select({ id: contacts.hubspotId })
        .from(contacts)
        .where(
          and(
            eq(contacts.portalId, portalId),
            eq(contacts.marketable, true),
            eq(contacts.marketableUntilRenewal, false),
            eq(contacts.archived, false),
          ),
        )
        .orderBy(asc(contacts.hubspotId));
      expect(candidates.length).toBeGreaterThanOrEqual(killPoints.length * PER_REQUEST);

      // Every marketing-status change HubSpot makes, per contact.
      const statusChanges = new Map<string, number>();
      const unsubscribe = hub.sandbox.state.onContactEvent((e) => {
        if (e.hubId !== target.hubId || e.type !== "contact.propertyChange") return;
        if (e.propertyName !== "hs_marketable_status" && e.propertyName !== "hs_marketable_until_renewal") return;
        statusChanges.set(String(e.contactId), (statusChanges.get(String(e.contactId)) ?? 0) + 1);
      });

      let worker: ChildProcess = workers.start();
      const report: string[] = [];
      try {
        for (const [round, point] of killPoints.entries()) {
          const ids = candidates.slice(round * PER_REQUEST, (round + 1) * PER_REQUEST).map((c) => c.id);
          const before = await hubspotStatuses();
          statusChanges.clear();
          hub.sandbox.admin.setFaults({ rules: [tenPercentFaults(round + 1), ...(point.extraFaults ?? [])] });

          // A manager's demotion under the thresholds: queued at once for `status.execute`.
          const created = await manager.statusRequests.create({
            portalId,
            target: "nonMarketing",
            reason: `Kill drill ${round + 1}`,
            selection: { kind: "ids", ids },
            confirmCount: ids.length,
          });
          expect(created).toMatchObject({ state: "queued", changeCount: PER_REQUEST });

          const atKill = await waitFor(
            `request ${created.id} to reach "${point.name}"`,
            async () => {
              const row = await requestRow(created.id);
              return point.reached(row, sandboxImports(created.id)[0]) ? row : undefined;
            },
            60_000,
          );
          await workers.kill(worker);
          // Killed mid-execution: the import exists and is recorded, no result is stored yet.
          const halfway = await requestRow(created.id);
          expect(atKill.state).toBe("running");
          expect(halfway).toMatchObject({ state: "running", finishedAt: null, succeeded: 0 });
          expect(halfway.importId).not.toBeNull();
          const pendingRows = await t.db.select().from(statusRequestContacts).where(eq(statusRequestContacts.requestId, created.id));
          expect(pendingRows.every((r) => r.outcome === "pending")).toBe(true);
          expect(await auditActions(created.id)).toEqual(["marketingStatus.request", "marketingStatus.execute"]);
          report.push(`${point.name} (import ${halfway.importState ?? "?"})`);

          // Restarted at once: the new worker gets the dead one's id (same host, its slot freed) and
          // resumes the request without waiting for a stale heartbeat: it cancels the dead worker's
          // job and runs a fresh one.
          worker = workers.start();
          const done = await waitFor(
            `request ${created.id} to finish after the restart`,
            async () => {
              const row = await requestRow(created.id);
              return FINAL.has(row.state) ? row : undefined;
            },
            60_000,
            100,
          );
          hub.sandbox.admin.clearFaults();

          // One import, used by both attempts.
          const imports = sandboxImports(created.id);
          expect(imports).toHaveLength(1);
          expect(imports[0]).toMatchObject({ state: "DONE", counters: { UPDATED_OBJECTS: PER_REQUEST, ERRORS: 0 } });
          expect(done).toMatchObject({
            state: "succeeded",
            importId: imports[0]!.id,
            succeeded: PER_REQUEST,
            failed: 0,
            processed: PER_REQUEST,
          });
          expect(done.attempts).toBeGreaterThanOrEqual(2);

          // HubSpot: each selected contact changed exactly once (now pending demotion); nobody else changed.
          const selected = new Set(ids);
          const after = await hubspotStatuses();
          expect(after.size).toBe(before.size);
          for (const [id, status] of after) {
            if (selected.has(id)) expect(status, `contact ${id}`).toEqual({ marketing: true, pending: true });
            else expect(status, `contact ${id}`).toEqual(before.get(id));
          }
          expect([...statusChanges.keys()].sort()).toEqual([...ids].sort());
          expect([...statusChanges.values()].every((n) => n === 1)).toBe(true);

          // One result row per contact, each changed.
          const results = await t.db.select().from(statusRequestContacts).where(eq(statusRequestContacts.requestId, created.id));
          expect(results.map((r) => r.hubspotId).sort()).toEqual([...ids].sort());
          expect(results.every((r) => r.outcome === "changed" && r.error === null)).toBe(true);

          // The audit: requested, executed (the import, once: the resumed attempt found it recorded)
          // and the result; the resumed attempt shows in the request's history as another "started".
          expect(await auditActions(created.id)).toEqual(["marketingStatus.request", "marketingStatus.execute", "marketingStatus.result"]);
          const [execute, result] = (
            await t.db.select().from(auditLog).where(eq(auditLog.targetId, created.id)).orderBy(asc(auditLog.id))
          ).slice(1);
          expect(execute!.after).toMatchObject({ importId: imports[0]!.id, contacts: PER_REQUEST, reused: false });
          expect(result!.after).toMatchObject({ state: "succeeded", succeeded: PER_REQUEST, failed: 0, skipped: 0 });
          const events = (
            await t.db
              .select()
              .from(statusRequestEvents)
              .where(eq(statusRequestEvents.requestId, created.id))
              .orderBy(asc(statusRequestEvents.id))
          ).map((e) => e.kind);
          expect(events.filter((k) => k === "started")).toHaveLength(done.attempts);
          expect(events.filter((k) => k === "import_created")).toHaveLength(1);
          expect(events.filter((k) => k === "finished")).toHaveLength(1);
          expect(events.at(-1)).toBe("finished");
        }
      } finally {
        unsubscribe();
        hub.sandbox.admin.clearFaults();
      }
      console.log(`[status worker kill] killed ${report.join("; ")}`);
    },
  );
});
