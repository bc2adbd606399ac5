// The billing benches' data set: one agency with `portals` portals (500 by default), a year of
// daily usage snapshots each (20,000-180,000 marketing contacts a portal today: about 50 million
// in all, as aggregates, no contact rows), three apps and the recommendation counts per portal,
// and each portal's fitted usage trend, as a sync leaves them. Deterministic (seeded random).
// Used by bench/billing.ts and by the web load bench (apps/web/bench/load.ts).
import { sql } from "drizzle-orm";

import { portalApps, portalRecommendations, type Db } from "@marketable/db";
import { createAgency, createMember, createPortal } from "@marketable/db/seed";
import { createRng } from "@marketable/hubspot-sandbox";

import { refreshUsageTrend } from "../src/services/usage/trend";

export interface BillingSeedOptions {
  portals?: number;
  days?: number;
  /** The day the snapshots end (the trend is fitted as of it). */
  now: Date;
  seed?: number;
  /** Options for the agency's owner (e.g. a password, for benches that sign in). */
  owner?: { email?: string; password?: string };
}

export interface BillingSeed {
  agencyId: string;
  ownerId: string;
  portalIds: string[];
  /** Marketing contacts today, summed over the portals. */
  totalToday: number;
}

export async function seedBillingPortals(db: Db, options: BillingSeedOptions): Promise<BillingSeed> {
  const portals = options.portals ?? 500;
  const days = options.days ?? 365;
  const random = createRng(options.seed ?? 42);
  const agency = await createAgency(db, { name: "Bench agency" });
  const owner = await createMember(db, {
    agencyId: agency.id,
    role: "owner",
    email: options.owner?.email ?? "bench-owner@example.test",
    password: options.owner?.password,
  });
  const editions = [
    { edition: "starter", included: 1_000, block: 1_000 },
    { edition: "professional", included: 2_000, block: 5_000 },
    { edition: "enterprise", included: 10_000, block: 10_000 },
  ] as const;
  const portalIds: string[] = [];
  let totalToday = 0;
  const lastDay = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  const day0 = lastDay - (days - 1) * 86_400_000;
  for (let p = 0; p < portals; p++) {
    // Marketing contacts today: 20,000-180,000 (100,000 on average: 50 million over 500 portals).
    const today = Math.round(20_000 + random() * 160_000);
    const growth = Math.round(random() * 120);
    const e = editions[p % 3]!;
    const tier = e.included + Math.ceil((today * (1.02 + random() * 0.3) - e.included) / e.block) * e.block;
    const portal = await createPortal(db, {
      agencyId: agency.id,
      name: `Bench portal ${String(p).padStart(3, "0")}`,
      edition: e.edition,
      purchasedTier: tier,
      billingTerm: p % 2 ? "yearly" : "monthly",
      updateDateRule: p % 2 ? "first_of_month" : "renewal_day",
      renewalDate: `2027-0${1 + (p % 9)}-${String(1 + (p % 28)).padStart(2, "0")}`,
      timeZone: ["UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo"][p % 4]!,
    });
    portalIds.push(portal.id);
    totalToday += today;
    const dayList: string[] = [];
    const marketing: number[] = [];
    for (let d = 0; d < days; d++) {
      dayList.push(new Date(day0 + d * 86_400_000).toISOString().slice(0, 10));
      marketing.push(Math.max(0, Math.round(today - growth * (days - 1 - d) + (random() - 0.5) * 200)));
    }
    marketing[days - 1] = today;
    await db.execute(sql`
      insert into usage_snapshots (portal_id, day, marketing, pending_demotion, non_marketing, by_source, by_app, taken_at)
      select ${portal.id}::uuid, d::date, m, (m / 200)::int, m / 3, '{}'::jsonb, '{}'::jsonb, now()
      from unnest(${sql.param(dayList)}::text[], ${sql.param(marketing)}::int[]) as u(d, m)`);
    // What a sync does after writing snapshots: store the fitted trend the roll-up reads.
    await refreshUsageTrend(db, portal, options.now);
    await db.insert(portalApps).values(
      ["1160452", "1220873", "1030229"].map((appId, i) => ({
        portalId: portal.id,
        appId,
        label: ["Salesforce", "Shopify", "Zapier"][i]!,
        contacts: 5_000,
        marketing: i === 0 ? 5_000 : 0,
        created7d: 70,
        created30d: 300,
        recentCreated: 10,
        recentMarketing: i === 0 ? 10 : 0,
      })),
    );
    await db.insert(portalRecommendations).values(
      (["hard_bounced", "opted_out", "no_engagement", "policy_no_app", "duplicate_email", "any"] as const).map((kind, i) => ({
        portalId: portal.id,
        kind,
        candidates: Math.round(today * 0.01 * (i + 1)),
        computedAt: options.now,
      })),
    );
  }
  await db.execute(sql`analyze`);
  return { agencyId: agency.id, ownerId: owner.id, portalIds, totalToday };
}
