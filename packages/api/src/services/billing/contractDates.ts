import { sql, type SQL } from "drizzle-orm";

import { currentPeriod, nextRenewalDate, nextUpdateDate, type LocalDate, type Period } from "@marketable/billing";
import type { Portal, portals } from "@marketable/db";

import { contractOf } from "./contract";
import { builtInTable } from "./priceTables";

/**
 * The contract's dates, in the portal's time zone, computed in this one place (every page shows
 * these, under these names):
 * - contract renewal (`nextRenewal`): the next day the contract renews, where a lower tier can be
 *   requested; monthly terms renew every month on the renewal date's day, yearly terms on its
 *   anniversary. The portal's stored renewal date is the anchor, not necessarily the next one.
 * - monthly update date (`nextUpdateDate`): when contacts set to non-marketing leave the count;
 * - billing period (`billingPeriod`): the current term, [start, next renewal).
 */
export interface ContractDates {
  nextRenewal: LocalDate;
  nextUpdateDate: LocalDate;
  billingPeriod: Period;
}

export function contractDates(portal: Portal, now: Date): ContractDates {
  // Dates do not depend on prices: any table in the portal's currency makes the contract.
  const contract = contractOf(portal, builtInTable(portal.currency));
  return {
    nextRenewal: nextRenewalDate(contract, now),
    nextUpdateDate: nextUpdateDate(contract, now),
    billingPeriod: currentPeriod(contract, now),
  };
}

/**
 * `contractDates(…).nextRenewal` as SQL over the portals table, for sorting a page of portals by
 * it: the first monthly day (monthly terms) or anniversary (yearly) strictly after the portal's
 * local today, the day clamped to short months (31 → 30 April, 29 Feb → 28 Feb).
 */
export function nextRenewalSql(table: typeof portals, now: Date): SQL<string> {
  const today = sql`(${now.toISOString()}::timestamptz at time zone ${table.timeZone})::date`;
  const day = sql`extract(day from ${table.renewalDate})::int`;
  const month = sql`extract(month from ${table.renewalDate})::int`;
  // The anchor day in the month starting at `start`, clamped to the month's length.
  const inMonth = (start: SQL) =>
    sql`(${start} + (least(${day}, extract(day from (${start} + interval '1 month' - interval '1 day'))::int) - 1))::date`;
  const thisMonth = sql`date_trunc('month', ${today})::date`;
  const thisYearsMonth = sql`make_date(extract(year from ${today})::int, ${month}, 1)`;
  const monthly = sql`case when ${inMonth(thisMonth)} > ${today} then ${inMonth(thisMonth)} else ${inMonth(sql`(${thisMonth} + interval '1 month')::date`)} end`;
  const yearly = sql`case when ${inMonth(thisYearsMonth)} > ${today} then ${inMonth(thisYearsMonth)} else ${inMonth(sql`(${thisYearsMonth} + interval '1 year')::date`)} end`;
  return sql<string>`(case when ${table.billingTerm} = 'monthly' then ${monthly} else ${yearly} end)`;
}
