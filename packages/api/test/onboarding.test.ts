import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { portalConnections, portals } from "@marketable/db";
import { createAgency, createMember } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, snapshotDatabase, type TestDatabase } from "@marketable/db/testing";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createCaller } from "../src/root";
import { parsePortalsCsv } from "../src/services/onboarding/importPortalsCsv";
import { recordingScheduler, sandboxHubSpot } from "./hubspotSandbox";

const header = "name,hub_id,domain,time_zone,currency,edition,purchased_tier,billing_term,renewal_date,token";

describe("client list CSV", () => {
  it("names the line and column of every problem", () => {
    const { rows, errors } = parsePortalsCsv(
      [
        header,
        'Good Co,123,good.com,Europe/Paris,EUR,starter,"1,000",monthly,2027-01-15,',
        ",124,,Mars/Base,dollars,gold,-1,weekly,soon,",
        "Dup,123,,UTC,USD,starter,1000,yearly,2027-01-01,",
      ].join("\n"),
    );
    expect(rows.map((r) => [r.line, r.portal.name, r.portal.purchasedTier])).toEqual([[2, "Good Co", 1000]]);
    const byLine3 = errors.filter((e) => e.line === 3).map((e) => e.field);
    expect(byLine3).toEqual(
      expect.arrayContaining(["name", "timeZone", "currency", "edition", "purchasedTier", "billingTerm", "renewalDate"]),
    );
    expect(errors.find((e) => e.line === 4)).toEqual({ line: 4, field: "hubId", message: "Hub 123 is already on line 2" });
  });
  it("says which columns are missing", () => {
    expect(parsePortalsCsv("name,currency\nA,USD").errors).toEqual([
      { line: 1, field: "header", message: expect.stringContaining("time_zone") as string },
    ]);
  });
});

const engines = await availableEngines();

describe.each(engines)("bulk onboarding on %s", (engine) => {
  let t: TestDatabase;
  let hub: Awaited<ReturnType<typeof sandboxHubSpot>>;
  let agencyId: string;
  let ownerId: string;
  const scheduler = recordingScheduler();
  const caller = () =>
    createCaller(
      createTRPCContext({ db: t.db, userId: ownerId, clock: fixedClock("2026-11-29T12:00:00Z"), hubspot: hub.settings, scheduler }),
    );

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    hub = await sandboxHubSpot();
    agencyId = (await createAgency(t.db)).id;
    ownerId = (await createMember(t.db, { agencyId, role: "owner" })).id;
  });
  afterAll(async () => {
    await hub?.sandbox.close();
    await t?.close();
  });

  it("a file with an error creates nothing", async () => {
    const before = await snapshotDatabase(t.db);
    const result = await caller().onboarding.importCsv({
      csv: [header, "Fine,1,,UTC,USD,starter,1000,monthly,2027-01-01,", "Broken,2,,UTC,USD,starter,many,monthly,2027-01-01,"].join("\n"),
    });
    expect(result.created).toEqual([]);
    expect(result.errors).toEqual([{ line: 3, field: "purchasedTier", message: "Enter the number of marketing contacts purchased" }]);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it("creates the portals, connects the rows with a token and queues their sync, and skips hubs already present", async () => {
    const [first, second] = hub.clientPortals;
    const csv = [
      header,
      `Client One,${first!.hubId},,UTC,USD,starter,5000,monthly,2027-01-05,${first!.token}`,
      `Client Two,${second!.hubId},,UTC,USD,professional,10000,yearly,2027-06-01,pat-na1-00000000-0000-0000-0000-000000000000`,
      "Client Three,,,Europe/Berlin,EUR,enterprise,20000,yearly,2027-09-01,",
    ].join("\n");
    const result = await caller().onboarding.importCsv({ csv });
    expect(result.created.map((c) => c.name)).toEqual(["Client One", "Client Two", "Client Three"]);
    expect(result.connected).toEqual([{ line: 2, name: "Client One" }]);
    expect(result.errors).toEqual([{ line: 3, field: "token", message: expect.stringMatching(/refused this token/) as string }]);
    const [one] = await t.db
      .select()
      .from(portals)
      .where(and(eq(portals.agencyId, agencyId), eq(portals.hubId, String(first!.hubId))));
    expect(one).toMatchObject({ connectionStatus: "connected", purchasedTier: 5000 });
    expect(await t.db.select().from(portalConnections).where(eq(portalConnections.portalId, one!.id))).toHaveLength(1);
    expect(scheduler.requests.map((r) => r.portalId)).toContain(one!.id);

    const again = await caller().onboarding.importCsv({
      csv: [header, `Client One again,${first!.hubId},,UTC,USD,starter,5000,monthly,2027-01-05,`].join("\n"),
    });
    expect(again.skipped).toEqual([{ line: 2, name: "Client One again", reason: `The agency already has hub ${first!.hubId}` }]);
  });

  it("lists the partner portal's clients, marks those already added, and adds the rest", async () => {
    const partner = hub.sandbox.admin.listPortals().find((p) => p.partner)!;
    const clients = await caller().onboarding.partnerClients({ token: partner.token });
    expect(clients.map((c) => c.hubId).sort()).toEqual(hub.clientPortals.map((p) => String(p.hubId)).sort());
    expect(
      clients
        .filter((c) => c.alreadyAdded)
        .map((c) => c.hubId)
        .sort(),
    ).toEqual(
      hub.clientPortals
        .slice(0, 2)
        .map((p) => String(p.hubId))
        .sort(),
    );
    const toAdd = clients.filter((c) => !c.alreadyAdded).map((c) => ({ hubId: c.hubId, name: c.name ?? c.hubId, domain: c.domain }));
    const added = await caller().onboarding.addPartnerClients({ clients: toAdd });
    expect(added.created.map((c) => c.hubId)).toEqual(toAdd.map((c) => c.hubId));
    // Their contracts are placeholders (HubSpot has no contract API): marked until billing confirms.
    const rows = await t.db
      .select({ flag: portals.contractNeedsConfirmation })
      .from(portals)
      .where(
        inArray(
          portals.id,
          added.created.map((c) => c.id),
        ),
      );
    expect(rows.map((r) => r.flag)).toEqual(added.created.map(() => true));
    await expect(caller().onboarding.partnerClients({ token: "pat-na1-00000000-0000-0000-0000-000000000000" })).rejects.toThrow(
      /refused the partner portal's token/,
    );
  });
});
