import { addDays, type Contract, type PriceTable } from "@marketable/billing";
import type { portals } from "@marketable/db";

type Portal = typeof portals.$inferSelect;

/**
 * The billing package's Contract for a portal record. The record keeps no contract start date:
 * for monthly terms the renewal date's day of month is the monthly renewal day, which is all
 * the start date is used for; for yearly terms the start is one year before the renewal.
 */
export function contractOf(portal: Portal, priceTable: PriceTable): Contract {
  const [y, m, d] = portal.renewalDate.split("-");
  const contractStartDate = portal.billingTerm === "yearly" ? yearBefore(Number(y), m!, d!) : portal.renewalDate;
  return {
    edition: portal.edition,
    purchasedTier: portal.purchasedTier,
    term: portal.billingTerm,
    renewalDate: portal.renewalDate,
    contractStartDate,
    updateDateRule: portal.updateDateRule === "renewal_day" ? "monthlyRenewalDay" : "firstOfMonth",
    timeZone: portal.timeZone,
    currency: portal.currency,
    priceTable,
  };
}

function yearBefore(year: number, month: string, day: string): string {
  // 29 Feb has no twin in the year before: the day before 1 Mar is.
  if (month === "02" && day === "29") return addDays(`${year - 1}-03-01`, -1);
  return `${year - 1}-${month}-${day}`;
}
