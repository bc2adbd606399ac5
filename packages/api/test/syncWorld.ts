import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";

import { loadAccess, portals, type Access } from "@marketable/db";
import { createAgency, createMember } from "@marketable/db/seed";
import { createTestDatabase, type Engine, type TestDatabase } from "@marketable/db/testing";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createCaller } from "../src/root";
import { recordingScheduler, sandboxHubSpot } from "./hubspotSandbox";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

/**
 * The connect-and-sync suites' world, set up in the calling describe's beforeAll: a database, the
 * HubSpot sandbox and an agency's owner; `caller()` acts as the owner, `portalFor(hubId)` reads the
 * portal connected for a hub. `t`, `hub` and `access` are read after setup.
 */
export function syncWorld(engine: Engine) {
  let t: TestDatabase;
  let hub: Hub;
  let access: Access;
  let ownerId: string;
  const scheduler = recordingScheduler();
  const clock = fixedClock("2026-11-29T12:00:00Z");
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    hub = await sandboxHubSpot();
    const agency = await createAgency(t.db, { name: "Sync Agency" });
    ownerId = (await createMember(t.db, { agencyId: agency.id, role: "owner" })).id;
    access = (await loadAccess(t.db, ownerId))!;
  });
  afterAll(async () => {
    await hub?.sandbox.close();
    await t?.close();
  });
  return {
    get t() {
      return t;
    },
    get hub() {
      return hub;
    },
    get access() {
      return access;
    },
    scheduler,
    clock,
    caller: () => createCaller(createTRPCContext({ db: t.db, userId: ownerId, clock, hubspot: hub.settings, scheduler })),
    portalFor: async (hubId: number) => {
      const [row] = await t.db
        .select()
        .from(portals)
        .where(and(eq(portals.agencyId, access.agency.id), eq(portals.hubId, String(hubId))));
      return row!;
    },
  };
}
