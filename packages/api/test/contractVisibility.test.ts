import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { availableEngines } from "@marketable/db/testing";

import { buildWorld, type World } from "./world";

const engines = await availableEngines();

// The contract (tier, term, renewal and update dates, currency) is billing: a client sees the
// portal's record, and the server never sends the contract to them, whatever a page would show.
describe.each(engines)("a portal's contract goes only to viewers with billing.view, on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
  });
  afterAll(async () => w?.close());

  it("portals.get: the client gets the record without the contract; the analyst and the billing role get both", async () => {
    const asClient = await w.as("client").portals.get({ portalId: w.p1.id });
    expect(asClient.portal).toMatchObject({ id: w.p1.id, name: "P1", hubId: "101", contract: null });
    const text = JSON.stringify(asClient);
    for (const key of [
      "purchasedTier",
      "billingTerm",
      "renewalDate",
      "nextRenewal",
      "nextUpdateDate",
      "billingPeriod",
      "currency",
      "priceTableVersion",
    ]) {
      expect(text, `no ${key} for the client`).not.toContain(key);
    }
    for (const role of ["analyst", "billing", "owner"] as const) {
      const { portal } = await w.as(role).portals.get({ portalId: w.p1.id });
      expect(portal.contract, role).toMatchObject({
        purchasedTier: w.p1.purchasedTier,
        renewalDate: w.p1.renewalDate,
        currency: w.p1.currency,
      });
      expect(portal.contract?.nextRenewal, role).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("portals.list: no contract for the client, and sorting by a contract column is refused in words", async () => {
    const list = await w.as("client").portals.list({});
    expect(list.items.map((p) => [p.name, p.contract])).toEqual([["P1", null]]);
    for (const sort of ["purchasedTier", "renewalDate"] as const) {
      const refusal = await w
        .as("client")
        .portals.list({ sort })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(refusal).toBeInstanceOf(TRPCError);
      expect(refusal).toMatchObject({ code: "BAD_REQUEST", message: "Sort by a column you can see" });
    }
    const byRenewal = await w.as("manager").portals.list({ sort: "renewalDate" });
    expect(byRenewal.items.every((p) => p.contract !== null)).toBe(true);
  });
});
