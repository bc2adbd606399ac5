import { addDays, type Contract, type PriceTable } from "@marketable/billing";
import type { DbOrTx, Portal, StoredPriceTable } from "@marketable/db";

import { priceTableResolver } from "./priceTables";

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

export interface PortalContract {
  contract: Contract;
  /** The stored table the contract prices with, or null for the built-in starting points. */
  stored: StoredPriceTable | null;
}

/**
 * The one way to get the contracts of an agency's portals: the agency's price tables are read
 * once, and each portal is priced with the version pinned to it, in the portal's currency. Every
 * money figure (status previews and their re-check, billing page, roll-up, renewal pack,
 * recommendations, drift and alerts) starts here, so they agree.
 */
export async function portalContracts(db: DbOrTx, agencyId: string): Promise<(portal: Portal) => PortalContract> {
  const resolve = await priceTableResolver(db, agencyId);
  return (portal) => {
    const { table, stored } = resolve(portal);
    return { contract: contractOf(portal, table), stored };
  };
}

/** One portal's contract (see `portalContracts`). */
export async function loadPortalContract(db: DbOrTx, portal: Portal): Promise<Contract> {
  return (await portalContracts(db, portal.agencyId))(portal).contract;
}
