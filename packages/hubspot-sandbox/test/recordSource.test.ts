import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_APPS, type Sandbox } from "../src/index";
import { clientFor, startTestSandbox } from "./support/sandbox";

let sandbox: Sandbox;
let problems: string[];

beforeAll(async () => {
  ({ sandbox, problems } = await startTestSandbox());
});
afterAll(async () => {
  await sandbox.close();
});

const SOURCE_PROPS = ["hs_object_source", "hs_object_source_label", "hs_object_source_id", "hs_object_source_detail_1"];

/** Record source as HubSpot fills it (docs/hubspot.md): the code twice, the app's id, its name in detail 1. */
describe("record source properties", () => {
  it("a contact an OAuth app creates: INTEGRATION, the app's id and the app's name in detail 1", async () => {
    const shopify = DEMO_APPS.shopify;
    const p = sandbox.admin.createPortal({ name: "Source Co", edition: "professional", apps: [{ appId: shopify.appId }] });
    const { access_token } = sandbox.admin.mintToken(p.hubId, shopify.appId);
    const app = clientFor(sandbox, access_token);
    const created = await app.crm.contacts.basicApi.create({ properties: { email: "buyer@source.co" }, associations: [] });
    const read = await app.crm.contacts.basicApi.getById(created.id, SOURCE_PROPS);
    expect(read.properties).toMatchObject({
      hs_object_source: "INTEGRATION",
      hs_object_source_label: "INTEGRATION",
      hs_object_source_id: String(shopify.appId),
      hs_object_source_detail_1: shopify.name,
    });
    expect(problems).toEqual([]);
  });

  it("a private app's contact is INTEGRATION with the private app's id and name", async () => {
    const p = sandbox.admin.createPortal({ name: "Private Co", edition: "starter" });
    const client = clientFor(sandbox, p.token);
    const created = await client.crm.contacts.basicApi.create({ properties: { email: "lead@private.co" }, associations: [] });
    const read = await client.crm.contacts.basicApi.getById(created.id, SOURCE_PROPS);
    const privateApp = sandbox.state.portal(p.hubId)!.privateApp;
    expect(p.privateAppId).toBe(privateApp.appId);
    expect(read.properties).toMatchObject({
      hs_object_source: "INTEGRATION",
      hs_object_source_label: "INTEGRATION",
      hs_object_source_id: String(privateApp.appId),
      hs_object_source_detail_1: privateApp.name,
    });
    expect(privateApp.name).not.toBe("");
    expect(problems).toEqual([]);
  });

  it("a form's contact carries FORM in both code properties; the definitions have HubSpot's labels", async () => {
    const p = sandbox.admin.createPortal({ name: "Form Co", edition: "starter" });
    const [contact] = sandbox.admin.createContacts(p.hubId, { source: "form", formName: "Spring webinar", count: 1 }).results;
    const client = clientFor(sandbox, p.token);
    const read = await client.crm.contacts.basicApi.getById(String(contact!.id), SOURCE_PROPS);
    expect(read.properties).toMatchObject({
      hs_object_source: "FORM",
      hs_object_source_label: "FORM",
      hs_object_source_detail_1: "Spring webinar",
    });

    const labels = Object.fromEntries(
      await Promise.all(
        [...SOURCE_PROPS, "hs_object_source_detail_2", "hs_object_source_detail_3"].map(async (name) => {
          const def = await client.crm.properties.coreApi.getByName("contacts", name);
          expect(def.modificationMetadata?.readOnlyValue).toBe(true);
          return [name, def.label] as const;
        }),
      ),
    );
    expect(labels).toEqual({
      hs_object_source: "Record source",
      hs_object_source_label: "Record source",
      hs_object_source_id: "Record source ID",
      hs_object_source_detail_1: "Record source detail 1",
      hs_object_source_detail_2: "Record source detail 2",
      hs_object_source_detail_3: "Record source detail 3",
    });
    const codes = await client.crm.properties.coreApi.getByName("contacts", "hs_object_source_label");
    expect(codes.options.map((o) => o.value)).toContain("INTEGRATION");
    expect(problems).toEqual([]);
  });
});
