import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { privateAppToken, startSandbox, type Sandbox } from "@marketable/hubspot-sandbox";

import { CONTACT_PROPERTIES, toContactRecord } from "../src";

describe("HubSpot contact → contacts row", () => {
  it("maps every stored field", () => {
    const row = toContactRecord({
      id: "42",
      archived: false,
      properties: {
        email: " Ada@Example.COM ",
        createdate: "2024-01-02T03:04:05.678Z",
        lastmodifieddate: "1767225600000",
        lifecyclestage: "lead",
        hs_marketable_status: "true",
        hs_marketable_until_renewal: "true",
        hs_marketable_reason_type: "INTEGRATION",
        hs_marketable_reason_id: "Salesforce",
        hs_object_source: "INTEGRATION",
        hs_object_source_id: "1160452",
        hs_object_source_label: "INTEGRATION",
        hs_object_source_detail_1: "Salesforce",
        hs_email_bounce: "1",
        hs_email_optout: "true",
        hs_email_last_open_date: "2025-03-01T00:00:00Z",
        hs_last_sales_activity_timestamp: "2025-05-01T00:00:00Z",
        notes_last_updated: "2025-04-01T00:00:00Z",
      },
    });
    expect(row).toEqual({
      hubspotId: "42",
      email: "ada@example.com",
      createdAt: new Date("2024-01-02T03:04:05.678Z"),
      updatedAt: new Date(1767225600000),
      marketable: true,
      marketableUntilRenewal: true,
      marketableReasonType: "INTEGRATION",
      marketableReasonId: "Salesforce",
      objectSource: "INTEGRATION",
      objectSourceId: "1160452",
      objectSourceLabel: "INTEGRATION",
      objectSourceDetail1: "Salesforce",
      hardBounced: true,
      optedOut: true,
      lastEngagementAt: new Date("2025-05-01T00:00:00Z"),
      lifecycleStage: "lead",
      archived: false,
    });
  });

  it("accepts null, missing, empty and malformed values", () => {
    const row = toContactRecord({
      id: "7",
      properties: {
        email: null,
        createdate: "",
        hs_marketable_status: "false",
        hs_email_bounce: "0",
        hs_email_optout: null,
        hs_email_last_open_date: "not a date",
        lifecyclestage: undefined,
      },
      updatedAt: "2025-01-01T00:00:00Z",
      archived: true,
    });
    expect(row).toMatchObject({
      email: null,
      createdAt: null,
      updatedAt: new Date("2025-01-01T00:00:00Z"),
      marketable: false,
      marketableUntilRenewal: false,
      hardBounced: false,
      optedOut: false,
      lastEngagementAt: null,
      lifecycleStage: null,
      objectSource: null,
      archived: true,
    });
    expect(toContactRecord({ id: "8", properties: { hs_email_hard_bounce_reason_enum: "UNKNOWN_USER" } }).hardBounced).toBe(true);
  });
});

describe("mapping what the sandbox serves", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ preset: "small", seed: 4, port: 0, limits: false });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("the properties we request exist in the properties API (or are HubSpot-only extras), and map the sandbox's records faithfully", async () => {
    const hubId = 20000003;
    const headers = { authorization: `Bearer ${privateAppToken(hubId)}` };
    const defs = (await (await fetch(`${sandbox.url}/crm/v3/properties/contacts`, { headers })).json()) as { results: { name: string }[] };
    const known = new Set(defs.results.map((d) => d.name));
    const hubspotOnly = ["hs_email_hard_bounce_reason_enum", "hs_email_last_click_date", "notes_last_updated"];
    expect(CONTACT_PROPERTIES.filter((p) => !known.has(p)).sort()).toEqual(hubspotOnly.sort());

    const url = new URL(`${sandbox.url}/crm/v3/objects/contacts`);
    url.searchParams.set("limit", "100");
    url.searchParams.set("properties", CONTACT_PROPERTIES.join(","));
    const body = (await (await fetch(url, { headers })).json()) as { results: { id: string; properties: Record<string, string> }[] };
    const records = sandbox.state.portal(hubId)!.contacts.records;
    for (const c of body.results) {
      const row = toContactRecord(c);
      const truth = records.find((r) => String(r.id) === c.id)!;
      expect(row.marketable).toBe(truth.marketable);
      expect(row.marketableUntilRenewal).toBe(truth.untilRenewal);
      expect(row.hardBounced).toBe(truth.bounced);
      expect(row.optedOut).toBe(truth.optedOut);
      expect(row.objectSource).toBe(truth.source ?? null);
      // hs_object_source_label holds the code again; the app's (or form's) name is in detail 1.
      expect(row.objectSourceLabel).toBe(truth.source ?? null);
      expect(row.objectSourceDetail1).toBe(truth.sourceDetail1);
      expect(row.createdAt!.getTime()).toBe(truth.createdAt);
      const engagement = Math.max(truth.lastActivityAt, truth.lastEmailOpenAt);
      expect(row.lastEngagementAt?.getTime() ?? 0).toBe(engagement);
    }
  });
});
