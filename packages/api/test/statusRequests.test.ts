import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { contacts, portals } from "@marketable/db";
import { availableEngines, snapshotDatabase, type TestDatabase } from "@marketable/db/testing";

import { previewRequest, publicPreview } from "../src/services/statusRequests/previewRequest";
import { type sandboxHubSpot } from "./hubspotSandbox";
import { hubspotStatus } from "./hubspotStatus";
import { statusRequestWorld } from "./statusRequestWorld";
import { errorCode } from "./trpcErrors";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

const engines = await availableEngines();

describe.each(engines)("marketing status requests on %s", (engine) => {
  const w = statusRequestWorld(engine);
  const { queued, clock, as, execute, stored, audit } = w;
  let t: TestDatabase, hub: Hub, portalId: string, token: string;
  beforeAll(() => void ({ t, hub, portalId, token } = w));

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
