import { type Portal } from "../state/portal";

/**
 * HubSpot's "update date": the day queued demotions take effect and the marketing count resets.
 * Monthly terms: the monthly renewal day. Yearly terms: the 1st of each month. Computed in UTC
 * (the sandbox's simplification of "midnight in the account's time zone").
 */
function dayInMonth(year: number, month: number, day: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(day, lastDay));
}

export function updateDay(portal: Pick<Portal, "billingTerm" | "renewalDay">): number {
  return portal.billingTerm === "monthly" ? portal.renewalDay : 1;
}

/** The first update date strictly after `t`. */
export function nextUpdateDate(portal: Pick<Portal, "billingTerm" | "renewalDay">, t: number): number {
  const d = new Date(t);
  const day = updateDay(portal);
  let candidate = dayInMonth(d.getUTCFullYear(), d.getUTCMonth(), day);
  let month = d.getUTCMonth();
  let year = d.getUTCFullYear();
  while (candidate <= t) {
    month++;
    if (month === 12) {
      month = 0;
      year++;
    }
    candidate = dayInMonth(year, month, day);
  }
  return candidate;
}

/** Update dates in (from, to]. */
export function updateDatesBetween(portal: Pick<Portal, "billingTerm" | "renewalDay">, from: number, to: number): number[] {
  const dates: number[] = [];
  for (let t = nextUpdateDate(portal, from); t <= to; t = nextUpdateDate(portal, t)) dates.push(t);
  return dates;
}

function addMonths(t: number, months: number): number {
  const d = new Date(t);
  return dayInMonth(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()) + (t % 86_400_000);
}

/** The billing term (start, end) containing `t`: monthly or yearly, rolling from the subscription start. */
export function currentTerm(portal: Pick<Portal, "billingTerm" | "termStart">, t: number): { start: number; end: number } {
  const step = portal.billingTerm === "monthly" ? 1 : 12;
  let start = portal.termStart;
  let end = addMonths(start, step);
  let n = 1;
  while (end <= t) {
    n++;
    start = end;
    end = addMonths(portal.termStart, step * n);
  }
  return { start, end };
}
