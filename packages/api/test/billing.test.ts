import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { portals, portalUsageTrends, usageSnapshots } from "@marketable/db";
import { insertContacts } from "@marketable/db/seed";
import { availableEngines } from "@marketable/db/testing";

import { refreshRecommendations } from "../src/services/billing/recommendations";
import { backfillUsageHistory } from "../src/services/usage/history";
import { takeUsageSnapshot } from "../src/services/usage/snapshot";
import { refreshUsageTrend } from "../src/services/usage/trend";
import { buildWorld, type World } from "./world";

const DAY = 86_400_000;
const engines = await availableEngines();

describe.each(engines)("billing panel on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
    // P2 (world defaults: Professional, 2,000 contacts, yearly, renewal 2027-06-01, first of month, UTC, USD).
    // 31 daily snapshots 2026-10-30 … 2026-11-29 (today): 1,500 + 10 a day, so 1,800 today, no scatter.
    const rows = [];
    for (let i = 0; i <= 30; i++) {
      const day = new Date(Date.UTC(2026, 9, 30) + i * DAY).toISOString().slice(0, 10);
      rows.push({ portalId: w.p2.id, day, marketing: 1_500 + 10 * i, pendingDemotion: 0, nonMarketing: 100, bySource: {}, byApp: {} });
    }
    await w.t.db.insert(usageSnapshots).values(rows);
    // Snapshots written directly, as a sync would: store the trend the roll-up reads.
    await refreshUsageTrend(w.t.db, w.p2, w.clock.now());

    // P3: contacts for the recommendations (today is 2026-11-29T12:00Z).
    const now = w.clock.now().getTime();
    const recent = new Date(now - DAY);
    await insertContacts(w.t.db, w.p3.id, [
      { hubspotId: "1", email: "a@x.test", marketable: true, hardBounced: true, createdAt: recent, lastEngagementAt: recent },
      {
        hubspotId: "2",
        email: "b@x.test",
        marketable: true,
        hardBounced: true,
        optedOut: true,
        createdAt: recent,
        lastEngagementAt: recent,
      },
      { hubspotId: "3", email: "d@x.test", marketable: true, createdAt: new Date(now - 10 * DAY), lastEngagementAt: recent },
      { hubspotId: "4", email: "D@x.test", marketable: true, createdAt: new Date(now - 5 * DAY), lastEngagementAt: recent },
      {
        hubspotId: "5",
        email: "p@x.test",
        marketable: true,
        marketableUntilRenewal: true,
        hardBounced: true,
        createdAt: recent,
        lastEngagementAt: recent,
      },
      { hubspotId: "6", email: "n@x.test", marketable: false, optedOut: true, createdAt: recent, lastEngagementAt: recent },
      { hubspotId: "7", email: "e@x.test", marketable: true, createdAt: new Date(now - 400 * DAY) },
    ]);
  });
  afterAll(async () => w?.close());

  it("projects a portal to its crossing date and prices the automatic upgrade", async () => {
    const view = await w.as("billing").billing.portal({ portalId: w.p2.id });
    expect(view.usage).toMatchObject({ marketing: 1_800, headroom: 200, headroomPct: 10 });
    // expected(h) = 1,800 + 10h > 2,000 first at h = 21: 2026-11-29 + 21 days = 2026-12-20.
    expect(view.projection!.crossingDate).toBe("2026-12-20");
    // Professional: 2,000 → 7,000 (one block of 5,000 at $250/month). Yearly term [2026-06-01, 2027-06-01): 365 days;
    // from 2026-12-20: 12 days of December + 31 + 28 + 31 + 30 + 31 = 163 days remaining.
    // 25,000 × 12 × 163 / 365 = 133,972.6 → 133,973 minor units.
    expect(view.projection!.upgrades[0]).toMatchObject({ fromLimit: 2_000, newLimit: 7_000, proratedChargeMinor: 133_973 });
    expect(view.nextUpdateDate).toBe("2026-12-01");
    expect(view.renewalDate).toBe("2027-06-01");
    // Starting points: Professional base $800 + 0 blocks → 80,000 a month, × 12 for a yearly period.
    expect(view.costThisPeriodMinor).toBe(960_000);
    expect(view.priceTable.startingPoint).toBe(true);
    expect(view.automaticUpgrade).toBeNull();
  });

  it("rolls up every portal the caller may see billing for, sorted, with totals and matching CSV", async () => {
    const billing = await w.as("billing").billing.rollup({ sort: { id: "headroomPct", desc: false } });
    expect(billing.rows.map((r) => r.name)).toEqual(["P2", "P1", "P3"]);
    expect(billing.rows[0]).toMatchObject({ marketing: 1_800, headroomPct: 10, crossingDate: "2026-12-20", monthlyCostMinor: 80_000 });
    expect(billing.rows[1]!.marketing).toBeNull();
    expect(billing.totals).toEqual([expect.objectContaining({ currency: "USD", portals: 1, marketing: 1_800, crossing: 1 })]);
    const csv = await w.as("billing").billing.rollupCsv({ sort: { id: "headroomPct", desc: false } });
    const lines = csv.csv.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain("P2");
    expect(lines[1]).toContain("2026-12-20");
    expect(lines[1]).toContain("800.00");

    const manager = await w.as("manager").billing.rollup({});
    expect(manager.rows.map((r) => r.name).sort()).toEqual(["P1", "P2"]);
    expect((await w.as("client").billing.rollup({})).rows).toEqual([]);
    const crossing = await w.as("owner").billing.rollup({ filter: "crossing" });
    expect(crossing.rows.map((r) => r.name)).toEqual(["P2"]);
  });

  it("sends one page of the roll-up, with totals and counts over every matching portal and a complete CSV", async () => {
    const all = await w.as("billing").billing.rollup({ sort: { id: "headroomPct", desc: false } });
    const first = await w.as("billing").billing.rollup({ sort: { id: "headroomPct", desc: false }, page: 1, pageSize: 2 });
    expect(first.rows.map((r) => r.name)).toEqual(["P2", "P1"]);
    expect(first).toMatchObject({ page: 1, pageSize: 2, pageCount: 2, matched: 3, portals: 3 });
    expect(first.totals).toEqual(all.totals);
    const second = await w.as("billing").billing.rollup({ sort: { id: "headroomPct", desc: false }, page: 2, pageSize: 2 });
    expect(second.rows.map((r) => r.name)).toEqual(["P3"]);
    // A page past the end (portals archived since the link was made) shows the last page.
    expect((await w.as("billing").billing.rollup({ page: 9, pageSize: 2 })).page).toBe(2);
    // The CSV is never paged: every matching portal.
    const csv = await w.as("billing").billing.rollupCsv({ sort: { id: "headroomPct", desc: false }, page: 2, pageSize: 2 } as never);
    expect(csv.rows).toBe(3);
    await expect(w.as("billing").billing.rollup({ pageSize: 10_000 })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST",
    );
  });

  it("reads the roll-up from the stored trend, which matches the portal page's projection from history", async () => {
    const [stored] = await w.t.db.select().from(portalUsageTrends).where(eq(portalUsageTrends.portalId, w.p2.id));
    expect(stored).toMatchObject({ anchorDay: "2026-11-29", anchorValue: 1_800, points: 31, windowDays: 90 });
    expect(stored!.slopePerDay).toBeCloseTo(10, 9);
    const page = await w.as("billing").billing.portal({ portalId: w.p2.id });
    const row = (await w.as("billing").billing.rollup({ search: "P2" })).rows[0]!;
    expect(row.crossingDate).toBe(page.projection!.crossingDate);
    // A portal whose trend is missing reads as not synced, whatever history it has.
    await w.t.db.delete(portalUsageTrends).where(eq(portalUsageTrends.portalId, w.p2.id));
    expect((await w.as("billing").billing.rollup({ search: "P2" })).rows[0]!.marketing).toBeNull();
    await refreshUsageTrend(w.t.db, w.p2, w.clock.now());
    expect((await w.as("billing").billing.rollup({ search: "P2" })).rows[0]!.marketing).toBe(1_800);
  });

  it("counts non-marketing candidates per kind, each contact once in 'any'", async () => {
    const counts = await refreshRecommendations(w.t.db, w.p3.id, w.clock.now());
    expect(counts).toEqual({ hard_bounced: 2, opted_out: 1, no_engagement: 1, policy_no_app: 0, duplicate_email: 1, any: 4 });
    await takeUsageSnapshot(w.t.db, w.p3, w.clock.now());
    await refreshUsageTrend(w.t.db, w.p3, w.clock.now());
    const view = await w.as("admin").billing.portal({ portalId: w.p3.id });
    const bounced = view.recommendations.find((r) => r.kind === "hard_bounced")!;
    // Professional blocks: 25,000 minor units per 5,000 contacts → 2 contacts are worth 10 minor units a month.
    expect(bounced).toMatchObject({
      candidates: 2,
      monthlyValueMinor: 10,
      effectiveDate: "2026-12-01",
      href: `/contacts?portal=${w.p3.id}&recommendation=hard_bounced`,
    });
    // Bought 10,000 while holding 6: the step down to 2,000 needs nobody removed, so it is said
    // once for the portal and no recommendation's row claims it.
    await w.t.db.update(portals).set({ purchasedTier: 10_000 }).where(eq(portals.id, w.p3.id));
    try {
      const over = await w.as("admin").billing.portal({ portalId: w.p3.id });
      expect(over.alreadyFits).toMatchObject({ fromLimit: 10_000, toLimit: 2_000 });
      expect(over.alreadyFits!.monthlySavingMinor).toBeGreaterThan(0);
      // It names the same renewal, and the same missed deadline, as the renewal pack.
      const pack = await w.as("admin").billing.renewalPack({ portalId: w.p3.id });
      expect(over.alreadyFits!.renewal.missed).toEqual(pack.contract.missedDeadline);
      if (!pack.contract.missedDeadline) expect(over.alreadyFits!.renewal.renewalDate).toBe(pack.contract.renewalDate);
      for (const rec of over.recommendations)
        expect(rec.stepDown, rec.kind).toMatchObject({ fromLimit: 2_000, toLimit: 2_000, monthlySavingMinor: 0 });
    } finally {
      await w.t.db.update(portals).set({ purchasedTier: w.p3.purchasedTier }).where(eq(portals.id, w.p3.id));
    }
    // The billing role sees the saving but may not open contacts: no link that would refuse it.
    const asBilling = await w.as("billing").billing.portal({ portalId: w.p3.id });
    expect(asBilling.recommendations.find((r) => r.kind === "hard_bounced")).toMatchObject({
      candidates: 2,
      monthlyValueMinor: 10,
      href: null,
    });
    const rollup = await w.as("owner").billing.rollup({ search: "P3" });
    expect(rollup.rows[0]).toMatchObject({ removable: 4, marketing: 6 });
  });

  it("backfills daily history from contacts' creation dates once", async () => {
    const written = await backfillUsageHistory(w.t.db, w.p3, w.clock.now());
    expect(written).toBe(180);
    const [dayBefore] = await w.t.db
      .select()
      .from(usageSnapshots)
      .where(and(eq(usageSnapshots.portalId, w.p3.id), eq(usageSnapshots.day, "2026-11-28")));
    // Created on or before 2026-11-28: all 7 contacts; marketing among them: 6.
    expect(dayBefore).toMatchObject({ marketing: 6, nonMarketing: 1 });
    const [weekAgo] = await w.t.db
      .select()
      .from(usageSnapshots)
      .where(and(eq(usageSnapshots.portalId, w.p3.id), eq(usageSnapshots.day, "2026-11-22")));
    // Created by 2026-11-22: contacts 3 (10 days ago) and 7 (400 days ago), both marketing.
    expect(weekAgo).toMatchObject({ marketing: 2, nonMarketing: 0 });
    expect(await backfillUsageHistory(w.t.db, w.p3, w.clock.now())).toBe(0);
  });

  it("saves price tables as new versions and refuses a table in another currency for a portal", async () => {
    const input = {
      tableKey: "negotiated-eur",
      name: "Negotiated",
      currency: "EUR",
      effectiveFrom: "2027-01-01",
      source: "Quote 7",
      rows: [
        {
          edition: "professional" as const,
          term: "yearly" as const,
          currency: "EUR",
          includedContacts: 2_000,
          blockSize: 5_000,
          blockPriceMinor: 20_000,
        },
      ],
    };
    const v1 = await w.as("billing").billing.savePriceTable(input);
    const v2 = await w.as("billing").billing.savePriceTable({ ...input, rows: [{ ...input.rows[0]!, blockPriceMinor: 21_000 }] });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const tables = await w.as("analyst").billing.portal({ portalId: w.p1.id });
    expect(tables.canManage).toBe(false);
    await expect(w.as("billing").billing.setPortalPriceTable({ portalId: w.p2.id, priceTableId: v2.id })).rejects.toThrow(TRPCError);
    await expect(w.as("billing").billing.savePriceTable({ ...input, rows: [{ ...input.rows[0]!, currency: "USD" }] })).rejects.toThrow(
      /priced in EUR/,
    );
  });

  // Last: it moves P2 over its tier.
  it("says what HubSpot's automatic upgrade costs once the count is over the contract's tier", async () => {
    await w.t.db
      .update(usageSnapshots)
      .set({ marketing: 2_300 })
      .where(and(eq(usageSnapshots.portalId, w.p2.id), eq(usageSnapshots.day, "2026-11-29")));
    const view = await w.as("billing").billing.portal({ portalId: w.p2.id });
    expect(view.usage).toMatchObject({ marketing: 2_300, headroom: -300 });
    // Professional 2,000 → 7,000 (one 5,000 block, $250 a month) on 2026-11-29, billed the next day, pro-rated over
    // the yearly term [2026-06-01, 2027-06-01): 365 days, 184 remaining (2 in November, then 31+31+28+31+30+31).
    // 25,000 × 12 × 184 / 365 = 151,232.9 → 151,233 minor units.
    expect(view.automaticUpgrade).toMatchObject({
      fromLimit: 2_000,
      newLimit: 7_000,
      upgradeDate: "2026-11-29",
      billedOn: "2026-11-30",
      daysRemaining: 184,
      extraMonthlyMinor: 25_000,
      proratedChargeMinor: 151_233,
      currency: "USD",
    });
  });
});
