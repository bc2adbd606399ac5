// Tier math: an edition's purchasable contact limits are includedContacts + k x blockSize
// (k = 0, 1, 2 ...), and a limit costs base + k x blockPrice per month.
import { assertCount } from "./assertCount";
import { money, type Money } from "./money";
import { priceRowFor, type BillingTerm, type Edition, type PriceRow, type PriceTable } from "./prices";

/** Additional blocks needed to cover `count` contacts on this row (0 when the included contacts suffice). */
export function blocksForRow(row: PriceRow, count: number): number {
  assertCount(count, "Contact count");
  if (count <= row.includedContacts) return 0;
  return Math.ceil((count - row.includedContacts) / row.blockSize);
}

/** The smallest purchasable limit >= count on this row. */
export function tierLimitForRow(row: PriceRow, count: number): number {
  return row.includedContacts + blocksForRow(row, count) * row.blockSize;
}

/** Monthly price of the smallest purchasable limit covering `limit`, integer minor units. */
export function monthlyCostMinorForRow(row: PriceRow, limit: number): number {
  return (row.basePriceMinor ?? 0) + blocksForRow(row, limit) * row.blockPriceMinor;
}

/** The smallest purchasable limit strictly above `limit` on this row. */
export function nextTierAboveForRow(row: PriceRow, limit: number): number {
  return tierLimitForRow(row, limit + 1);
}

/** Smallest limit >= count that `edition` can buy, e.g. Professional 2,001 -> 7,000. */
export function tierLimitFor(count: number, edition: Edition, table: PriceTable, term?: BillingTerm): number {
  return tierLimitForRow(priceRowFor(table, edition, term), count);
}

/** Additional blocks (beyond the included contacts) needed to cover `count`, e.g. Professional 7,000 -> 1. */
export function blocksFor(count: number, edition: Edition, table: PriceTable, term?: BillingTerm): number {
  return blocksForRow(priceRowFor(table, edition, term), count);
}

/**
 * Monthly price of a contact limit: base price + blocks x block price. A limit between two
 * steps is priced as the step above it (HubSpot sells whole blocks).
 */
export function monthlyCost(limit: number, edition: Edition, table: PriceTable, term?: BillingTerm): Money {
  const row = priceRowFor(table, edition, term);
  return money(monthlyCostMinorForRow(row, limit), row.currency);
}

/** The next purchasable limit strictly above `limit`, e.g. Starter 1,000 -> 2,000. */
export function nextTierAbove(limit: number, edition: Edition, table: PriceTable, term?: BillingTerm): number {
  return nextTierAboveForRow(priceRowFor(table, edition, term), limit);
}
