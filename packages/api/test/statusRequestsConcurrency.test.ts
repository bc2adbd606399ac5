import { Client } from "@hubspot/api-client";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog, contacts, portals, statusRequests, type Portal } from "@marketable/db";
import { createAgency, createMember, grantPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, snapshotDatabase, type TestDatabase } from "@marketable/db/testing";
import { createPortalGateway, type PortalGateway } from "@marketable/hubspot";
import { logger } from "@marketable/logger";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createWorkerDeps, type WorkerDeps } from "../src/jobs/workerDeps";
import { createCaller } from "../src/root";
import {
  executeStatusRequest,
  importNameFor,
  MAX_EXECUTION_ATTEMPTS,
  type ExecuteOptions,
} from "../src/services/statusRequests/executeRequest";
import { runSync } from "../src/services/sync/runSync";
import { sandboxHubSpot, sandboxWorker } from "./hubspotSandbox";
import { errorCode } from "./trpcErrors";

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

  it("two attempts at once after a crash (a worker taken for dead was alive after all): one import, one result, no duplicate audit", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 4)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Twin attempts",
      selection: { kind: "ids", ids },
    });
    // The first attempt stops right after the import is created and recorded.
    const crashOnPoll = async (p: Portal): Promise<PortalGateway> => {
      const gateway = await fastGateway(p);
      gateway.getImport = () => Promise.reject(new Error("worker stopped while polling"));
      return gateway;
    };
    await expect(execute(created.id, { gatewayFor: crashOnPoll })).rejects.toThrow("worker stopped while polling");
    const results = await Promise.all([execute(created.id), execute(created.id)]);
    expect(results).toEqual([{ state: "succeeded" }, { state: "succeeded" }]);
    expect([...hub.sandbox.state.imports.values()].filter((job) => job.name === importNameFor(created.id))).toHaveLength(1);
    expect((await audit(created.id)).map((a) => a.action)).toEqual([
      "marketingStatus.request",
      "marketingStatus.execute",
      "marketingStatus.result",
    ]);
    const detail = await as("manager").statusRequests.get({ portalId, requestId: created.id });
    expect(detail.events.filter((e) => e.kind === "finished")).toHaveLength(1);
    expect(detail.outcomes).toEqual({ changed: 4 });
  });

  it("two executions from the start at once (no import yet): one creates the import, the other retries and finds it", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 3)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Twin starts",
      selection: { kind: "ids", ids },
    });
    const settled = await Promise.allSettled([execute(created.id), execute(created.id)]);
    const lost = settled.filter((r) => r.status === "rejected");
    // Whether the two overlap depends on timing; if they did, the loser stopped before importing.
    for (const r of lost) expect(String(r.reason)).toMatch(/Another attempt is creating this request's HubSpot import/);
    if (lost.length > 0) expect(await execute(created.id)).toEqual({ state: "succeeded" });
    expect([...hub.sandbox.state.imports.values()].filter((job) => job.name === importNameFor(created.id))).toHaveLength(1);
    expect((await audit(created.id)).map((a) => a.action)).toEqual([
      "marketingStatus.request",
      "marketingStatus.execute",
      "marketingStatus.result",
    ]);
    expect((await as("manager").statusRequests.get({ portalId, requestId: created.id })).outcomes).toEqual({ changed: 3 });
  });

  it("a request still unfinished after MAX_EXECUTION_ATTEMPTS fails with its last error instead of retrying forever", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 2)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Never finishes",
      selection: { kind: "ids", ids },
    });
    await t.db
      .update(statusRequests)
      .set({ attempts: MAX_EXECUTION_ATTEMPTS, lastError: "HubSpot answered 502" })
      .where(eq(statusRequests.id, created.id));
    expect(await execute(created.id)).toEqual({ state: "failed" });
    const detail = await as("manager").statusRequests.get({ portalId, requestId: created.id });
    expect(detail.request.lastError).toBe(`Gave up after ${MAX_EXECUTION_ATTEMPTS} attempts (last error: HubSpot answered 502).`);
    expect([...hub.sandbox.state.imports.values()].filter((job) => job.name === importNameFor(created.id))).toHaveLength(0);
    expect((await audit(created.id)).map((a) => a.action)).toEqual(["marketingStatus.request", "marketingStatus.result"]);
    // Finished: running it again changes nothing.
    expect(await execute(created.id)).toEqual({ state: "failed" });
    expect(await audit(created.id)).toHaveLength(2);
  });

  it("a contact deleted in HubSpot meanwhile fails on its own, with HubSpot's row error; the rest change", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 5)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Partial",
      selection: { kind: "ids", ids },
    });
    await new Client({ accessToken: token, basePath: hub.sandbox.url }).crm.contacts.basicApi.archive(ids[2]!);
    expect(await execute(created.id)).toEqual({ state: "partially_failed" });
    const detail = await as("manager").statusRequests.get({ portalId, requestId: created.id });
    expect(detail.outcomes).toEqual({ changed: 4, failed: 1 });
    expect(detail.results[0]).toMatchObject({ hubspotId: ids[2], outcome: "failed" });
    expect(detail.results[0]!.error).toMatch(/UPDATE_ONLY_IMPORT|no longer exists/);
    expect(detail.request).toMatchObject({ succeeded: 4, failed: 1, processed: 5 });
    expect((await audit(created.id)).at(-1)!.after).toMatchObject({ state: "partially_failed", succeeded: 4, failed: 1 });
  });

  it("an analyst and a client see the contacts but no request button, and are FORBIDDEN from the procedures", async () => {
    const [c] = await stored();
    const fields = { target: "nonMarketing" as const, reason: "No", selection: { kind: "ids" as const, ids: [c!.hubspotId] } };
    for (const role of ["analyst", "client"] as const) {
      const list = await as(role).contacts.list({ portalId });
      expect(list.total).toBeGreaterThan(0);
      expect(list.canRequest).toBe(false);
      const before = await snapshotDatabase(t.db);
      expect(await errorCode(as(role).statusRequests.preview({ portalId, ...fields }))).toBe("FORBIDDEN");
      expect(await errorCode(as(role).statusRequests.create({ portalId, ...fields }))).toBe("FORBIDDEN");
      expect(await snapshotDatabase(t.db)).toEqual(before);
    }
    // The manager, on the same portal, holds the permission the button follows.
    expect((await as("manager").contacts.list({ portalId })).canRequest).toBe(true);
  });
});
