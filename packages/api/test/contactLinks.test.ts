import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appPolicies } from "@marketable/db";
import { insertContacts, type ContactInput } from "@marketable/db/seed";
import { availableEngines } from "@marketable/db/testing";

import { refreshRecommendations } from "../src/services/billing/recommendations";
import { recommendationKinds } from "../src/validation/contacts";
import { buildWorld, type World } from "./world";

const DAY = 86_400_000;
const engines = await availableEngines();

/** Every figure that counts contacts links to a filter; the contacts page must count the same. */
describe.each(engines)("links from figures to contacts on %s", (engine) => {
  let w: World;
  let portalId: string;
  beforeAll(async () => {
    w = await buildWorld(engine);
    portalId = (await w.freshConnectedPortal()).id;
    const now = w.clock.now().getTime();
    const rows: ContactInput[] = [];
    for (let i = 0; i < 60; i++) {
      rows.push({
        hubspotId: String(5000 + i),
        // Every fifth shares an email with a neighbour (case differs), some with the same created time.
        email: i % 5 === 0 ? `dup${Math.floor(i / 10)}@Example.test` : `c${i}@example.test`,
        marketable: i % 7 !== 0,
        marketableUntilRenewal: i % 11 === 0,
        hardBounced: i % 3 === 0,
        optedOut: i % 4 === 0,
        lastEngagementAt: i % 6 === 0 ? null : new Date(now - i * 7 * DAY),
        createdAt: i % 9 === 0 ? null : new Date(now - (i % 10 === 5 ? 300 : i * 5) * DAY),
        objectSource: i % 2 ? "INTEGRATION" : "FORM",
        objectSourceId: i % 2 ? (i % 3 ? "1220873" : "777") : null,
      });
    }
    await insertContacts(w.t.db, portalId, rows);
    await w.t.db
      .insert(appPolicies)
      .values({ portalId, agencyId: w.agencyA.id, appId: "1220873", createMarketing: false, fromTemplate: false });
  });
  afterAll(async () => w?.close());

  it("a recommendation's stored count equals the contacts its link's filter lists", async () => {
    const counts = await refreshRecommendations(w.t.db, portalId, w.clock.now());
    for (const kind of recommendationKinds) {
      const { total } = await w.as("manager").contacts.list({ portalId, filter: { recommendation: kind } });
      expect({ kind, total }).toEqual({ kind, total: Number(counts[kind]) });
      expect(total).toBeGreaterThan(0);
    }
  });
});
