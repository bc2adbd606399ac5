import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appPolicies, auditLog, portalApps } from "@marketable/db";
import { insertContacts, type ContactInput } from "@marketable/db/seed";
import { availableEngines, snapshotDatabase } from "@marketable/db/testing";

import { driftOf, observedSwitch } from "../src/services/integrations/drift";
import { refreshPortalApps } from "../src/services/integrations/refreshPortalApps";
import { buildWorld, type World } from "./world";

const DAY = 86_400_000;

describe("observed switch and drift (pure)", () => {
  it("reads the switch from the newest contacts", () => {
    expect(observedSwitch(0, 0)).toBe("unknown");
    expect(observedSwitch(10, 10)).toBe("on");
    expect(observedSwitch(10, 8)).toBe("on");
    expect(observedSwitch(10, 1)).toBe("off");
    expect(observedSwitch(10, 5)).toBe("mixed");
  });
  it("prices drift against a 'no' policy at the portal's block price", () => {
    // Professional yearly: blocks of 5,000 at 25,000 minor units a month → 5 minor units per contact.
    const drift = driftOf({
      policy: false,
      observed: "on",
      recentCreated: 10,
      recentMarketing: 10,
      created30d: 40,
      marketing: 40,
      priceRow: { blockSize: 5_000, blockPriceMinor: 25_000 },
    });
    expect(drift).toEqual({ drifting: true, contactsAffected: 10, monthlyCostMinor: 50 });
    expect(
      driftOf({
        policy: true,
        observed: "on",
        recentCreated: 10,
        recentMarketing: 10,
        created30d: 0,
        marketing: 0,
        priceRow: { blockSize: 1_000, blockPriceMinor: 1_500 },
      }).drifting,
    ).toBe(false);
    expect(
      driftOf({
        policy: null,
        observed: "on",
        recentCreated: 10,
        recentMarketing: 10,
        created30d: 0,
        marketing: 0,
        priceRow: { blockSize: 1_000, blockPriceMinor: 1_500 },
      }).drifting,
    ).toBe(false);
  });
});

const engines = await availableEngines();

describe.each(engines)("integrations on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
    const now = w.clock.now().getTime();
    const rows: ContactInput[] = [];
    // Shopify (app 1220873): 12 older non-marketing contacts, then 10 recent marketing ones (switch flipped on).
    for (let i = 0; i < 22; i++) {
      rows.push({
        hubspotId: `${100 + i}`,
        objectSource: "INTEGRATION",
        objectSourceId: "1220873",
        objectSourceLabel: "INTEGRATION",
        objectSourceDetail1: "Shopify",
        marketable: i >= 12,
        createdAt: new Date(now - (40 - i) * DAY),
      });
    }
    // A form contact and an import: not apps.
    rows.push({ hubspotId: "900", objectSource: "FORM", marketable: true, createdAt: new Date(now - DAY) });
    rows.push({ hubspotId: "901", objectSource: "IMPORT", marketable: false, createdAt: new Date(now - DAY) });
    await insertContacts(w.t.db, w.p2.id, rows);
  });
  afterAll(async () => w?.close());

  it("aggregates apps from contact sources, with 7/30-day counts and the newest contacts' switch", async () => {
    expect(await refreshPortalApps(w.t.db, w.p2.id, w.clock.now())).toBe(1);
    const [shopify] = await w.t.db
      .select()
      .from(portalApps)
      .where(and(eq(portalApps.portalId, w.p2.id), eq(portalApps.appId, "1220873")));
    expect(shopify).toMatchObject({
      label: "Shopify",
      contacts: 22,
      marketing: 10,
      created7d: 0,
      created30d: 12,
      recentCreated: 10,
      recentMarketing: 10,
    });
  });

  it("shows drift when the policy disagrees, with cost and a settings link, and clears it when they agree", async () => {
    await w.as("manager").integrations.setPolicy({ portalId: w.p2.id, appId: "1220873", createMarketing: false });
    const view = await w.as("manager").integrations.portal({ portalId: w.p2.id });
    const app = view.apps.find((a) => a.appId === "1220873")!;
    expect(app).toMatchObject({ policy: false, observed: "on", drift: { drifting: true, contactsAffected: 10 } });
    expect(app.drift.monthlyCostMinor).toBeGreaterThan(0);
    expect(app.settingsUrl).toContain("102");
    // The contacts behind the drift: a Contacts page filter whose count is the link's.
    expect(app.driftContacts?.filter).toMatchObject({ appId: "1220873", status: "marketing" });
    const listed = await w.as("manager").contacts.list({ portalId: w.p2.id, filter: app.driftContacts!.filter });
    expect(listed.total).toBe(app.driftContacts!.count);
    expect(listed.total).toBe(10);
    await w.as("manager").integrations.setPolicy({ portalId: w.p2.id, appId: "1220873", createMarketing: true });
    const agreed = await w.as("manager").integrations.portal({ portalId: w.p2.id });
    expect(agreed.apps.find((a) => a.appId === "1220873")!.drift.drifting).toBe(false);
    const audit = await w.t.db.select().from(auditLog).where(eq(auditLog.action, "integrations.setPolicy"));
    expect(audit.map((a) => a.after)).toContainEqual({ createMarketing: true, app: "Shopify" });
  });

  it("the overview lists the drift with its cost, only on portals the person may see", async () => {
    await w.as("admin").integrations.setPolicy({ portalId: w.p2.id, appId: "1220873", createMarketing: false });
    const overview = await w.as("admin").agency.overview();
    expect(overview.drift).toEqual([expect.objectContaining({ portalId: w.p2.id, appLabel: "Shopify", contactsAffected: 10 })]);
    expect((await w.as("client").agency.overview()).drift).toEqual([]);
    await w.as("admin").integrations.setPolicy({ portalId: w.p2.id, appId: "1220873", createMarketing: null });
  });

  it("an agency template applies to every portal with the app", async () => {
    await w.as("admin").integrations.setTemplate({ appId: "1220873", createMarketing: false });
    const matrix = await w.as("admin").integrations.matrix();
    const cell = matrix.cells.find((c) => c.portalId === w.p2.id && c.appId === "1220873")!;
    expect(cell).toMatchObject({ policy: false, policyFromTemplate: true, drift: { drifting: true } });
    expect(matrix.apps.map((a) => a.label)).toEqual(["Salesforce", "Shopify"]);
  });

  it("an agency-wide policy: preview of the portals and contacts that would drift, save, override on one portal, undo once", async () => {
    const admin = w.as("admin");
    const preview = await admin.integrations.previewTemplate({ appId: "1220873", createMarketing: false });
    expect(preview.portals.find((p) => p.portalId === w.p2.id)).toMatchObject({ wouldDrift: true, contacts: { count: 10 } });
    expect(preview).toMatchObject({ driftingPortals: 1, driftingContacts: 10 });
    // Saving to "yes" (in line with Shopify's switch), then undoing, puts back what was there.
    const saved = await admin.integrations.setTemplate({ appId: "1220873", createMarketing: true });
    await admin.integrations.setPolicy({ portalId: w.p2.id, appId: "1220873", createMarketing: false });
    // A portal's override since the change: undoing would overwrite it, so it is refused.
    await expect(admin.integrations.undoTemplate({ auditId: saved.auditId })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "CONFLICT",
    );
    const again = await admin.integrations.setTemplate({ appId: "1220873", createMarketing: true });
    expect((await admin.integrations.templates()).apps.find((a) => a.appId === "1220873")).toMatchObject({ template: true, following: 1 });
    await admin.integrations.undoTemplate({ auditId: again.auditId });
    const restored = await w.t.db.select().from(appPolicies).where(eq(appPolicies.appId, "1220873"));
    expect(restored.map((r) => [r.portalId, r.createMarketing, r.fromTemplate])).toEqual([[w.p2.id, false, false]]);
    await expect(admin.integrations.undoTemplate({ auditId: again.auditId })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "CONFLICT",
    );
    const late = await admin.integrations.setTemplate({ appId: "1220873", createMarketing: true });
    w.clock.advance(61_000);
    await expect(admin.integrations.undoTemplate({ auditId: late.auditId })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST",
    );
    w.clock.advance(-61_000);
  });

  it("pages the matrix by portal name, searches it, and counts drift and apps over every matching portal", async () => {
    await w.as("admin").integrations.setTemplate({ appId: "1220873", createMarketing: false });
    const all = await w.as("admin").integrations.matrix();
    const first = await w.as("admin").integrations.matrix({ page: 1, pageSize: 1 });
    expect(first).toMatchObject({
      page: 1,
      pageSize: 1,
      matched: all.portals.length,
      pageCount: all.portals.length,
      driftCount: all.driftCount,
    });
    expect(first.portals).toEqual(all.portals.slice(0, 1));
    expect(first.apps).toEqual(all.apps);
    expect(first.cells.every((c) => c.portalId === first.portals[0]!.id)).toBe(true);
    // The page that shows P2 describes its drifting cell in full, with the contacts behind it.
    const withP2 = await w.as("admin").integrations.matrix({ page: all.portals.findIndex((p) => p.name === "P2") + 1, pageSize: 1 });
    const drifting = withP2.cells.filter((c) => c.drift.drifting);
    expect(drifting.length).toBeGreaterThan(0);
    expect(drifting.every((c) => c.portalId === w.p2.id && c.driftContacts !== null)).toBe(true);
    expect(withP2.driftCount).toBe(all.driftCount);
    const p2 = await w.as("admin").integrations.matrix({ search: "p2" });
    expect(p2.portals.map((p) => p.name)).toEqual(["P2"]);
    expect(p2.driftCount).toBeGreaterThan(0);
    expect((await w.as("admin").integrations.matrix({ search: "nothing like it" })).portals).toEqual([]);
  });

  it("refuses a policy for an app the portal has never seen, changing nothing", async () => {
    const before = await snapshotDatabase(w.t.db);
    await expect(w.as("owner").integrations.setPolicy({ portalId: w.p2.id, appId: "424242", createMarketing: true })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND",
    );
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
  });

  it("shows a client only the apps of their own portal in the matrix", async () => {
    const matrix = await w.as("client").integrations.matrix();
    expect(matrix.portals.map((p) => p.name)).toEqual(["P1"]);
  });
});
