// What a marketing-status change is worth, in the contract's currency: the lines a person reads
// before deciding (the status preview and the approval queue show the same summary).
//
// - Demotion (set to non-marketing): the tier never falls during a term, so this term costs the
//   same; the contacts leave at the next update date; at renewal a lower tier can be requested,
//   and the saving is the difference between the lowest tier that fits with the change and the
//   lowest that fits without it. A lower tier must be asked for by a deadline before the renewal
//   (lowerTierRequestDeadline); once it has passed, the case is the renewal after it.
// - Promotion (set to marketing): counts at once; over the tier it triggers an automatic upgrade,
//   charged pro-rated now, and the monthly cost rises; under the tier, the headroom left.
import type { LocalDate } from "./calendar";
import { contractPriceRow, type Contract } from "./contract";
import type { StatusChangePreview, StatusTarget } from "./preview";
import { termMonthsOf } from "./proration";
import { lowerTierRequestDeadline } from "./renewal";
import { monthlyCostMinorForRow, tierLimitForRow } from "./tiers";
import { termPeriodContaining } from "./updateDates";

/** One renewal's case for a lower tier. */
export interface RenewalSaving {
  renewalDate: LocalDate;
  /** Last day to ask HubSpot for the lower tier for this renewal. */
  requestBy: LocalDate;
  deadlinePassed: boolean;
  /** Marketing contacts at this renewal with and without the change. */
  marketingWith: number;
  marketingWithout: number;
  /** The lowest tier that could be requested without the change (T0) and with it (T). */
  tierWithout: number;
  tierWith: number;
  monthlyCostWithoutMinor: number;
  monthlyCostWithMinor: number;
  /** What requesting T instead of T0 saves: a month, and over one term (1 or 12 months). */
  monthlySavingMinor: number;
  termSavingMinor: number;
}

export interface DemotionSummary {
  direction: "demotion";
  currency: string;
  termMonths: 1 | 12;
  today: LocalDate;
  /** This term's cost does not change: the tier cannot fall before renewal. */
  thisTermChangeMinor: 0;
  /** When the contacts leave the marketing count, and how many. */
  updateDate: LocalDate;
  fewerMarketing: number;
  /** Demotions already queued (other requests, or set in HubSpot) that leave on the same date. */
  alreadyPending: number;
  /** The next update date is the renewal day: one date for both. */
  updateDateIsRenewal: boolean;
  /** The next renewal's case. */
  renewal: RenewalSaving;
  /**
   * The renewal after it, when the next one cannot carry the saving: its deadline has passed, or
   * the contacts leave only after it (a yearly renewal before the next update date).
   */
  followingRenewal: RenewalSaving | null;
}

export interface PromotionSummary {
  direction: "promotion";
  currency: string;
  termMonths: 1 | 12;
  today: LocalDate;
  moreMarketing: number;
  /** The upgrade the change triggers, or null when it fits the tier. */
  upgrade: {
    fromLimit: number;
    newLimit: number;
    proratedChargeMinor: number;
    billedOn: LocalDate;
    daysRemaining: number;
    daysInTerm: number;
    extraMonthlyMinor: number;
  } | null;
  monthlyCostBeforeMinor: number;
  monthlyCostAfterMinor: number;
  /** Tier in force after the change and the contacts still free under it. */
  tierLimit: number;
  headroomLeft: number;
}

export type MoneySummary = DemotionSummary | PromotionSummary;

/** The money summary of a `target` request's preview made with `contract` (previewStatusChange's output). */
export function moneySummary(preview: StatusChangePreview, contract: Contract, target: StatusTarget): MoneySummary {
  const termMonths = termMonthsOf(contract);
  const base = { currency: preview.currency, termMonths, today: preview.today };
  if (target === "marketing") {
    const up = preview.upgrade;
    return {
      ...base,
      direction: "promotion",
      moreMarketing: preview.effectiveNow,
      upgrade: up
        ? {
            fromLimit: up.fromLimit,
            newLimit: up.newLimit,
            proratedChargeMinor: up.proratedChargeMinor,
            billedOn: up.billedOn,
            daysRemaining: up.daysRemaining,
            daysInTerm: up.daysInTerm,
            extraMonthlyMinor: up.extraMonthlyMinor,
          }
        : null,
      monthlyCostBeforeMinor: preview.baseline.now.monthlyCostMinor,
      monthlyCostAfterMinor: preview.now.monthlyCostMinor,
      tierLimit: preview.now.tierLimit,
      headroomLeft: preview.now.headroom,
    };
  }

  const row = contractPriceRow(contract);
  const tierInForce = preview.atRenewal.tierLimit;
  const saving = (renewalDate: LocalDate, marketingWith: number, marketingWithout: number): RenewalSaving => {
    const requestBy = lowerTierRequestDeadline(renewalDate);
    const tierWith = Math.min(tierInForce, tierLimitForRow(row, marketingWith));
    const tierWithout = Math.min(tierInForce, tierLimitForRow(row, marketingWithout));
    const monthlyCostWithMinor = monthlyCostMinorForRow(row, tierWith);
    const monthlyCostWithoutMinor = monthlyCostMinorForRow(row, tierWithout);
    const monthlySavingMinor = monthlyCostWithoutMinor - monthlyCostWithMinor;
    return {
      renewalDate,
      requestBy,
      deadlinePassed: preview.today > requestBy,
      marketingWith,
      marketingWithout,
      tierWithout,
      tierWith,
      monthlyCostWithoutMinor,
      monthlyCostWithMinor,
      monthlySavingMinor,
      termSavingMinor: monthlySavingMinor * termMonths,
    };
  };

  const renewal = saving(preview.renewalDate, preview.atRenewal.marketing, preview.baseline.atRenewal.marketing);
  const leavesAfterRenewal = preview.nextUpdateDate > preview.renewalDate;
  // By the renewal after the next one, every queued demotion has left.
  const followingRenewal =
    renewal.deadlinePassed || leavesAfterRenewal
      ? saving(
          termPeriodContaining(contract, preview.renewalDate).end,
          preview.atNextUpdateDate.marketing,
          preview.baseline.atNextUpdateDate.marketing,
        )
      : null;
  return {
    ...base,
    direction: "demotion",
    thisTermChangeMinor: 0,
    updateDate: preview.nextUpdateDate,
    fewerMarketing: preview.effectiveAtUpdateDate,
    alreadyPending: preview.baseline.now.pendingDemotion,
    updateDateIsRenewal: preview.nextUpdateDate === preview.renewalDate,
    renewal,
    followingRenewal,
  };
}
