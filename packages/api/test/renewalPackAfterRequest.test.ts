import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { contacts, type Portal } from "@marketable/db";
import { createAgency, createMember, grantPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { createPortalGateway } from "@marketable/hubspot";
import { logger } from "@marketable/logger";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createWorkerDeps } from "../src/jobs/workerDeps";
import { createCaller } from "../src/root";
import { executeStatusRequest } from "../src/services/statusRequests/executeRequest";
import { runSync } from "../src/services/sync/runSync";
import { sandboxHubSpot, sandboxWorker } from "./hubspotSandbox";
import { sections } from "./renewalCsvSections";

const engines = await availableEngines();

describe.each(engines)("renewal pack after a real request on %s", (engine) => {
  let t: TestDatabase;
  let hub: Awaited<ReturnType<typeof sandboxHubSpot>>;
  let portalId: string;
  const users = {} as Record<"owner" | "manager" | "billing", { id: string; email: string }>;
  const clock = fixedClock(new Date());
  const scheduler = { requestSync: async () => {}, executeStatusRequest: async () => {} };
  const as = (role: keyof typeof users) =>
    createCaller(createTRPCContext({ db: t.db, userId: users[role].id, clock, hubspot: hub.settings, scheduler }));

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    hub = await sandboxHubSpot();
    const agency = await createAgency(t.db, { name: "Renewal Agency" });
    users.owner = await createMember(t.db, { agencyId: agency.id, role: "owner" });
    users.billing = await createMember(t.db, { agencyId: agency.id, role: "billing" });
    users.manager = await createMember(t.db, { agencyId: agency.id, role: "member" });
    const target = hub.clientPortals[0]!;
    ({ portalId } = await as("owner").connections.connectToken({ token: target.token }));
    await grantPortal(t.db, { agencyId: agency.id, userId: users.manager.id, portalId, role: "manager" });
    const [run] = await t.db.query.syncRuns.findMany({ where: (r, { eq: is }) => is(r.portalId, portalId) });
    await runSync(sandboxWorker(t.db, hub), run!.id);
  });
  afterAll(async () => {
    await hub?.sandbox.close();
    await t?.close();
  });

  it("lists a promotion the executor ran, with the portal's marketing count before and after", async () => {
    const idle = await t.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.portalId, portalId), eq(contacts.marketable, false)))
      .orderBy(asc(contacts.hubspotId))
      .limit(3);
    expect(idle).toHaveLength(3);
    const marketingBefore = (
      await t.db
        .select()
        .from(contacts)
        .where(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true)))
    ).length;
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "marketing",
      reason: "Webinar speakers",
      selection: { kind: "ids", ids: idle.map((c) => c.hubspotId) },
    });
    expect(created.state).toBe("queued");
    const gatewayFor = (p: Portal) =>
      createPortalGateway({
        db: t.db,
        keyring: hub.settings.keyring,
        basePath: hub.settings.apiBase,
        portal: { portalId: p.id, hubId: p.hubId!, edition: p.edition },
        retry: { baseDelayMs: 5, maxDelayMs: 50 },
      });
    expect(
      await executeStatusRequest(
        createWorkerDeps({ db: t.db, settings: hub.settings, log: logger, clock, scheduler: { requestSync: async () => {} }, gatewayFor }),
        created.id,
        { pollIntervalMs: 20 },
      ),
    ).toEqual({ state: "succeeded" });

    const pack = await as("billing").billing.renewalPack({ portalId });
    expect(pack.changes).toEqual([
      expect.objectContaining({
        id: created.id,
        requestedBy: users.manager.email,
        approvedBy: null,
        direction: "marketing",
        changed: 3,
        failed: 0,
        marketingBefore,
        marketingAfter: marketingBefore + 3,
        reason: "Webinar speakers",
      }),
    ]);
    // The sync wrote today's snapshot (taken before the promotion): the history ends with it.
    expect(pack.history.months.length).toBeGreaterThan(0);
    expect(pack.history.months.at(-1)!.last).toBe(pack.usage!.marketing);
    const line = sections((await as("billing").billing.renewalPackCsv({ portalId })).csv).get("Changes through Marketable")!;
    expect(line).toEqual([
      expect.objectContaining({
        direction: "to marketing",
        contacts_changed: "3",
        marketing_before: String(marketingBefore),
        marketing_after: String(marketingBefore + 3),
      }),
    ]);
  });
});
