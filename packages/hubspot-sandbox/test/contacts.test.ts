import { type Client } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Sandbox } from "../src/index";
import { clientFor, clientPortals, startTestSandbox } from "./support/sandbox";

let sandbox: Sandbox;
let problems: string[];
let client: Client;
let hubId: number;

beforeAll(async () => {
  ({ sandbox, problems } = await startTestSandbox());
  const portal = clientPortals(sandbox)[1]!;
  hubId = portal.hubId;
  client = clientFor(sandbox, portal.token);
});
afterAll(async () => {
  await sandbox.close();
});

describe("contacts v3 through @hubspot/api-client", () => {
  it("pages through every live contact with the cursor", async () => {
    const portal = sandbox.admin.portal(hubId);
    const seen = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await client.crm.contacts.basicApi.getPage(100, after, ["email", "hs_marketable_status"]);
      for (const c of page.results) {
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
        expect(c.properties.hs_marketable_status).toMatch(/^(true|false)$/);
        expect(c.archived).toBe(false);
      }
      after = page.paging?.next?.after;
      pages++;
    } while (after);
    expect(seen.size).toBe(portal.contacts.liveCount);
    expect(pages).toBe(Math.ceil(seen.size / 100));
    expect(problems).toEqual([]);
  });

  it("returns HubSpot's default properties when none are requested", async () => {
    const page = await client.crm.contacts.basicApi.getPage(1);
    expect(Object.keys(page.results[0]!.properties).sort()).toEqual(
      expect.arrayContaining(["createdate", "hs_object_id", "lastmodifieddate"]),
    );
    expect(page.results[0]!.properties.hs_marketable_status).toBeUndefined();
  });

  it("creates, reads by id and by email, updates and archives a contact", async () => {
    const created = await client.crm.contacts.basicApi.create({
      properties: { email: "ada@example.org", firstname: "Ada" },
      associations: [],
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties.hs_object_source).toBeUndefined();
    const byEmail = await client.crm.contacts.basicApi.getById(
      "ada@example.org",
      ["hs_object_source", "hs_marketable_status"],
      undefined,
      undefined,
      false,
      "email",
    );
    expect(byEmail.id).toBe(created.id);
    expect(byEmail.properties.hs_object_source).toBe("INTEGRATION");
    expect(byEmail.properties.hs_marketable_status).toBe("false");
    const updated = await client.crm.contacts.basicApi.update(created.id, { properties: { lastname: "Lovelace" } });
    expect(updated.properties.lastname).toBe("Lovelace");
    await client.crm.contacts.basicApi.archive(created.id);
    await expect(client.crm.contacts.basicApi.getById(created.id)).rejects.toMatchObject({ code: 404 });
    const archived = await client.crm.contacts.basicApi.getById(created.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
    expect(problems).toEqual([]);
  });

  it("refuses a duplicate email with 409 CONFLICT", async () => {
    const existing = (await client.crm.contacts.basicApi.getPage(1, undefined, ["email"])).results[0]!;
    await expect(
      client.crm.contacts.basicApi.create({ properties: { email: existing.properties.email! }, associations: [] }),
    ).rejects.toMatchObject({ code: 409, body: { category: "CONFLICT", message: `Contact already exists. Existing ID: ${existing.id}` } });
    expect(problems).toEqual([]);
  });

  it("refuses writes to hs_marketable_status as READ_ONLY_VALUE", async () => {
    const err = (await client.crm.contacts.basicApi
      .create({ properties: { email: "ro@example.org", hs_marketable_status: "true" }, associations: [] })
      .catch((e: unknown) => e)) as { code: number; body: { category: string; message: string } };
    expect(err.code).toBe(400);
    expect(err.body.category).toBe("VALIDATION_ERROR");
    expect(err.body.message).toContain("READ_ONLY_VALUE");
    expect(err.body.message).toContain("hs_marketable_status");
    const first = (await client.crm.contacts.basicApi.getPage(1)).results[0]!;
    await expect(client.crm.contacts.basicApi.update(first.id, { properties: { hs_marketable_status: "false" } })).rejects.toMatchObject({
      code: 400,
    });
    await expect(client.crm.contacts.basicApi.update(first.id, { properties: { no_such_property: "x" } })).rejects.toMatchObject({
      code: 400,
    });
    expect(problems).toEqual([]);
  });

  it("refuses unknown tokens and missing scopes", async () => {
    const bad = clientFor(sandbox, "pat-na1-not-a-token");
    await expect(bad.crm.contacts.basicApi.getPage(1)).rejects.toMatchObject({ code: 401, body: { category: "INVALID_AUTHENTICATION" } });
    const limited = sandbox.admin.mintToken(hubId, 1_500_001, ["oauth"]);
    await expect(clientFor(sandbox, limited.access_token).crm.contacts.basicApi.getPage(1)).rejects.toMatchObject({
      code: 403,
      body: { category: "MISSING_SCOPES" },
    });
    expect(problems).toEqual([]);
  });
});
