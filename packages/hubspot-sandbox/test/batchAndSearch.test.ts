import { type Client } from "@hubspot/api-client";
import { FilterOperatorEnum, type Filter, type PublicObjectSearchRequest } from "@hubspot/api-client/lib/codegen/crm/contacts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Sandbox } from "../src/index";
import { clientFor, clientPortals, startTestSandbox } from "./support/sandbox";

let sandbox: Sandbox;
let problems: string[];
let client: Client;
let hubId: number;

const search = (req: Partial<PublicObjectSearchRequest>) =>
  client.crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], properties: [], limit: 100, after: "0", ...req });

beforeAll(async () => {
  ({ sandbox, problems } = await startTestSandbox());
  const portal = clientPortals(sandbox)[1]!;
  hubId = portal.hubId;
  client = clientFor(sandbox, portal.token);
  sandbox.admin.setRateLimits({ searchPerSecond: 10_000 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("batch endpoints", () => {
  it("creates, reads (207 on missing ids), updates, upserts and archives in batches", async () => {
    const created = await client.crm.contacts.batchApi.create({
      inputs: [1, 2, 3].map((i) => ({ properties: { email: `batch${i}@example.org`, firstname: `B${i}` }, associations: [] })),
    });
    expect(created.results).toHaveLength(3);
    const ids = created.results.map((r) => r.id);

    const read = await client.crm.contacts.batchApi.read({
      inputs: [...ids.map((id) => ({ id })), { id: "999999999" }],
      properties: ["email"],
      propertiesWithHistory: [],
    });
    expect(read.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect("errors" in read && read.errors?.[0]?.category).toBe("OBJECT_NOT_FOUND");

    const byEmail = await client.crm.contacts.batchApi.read({
      inputs: [{ id: "batch2@example.org" }],
      idProperty: "email",
      properties: [],
      propertiesWithHistory: [],
    });
    expect(byEmail.results[0]!.id).toBe(ids[1]);

    const updated = await client.crm.contacts.batchApi.update({
      inputs: [
        { id: ids[0]!, properties: { lastname: "Updated" } },
        { id: "999999999", properties: { lastname: "x" } },
      ],
    });
    expect(updated.results[0]!.properties.lastname).toBe("Updated");
    expect("numErrors" in updated && updated.numErrors).toBe(1);

    const upserted = await client.crm.contacts.batchApi.upsert({
      inputs: [
        { id: "batch3@example.org", idProperty: "email", properties: { lastname: "Upserted" } },
        { id: "fresh@example.org", idProperty: "email", properties: { lastname: "New" } },
      ],
    });
    const byNew = Object.fromEntries(upserted.results.map((r) => [r._new ? "new" : "old", r]));
    expect(byNew.old!.id).toBe(ids[2]);
    expect(byNew.new!.properties.lastname).toBe("New");

    await client.crm.contacts.batchApi.archive({ inputs: ids.map((id) => ({ id })) });
    const after = await client.crm.contacts.batchApi.read({ inputs: ids.map((id) => ({ id })), properties: [], propertiesWithHistory: [] });
    expect(after.results).toHaveLength(0);
    expect(problems).toEqual([]);
  });

  it("refuses more than 100 inputs a call", async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1) }));
    await expect(client.crm.contacts.batchApi.read({ inputs, properties: [], propertiesWithHistory: [] })).rejects.toMatchObject({
      code: 400,
      body: { category: "VALIDATION_ERROR" },
    });
    expect(problems).toEqual([]);
  });
});

describe("search", () => {
  it("serves every operator", async () => {
    const portal = sandbox.admin.portal(hubId);
    const records = portal.contacts.records.filter((c) => c.archivedAt === 0);
    const one = records[10]!;
    const count = (pred: (c: (typeof records)[number]) => boolean) => records.filter(pred).length;
    const total = async (filters: Filter[]) => (await search({ filterGroups: [{ filters }], limit: 1 })).total;

    expect(await total([{ propertyName: "email", operator: FilterOperatorEnum.Eq, value: one.email! }])).toBe(1);
    expect(await total([{ propertyName: "hs_marketable_status", operator: FilterOperatorEnum.Eq, value: "true" }])).toBe(
      count((c) => c.marketable),
    );
    expect(await total([{ propertyName: "hs_marketable_status", operator: FilterOperatorEnum.Neq, value: "true" }])).toBe(
      count((c) => !c.marketable),
    );
    expect(await total([{ propertyName: "hs_object_id", operator: FilterOperatorEnum.Lt, value: String(one.id) }])).toBe(
      count((c) => c.id < one.id),
    );
    expect(await total([{ propertyName: "hs_object_id", operator: FilterOperatorEnum.Lte, value: String(one.id) }])).toBe(
      count((c) => c.id <= one.id),
    );
    expect(await total([{ propertyName: "createdate", operator: FilterOperatorEnum.Gt, value: String(one.createdAt) }])).toBe(
      count((c) => c.createdAt > one.createdAt),
    );
    expect(
      await total([{ propertyName: "createdate", operator: FilterOperatorEnum.Gte, value: new Date(one.createdAt).toISOString() }]),
    ).toBe(count((c) => c.createdAt >= one.createdAt));
    expect(await total([{ propertyName: "hs_object_id", operator: FilterOperatorEnum.Between, value: "5", highValue: "15" }])).toBe(
      count((c) => c.id >= 5 && c.id <= 15),
    );
    expect(await total([{ propertyName: "hs_object_source", operator: FilterOperatorEnum.In, values: ["FORM", "IMPORT"] }])).toBe(
      count((c) => c.source === "FORM" || c.source === "IMPORT"),
    );
    expect(await total([{ propertyName: "hs_object_source", operator: FilterOperatorEnum.NotIn, values: ["FORM", "IMPORT"] }])).toBe(
      count((c) => c.source !== "FORM" && c.source !== "IMPORT"),
    );
    expect(await total([{ propertyName: "hubspot_owner_id", operator: FilterOperatorEnum.HasProperty }])).toBe(
      count((c) => c.ownerId !== null),
    );
    expect(await total([{ propertyName: "hubspot_owner_id", operator: FilterOperatorEnum.NotHasProperty }])).toBe(
      count((c) => c.ownerId === null),
    );
    expect(await total([{ propertyName: "email", operator: FilterOperatorEnum.ContainsToken, value: "*@gmail.com" }])).toBe(
      count((c) => c.email!.endsWith("@gmail.com")),
    );
    expect(problems).toEqual([]);
  });

  it("ORs filter groups, sorts by lastmodifieddate ascending and pages with after", async () => {
    const portal = sandbox.admin.portal(hubId);
    const since = portal.contacts.records[Math.floor(portal.contacts.records.length / 2)]!.updatedAt;
    const expected = portal.contacts.records
      .filter((c) => c.archivedAt === 0 && c.updatedAt >= since)
      .sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id)
      .map((c) => String(c.id));
    const seen: string[] = [];
    let after: string | undefined = "0";
    while (after !== undefined) {
      const page = await search({
        filterGroups: [{ filters: [{ propertyName: "lastmodifieddate", operator: FilterOperatorEnum.Gte, value: String(since) }] }],
        // The SDK types sorts as strings; HubSpot (and the sandbox) take {propertyName, direction} objects.
        sorts: [{ propertyName: "lastmodifieddate", direction: "ASCENDING" } as unknown as string],
        properties: ["lastmodifieddate"],
        limit: 200,
        after,
      });
      expect(page.total).toBe(expected.length);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
    }
    expect(seen).toEqual(expected);

    const twoGroups = await search({
      filterGroups: [
        { filters: [{ propertyName: "hs_object_id", operator: FilterOperatorEnum.Eq, value: "3" }] },
        { filters: [{ propertyName: "hs_object_id", operator: FilterOperatorEnum.Eq, value: "4" }] },
      ],
      sorts: [{ propertyName: "hs_object_id", direction: "DESCENDING" } as unknown as string],
    });
    expect(twoGroups.results.map((r) => r.id)).toEqual(["4", "3"]);
    expect(problems).toEqual([]);
  });

  it("pages an id range newest first, keyed by id (GT and LT bounds, other filters still applied, archived left out)", async () => {
    const portal = sandbox.admin.portal(hubId);
    const live = portal.contacts.records.filter((c) => c.archivedAt === 0);
    const [lowId, highId] = [live[5]!.id, live[Math.min(400, live.length - 5)]!.id];
    const expected = live.filter((c) => c.id > lowId && c.id < highId && c.email !== null).map((c) => String(c.id));
    expected.reverse();
    const seen: string[] = [];
    let below = String(highId);
    for (;;) {
      const page = await search({
        filterGroups: [
          {
            filters: [
              { propertyName: "hs_object_id", operator: FilterOperatorEnum.Lt, value: below },
              { propertyName: "hs_object_id", operator: FilterOperatorEnum.Gt, value: String(lowId) },
              { propertyName: "email", operator: FilterOperatorEnum.HasProperty },
            ],
          },
        ],
        sorts: [{ propertyName: "hs_object_id", direction: "DESCENDING" } as unknown as string],
        limit: 50,
      });
      if (seen.length === 0) expect(page.total).toBe(expected.length);
      seen.push(...page.results.map((r) => r.id));
      if (page.results.length < 50) break;
      below = page.results.at(-1)!.id;
    }
    expect(seen).toEqual(expected);
    expect(seen.length).toBeGreaterThan(10);
    // Bounds alone: every live contact in the range counts (archived ones never).
    const portalContacts = sandbox.admin.portal(hubId).contacts.records;
    const archived = portalContacts.find((c) => c.id > lowId && c.id < highId && c.archivedAt === 0)!;
    await client.crm.contacts.basicApi.archive(String(archived.id));
    const bounds = await search({
      filterGroups: [
        {
          filters: [
            { propertyName: "hs_object_id", operator: FilterOperatorEnum.Gt, value: String(lowId) },
            { propertyName: "hs_object_id", operator: FilterOperatorEnum.Lt, value: String(highId) },
          ],
        },
      ],
      sorts: [{ propertyName: "hs_object_id", direction: "DESCENDING" } as unknown as string],
      limit: 3,
    });
    const inRange = portalContacts.filter((c) => c.id > lowId && c.id < highId && c.archivedAt === 0);
    expect(bounds.total).toBe(inRange.length);
    expect(bounds.results.map((r) => r.id)).toEqual(
      inRange
        .slice(-3)
        .reverse()
        .map((c) => String(c.id)),
    );
    expect(bounds.results.map((r) => r.id)).not.toContain(String(archived.id));
    expect(problems).toEqual([]);
  });

  it("refuses more than 5 groups, 10 filters a group or 25 filters, with HubSpot's error body", async () => {
    const f = { propertyName: "email", operator: FilterOperatorEnum.HasProperty };
    const group = (n: number) => ({ filters: Array.from({ length: n }, () => f) });
    for (const filterGroups of [Array.from({ length: 6 }, () => group(1)), [group(11)], [group(10), group(10), group(6)]]) {
      await expect(search({ filterGroups })).rejects.toMatchObject({ code: 400, body: { status: "error", category: "VALIDATION_ERROR" } });
    }
    expect(problems).toEqual([]);
  });

  it("caps a query at 10,000 results", async () => {
    const big = sandbox.admin.createPortal({ name: "Big Search", edition: "enterprise", contacts: 10_050 });
    const bigClient = clientFor(sandbox, big.token);
    const req = { filterGroups: [], sorts: [], properties: [], limit: 100 };
    const last = await bigClient.crm.contacts.searchApi.doSearch({ ...req, after: "9900" });
    expect(last.total).toBe(10_050);
    expect(last.results).toHaveLength(100);
    expect(last.paging?.next?.after).toBe("10000");
    await expect(bigClient.crm.contacts.searchApi.doSearch({ ...req, after: "10000" })).rejects.toMatchObject({
      code: 400,
      body: { category: "VALIDATION_ERROR" },
    });
    expect(problems).toEqual([]);
  });
});
