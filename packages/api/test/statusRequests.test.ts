import { Client } from "@hubspot/api-client";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog, contacts, portals, statusRequestContacts, statusRequests, type Portal } from "@marketable/db";
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
import { previewRequest, publicPreview } from "../src/services/statusRequests/previewRequest";
import { runSync } from "../src/services/sync/runSync";
import { sandboxHubSpot, sandboxWorker } from "./hubspotSandbox";
import { errorCode } from "./trpcErrors";
import { waitFor } from "./waitFor";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;
type Role = "owner" | "admin" | "manager" | "billing" | "analyst" | "client";

/** What the sandbox (HubSpot) says about contacts' status, read with the official client. */
async function hubspotStatus(hub: Hub, token: string, ids: string[]) {
  const client = new Client({ accessToken: token, basePath: hub.sandbox.url });
  const out = new Map<string, { marketing: boolean; pending: boolean }>();
  for (let i = 0; i < ids.length; i += 100) {
    const res = await client.crm.contacts.batchApi.read({
      inputs: ids.slice(i, i + 100).map((id) => ({ id })),
      properties: ["hs_marketable_status", "hs_marketable_until_renewal"],
      propertiesWithHistory: [],
    });
    for (const c of res.results)
      out.set(c.id, {
        marketing: c.properties.hs_marketable_status === "true",
        pending: c.properties.hs_marketable_until_renewal === "true",
      });
  }
  return out;
}

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

  it("a manager's demotion of a filtered set: preview counts and update date, runs without approval, contacts end pending demotion", async () => {
    const filter = { status: "marketing" as const, source: "FORM" };
    const page = await as("manager").contacts.list({ portalId, filter, pageSize: 5 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.canRequest).toBe(true);
    const preview = await as("manager").statusRequests.preview({ portalId, target: "nonMarketing", selection: { kind: "filter", filter } });
    expect(preview.changeCount).toBe(page.total);
    expect(preview.billing.effectiveAtUpdateDate).toBe(page.total);
    expect(preview.billing.effectiveNow).toBe(0);
    expect(preview.billing.nextUpdateDate > preview.billing.today).toBe(true);
    expect(preview.billing.atNextUpdateDate.marketing).toBe(preview.counts.marketing - preview.counts.pendingDemotion - page.total);
    expect(preview.approvalReasons).toEqual([]);
    // Over the default 25 % share of the portal's marketing contacts: the count must be typed.
    expect(preview.confirmation).toMatchObject({ count: page.total, wholePortal: false });
    expect(preview.confirmation!.message).toMatch(
      /^Over the agency's 25 % share: [\d,]+ of the [\d,]+ marketing contacts of Northwind Bakery/,
    );
    const fields = {
      portalId,
      target: "nonMarketing" as const,
      reason: "Form leads we never email",
      selection: { kind: "filter" as const, filter },
    };
    const untouched = await snapshotDatabase(t.db);
    expect(await errorCode(as("manager").statusRequests.create(fields))).toBe("BAD_REQUEST");
    expect(await errorCode(as("manager").statusRequests.create({ ...fields, confirmCount: page.total + 1 }))).toBe("BAD_REQUEST");
    expect(await snapshotDatabase(t.db)).toEqual(untouched);

    const created = await as("manager").statusRequests.create({ ...fields, confirmCount: page.total });
    expect(created.state).toBe("queued");
    expect(queued).toContain(created.id);
    expect(await execute(created.id)).toEqual({ state: "succeeded" });

    const detail = await as("manager").statusRequests.get({ portalId, requestId: created.id });
    expect(detail.request).toMatchObject({ state: "succeeded", succeeded: page.total, failed: 0 });
    expect(detail.events.map((e) => e.kind)).toEqual([
      "requested",
      "queued",
      "started",
      "import_created",
      ...detail.events.filter((e) => e.kind === "import_state").map(() => "import_state"),
      "finished",
    ]);
    const ids = detail.results.map((r) => r.hubspotId);
    const truth = await hubspotStatus(hub, token, ids);
    for (const id of ids) expect(truth.get(id)).toEqual({ marketing: true, pending: true });
    const rows = await stored(and(eq(contacts.portalId, portalId), eq(contacts.objectSource, "FORM"), eq(contacts.marketable, true)));
    expect(rows.every((r) => r.marketableUntilRenewal)).toBe(true);
    // Running it again changes nothing.
    const before = await snapshotDatabase(t.db);
    expect(await execute(created.id)).toEqual({ state: "succeeded" });
    expect(await snapshotDatabase(t.db)).toEqual(before);
    expect((await audit(created.id)).map((a) => a.action)).toEqual([
      "marketingStatus.request",
      "marketingStatus.execute",
      "marketingStatus.result",
    ]);
    // Asking again: they are all pending demotion already, so nothing would change.
    const again = await as("manager").statusRequests.preview({ portalId, target: "nonMarketing", selection: { kind: "filter", filter } });
    expect(again).toMatchObject({ changeCount: 0 });
    const bySource = await as("manager").statusRequests.preview({
      portalId,
      target: "nonMarketing",
      selection: { kind: "filter", filter: { source: "FORM" } },
    });
    expect(bySource.changeCount).toBe(0);
  });

  it("the contacts table filters, sorts and pages on the server; the CSV export follows the filter", async () => {
    const all = await stored(and(eq(contacts.portalId, portalId), eq(contacts.objectSource, "IMPORT")));
    const emails = all.map((c) => c.email ?? "").sort();
    const page2 = await as("analyst").contacts.list({
      portalId,
      filter: { source: "IMPORT" },
      sort: "email",
      direction: "asc",
      page: 2,
      pageSize: 25,
    });
    expect(page2.total).toBe(all.length);
    expect(page2.items.map((c) => c.email ?? "")).toEqual(emails.slice(25, 50));
    const exported = await as("client").contacts.exportCsv({ portalId, filter: { source: "IMPORT" } });
    expect(exported.rows).toBe(all.length);
    expect(exported.csv.split(/\r?\n/)[0]).toBe(
      "id,email,status,source,app_id,app,hard_bounced,opted_out,last_engagement,lifecycle_stage,created",
    );
    const facets = await as("manager").contacts.facets({ portalId });
    expect(facets.sources).toContain("IMPORT");
    const idle = await as("manager").contacts.list({ portalId, filter: { noEngagementDays: 30, createdTo: "2100-01-01" } });
    expect(idle.total).toBeGreaterThan(0);
  });

  it("a filter's preview, counted in the database, says what the contact-by-contact preview says", async () => {
    const [portal] = await t.db.select().from(portals).where(eq(portals.id, portalId));
    const filters = [
      {},
      { status: "marketing" as const },
      { status: "pendingDemotion" as const },
      { source: "FORM" },
      { status: "nonMarketing" as const, source: "IMPORT" },
    ];
    let changing = 0;
    for (const target of ["marketing", "nonMarketing"] as const) {
      for (const filter of filters) {
        const input = { target, selection: { kind: "filter" as const, filter } };
        const counted = await as("manager").statusRequests.preview({ portalId, ...input });
        const listed = await previewRequest(t.db, portal!, input, clock.now());
        const { sample, ...rest } = counted;
        const { sample: listedSample, ...listedRest } = publicPreview(listed);
        expect(rest).toEqual(listedRest);
        expect(sample).toHaveLength(listedSample.length);
        const changingIds = new Set(listed.changing.map((c) => c.hubspotId));
        for (const c of sample) expect(changingIds.has(c.hubspotId)).toBe(true);
        changing += counted.changeCount;
      }
    }
    expect(changing).toBeGreaterThan(0);
  });

  it("a pasted list longer than PostgreSQL's 65,535 statement parameters still resolves, with its row errors", async () => {
    const [a, b] = await stored();
    const unknown = Array.from({ length: 66_000 }, (_, i) => String(90_000_000 + i));
    const preview = await as("manager").statusRequests.preview({
      portalId,
      target: "marketing",
      selection: { kind: "csv", text: [a!.hubspotId, b!.email, ...unknown].join("\n") },
    });
    expect(preview.selected).toBe(2);
    expect(preview.rowErrors).toHaveLength(unknown.length);
    expect(preview.rowErrors[0]).toEqual({ line: 3, value: unknown[0], message: "No synced contact has this id" });
  });

  it("a size or cost threshold sends a request for approval with the reason", async () => {
    const ids = (await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, false)))).slice(0, 3).map((c) => c.hubspotId);
    await as("billing").statusRequests.setGuardrails({ approvalSizeThreshold: 2, approvalCostThresholdMinor: 0, approvalTtlHours: 24 });
    const preview = await as("manager").statusRequests.preview({ portalId, target: "marketing", selection: { kind: "ids", ids } });
    expect(preview.approvalReasons).toEqual(["Changes 3 contacts, over the agency's limit of 2"]);
    const whole = await as("manager").statusRequests.preview({
      portalId,
      target: "marketing",
      selection: { kind: "filter", filter: { status: "nonMarketing" } },
    });
    expect(whole.approvalReasons.some((r) => r.startsWith("Adds "))).toBe(true);
    await as("owner").statusRequests.setGuardrails({ approvalSizeThreshold: null, approvalCostThresholdMinor: null, approvalTtlHours: 72 });
    expect(await as("manager").statusRequests.guardrails()).toMatchObject({ approvalSizeThreshold: null });
  });

  it("pasted CSV: unknown and malformed rows come back with their line numbers", async () => {
    const [a, b] = await stored();
    const text = ["email", a!.email, "not-an-email", "nobody@nowhere.test", b!.hubspotId, "99999999"].join("\n");
    const preview = await as("manager").statusRequests.preview({ portalId, target: "marketing", selection: { kind: "csv", text } });
    expect(preview.selected).toBe(2);
    expect(preview.rowErrors).toEqual([
      { line: 3, value: "not-an-email", message: "Not an email address or a contact id" },
      { line: 4, value: "nobody@nowhere.test", message: "No synced contact has this email" },
      { line: 6, value: "99999999", message: "No synced contact has this id" },
    ]);
  });

  it("an admin's promotion over the tier waits; the admin cannot approve it; billing approves; it runs", async () => {
    const filter = { status: "nonMarketing" as const };
    const preview = await as("admin").statusRequests.preview({ portalId, target: "marketing", selection: { kind: "filter", filter } });
    expect(preview.billing.crossesTier).toBe(true);
    expect(preview.billing.upgrade!.proratedChargeMinor).toBeGreaterThan(0);
    const created = await as("admin").statusRequests.create({
      portalId,
      target: "marketing",
      reason: "Newsletter relaunch",
      selection: { kind: "filter", filter },
      confirmCount: preview.changeCount,
    });
    expect(created.state).toBe("pending_approval");
    expect(created.approvalReasons[0]).toMatch(/Crosses the portal's tier/);
    expect(queued).not.toContain(created.id);

    const before = await snapshotDatabase(t.db);
    expect(await errorCode(as("admin").statusRequests.approve({ portalId, requestId: created.id }))).toBe("FORBIDDEN");
    expect(await errorCode(as("manager").statusRequests.approve({ portalId, requestId: created.id }))).toBe("FORBIDDEN");
    expect(await snapshotDatabase(t.db)).toEqual(before);
    // Nothing runs before approval.
    expect(await execute(created.id)).toEqual({ state: "pending_approval" });

    const queue = await as("billing").statusRequests.approvalQueue({ portalId });
    expect(queue.map((r) => r.id)).toContain(created.id);
    expect(await as("billing").statusRequests.approve({ portalId, requestId: created.id, note: "Budget agreed" })).toMatchObject({
      state: "queued",
    });
    expect(queued).toContain(created.id);
    expect(await execute(created.id)).toEqual({ state: "succeeded" });
    const { results: events } = (await fetch(`${hub.sandbox.url}/_sandbox/portals/${hub.clientPortals[0]!.hubId}/billing-events`).then(
      (r) => r.json(),
    )) as { results: { type: string }[] };
    expect(events.some((e) => e.type === "TIER_UPGRADE")).toBe(true);
    expect((await audit(created.id)).map((a) => a.action)).toEqual([
      "marketingStatus.request",
      "marketingStatus.approve",
      "marketingStatus.execute",
      "marketingStatus.result",
    ]);

    // No sync needed: the billing page already counts the promoted contacts, says what HubSpot's
    // automatic upgrade is (the tier the sandbox moved to), and the tier alerts are raised.
    const marketing = (await stored()).filter((c) => c.marketable).length;
    const billing = await as("billing").billing.portal({ portalId });
    expect(billing.usage!.marketing).toBe(marketing);
    expect(marketing).toBeGreaterThan(1_000);
    const sandboxTier = (
      (await fetch(`${hub.sandbox.url}/_sandbox/portals/${hub.clientPortals[0]!.hubId}`).then((r) => r.json())) as { tier: number }
    ).tier;
    expect(billing.automaticUpgrade).toMatchObject({ fromLimit: 1_000, newLimit: sandboxTier });
    const open = (await as("billing").alerts.list({ status: "open", portalId })).alerts;
    expect(
      open
        .filter((a) => a.kind === "threshold")
        .map((a) => a.detail.threshold)
        .sort((a, b) => Number(a) - Number(b)),
    ).toEqual([80, 90, 100]);
  });

  it("an approval window that passes expires the request; a rejection is final and audited", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 3)
      .map((c) => c.hubspotId);
    await as("owner").statusRequests.setGuardrails({ approvalSizeThreshold: 2, approvalCostThresholdMinor: null, approvalTtlHours: 1 });
    const first = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Cleanup",
      selection: { kind: "ids", ids },
    });
    expect(first.state).toBe("pending_approval");
    clock.advance(2 * 3_600_000);
    expect(await errorCode(as("billing").statusRequests.approve({ portalId, requestId: first.id }))).toBe("CONFLICT");
    expect((await as("manager").statusRequests.get({ portalId, requestId: first.id })).request.state).toBe("expired");

    const second = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Cleanup again",
      selection: { kind: "ids", ids },
    });
    expect(await as("billing").statusRequests.reject({ portalId, requestId: second.id, note: "Keep them this month" })).toMatchObject({
      state: "rejected",
    });
    expect(await errorCode(as("owner").statusRequests.approve({ portalId, requestId: second.id }))).toBe("CONFLICT");
    expect((await audit(second.id)).map((a) => a.action)).toEqual(["marketingStatus.request", "marketingStatus.reject"]);
    expect((await audit(first.id)).map((a) => a.action)).toEqual(["marketingStatus.request", "marketingStatus.expire"]);
    await as("owner").statusRequests.setGuardrails({ approvalSizeThreshold: null, approvalCostThresholdMinor: null, approvalTtlHours: 72 });
  });

  it("a stale preview is recomputed before the import: contacts that changed meanwhile are skipped", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 4)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Stale check",
      selection: { kind: "ids", ids },
    });
    // Meanwhile one of them was demoted elsewhere (a webhook or sync stored it).
    await t.db
      .update(contacts)
      .set({ marketableUntilRenewal: true })
      .where(and(eq(contacts.portalId, portalId), eq(contacts.hubspotId, ids[0]!)));
    clock.advance(10 * 60_000);
    expect(await execute(created.id)).toEqual({ state: "succeeded" });
    const detail = await as("manager").statusRequests.get({ portalId, requestId: created.id });
    expect(detail.outcomes).toEqual({ changed: 3, skipped: 1 });
    expect(detail.events.map((e) => e.kind)).toContain("preview_recomputed");
    expect(detail.request.changeCount).toBe(3);
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
