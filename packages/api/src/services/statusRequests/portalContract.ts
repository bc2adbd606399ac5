import { DEFAULT_PRICE_TABLE, priceRowFor, type Contract } from "@marketable/billing";
import type { portals } from "@marketable/db";

type Portal = typeof portals.$inferSelect;

/**
 * The billing package's contract for a portal. Portals have no negotiated price table yet, so the
 * published starting points apply, in their own currency (the billing math never converts).
 * The renewal date's day of month is the monthly renewal day.
 */
export function portalContract(portal: Portal): Contract {
  const row = priceRowFor(DEFAULT_PRICE_TABLE, portal.edition, portal.billingTerm);
  return {
    edition: portal.edition,
    purchasedTier: portal.purchasedTier,
    term: portal.billingTerm,
    renewalDate: portal.renewalDate,
    contractStartDate: portal.renewalDate,
    updateDateRule: portal.updateDateRule === "renewal_day" ? "monthlyRenewalDay" : "firstOfMonth",
    timeZone: portal.timeZone,
    currency: row.currency,
    priceTable: DEFAULT_PRICE_TABLE,
  };
}
