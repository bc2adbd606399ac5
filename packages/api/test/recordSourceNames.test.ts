import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { Client } from "@hubspot/api-client";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appPolicyTemplates, contacts, portalApps, portalSyncState, syncRuns } from "@marketable/db";
import { createAgency, createMember, insertContacts } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { DEMO_APPS } from "@marketable/hubspot-sandbox";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createCaller } from "../src/root";
import { refreshPortalApps } from "../src/services/integrations/refreshPortalApps";
import { runSync } from "../src/services/sync/runSync";
import { recordingScheduler, sandboxHubSpot, sandboxWorker, type SandboxHub } from "./hubspotSandbox";

const engines = await availableEngines();

/** The hand-written part of migration 0009: marks portals whose stored contacts predate the apps' names. */
const markPendingSql = readFileSync(
  fileURLToPath(new URL("../../db/migrations/0009_hubspot_daily_limits_record_source.sql", import.meta.url)),
  "utf8",
)
  .split("--> statement-breakpoint")
  .at(-1)!;

/**
 * Apps are named from hs_object_source_detail_1 (hs_object_source_label holds the code
 * "INTEGRATION"): docs/hubspot.md.
 */
describe.each(engines)("app names from the record source on %s", (engine) => {
  let t: TestDatabase;
  let hub: SandboxHub;
  let ownerId: string;
  let agencyId: string;
  const scheduler = recordingScheduler();
  const caller = () =>
    createCaller(createTRPCContext({ db: t.db, userId: ownerId, clock: fixedClock(new Date()), hubspot: hub.settings, scheduler }));
  const sync = (runId: string) => runSync(sandboxWorker(t.db, hub), runId);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    hub = await sandboxHubSpot();
    const agency = await createAgency(t.db, { name: "Names Agency" });
    agencyId = agency.id;
    ownerId = (await createMember(t.db, { agencyId, role: "owner" })).id;
  });
  afterAll(async () => {
    await hub?.sandbox.close();
    await t?.close();
  });

  it("a sync names apps (private apps too) from detail 1, in the Integrations view and the contacts table", async () => {
    const target = hub.clientPortals[0]!;
    const shopify = DEMO_APPS.shopify;
    hub.sandbox.admin.installApp(target.hubId, shopify.appId);
    hub.sandbox.admin.createContacts(target.hubId, { source: "app", appId: shopify.appId, count: 3 });
    // The private app the portal is connected with creates a contact too.
    await new Client({ accessToken: target.token, basePath: hub.sandbox.url }).crm.contacts.basicApi.create({
      properties: { email: "via-private@names.test" },
      associations: [],
    });
    const privateApp = hub.sandbox.state.portal(target.hubId)!.privateApp;

    const { portalId } = await caller().connections.connectToken({ token: target.token });
    await sync(scheduler.requests.at(-1)!.runId);

    const view = await caller().integrations.portal({ portalId });
    const labels = new Map(view.apps.map((a) => [a.appId, a.label]));
    expect(labels.get(String(shopify.appId))).toBe(shopify.name);
    expect(labels.get(String(privateApp.appId))).toBe(privateApp.name);
    expect([...labels.values()]).not.toContain("INTEGRATION");

    const page = await caller().contacts.list({ portalId, filter: { appId: String(shopify.appId) }, pageSize: 100 });
    expect(page.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(page.items.map((c) => c.sourceName))).toEqual(new Set([shopify.name]));
    const facets = await caller().contacts.facets({ portalId });
    expect(facets.apps).toContainEqual({ appId: String(privateApp.appId), label: privateApp.name });
    // Record sources and lifecycle stages with the portal's own labels, read from its properties API.
    expect(facets.labels.source).toMatchObject({ CRM_UI: "CRM UI", INTEGRATION: "Integration" });
    expect(facets.labels.lifecycleStage).toMatchObject({ marketingqualifiedlead: "Marketing Qualified Lead" });
  });

  it("contacts stored from the old field get their app's name back on the next sync (a full one), templates included", async () => {
    const target = hub.clientPortals[1]!;
    const { portalId } = await caller().connections.connectToken({ token: target.token });
    await sync(scheduler.requests.at(-1)!.runId);
    const named = await t.db
      .select({ appId: portalApps.appId, label: portalApps.label })
      .from(portalApps)
      .where(eq(portalApps.portalId, portalId));
    expect(named.length).toBeGreaterThan(0);
    const appId = named[0]!.appId;

    // As an earlier version stored them against HubSpot: no detail 1, and "INTEGRATION" as the name.
    await t.db.update(contacts).set({ objectSourceDetail1: null }).where(eq(contacts.portalId, portalId));
    await t.db.update(portalApps).set({ label: "INTEGRATION" }).where(eq(portalApps.portalId, portalId));
    await t.db.insert(appPolicyTemplates).values({ agencyId, appId, label: "INTEGRATION", createMarketing: false });
    await refreshPortalApps(t.db, portalId, new Date());
    expect((await caller().integrations.portal({ portalId })).apps.find((a) => a.appId === appId)!.label).toBe(`App ${appId}`);

    // Migration 0009 marks the portal; the next sync asked for (here a manual incremental one) is full.
    await t.db.execute(sql.raw(markPendingSql));
    const [state] = await t.db.select().from(portalSyncState).where(eq(portalSyncState.portalId, portalId));
    expect(state!.sourceDetailsPendingSince).toBeInstanceOf(Date);
    const { runId } = await caller().connections.sync({ portalId, kind: "incremental" });
    const [run] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    expect(run!.kind).toBe("full");
    await sync(runId);

    const after = await t.db
      .select({ appId: portalApps.appId, label: portalApps.label })
      .from(portalApps)
      .where(eq(portalApps.portalId, portalId));
    expect(after.sort((a, b) => a.appId.localeCompare(b.appId))).toEqual(named.sort((a, b) => a.appId.localeCompare(b.appId)));
    const [template] = await t.db
      .select()
      .from(appPolicyTemplates)
      .where(and(eq(appPolicyTemplates.agencyId, agencyId), eq(appPolicyTemplates.appId, appId)));
    expect(template!.label).toBe(named[0]!.label);
    const missing = await t.db
      .select({ id: contacts.hubspotId })
      .from(contacts)
      .where(and(eq(contacts.portalId, portalId), eq(contacts.objectSource, "INTEGRATION"), sql`${contacts.objectSourceDetail1} is null`));
    expect(missing).toEqual([]);

    // Done: the following sync is incremental again.
    const next = await caller().connections.sync({ portalId, kind: "incremental" });
    expect((await t.db.select().from(syncRuns).where(eq(syncRuns.id, next.runId)))[0]!.kind).toBe("incremental");
  });

  it("calendar-sync apps are recognised by id, not by name", async () => {
    const target = hub.clientPortals[2]!;
    const { portalId } = await caller().connections.connectToken({ token: target.token });
    const now = new Date();
    await insertContacts(t.db, portalId, [
      {
        hubspotId: "9001",
        objectSource: "INTEGRATION",
        objectSourceId: String(DEMO_APPS.calendar.appId),
        objectSourceLabel: "INTEGRATION",
        objectSourceDetail1: "Team meetings",
        createdAt: now,
      },
      {
        hubspotId: "9002",
        objectSource: "INTEGRATION",
        objectSourceId: "7777777",
        objectSourceLabel: "INTEGRATION",
        objectSourceDetail1: "Calendar Leads",
        createdAt: now,
      },
    ]);
    await refreshPortalApps(t.db, portalId, now);
    const kinds = new Map((await t.db.select().from(portalApps).where(eq(portalApps.portalId, portalId))).map((a) => [a.appId, a.kind]));
    expect(kinds.get(String(DEMO_APPS.calendar.appId))).toBe("never_creates_contacts");
    expect(kinds.get("7777777")).toBe("creates_contacts");
  });
});
