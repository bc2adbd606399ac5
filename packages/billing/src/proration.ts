// Automatic upgrades. Going over the purchased tier upgrades the account at once to the smallest
// tier covering the new count; the extra price is charged pro-rated for the rest of the current
// billing term and billed the next day. Tiers are never lowered automatically.
//
// Pro-rating formula (integer minor units, calendar days in the portal's time zone):
//   termMonths        = 1 (monthly term) or 12 (yearly term)
//   daysInTerm        = days from the term period's start to its end (the next renewal)
//   daysRemaining     = days from the upgrade day (inclusive) to the period's end (exclusive)
//   extraMonthlyMinor = monthlyCost(newLimit) - monthlyCost(oldLimit)
//   proratedCharge    = round_half_up(extraMonthlyMinor x termMonths x daysRemaining / daysInTerm)
// so an upgrade on the last day of a 31-day monthly period pays 1/31 of a month.
import { addDays, daysBetween, toLocalDate, type LocalDate } from "./calendar";
import { contractPriceRow, type Contract } from "./contract";
import { divideRoundHalfUp } from "./money";
import { blocksForRow, monthlyCostMinorForRow, tierLimitForRow } from "./tiers";
import { termPeriodContaining, type Period } from "./updateDates";

export interface Upgrade {
  fromLimit: number;
  newLimit: number;
  blocksAdded: number;
  /** Local day the count went over and the upgrade happened. */
  upgradeDate: LocalDate;
  /** Local day the pro-rated charge is billed (the day after the upgrade). */
  billedOn: LocalDate;
  /** The billing-term period the charge is pro-rated over. */
  period: Period;
  daysRemaining: number;
  daysInTerm: number;
  termMonths: 1 | 12;
  /** Monthly price difference between the new and the old limit. */
  extraMonthlyMinor: number;
  /** The charge billed the next day for the rest of the term. */
  proratedChargeMinor: number;
  currency: string;
}

export function termMonthsOf(contract: Contract): 1 | 12 {
  return contract.term === "monthly" ? 1 : 12;
}

/** round_half_up(amountPerTermMinor x daysRemaining / daysInTerm). */
export function prorate(amountPerTermMinor: number, daysRemaining: number, daysInTerm: number): number {
  if (
    !Number.isSafeInteger(daysRemaining) ||
    !Number.isSafeInteger(daysInTerm) ||
    daysInTerm <= 0 ||
    daysRemaining < 0 ||
    daysRemaining > daysInTerm
  ) {
    throw new RangeError(`Bad pro-rating window: ${daysRemaining} of ${daysInTerm} days`);
  }
  return divideRoundHalfUp(amountPerTermMinor * daysRemaining, daysInTerm);
}

/**
 * The upgrade if `newCount` marketing contacts on local day `day` go over `fromLimit`, else null.
 * The projection calls this with the tier in force that day (it may already have been upgraded).
 */
export function upgradeOnDay(contract: Contract, fromLimit: number, newCount: number, day: LocalDate): Upgrade | null {
  if (newCount <= fromLimit) return null;
  const row = contractPriceRow(contract);
  const newLimit = tierLimitForRow(row, newCount);
  const period = termPeriodContaining(contract, day);
  const daysInTerm = daysBetween(period.start, period.end);
  const daysRemaining = daysBetween(day, period.end);
  const termMonths = termMonthsOf(contract);
  const extraMonthlyMinor = monthlyCostMinorForRow(row, newLimit) - monthlyCostMinorForRow(row, fromLimit);
  return {
    fromLimit,
    newLimit,
    blocksAdded: blocksForRow(row, newLimit) - blocksForRow(row, fromLimit),
    upgradeDate: day,
    billedOn: addDays(day, 1),
    period,
    daysRemaining,
    daysInTerm,
    termMonths,
    extraMonthlyMinor,
    proratedChargeMinor: prorate(extraMonthlyMinor * termMonths, daysRemaining, daysInTerm),
    currency: row.currency,
  };
}

/**
 * The automatic upgrade triggered if the portal reaches `newCount` marketing contacts at `at`
 * (an instant, converted in the portal's time zone, or a local day), or null when `newCount`
 * fits the purchased tier.
 */
export function upgradeFor(contract: Contract, newCount: number, at: Date | LocalDate): Upgrade | null {
  return upgradeOnDay(contract, contract.purchasedTier, newCount, toLocalDate(at, contract.timeZone));
}
