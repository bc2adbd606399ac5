import { Client } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AGENCY_HUB_ID, type Sandbox } from "../src/index";
import { clientFor, clientPortals, startTestSandbox } from "./support/sandbox";

let sandbox: Sandbox;
let problems: string[];
let checked: Set<string>;

beforeAll(async () => {
  ({ sandbox, problems, checked } = await startTestSandbox());
});
afterAll(async () => {
  await sandbox.close();
});

describe("properties, owners, account info, partner clients, webhooks v3", () => {
  it("lists contact properties with read-only metadata", async () => {
    const client = clientFor(sandbox, clientPortals(sandbox)[0]!.token);
    const all = await client.crm.properties.coreApi.getAll("contacts");
    const names = all.results.map((p) => p.name);
    for (const n of [
      "hs_marketable_status",
      "hs_marketable_until_renewal",
      "hs_marketable_reason_type",
      "hs_marketable_reason_id",
      "hs_object_source",
      "hs_object_source_id",
      "hs_object_source_label",
    ]) {
      expect(names).toContain(n);
    }
    const status = await client.crm.properties.coreApi.getByName("contacts", "hs_marketable_status");
    expect(status.modificationMetadata?.readOnlyValue).toBe(true);
    expect(status.options.map((o) => o.value)).toEqual(["true", "false"]);
    expect((await client.crm.properties.coreApi.getByName("contacts", "firstname")).modificationMetadata?.readOnlyValue).toBe(false);
    await client.crm.properties.coreApi.create("contacts", {
      name: "agency_tag",
      label: "Agency tag",
      type: "string" as never,
      fieldType: "text" as never,
      groupName: "contactinformation",
    });
    const c = await client.crm.contacts.basicApi.create({ properties: { email: "tag@example.org", agency_tag: "vip" }, associations: [] });
    expect(c.properties.agency_tag).toBe("vip");
    expect(problems).toEqual([]);
  });

  it("serves owners, account details, private-app API usage and partner clients", async () => {
    const portal = clientPortals(sandbox)[0]!;
    const client = clientFor(sandbox, portal.token);
    const owners = await client.crm.owners.ownersApi.getPage(undefined, undefined, 2);
    expect(owners.results).toHaveLength(2);
    expect(owners.paging?.next?.after).toBe("2");

    const details = (await (await client.apiRequest({ method: "GET", path: "/account-info/v3/details" })).json()) as {
      portalId: number;
      portalName: string;
    };
    expect(details.portalId).toBe(portal.hubId);
    // The account's name, as in HubSpot's example response (what a connected portal is named after).
    expect(details.portalName).toBe(portal.name);
    const usage = (await (await client.apiRequest({ method: "GET", path: "/account-info/v3/api-usage/daily/private-apps" })).json()) as {
      results: { usageLimit: number; currentUsage: number }[];
    };
    expect(usage.results[0]!.usageLimit).toBe(250_000);
    expect(usage.results[0]!.currentUsage).toBeGreaterThan(0);

    const agency = sandbox.admin.listPortals().find((p) => p.hubId === AGENCY_HUB_ID)!;
    const partner = clientFor(sandbox, agency.token);
    const clients = (await (await partner.apiRequest({ method: "GET", path: "/crm/v3/objects/partner_clients?limit=100" })).json()) as {
      results: { properties: Record<string, string> }[];
    };
    expect(clients.results.map((c) => Number(c.properties.hs_client_portal_id)).sort()).toEqual(
      clientPortals(sandbox)
        .map((p) => p.hubId)
        .sort(),
    );
    expect(problems).toEqual([]);
  });

  it("manages webhook settings and subscriptions with the developer API key", async () => {
    const app = sandbox.admin.listApps().find((a) => a.kind === "product")!;
    const dev = new Client({ developerApiKey: app.developerApiKey, basePath: sandbox.url });
    await dev.webhooks.settingsApi.configure(app.appId, {
      targetUrl: "http://127.0.0.1:9/hooks",
      throttling: { maxConcurrentRequests: 5 },
    });
    const sub = await dev.webhooks.subscriptionsApi.create(app.appId, {
      eventType: "contact.propertyChange" as never,
      propertyName: "hs_marketable_status",
      active: true,
    });
    const list = await dev.webhooks.subscriptionsApi.getAll(app.appId);
    expect(list.results.map((s) => s.id)).toContain(sub.id);
    expect((await dev.webhooks.settingsApi.getAll(app.appId)).targetUrl).toBe("http://127.0.0.1:9/hooks");
    await dev.webhooks.settingsApi.clear(app.appId);
    expect(problems).toEqual([]);
    expect(checked.size).toBeGreaterThan(8);
  });
});
