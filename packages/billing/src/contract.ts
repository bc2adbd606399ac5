// A portal's Marketing Hub contract: what was bought, on which term, where the portal lives.
import { assertTimeZone, parseLocalDate, type LocalDate } from "./calendar";
import { assertCurrency } from "./money";
import { priceRowFor, validatePriceTable, type BillingTerm, type Edition, type PriceRow, type PriceTable } from "./prices";

/**
 * When queued demotions (set to non-marketing) take effect.
 * - "hubspot": HubSpot's rule, chosen by term: monthly terms use the monthly renewal day,
 *   yearly terms the 1st of each month.
 * - "monthlyRenewalDay" / "firstOfMonth": force one of the two (a negotiated contract).
 */
export type UpdateDateRule = "hubspot" | "monthlyRenewalDay" | "firstOfMonth";

export interface Contract {
  edition: Edition;
  /** Contact limit purchased (the current tier), e.g. 7,000 for Professional with one block. */
  purchasedTier: number;
  term: BillingTerm;
  /**
   * Next (or any) renewal date. Yearly terms renew on its anniversaries (29 Feb clamps to 28 Feb).
   * Monthly terms renew monthly on the contract start's day of month.
   */
  renewalDate: LocalDate;
  /** First day of the contract; its day of month is the monthly renewal day (29-31 clamp to short months). */
  contractStartDate: LocalDate;
  updateDateRule: UpdateDateRule;
  /** The portal's IANA time zone (from /account-info/v3/details), e.g. "Europe/Berlin". */
  timeZone: string;
  currency: string;
  priceTable: PriceTable;
}

/** Throws a RangeError describing the first inconsistency. */
export function validateContract(contract: Contract): void {
  parseLocalDate(contract.renewalDate);
  parseLocalDate(contract.contractStartDate);
  assertTimeZone(contract.timeZone);
  assertCurrency(contract.currency);
  if (!Number.isSafeInteger(contract.purchasedTier) || contract.purchasedTier < 0) {
    throw new RangeError(`purchasedTier must be a non-negative integer, got ${contract.purchasedTier}`);
  }
  validatePriceTable(contract.priceTable);
  contractPriceRow(contract);
}

/** The contract's price row; throws when its currency differs from the contract's (no FX here). */
export function contractPriceRow(contract: Contract): PriceRow {
  const row = priceRowFor(contract.priceTable, contract.edition, contract.term);
  if (row.currency !== contract.currency) {
    throw new RangeError(`Contract is in ${contract.currency} but its ${contract.edition} price row is in ${row.currency}`);
  }
  return row;
}
