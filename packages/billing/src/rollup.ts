// Helpers for the agency roll-up (one row per client portal) and for "money saved" figures.
import { toLocalDate, type LocalDate } from "./calendar";
import { contractPriceRow, type Contract } from "./contract";
import { divideRoundHalfUp } from "./money";
import type { Projection } from "./projection";
import { termMonthsOf } from "./proration";
import { monthlyCostMinorForRow, tierLimitForRow } from "./tiers";
import { nextRenewalDate, updateDateAfter } from "./updateDates";

/** Unused share of the limit in percent, one decimal: 7,000 limit and 6,300 contacts -> 10. Negative when over. */
export function headroomPct(count: number, limit: number): number {
  if (!(limit > 0)) throw new RangeError(`Limit must be positive, got ${limit}`);
  return Math.round(((limit - count) / limit) * 1000) / 10;
}

export interface SavingsInput {
  contract: Contract;
  /** Current marketing contacts (pending demotions included). */
  marketing: number;
  /** Already pending demotion: they leave at the next update date anyway. */
  pendingDemotion?: number;
  /** Contacts a recommendation could set to non-marketing. */
  removable: number;
  now: Date;
}

export interface SavingsAvailable {
  currency: string;
  removable: number;
  /** When the removal would take effect if requested today. */
  effectiveDate: LocalDate;
  renewalDate: LocalDate;
  /**
   * Marginal monthly value of the removable contacts: removable x blockPrice / blockSize
   * (rounded half-up), the price each contact carries at the block rate from the next update date.
   */
  monthlyValueMinor: number;
  /** The lowest tier that would fit at renewal after the removal (and the pending demotions). */
  stepDown: {
    fromLimit: number;
    toLimit: number;
    /** monthlyCost(fromLimit) - monthlyCost(toLimit) */
    monthlySavingMinor: number;
    /** The monthly saving over the next term (x1 monthly, x12 yearly). */
    termSavingMinor: number;
  };
}

/** What removing `removable` contacts is worth: their block-rate value and the tier step-down it allows at renewal. */
export function savingsAvailable(input: SavingsInput): SavingsAvailable {
  const { contract } = input;
  const row = contractPriceRow(contract);
  const pending = input.pendingDemotion ?? 0;
  const demotable = Math.max(0, input.marketing - pending);
  if (!Number.isSafeInteger(input.removable) || input.removable < 0 || input.removable > demotable) {
    throw new RangeError(`removable must be an integer between 0 and ${demotable}`);
  }
  const today = toLocalDate(input.now, contract.timeZone);
  const remaining = input.marketing - pending - input.removable;
  const fromLimit = contract.purchasedTier;
  const toLimit = Math.min(fromLimit, tierLimitForRow(row, remaining));
  const monthlySavingMinor = monthlyCostMinorForRow(row, fromLimit) - monthlyCostMinorForRow(row, toLimit);
  return {
    currency: row.currency,
    removable: input.removable,
    effectiveDate: updateDateAfter(contract, today),
    renewalDate: nextRenewalDate(contract, today),
    monthlyValueMinor: divideRoundHalfUp(input.removable * row.blockPriceMinor, row.blockSize),
    stepDown: { fromLimit, toLimit, monthlySavingMinor, termSavingMinor: monthlySavingMinor * termMonthsOf(contract) },
  };
}

export interface RollupPortal {
  portalId: string;
  name?: string;
  contract: Contract;
  marketing: number;
  pendingDemotion?: number;
  /** Contacts recommendations could remove (0 when unknown). */
  removable?: number;
  /** The portal's projection, when one was computed. */
  projection?: Projection | null;
  now: Date;
}

export interface RollupRow {
  portalId: string;
  name: string;
  currency: string;
  marketing: number;
  tierLimit: number;
  headroom: number;
  headroomPct: number;
  crossingDate: LocalDate | null;
  monthlyCostMinor: number;
  /** Monthly saving from the tier step-down at renewal that the removable contacts allow. */
  savingsMonthlyMinor: number;
  /** Marginal block-rate value of the removable contacts, per month. */
  removableValueMonthlyMinor: number;
}

export function rollupRow(portal: RollupPortal): RollupRow {
  const row = contractPriceRow(portal.contract);
  const limit = portal.contract.purchasedTier;
  const savings = savingsAvailable({
    contract: portal.contract,
    marketing: portal.marketing,
    removable: portal.removable ?? 0,
    now: portal.now,
    ...(portal.pendingDemotion !== undefined ? { pendingDemotion: portal.pendingDemotion } : {}),
  });
  return {
    portalId: portal.portalId,
    name: portal.name ?? portal.portalId,
    currency: row.currency,
    marketing: portal.marketing,
    tierLimit: limit,
    headroom: limit - portal.marketing,
    headroomPct: headroomPct(portal.marketing, limit),
    crossingDate: portal.projection?.crossingDate ?? null,
    monthlyCostMinor: monthlyCostMinorForRow(row, limit),
    savingsMonthlyMinor: savings.stepDown.monthlySavingMinor,
    removableValueMonthlyMinor: savings.monthlyValueMinor,
  };
}

export interface RollupTotals {
  currency: string;
  portals: number;
  marketing: number;
  tierLimit: number;
  headroomPct: number;
  monthlyCostMinor: number;
  savingsMonthlyMinor: number;
  removableValueMonthlyMinor: number;
  /** Portals projected to cross their tier before renewal. */
  crossing: number;
}

/** Totals per currency (money in different currencies is never added together). */
export function rollupTotals(rows: readonly RollupRow[]): RollupTotals[] {
  const byCurrency = new Map<string, RollupTotals>();
  for (const row of rows) {
    const t = byCurrency.get(row.currency) ?? {
      currency: row.currency,
      portals: 0,
      marketing: 0,
      tierLimit: 0,
      headroomPct: 0,
      monthlyCostMinor: 0,
      savingsMonthlyMinor: 0,
      removableValueMonthlyMinor: 0,
      crossing: 0,
    };
    t.portals += 1;
    t.marketing += row.marketing;
    t.tierLimit += row.tierLimit;
    t.monthlyCostMinor += row.monthlyCostMinor;
    t.savingsMonthlyMinor += row.savingsMonthlyMinor;
    t.removableValueMonthlyMinor += row.removableValueMonthlyMinor;
    if (row.crossingDate !== null) t.crossing += 1;
    byCurrency.set(row.currency, t);
  }
  const totals = [...byCurrency.values()];
  for (const t of totals) t.headroomPct = t.tierLimit > 0 ? headroomPct(t.marketing, t.tierLimit) : 0;
  return totals.sort((a, b) => a.currency.localeCompare(b.currency));
}
