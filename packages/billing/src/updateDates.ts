// HubSpot's update dates and renewals, in the portal's time zone.
//
// Set-to-marketing counts at once; set-to-non-marketing is queued until the account's update
// date: the monthly renewal day for monthly terms, the 1st of each month for yearly terms. Every
// contact still marketing on an update date counts for the whole period until the next one.
//
// Conventions (documented in the README):
// - An update date takes effect at the start of that local day. So on an update date the update
//   has already happened: `nextUpdateDate` is the first update date strictly after today, and a
//   demotion queued *on* an update date waits for the following one.
// - Periods are half-open [start, end): `end` is the first day of the next period.
import { clampedLocalDate, parseLocalDate, toLocalDate, type LocalDate } from "./calendar";
import type { Contract } from "./contract";

export interface Period {
  /** First day of the period (inclusive). */
  start: LocalDate;
  /** First day of the next period (exclusive). */
  end: LocalDate;
}

/** Day of month on which this contract's update dates fall (before clamping to short months). */
export function updateDayOfMonth(contract: Contract): number {
  const rule = contract.updateDateRule;
  const useRenewalDay = rule === "monthlyRenewalDay" || (rule === "hubspot" && contract.term === "monthly");
  return useRenewalDay ? parseLocalDate(contract.contractStartDate).day : 1;
}

/** The contract's monthly anchor (`day`) in a month, clamped: day 31 in April is 30 April. */
function monthlyOccurrence(year: number, month: number, day: number): LocalDate {
  return clampedLocalDate(year, month, day);
}

/** First date strictly after `day` that falls on the monthly `anchorDay` (clamped). */
function monthlyAfter(day: LocalDate, anchorDay: number): LocalDate {
  const { year, month } = parseLocalDate(day);
  const thisMonth = monthlyOccurrence(year, month, anchorDay);
  return thisMonth > day ? thisMonth : monthlyOccurrence(year, month + 1, anchorDay);
}

/** Last date on or before `day` that falls on the monthly `anchorDay` (clamped). */
function monthlyOnOrBefore(day: LocalDate, anchorDay: number): LocalDate {
  const { year, month } = parseLocalDate(day);
  const thisMonth = monthlyOccurrence(year, month, anchorDay);
  return thisMonth <= day ? thisMonth : monthlyOccurrence(year, month - 1, anchorDay);
}

/** The first update date strictly after the local day `day`: when a demotion queued on `day` takes effect. */
export function updateDateAfter(contract: Contract, day: LocalDate): LocalDate {
  return monthlyAfter(day, updateDayOfMonth(contract));
}

/** The last update date on or before the local day `day`: the start of the update period `day` is in. */
export function updateDateOnOrBefore(contract: Contract, day: LocalDate): LocalDate {
  return monthlyOnOrBefore(day, updateDayOfMonth(contract));
}

/** The next update date after `now` (strictly after today in the portal's time zone). */
export function nextUpdateDate(contract: Contract, now: Date): LocalDate {
  return updateDateAfter(contract, toLocalDate(now, contract.timeZone));
}

/** When a demotion queued at `queuedAt` (an instant, or a local day) takes effect. */
export function demotionEffectiveDate(contract: Contract, queuedAt: Date | LocalDate): LocalDate {
  return updateDateAfter(contract, toLocalDate(queuedAt, contract.timeZone));
}

/** The update period containing `now`: [last update date, next update date). */
export function currentUpdatePeriod(contract: Contract, now: Date | LocalDate): Period {
  const today = toLocalDate(now, contract.timeZone);
  return { start: updateDateOnOrBefore(contract, today), end: updateDateAfter(contract, today) };
}

/** Every update date d with from <= d <= to (local days; instants are converted in the portal's zone). */
export function updateDatesBetween(contract: Contract, from: Date | LocalDate, to: Date | LocalDate): LocalDate[] {
  const first = toLocalDate(from, contract.timeZone);
  const last = toLocalDate(to, contract.timeZone);
  const anchorDay = updateDayOfMonth(contract);
  const dates: LocalDate[] = [];
  let date = monthlyOnOrBefore(first, anchorDay);
  if (date < first) date = monthlyAfter(date, anchorDay);
  while (date <= last) {
    dates.push(date);
    date = monthlyAfter(date, anchorDay);
  }
  return dates;
}

/** Yearly renewal on the renewal date's month and day in `year` (29 Feb clamps to 28 Feb). */
function anniversary(contract: Contract, year: number): LocalDate {
  const { month, day } = parseLocalDate(contract.renewalDate);
  return clampedLocalDate(year, month, day);
}

/**
 * The billing-term period containing the local day `day`, which upgrades are pro-rated against:
 * monthly terms run from one monthly renewal day to the next; yearly terms from one renewal
 * anniversary to the next.
 */
export function termPeriodContaining(contract: Contract, day: LocalDate): Period {
  if (contract.term === "monthly") {
    const anchorDay = parseLocalDate(contract.contractStartDate).day;
    return { start: monthlyOnOrBefore(day, anchorDay), end: monthlyAfter(day, anchorDay) };
  }
  const { year } = parseLocalDate(day);
  const thisYear = anniversary(contract, year);
  return thisYear <= day
    ? { start: thisYear, end: anniversary(contract, year + 1) }
    : { start: anniversary(contract, year - 1), end: thisYear };
}

/** The billing-term period containing `now`, in the portal's time zone. */
export function currentPeriod(contract: Contract, now: Date | LocalDate): Period {
  return termPeriodContaining(contract, toLocalDate(now, contract.timeZone));
}

/** The next renewal strictly after today: the end of the current billing-term period. */
export function nextRenewalDate(contract: Contract, now: Date | LocalDate): LocalDate {
  return currentPeriod(contract, now).end;
}
