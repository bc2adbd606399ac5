import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog, contacts, portals, statusRequestContacts, statusRequests, type Portal } from "@marketable/db";
import { createAgency, createMember, grantPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { createPortalGateway, type PortalGateway } from "@marketable/hubspot";
import { logger } from "@marketable/logger";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createWorkerDeps, type WorkerDeps } from "../src/jobs/workerDeps";
import { createCaller } from "../src/root";
import { executeStatusRequest, importNameFor, type ExecuteOptions } from "../src/services/statusRequests/executeRequest";
import { runSync } from "../src/services/sync/runSync";
import { sandboxHubSpot, sandboxWorker } from "./hubspotSandbox";
import { hubspotStatus } from "./hubspotStatus";
import { waitFor } from "./waitFor";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;
type Role = "owner" | "admin" | "manager" | "billing" | "analyst" | "client";

const engines = await availableEngines();

describe.each(engines)("marketing status requests on %s", (engine) => {
  let t: TestDatabase;
  let hub: Hub;
  let portalId: string;
  let token: string;
  const users = {} as Record<Role, { id: string }>;
  const queued: string[] = [];
  const scheduler = { requestSync: async () => {}, executeStatusRequest: async (id: string) => void queued.push(id) };
  const clock = fixedClock(new Date());
  const as = (role: Role) => createCaller(createTRPCContext({ db: t.db, userId: users[role].id, clock, hubspot: hub.settings, scheduler }));
  const fastGateway = (p: Portal) =>
    createPortalGateway({
      db: t.db,
      keyring: hub.settings.keyring,
      basePath: hub.settings.apiBase,
      portal: { portalId: p.id, hubId: p.hubId!, edition: p.edition },
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
    });
  const worker = (extra: Partial<WorkerDeps> = {}) =>
    createWorkerDeps({
      db: t.db,
      settings: hub.settings,
      log: logger,
      clock,
      scheduler: { requestSync: async () => {} },
      gatewayFor: fastGateway,
      ...extra,
    });
  const execute = (requestId: string, extra: Partial<WorkerDeps> = {}, options: ExecuteOptions = {}) =>
    executeStatusRequest(worker(extra), requestId, { pollIntervalMs: 20, ...options });
  const stored = (where = eq(contacts.portalId, portalId)) => t.db.select().from(contacts).where(where).orderBy(asc(contacts.hubspotId));
  const audit = (targetId: string) => t.db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(asc(auditLog.id));

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    hub = await sandboxHubSpot();
    const agency = await createAgency(t.db, { name: "Status Agency" });
    for (const role of ["owner", "admin", "billing"] as const) users[role] = await createMember(t.db, { agencyId: agency.id, role });
    for (const role of ["manager", "analyst", "client"] as const)
      users[role] = await createMember(t.db, { agencyId: agency.id, role: "member" });
    const target = hub.clientPortals[0]!; // starter, tier 1,000
    token = target.token;
    // 900 more non-marketing contacts (an import), so promoting them all crosses the tier.
    hub.sandbox.admin.createContacts(target.hubId, { source: "import", count: 900 });
    const { portalId: id } = await as("owner").connections.connectToken({ token: target.token });
    portalId = id;
    // The contract as HubSpot bills this portal (connecting assumes Professional until someone edits it).
    await t.db
      .update(portals)
      .set({ edition: "starter", purchasedTier: 1_000, billingTerm: "monthly", updateDateRule: "renewal_day", renewalDate: "2027-03-15" })
      .where(eq(portals.id, portalId));
    for (const role of ["manager", "analyst", "client"] as const)
      await grantPortal(t.db, { agencyId: agency.id, userId: users[role].id, portalId, role });
    const [run] = await t.db.query.syncRuns.findMany({ where: (r, { eq: is }) => is(r.portalId, portalId) });
    await runSync(sandboxWorker(t.db, hub), run!.id);
  });
  afterAll(async () => {
    await hub?.sandbox.close();
    await t?.close();
  });

  it("with 10% injected faults and a crash right after the import is created, each contact changes exactly once and the audit is complete", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 40)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Fault drill",
      selection: { kind: "ids", ids },
      confirmCount: ids.length,
    });
    let crashed = false;
    const crashing = async (p: Portal): Promise<PortalGateway> => {
      const gateway = await fastGateway(p);
      const create = gateway.createMarketingStatusImport.bind(gateway);
      gateway.createMarketingStatusImport = async (input) => {
        const id = await create(input);
        if (!crashed) {
          crashed = true;
          throw new Error("worker stopped after creating the import");
        }
        return id;
      };
      return gateway;
    };
    hub.sandbox.admin.setFaults({ rate: 0.1, kinds: ["429", "500", "503"], seed: 5 });
    let result: { state: string } | null = null;
    let attempts = 0;
    try {
      // What pg-boss does: run the job again after each failure.
      while (!result && attempts < 10) {
        attempts++;
        try {
          result = await execute(created.id, { gatewayFor: crashing });
        } catch {
          /* retried */
        }
      }
    } finally {
      hub.sandbox.admin.clearFaults();
    }
    expect(attempts).toBeGreaterThan(1);
    expect(result).toEqual({ state: "succeeded" });
    const imports = [...hub.sandbox.state.imports.values()].filter((job) => job.name === importNameFor(created.id));
    expect(imports).toHaveLength(1);
    const truth = await hubspotStatus(hub, token, ids);
    for (const id of ids) expect(truth.get(id)).toEqual({ marketing: true, pending: true });
    const results = await t.db.select().from(statusRequestContacts).where(eq(statusRequestContacts.requestId, created.id));
    expect(results.map((r) => r.outcome)).toEqual(ids.map(() => "changed"));
    const [row] = await t.db.select().from(statusRequests).where(eq(statusRequests.id, created.id));
    expect(row!.importId).toBe(imports[0]!.id);
    const entries = await audit(created.id);
    expect(entries.map((a) => a.action)).toEqual(["marketingStatus.request", "marketingStatus.execute", "marketingStatus.result"]);
    expect(entries[2]!.before).toMatchObject({ marketing: expect.any(Number) as number, pendingDemotion: expect.any(Number) as number });
    expect(entries[2]!.after).toMatchObject({ state: "succeeded", succeeded: 40, failed: 0 });
  });

  it("a running execution keeps its heartbeat (updated_at) fresh while it waits on HubSpot, so it is not taken for dead", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 3)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Heartbeat",
      selection: { kind: "ids", ids },
    });
    // The re-read waits until the test has seen a heartbeat.
    let inRead!: () => void;
    const reading = new Promise<void>((resolve) => (inRead = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slowReads = async (p: Portal): Promise<PortalGateway> => {
      const gateway = await fastGateway(p);
      const read = gateway.getContactsByIds.bind(gateway);
      gateway.getContactsByIds = async (...args) => {
        inRead();
        await released;
        return read(...args);
      };
      return gateway;
    };
    const running = execute(created.id, { gatewayFor: slowReads }, { heartbeatMs: 10 });
    try {
      await reading;
      clock.advance(60_000);
      const beat = clock.now().getTime();
      const row = await waitFor(
        "a heartbeat",
        async () => {
          const [current] = await t.db.select().from(statusRequests).where(eq(statusRequests.id, created.id));
          return current!.updatedAt.getTime() >= beat ? current : undefined;
        },
        5_000,
      );
      expect(row).toMatchObject({ state: "running", finishedAt: null });
    } finally {
      release();
    }
    expect(await running).toEqual({ state: "succeeded" });
  });
});
