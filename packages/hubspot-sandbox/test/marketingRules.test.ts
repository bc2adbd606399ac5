import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_APPS, type Sandbox } from "../src/index";
import { clientFor, startTestSandbox } from "./support/sandbox";

let sandbox: Sandbox;
let problems: string[];

beforeAll(async () => {
  ({ sandbox, problems } = await startTestSandbox({ preset: "small" }));
});
afterAll(async () => {
  await sandbox.close();
});

const status = (hubId: number, id: string) => {
  const c = sandbox.admin.portal(hubId).contacts.get(Number(id))!;
  return { marketable: c.marketable, untilRenewal: c.untilRenewal };
};

describe("marketing status rules", () => {
  it("promotes at once and demotes only at the update date (monthly renewal day)", async () => {
    // START_AT is 2026-06-10; renewal day 20 → next update date 2026-06-20.
    const p = sandbox.admin.createPortal({ name: "Rules Co", edition: "professional", billingTerm: "monthly", renewalDay: 20 });
    const { results } = sandbox.admin.createContacts(p.hubId, { source: "crm_ui", contacts: [{ email: "x@rules.co" }] });
    const id = String(results[0]!.id);
    expect(status(p.hubId, id)).toEqual({ marketable: false, untilRenewal: false });

    sandbox.admin.setContactMarketing(p.hubId, Number(id), true);
    expect(status(p.hubId, id)).toEqual({ marketable: true, untilRenewal: false });
    expect(sandbox.admin.summarize(sandbox.admin.portal(p.hubId)).marketingContacts).toBe(1);

    sandbox.admin.setContactMarketing(p.hubId, Number(id), false);
    expect(status(p.hubId, id)).toEqual({ marketable: true, untilRenewal: true });
    const client = clientFor(sandbox, p.token);
    const read = await client.crm.contacts.basicApi.getById(id, ["hs_marketable_status", "hs_marketable_until_renewal"]);
    expect(read.properties).toMatchObject({ hs_marketable_status: "true", hs_marketable_until_renewal: "true" });

    sandbox.admin.advance({ days: 9 }); // 06-19 12:00: not yet
    expect(status(p.hubId, id)).toEqual({ marketable: true, untilRenewal: true });
    sandbox.admin.advance({ days: 1 }); // 06-20 12:00: update date crossed
    expect(status(p.hubId, id)).toEqual({ marketable: false, untilRenewal: false });
    const events = sandbox.admin.portal(p.hubId).billingEvents.filter((e) => e.type === "UPDATE_DATE");
    expect(events[0]).toMatchObject({ at: "2026-06-20T00:00:00.000Z", demotedContacts: 1, marketingContacts: 0 });
    expect(problems).toEqual([]);
  });

  it("yearly terms update on the 1st of each month", async () => {
    const p = sandbox.admin.createPortal({ name: "Yearly Co", edition: "enterprise", billingTerm: "yearly", renewalDay: 15 });
    const id = String(sandbox.admin.createContacts(p.hubId, { source: "form", contacts: [{ email: "y@yearly.co" }] }).results[0]!.id);
    sandbox.admin.setContactMarketing(p.hubId, Number(id), false);
    const now = sandbox.state.now();
    const firstOfNext = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() + 1, 1);
    // The simulated clock keeps running in real time: stop a minute short, then cross.
    sandbox.admin.advance({ ms: firstOfNext - now - 60_000 });
    expect(status(p.hubId, id).marketable).toBe(true);
    sandbox.admin.advance({ ms: 120_000 });
    expect(status(p.hubId, id).marketable).toBe(false);
  });

  it("upgrades the tier automatically when marketing contacts cross it, with a pro-rated billing event", async () => {
    const p = sandbox.admin.createPortal({ name: "Upgrade Co", edition: "starter", billingTerm: "monthly", renewalDay: 1 });
    expect(p.tier).toBe(1000);
    sandbox.admin.createContacts(p.hubId, { source: "form", count: 1000 });
    expect(sandbox.admin.portal(p.hubId).tier).toBe(1000);
    sandbox.admin.createContacts(p.hubId, { source: "form", count: 1 });
    expect(sandbox.admin.portal(p.hubId).tier).toBe(2000);
    const res = await fetch(`${sandbox.url}/_sandbox/portals/${p.hubId}/billing-events`);
    const { results } = (await res.json()) as {
      results: {
        type: string;
        fromTier: number;
        toTier: number;
        marketingContacts: number;
        proratedFraction: number;
        chargeDate: string;
      }[];
    };
    const upgrade = results.find((e) => e.type === "TIER_UPGRADE")!;
    expect(upgrade).toMatchObject({ fromTier: 1000, toTier: 2000, marketingContacts: 1001 });
    expect(upgrade.proratedFraction).toBeGreaterThan(0);
    expect(upgrade.proratedFraction).toBeLessThanOrEqual(1);
    expect(new Date(upgrade.chargeDate).getTime()).toBeGreaterThan(sandbox.state.now());
  });

  it("an app's switch decides the status of contacts it creates, only from the flip on", async () => {
    const salesforce = DEMO_APPS.salesforce.appId;
    const p = sandbox.admin.createPortal({ name: "Switch Co", edition: "professional", apps: [{ appId: salesforce }] });
    const { access_token } = sandbox.admin.mintToken(p.hubId, salesforce);
    const app = clientFor(sandbox, access_token);
    const before = await app.crm.contacts.basicApi.create({ properties: { email: "before@switch.co" }, associations: [] });

    const flip = await fetch(`${sandbox.url}/_sandbox/portals/${p.hubId}/apps/${salesforce}/switch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ marketing: true }),
    });
    expect(
      ((await flip.json()) as { apps: { appId: number; marketing: boolean }[] }).apps.find((a) => a.appId === salesforce)?.marketing,
    ).toBe(true);
    const after = await app.crm.contacts.basicApi.create({ properties: { email: "after@switch.co" }, associations: [] });

    const props = [
      "hs_marketable_status",
      "hs_object_source",
      "hs_object_source_id",
      "hs_object_source_label",
      "hs_object_source_detail_1",
    ];
    const b = await app.crm.contacts.basicApi.getById(before.id, props);
    const a = await app.crm.contacts.basicApi.getById(after.id, props);
    expect(b.properties).toMatchObject({
      hs_marketable_status: "false",
      hs_object_source: "INTEGRATION",
      hs_object_source_id: String(salesforce),
      hs_object_source_label: "INTEGRATION",
      hs_object_source_detail_1: "Salesforce",
    });
    expect(a.properties).toMatchObject({ hs_marketable_status: "true", hs_object_source_id: String(salesforce) });

    sandbox.admin.setSwitch(p.hubId, salesforce, false);
    const later = await app.crm.contacts.basicApi.create({ properties: { email: "later@switch.co" }, associations: [] });
    expect((await app.crm.contacts.basicApi.getById(later.id, props)).properties.hs_marketable_status).toBe("false");
    expect((await app.crm.contacts.basicApi.getById(after.id, props)).properties.hs_marketable_status).toBe("true");
    expect(problems).toEqual([]);
  });

  it("calendar-sync apps create no contacts; forms create marketing contacts and promote existing ones", () => {
    const p = sandbox.admin.createPortal({ name: "Forms Co", apps: [{ appId: DEMO_APPS.calendar.appId }] });
    expect(() => sandbox.admin.createContacts(p.hubId, { source: "app", appId: DEMO_APPS.calendar.appId, count: 1 })).toThrow(
      /creates no contacts/,
    );
    const crm = sandbox.admin.createContacts(p.hubId, { source: "crm_ui", contacts: [{ email: "sub@forms.co" }] }).results[0]!;
    expect(status(p.hubId, String(crm.id)).marketable).toBe(false);
    sandbox.admin.createContacts(p.hubId, { source: "form", contacts: [{ email: "sub@forms.co" }, { email: "new@forms.co" }] });
    expect(status(p.hubId, String(crm.id)).marketable).toBe(true);
    const created = sandbox.admin.portal(p.hubId).contacts.byEmail("new@forms.co")!;
    expect(created.marketable).toBe(true);
    expect(created.source).toBe("FORM");
  });

  it("activity generators create contacts through an app as the clock advances", () => {
    const zapier = DEMO_APPS.zapier.appId;
    const p = sandbox.admin.createPortal({ name: "Busy Co", apps: [{ appId: zapier, marketing: true }] });
    sandbox.admin.addActivity(p.hubId, { source: "app", appId: zapier, contactsPerDay: 20 });
    sandbox.admin.advance({ days: 3 });
    const portal = sandbox.admin.portal(p.hubId);
    expect(portal.contacts.liveCount).toBe(60);
    expect(portal.contacts.records.every((c) => c.sourceId === String(zapier) && c.marketable)).toBe(true);
  });
});
