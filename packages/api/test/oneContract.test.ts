import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { agencySettings, type Portal } from "@marketable/db";
import { createPortal, insertContacts } from "@marketable/db/seed";
import { availableEngines } from "@marketable/db/testing";

import { refreshPortalUsage } from "../src/services/usage/refresh";
import { buildWorld, type World } from "./world";

const engines = await availableEngines();

// One contract behind every money figure: a portal billed in EUR on the agency's edited table
// shows the same monthly cost and block price in the status preview, the approval queue, the
// billing page and the renewal pack (before, the preview priced it with the built-in USD table).
describe.each(engines)("one contract for every money figure on %s", (engine) => {
  let w: World;
  let portal: Portal;
  const ids = Array.from({ length: 25 }, (_, i) => String(5_000 + i));

  beforeAll(async () => {
    w = await buildWorld(engine);
    // Starter, yearly, 30 contacts bought; 25 marketing, 5 not (today is 2026-11-29).
    portal = await createPortal(w.t.db, {
      agencyId: w.agencyA.id,
      name: "Euro GmbH",
      hubId: "301",
      edition: "starter",
      purchasedTier: 30,
      currency: "EUR",
      timeZone: "Europe/Berlin",
    });
    await insertContacts(w.t.db, portal.id, [
      ...ids.map((hubspotId) => ({ hubspotId, email: `m${hubspotId}@x.test`, marketable: true })),
      ...Array.from({ length: 5 }, (_, i) => ({ hubspotId: String(6_000 + i), email: `n${i}@x.test`, marketable: false })),
    ]);
    await refreshPortalUsage(w.t.db, portal, w.clock.now());
    // The agency's edited EUR table: 10 contacts included, blocks of 10 at €9.00, base €15.00.
    const table = await w.as("billing").billing.savePriceTable({
      tableKey: "negotiated-eur",
      name: "Negotiated EUR",
      currency: "EUR",
      effectiveFrom: "2026-01-01",
      source: "Quote 12",
      rows: [
        {
          edition: "starter",
          term: "yearly",
          currency: "EUR",
          includedContacts: 10,
          blockSize: 10,
          blockPriceMinor: 900,
          basePriceMinor: 1_500,
        },
      ],
    });
    await w.as("billing").billing.setPortalPriceTable({ portalId: portal.id, priceTableId: table.id });
    // Every request waits for approval, so the approval queue shows it.
    await w.t.db.insert(agencySettings).values({ agencyId: w.agencyA.id, approvalSizeThreshold: 1 }).onConflictDoNothing();
  });
  afterAll(async () => w?.close());

  it("prices the preview, the approval queue, the billing page and the renewal pack alike", async () => {
    // 30 contacts = 10 included + 2 blocks: €15.00 + 2 × €9.00 = €33.00 a month.
    const monthly = 3_300;
    const selection = { kind: "ids" as const, ids: ids.slice(0, 10) };
    const preview = await w.as("owner").statusRequests.preview({ portalId: portal.id, target: "nonMarketing", selection });
    expect(preview.billing.currency).toBe("EUR");
    expect(preview.billing.now.monthlyCostMinor).toBe(monthly);
    // 25 - 10 = 15 at renewal: tier 20 (€24.00) instead of 30 (€33.00): €9.00, one block, a month.
    expect(preview.money).toMatchObject({
      direction: "demotion",
      currency: "EUR",
      termMonths: 12,
      renewal: { tierWithout: 30, tierWith: 20, monthlySavingMinor: 900, termSavingMinor: 10_800 },
    });

    const created = await w
      .as("owner")
      .statusRequests.create({ portalId: portal.id, target: "nonMarketing", reason: "Cleanup", selection, confirmCount: 10 });
    expect(created.state).toBe("pending_approval");
    const [queued] = await w.as("billing").statusRequests.approvalQueue({ portalId: portal.id });
    const stored = queued!.preview as {
      billing: { currency: string; now: { monthlyCostMinor: number } };
      money: { renewal: { monthlySavingMinor: number } };
    };
    expect(stored.billing).toMatchObject({ currency: "EUR", now: { monthlyCostMinor: monthly } });
    expect(stored.money.renewal.monthlySavingMinor).toBe(900);

    const page = await w.as("billing").billing.portal({ portalId: portal.id });
    expect(page.portal.currency).toBe("EUR");
    expect(page.monthlyCostMinor).toBe(monthly);
    const pack = await w.as("billing").billing.renewalPack({ portalId: portal.id });
    expect(pack.contract.monthlyCostMinor).toBe(monthly);
    expect(pack.downgrade!.currency).toBe("EUR");
    expect(pack.downgrade!.currentMonthlyCostMinor).toBe(monthly);
    const rollup = await w.as("billing").billing.rollup({});
    expect(rollup.rows.find((r) => r.portalId === portal.id)).toMatchObject({ currency: "EUR", monthlyCostMinor: monthly });
  });
});
