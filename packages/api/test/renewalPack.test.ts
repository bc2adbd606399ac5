import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog, portalRecommendations, portals, statusRequests, usageSnapshots, type NewStatusRequest } from "@marketable/db";
import { availableEngines } from "@marketable/db/testing";

import { RENEWAL_CSV_SECTIONS } from "../src/services/billing/renewalPackCsv";
import { sections } from "./renewalCsvSections";
import { buildWorld, type World } from "./world";

const DAY = 86_400_000;
const engines = await availableEngines();

const request = (w: World, values: Partial<NewStatusRequest>) => ({
  agencyId: w.agencyA.id,
  portalId: w.p2.id,
  target: "non_marketing" as const,
  reason: "test",
  state: "succeeded" as const,
  selection: { kind: "ids" },
  changeCount: 0,
  preview: {},
  previewAt: w.clock.now(),
  approvalReasons: [],
  requestedBy: w.users.manager.id,
  requestedByEmail: w.users.manager.email,
  createdAt: w.clock.now(),
  updatedAt: w.clock.now(),
  ...values,
});

describe.each(engines)("renewal pack on %s", (engine) => {
  let w: World;
  let executedId: string;
  beforeAll(async () => {
    w = await buildWorld(engine);
    // P2: Professional, yearly, renewal 2027-06-01 (term from 2026-06-01), first of month, UTC, USD; today 2026-11-29.
    // Bought 12,000 (2,000 included + 2 blocks of 5,000: $800 + 2 x $250 = 130,000 minor units a month).
    await w.t.db.update(portals).set({ purchasedTier: 12_000 }).where(eq(portals.id, w.p2.id));
    // Daily snapshots from 2026-05-25 (before the term: left out) to today: 6,500 a day, one spike of
    // 7,200 on 2026-08-15 (outside the 90-day trend window, so the trend is flat); 600 pending demotion.
    const rows = [];
    for (let t = Date.UTC(2026, 4, 25); t <= Date.UTC(2026, 10, 29); t += DAY) {
      const day = new Date(t).toISOString().slice(0, 10);
      rows.push({
        portalId: w.p2.id,
        day,
        marketing: day === "2026-08-15" ? 7_200 : 6_500,
        pendingDemotion: 600,
        nonMarketing: 100,
        bySource: {},
        byApp: {},
      });
    }
    await w.t.db.insert(usageSnapshots).values(rows);
    await w.t.db.insert(portalRecommendations).values([
      { portalId: w.p2.id, kind: "any", candidates: 1_000, computedAt: w.clock.now() },
      { portalId: w.p2.id, kind: "hard_bounced", candidates: 1_000, computedAt: w.clock.now() },
    ]);
    // Requests as the executor leaves them: one finished this term with its result entry, one before
    // the term (left out), a failed one (changed nothing: left out), and two still open.
    const [done] = await w.t.db
      .insert(statusRequests)
      .values(
        request(w, {
          reason: "Bounced leads",
          changeCount: 602,
          succeeded: 600,
          failed: 2,
          decidedBy: w.users.billing.id,
          decidedByEmail: w.users.billing.email,
          finishedAt: new Date("2026-09-10T15:00:00Z"),
        }),
      )
      .returning();
    executedId = done!.id;
    await w.t.db.insert(auditLog).values({
      agencyId: w.agencyA.id,
      portalId: w.p2.id,
      action: "marketingStatus.result",
      targetType: "statusRequest",
      targetId: executedId,
      before: { marketing: 6_500, pendingDemotion: 0, nonMarketing: 100 },
      after: { state: "partially_failed", succeeded: 600, failed: 2, marketing: 6_500, pendingDemotion: 600, nonMarketing: 100 },
    });
    await w.t.db
      .insert(statusRequests)
      .values([
        request(w, { reason: "Last term", succeeded: 50, finishedAt: new Date("2026-05-20T10:00:00Z") }),
        request(w, { reason: "Failed import", state: "failed", finishedAt: new Date("2026-10-01T10:00:00Z") }),
        request(w, { reason: "Queued cleanup", state: "queued", changeCount: 400 }),
        request(w, { reason: "Event attendees", state: "pending_approval", target: "marketing", changeCount: 100 }),
      ]);
  });
  afterAll(async () => w?.close());

  it("states the contract, the review window and the deadline for a lower tier", async () => {
    const pack = await w.as("billing").billing.renewalPack({ portalId: w.p2.id });
    expect(pack.today).toBe("2026-11-29");
    expect(pack.window).toEqual({ start: "2026-06-01", end: "2027-06-01" });
    // 2027-06-01 is a Tuesday: five business days earlier is Tuesday 25 May.
    expect(pack.contract).toMatchObject({
      edition: "professional",
      term: "yearly",
      tier: 12_000,
      renewalDate: "2027-06-01",
      requestBy: "2027-05-25",
      monthlyCostMinor: 130_000,
    });
  });

  it("summarises the term's snapshots per month", async () => {
    const pack = await w.as("billing").billing.renewalPack({ portalId: w.p2.id });
    // 1 June to 29 November: 30 + 31 + 31 + 30 + 31 + 29 = 182 days; May is before the term.
    expect(pack.history.days).toBe(182);
    expect(pack.history.firstDay).toBe("2026-06-01");
    expect(pack.history.months.map((m) => [m.month, m.days])).toEqual([
      ["2026-06", 30],
      ["2026-07", 31],
      ["2026-08", 31],
      ["2026-09", 30],
      ["2026-10", 31],
      ["2026-11", 29],
    ]);
    // August: (30 x 6,500 + 7,200) / 31 = 6,522.58 -> 6,523.
    expect(pack.history.months[2]).toEqual({
      month: "2026-08",
      days: 31,
      peak: 7_200,
      peakDate: "2026-08-15",
      average: 6_523,
      last: 6_500,
    });
    expect(pack.history.peak).toEqual({ value: 7_200, date: "2026-08-15" });
  });

  it("lists the term's executed changes with who, direction and the counts before and after", async () => {
    const pack = await w.as("billing").billing.renewalPack({ portalId: w.p2.id });
    expect(pack.changes).toEqual([
      {
        id: executedId,
        date: "2026-09-10",
        requestedBy: w.users.manager.email,
        approvedBy: w.users.billing.email,
        direction: "nonMarketing",
        changed: 600,
        failed: 2,
        marketingBefore: 6_500,
        marketingAfter: 6_500,
        reason: "Bounced leads",
        state: "succeeded",
      },
    ]);
    expect(pack.openRequests.map((r) => [r.state, r.direction, r.count])).toEqual([
      ["queued", "nonMarketing", 400],
      ["pending_approval", "marketing", 100],
    ]);
  });

  it("makes the case for a lower tier at renewal from the projection, pending demotions and open requests", async () => {
    const pack = await w.as("billing").billing.renewalPack({ portalId: w.p2.id });
    // Flat at 6,500; 600 pending and the queued 400 leave on 1 December; the pending promotion of 100 counts today.
    expect(pack.projection).toEqual({ expectedAtRenewal: 5_600, crossingDate: null, upgradeChargesMinor: 0 });
    // 7,000 (one block) holds 5,600: $800 + $250 = 105,000 a month; saves 25,000 a month, 300,000 over the year.
    expect(pack.downgrade!.expected).toEqual({
      holds: 5_600,
      tier: 7_000,
      monthlyCostMinor: 105_000,
      termCostMinor: 1_260_000,
      monthlySavingMinor: 25_000,
      termSavingMinor: 300_000,
    });
    expect(pack.downgrade!.unchanged).toMatchObject({ tier: 12_000, termCostMinor: 1_560_000 });
    expect(pack.downgrade!.canStepDown).toBe(true);
    // The 1,000 recommended contacts demoted today as well: 4,600, still 7,000.
    expect(pack.withRecommendations).toMatchObject({ candidates: 1_000, downgrade: { expected: { holds: 4_600, tier: 7_000 } } });
    expect(pack.recommendations.find((r) => r.kind === "hard_bounced")).toMatchObject({ candidates: 1_000 });
  });

  it("the CSV holds the same rows as the pack, section by section", async () => {
    const pack = await w.as("billing").billing.renewalPack({ portalId: w.p2.id });
    const { csv, filename } = await w.as("billing").billing.renewalPackCsv({ portalId: w.p2.id });
    expect(filename).toBe("p2-renewal-2027-06-01.csv");
    const s = sections(csv);
    expect([...s.keys()]).toEqual([...RENEWAL_CSV_SECTIONS]);
    const contract = Object.fromEntries(s.get("Contract")!.map((r): [string, string | undefined] => [r.field!, r.value]));
    expect(contract).toMatchObject({
      portal: "P2",
      tier: "12000",
      monthly_cost: "1300.00",
      renewal_date: "2027-06-01",
      request_lower_tier_by: "2027-05-25",
      currency: "USD",
    });
    expect(s.get("Usage history (monthly)")!.map((r) => [r.month, Number(r.peak), Number(r.average)])).toEqual(
      pack.history.months.map((m) => [m.month, m.peak, m.average]),
    );
    expect(s.get("Changes through Marketable")).toEqual([
      {
        date: "2026-09-10",
        requested_by: w.users.manager.email,
        approved_by: w.users.billing.email,
        direction: "to non-marketing",
        contacts_changed: "600",
        contacts_failed: "2",
        marketing_before: "6500",
        marketing_after: "6500",
        reason: "Bounced leads",
      },
    ]);
    expect(s.get("Recommendations")!.map((r) => [r.kind, Number(r.candidates)])).toEqual(
      pack.recommendations.map((r) => [r.kind, r.candidates]),
    );
    expect(s.get("Downgrade case")!.map((r) => [r.scenario, r.tier, r.monthly_saving, r.term_saving])).toEqual([
      ["Renew unchanged", "12000", "0.00", "0.00"],
      ["Lower tier for the expected count", "7000", "250.00", "3000.00"],
      ["Lower tier for the band's high edge (cautious)", "7000", "250.00", "3000.00"],
      ["After demoting 1,000 recommended contacts", "7000", "250.00", "3000.00"],
    ]);
  });

  it("says so when a portal has no snapshots yet, and the CSV keeps every section's header", async () => {
    const pack = await w.as("owner").billing.renewalPack({ portalId: w.p3.id });
    expect(pack).toMatchObject({
      usage: null,
      downgrade: null,
      projection: null,
      withRecommendations: null,
      changes: [],
      history: { days: 0, months: [], peak: null },
    });
    const s = sections((await w.as("owner").billing.renewalPackCsv({ portalId: w.p3.id })).csv);
    expect([...s.keys()]).toEqual([...RENEWAL_CSV_SECTIONS]);
    expect(s.get("Downgrade case")).toEqual([]);
  });

  // Last in this block: it moves P2's renewal.
  it("once the lower-tier deadline has passed, says so and makes the case for the renewal after", async () => {
    // Yearly, anchored on 1 December: the next renewal is Tuesday 2026-12-01, whose deadline
    // (five business days before) was 2026-11-24; today is 2026-11-29.
    await w.t.db.update(portals).set({ renewalDate: "2025-12-01" }).where(eq(portals.id, w.p2.id));
    const pack = await w.as("billing").billing.renewalPack({ portalId: w.p2.id });
    expect(pack.contract).toMatchObject({
      renewalDate: "2026-12-01",
      requestBy: "2026-11-24",
      missedDeadline: { renewalDate: "2026-12-01", requestBy: "2026-11-24" },
    });
    // Wednesday 2027-12-01: ask by Wednesday 2027-11-24.
    expect(pack.downgrade).toMatchObject({ renewalDate: "2027-12-01", requestBy: "2027-11-24", termMonths: 12 });
    expect(pack.downgrade!.expected.termSavingMinor).toBe(pack.downgrade!.expected.monthlySavingMinor * 12);
    await w.t.db.update(portals).set({ renewalDate: "2027-06-01" }).where(eq(portals.id, w.p2.id));
    expect((await w.as("billing").billing.renewalPack({ portalId: w.p2.id })).contract.missedDeadline).toBeNull();
  });
});
