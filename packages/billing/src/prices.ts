// Price tables. Prices change and are negotiated per client, so no price lives anywhere in the
// code except in the editable starting-point table below; every calculation takes a table.
import { parseLocalDate, type LocalDate } from "./calendar";
import { assertCurrency, assertMinor } from "./money";

export type Edition = "starter" | "professional" | "enterprise";
export type BillingTerm = "monthly" | "yearly";

export const EDITIONS: readonly Edition[] = ["starter", "professional", "enterprise"];

/** One edition's contact pricing: `includedContacts` come with the edition, more are sold in blocks. */
export interface PriceRow {
  edition: Edition;
  /** The billing term this quote is for; lookups prefer the contract's term (see priceRowFor). */
  term: BillingTerm;
  currency: string;
  /** Marketing contacts included in the edition's base price. */
  includedContacts: number;
  /** Contacts per additional block. */
  blockSize: number;
  /** Price of one additional block per month, integer minor units. */
  blockPriceMinor: number;
  /** Edition base price per month (seats included), integer minor units. Optional: contact math works without it. */
  basePriceMinor?: number;
}

/** A versioned set of price rows; a portal's contract points at the version it was signed under. */
export interface PriceTable {
  /** Stable id, e.g. "hubspot-published-2026". */
  id: string;
  /** Bumped whenever a row changes, so stored projections can say which prices they used. */
  version: number;
  effectiveFrom: LocalDate;
  /** Where the numbers came from, shown next to every cost. */
  source: string;
  rows: readonly PriceRow[];
}

/**
 * EDITABLE STARTING POINTS, not HubSpot's authoritative prices: third-party reads of HubSpot's
 * 2026 pricing page (USD, annual commitment, quoted per month). Agencies replace them with each
 * client's negotiated table. The contact figures (included contacts, block sizes) follow
 * docs/hubspot.md "Money"; the money figures are plausible published amounts:
 * - Starter: 1,000 contacts included, blocks of 1,000 at $45/month per block; base $15/month (one seat).
 * - Professional: 2,000 included, blocks of 5,000 at $250/month (docs/hubspot.md: about $225-250); base $800/month.
 * - Enterprise: 10,000 included, blocks of 10,000 at $100/month per block; base $3,600/month.
 */
export const PUBLISHED_STARTING_POINTS_2026: PriceTable = {
  id: "hubspot-published-2026",
  version: 1,
  effectiveFrom: "2026-01-01",
  source: "Editable starting points: third-party reads of HubSpot's 2026 pricing page (USD, annual commitment)",
  rows: [
    {
      edition: "starter",
      term: "yearly",
      currency: "USD",
      includedContacts: 1_000,
      blockSize: 1_000,
      blockPriceMinor: 45_00,
      basePriceMinor: 15_00,
    },
    {
      edition: "professional",
      term: "yearly",
      currency: "USD",
      includedContacts: 2_000,
      blockSize: 5_000,
      blockPriceMinor: 250_00,
      basePriceMinor: 800_00,
    },
    {
      edition: "enterprise",
      term: "yearly",
      currency: "USD",
      includedContacts: 10_000,
      blockSize: 10_000,
      blockPriceMinor: 100_00,
      basePriceMinor: 3_600_00,
    },
  ],
};

/** The table used when a portal has none of its own. */
export const DEFAULT_PRICE_TABLE: PriceTable = PUBLISHED_STARTING_POINTS_2026;

function isPositiveInteger(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0;
}

/** Throws a RangeError describing the first bad row; call when a table is entered or imported. */
export function validatePriceTable(table: PriceTable): void {
  parseLocalDate(table.effectiveFrom);
  if (!Number.isSafeInteger(table.version) || table.version < 1) throw new RangeError("Price table version must be a positive integer");
  const seen = new Set<string>();
  for (const row of table.rows) {
    // Named only when something is wrong: a roll-up validates a table for each of 500 portals.
    const where = () => `${table.id} v${table.version} ${row.edition}/${row.term}`;
    if (!EDITIONS.includes(row.edition)) throw new RangeError(`${where()}: unknown edition`);
    if (row.term !== "monthly" && row.term !== "yearly") throw new RangeError(`${where()}: unknown term`);
    assertCurrency(row.currency);
    if (!Number.isSafeInteger(row.includedContacts) || row.includedContacts < 0)
      throw new RangeError(`${where()}: includedContacts must be a non-negative integer`);
    if (!isPositiveInteger(row.blockSize)) throw new RangeError(`${where()}: blockSize must be a positive integer`);
    assertMinor(row.blockPriceMinor, `${where()}: blockPriceMinor`);
    if (row.blockPriceMinor < 0) throw new RangeError(`${where()}: blockPriceMinor must not be negative`);
    if (row.basePriceMinor !== undefined) {
      assertMinor(row.basePriceMinor, `${where()}: basePriceMinor`);
      if (row.basePriceMinor < 0) throw new RangeError(`${where()}: basePriceMinor must not be negative`);
    }
    const key = `${row.edition}/${row.term}`;
    if (seen.has(key)) throw new RangeError(`${where()}: duplicate row`);
    seen.add(key);
  }
}

/**
 * The row for an edition: the one quoted for `term` when the table has it, otherwise the
 * edition's only row (a table that quotes one term prices both). Throws when the edition is
 * missing, or when it has several rows and none for `term`.
 */
export function priceRowFor(table: PriceTable, edition: Edition, term?: BillingTerm): PriceRow {
  const rows = table.rows.filter((row) => row.edition === edition);
  const exact = term === undefined ? undefined : rows.find((row) => row.term === term);
  if (exact) return exact;
  const only = rows[0];
  if (rows.length === 1 && only) return only;
  if (rows.length === 0) throw new RangeError(`Price table ${table.id} v${table.version} has no row for ${edition}`);
  throw new RangeError(`Price table ${table.id} v${table.version} has several ${edition} rows and none for term ${term ?? "(none given)"}`);
}
