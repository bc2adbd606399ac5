import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";

import { auditLog, contacts, portals, type Portal } from "@marketable/db";
import { createAgency, createMember, grantPortal } from "@marketable/db/seed";
import { createTestDatabase, type Engine, type TestDatabase } from "@marketable/db/testing";
import { createPortalGateway } from "@marketable/hubspot";
import { logger } from "@marketable/logger";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createWorkerDeps, type WorkerDeps } from "../src/jobs/workerDeps";
import { createCaller } from "../src/root";
import { executeStatusRequest, type ExecuteOptions } from "../src/services/statusRequests/executeRequest";
import { runSync } from "../src/services/sync/runSync";
import { sandboxHubSpot, sandboxWorker } from "./hubspotSandbox";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;
export type Role = "owner" | "admin" | "manager" | "billing" | "analyst" | "client";

/**
 * The status-request suites' world, set up in the calling describe's beforeAll: a starter portal
 * (tier 1,000, 900 imported non-marketing contacts) connected and synced, a member per role, and
 * callers, executors and readers over it. `t`, `hub`, `portalId` and `token` are read after setup.
 */
export function statusRequestWorld(engine: Engine) {
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
  return {
    get t() {
      return t;
    },
    get hub() {
      return hub;
    },
    get portalId() {
      return portalId;
    },
    get token() {
      return token;
    },
    users,
    queued,
    clock,
    as,
    fastGateway,
    worker,
    execute,
    stored,
    audit,
  };
}
