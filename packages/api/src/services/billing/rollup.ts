import { and, eq, isNull, sql } from "drizzle-orm";

import { headroomPct, monthlyCost, project, rollupRow, rollupTotals, type RollupRow } from "@marketable/billing";
import { portals, portalUsageTrends, type Access, type DbOrTx } from "@marketable/db";
import { can } from "@marketable/permissions";

import { inIdArray } from "../anyOf";
import { portalContracts } from "./contract";

export const rollupSortKeys = ["name", "marketing", "tierLimit", "headroomPct", "crossingDate", "monthlyCost", "savings"] as const;
export type RollupSortKey = (typeof rollupSortKeys)[number];
export const rollupFilters = ["all", "crossing", "over80", "noUsage"] as const;

export interface RollupInput {
  sort?: { id: RollupSortKey; desc: boolean };
  search?: string;
  filter?: (typeof rollupFilters)[number];
}

export interface RollupItem extends Omit<RollupRow, "marketing" | "headroom" | "headroomPct"> {
  marketing: number | null;
  headroom: number | null;
  headroomPct: number | null;
  timeZone: string;
  renewalDate: string;
  /** The day of the newest usage snapshot (portal time zone), null before the first sync. */
  usageDay: string | null;
  /** Contacts the recommendations could set to non-marketing (each counted once). */
  removable: number;
  /** Why the money could not be computed (e.g. no price row for the edition), else null. */
  problem: string | null;
  /** The contract holds placeholders from connecting: its money is a guess until confirmed. */
  contractNeedsConfirmation: boolean;
}

/**
 * Every portal the caller may see billing for, in one table. Reads aggregates only: each portal's
 * stored usage trend (fitted after each snapshot write, see services/usage/trend.ts: one small row per
 * portal, no history), the stored recommendation counts, and the agency's price tables; projects
 * each portal to its renewal.
 */
export async function billingRollup(db: DbOrTx, access: Access, input: RollupInput, now: Date) {
  const all = await db
    .select()
    .from(portals)
    .where(and(eq(portals.agencyId, access.agency.id), isNull(portals.archivedAt)));
  const visible = all.filter((p) => can(access.actor, "billing.view", p.id));
  const ids = visible.map((p) => p.id);
  const [trends, removable, contractFor] = await Promise.all([
    ids.length === 0 ? [] : db.select().from(portalUsageTrends).where(inIdArray(portalUsageTrends.portalId, ids)),
    ids.length === 0
      ? { rows: [] }
      : db.execute<{ portal_id: string; candidates: number }>(sql`
          select portal_id, candidates from portal_recommendations
          where portal_id = any(${sql.param(ids)}::uuid[]) and kind = 'any'`),
    portalContracts(db, access.agency.id),
  ]);
  const usageBy = new Map(trends.map((t) => [t.portalId, t]));
  const removableBy = new Map(removable.rows.map((r) => [r.portal_id, Number(r.candidates)]));

  const items: RollupItem[] = visible.map((portal) => {
    const { contract } = contractFor(portal);
    const u = usageBy.get(portal.id);
    const base = {
      timeZone: portal.timeZone,
      renewalDate: portal.renewalDate,
      usageDay: u ? u.anchorDay : null,
      removable: 0,
      problem: null,
      contractNeedsConfirmation: portal.contractNeedsConfirmation,
    };
    try {
      if (!u) {
        return {
          ...base,
          portalId: portal.id,
          name: portal.name,
          currency: portal.currency,
          marketing: null,
          tierLimit: portal.purchasedTier,
          headroom: null,
          headroomPct: null,
          crossingDate: null,
          monthlyCostMinor: monthlyCost(portal.purchasedTier, contract.edition, contract.priceTable, contract.term).amountMinor,
          savingsMonthlyMinor: 0,
          removableValueMonthlyMinor: 0,
        };
      }
      const marketing = u.anchorValue;
      const pending = Math.min(u.pendingDemotion, marketing);
      const removableCount = Math.min(removableBy.get(portal.id) ?? 0, marketing - pending);
      const fit = {
        windowDays: u.windowDays,
        points: u.points,
        slopePerDay: u.slopePerDay,
        residualStdDev: u.residualStdDev,
        slopeStdError: u.slopeStdError,
        anchorDate: u.anchorDay,
        anchorValue: u.anchorValue,
      };
      const projection = project({ history: [], fit, contract, now, queuedDemotions: pending, options: { series: false } });
      const row = rollupRow({
        portalId: portal.id,
        name: portal.name,
        contract,
        marketing,
        pendingDemotion: pending,
        removable: removableCount,
        projection,
        now,
      });
      return { ...base, ...row, removable: removableCount };
    } catch (error) {
      return {
        ...base,
        portalId: portal.id,
        name: portal.name,
        currency: portal.currency,
        marketing: u ? u.anchorValue : null,
        tierLimit: portal.purchasedTier,
        headroom: null,
        headroomPct: u && portal.purchasedTier > 0 ? headroomPct(u.anchorValue, portal.purchasedTier) : null,
        crossingDate: null,
        monthlyCostMinor: 0,
        savingsMonthlyMinor: 0,
        removableValueMonthlyMinor: 0,
        problem: error instanceof Error ? error.message : "Could not compute",
      };
    }
  });

  const search = input.search?.trim().toLowerCase();
  const filtered = items.filter((item) => {
    if (search && !item.name.toLowerCase().includes(search)) return false;
    switch (input.filter ?? "all") {
      case "crossing":
        return item.crossingDate !== null;
      case "over80":
        return item.headroomPct !== null && item.headroomPct <= 20;
      case "noUsage":
        return item.marketing === null;
      default:
        return true;
    }
  });
  const sorted = sortRollup(filtered, input.sort ?? { id: "headroomPct", desc: false });
  const totals = rollupTotals(
    sorted
      .filter((r) => r.marketing !== null)
      .map((r) => ({ ...r, marketing: r.marketing!, headroom: r.headroom ?? 0, headroomPct: r.headroomPct ?? 0 })),
  );
  return { rows: sorted, totals, portals: items.length, asOf: now };
}

const sortValue: Record<RollupSortKey, (r: RollupItem) => string | number | null> = {
  name: (r) => r.name.toLowerCase(),
  marketing: (r) => r.marketing,
  tierLimit: (r) => r.tierLimit,
  headroomPct: (r) => r.headroomPct,
  crossingDate: (r) => r.crossingDate,
  monthlyCost: (r) => r.monthlyCostMinor,
  savings: (r) => r.removableValueMonthlyMinor,
};

/** Sorts by one key; rows without a value (no usage yet, no crossing) always come last. Ties by name. */
export function sortRollup(rows: RollupItem[], sort: { id: RollupSortKey; desc: boolean }) {
  const value = sortValue[sort.id];
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb) {
      const order = va < vb ? -1 : 1;
      return sort.desc ? -order : order;
    }
    return a.name.localeCompare(b.name);
  });
}
