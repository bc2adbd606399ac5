import { describe, expect, it } from "vitest";

import { DEFAULT_PRICE_TABLE, priceRowFor, validatePriceTable, type Edition, type PriceTable } from "../src/prices";
import { blocksFor, monthlyCost, nextTierAbove, tierLimitFor } from "../src/tiers";

// Worked examples on the published starting points (hand-computed):
//   Starter:      1,000 included, +1,000 per block at $45.00,   base $15.00
//   Professional: 2,000 included, +5,000 per block at $250.00,  base $800.00
//   Enterprise:  10,000 included, +10,000 per block at $100.00, base $3,600.00
// limit = included + ceil((count - included) / block) x block; cost = base + blocks x blockPrice.
const table = DEFAULT_PRICE_TABLE;

const steps: { edition: Edition; count: number; limit: number; blocks: number; costMinor: number; next: number }[] = [
  // Starter
  { edition: "starter", count: 0, limit: 1_000, blocks: 0, costMinor: 1_500, next: 2_000 },
  { edition: "starter", count: 1_000, limit: 1_000, blocks: 0, costMinor: 1_500, next: 2_000 }, // exactly at the limit: no block
  { edition: "starter", count: 1_001, limit: 2_000, blocks: 1, costMinor: 1_500 + 4_500, next: 3_000 }, // one over: one block
  { edition: "starter", count: 2_000, limit: 2_000, blocks: 1, costMinor: 6_000, next: 3_000 },
  { edition: "starter", count: 2_001, limit: 3_000, blocks: 2, costMinor: 1_500 + 2 * 4_500, next: 4_000 },
  // Professional
  { edition: "professional", count: 1_500, limit: 2_000, blocks: 0, costMinor: 80_000, next: 7_000 },
  { edition: "professional", count: 2_000, limit: 2_000, blocks: 0, costMinor: 80_000, next: 7_000 },
  { edition: "professional", count: 2_001, limit: 7_000, blocks: 1, costMinor: 80_000 + 25_000, next: 12_000 },
  { edition: "professional", count: 7_000, limit: 7_000, blocks: 1, costMinor: 105_000, next: 12_000 },
  { edition: "professional", count: 7_001, limit: 12_000, blocks: 2, costMinor: 80_000 + 50_000, next: 17_000 },
  // 50,000: 48,000 over the included 2,000 -> ceil(48,000 / 5,000) = 10 blocks -> 52,000
  { edition: "professional", count: 50_000, limit: 52_000, blocks: 10, costMinor: 80_000 + 250_000, next: 57_000 },
  // Enterprise
  { edition: "enterprise", count: 9_999, limit: 10_000, blocks: 0, costMinor: 360_000, next: 20_000 },
  { edition: "enterprise", count: 10_001, limit: 20_000, blocks: 1, costMinor: 360_000 + 10_000, next: 30_000 },
  // 95,000: ceil(85,000 / 10,000) = 9 blocks -> 100,000
  { edition: "enterprise", count: 95_000, limit: 100_000, blocks: 9, costMinor: 360_000 + 90_000, next: 110_000 },
];

describe("tier steps per edition (published starting points)", () => {
  it.each(steps)(
    "$edition: $count contacts -> limit $limit, $blocks block(s), $costMinor minor/month",
    ({ edition, count, limit, blocks, costMinor, next }) => {
      expect(tierLimitFor(count, edition, table)).toBe(limit);
      expect(blocksFor(count, edition, table)).toBe(blocks);
      expect(monthlyCost(limit, edition, table)).toEqual({ amountMinor: costMinor, currency: "USD" });
      expect(nextTierAbove(limit, edition, table)).toBe(next);
    },
  );

  it("prices a limit between steps as the step above (whole blocks only)", () => {
    // Professional 4,500 needs one block: priced like 7,000.
    expect(monthlyCost(4_500, "professional", table).amountMinor).toBe(105_000);
    expect(nextTierAbove(4_500, "professional", table)).toBe(7_000);
  });

  it("rejects counts that are not non-negative integers", () => {
    expect(() => tierLimitFor(-1, "starter", table)).toThrow(RangeError);
    expect(() => tierLimitFor(1.5, "starter", table)).toThrow(RangeError);
  });
});

describe("price tables", () => {
  it("the default table is valid and labelled as editable", () => {
    expect(() => validatePriceTable(DEFAULT_PRICE_TABLE)).not.toThrow();
    expect(DEFAULT_PRICE_TABLE.source).toMatch(/editable starting points/i);
    expect(DEFAULT_PRICE_TABLE.rows.map((r) => r.edition)).toEqual(["starter", "professional", "enterprise"]);
  });

  it("prefers the row quoted for the contract's term and falls back to the edition's only row", () => {
    const twoTerms: PriceTable = {
      id: "negotiated",
      version: 2,
      effectiveFrom: "2026-01-01",
      source: "test",
      rows: [
        { edition: "starter", term: "yearly", currency: "EUR", includedContacts: 1_000, blockSize: 1_000, blockPriceMinor: 4_000 },
        { edition: "starter", term: "monthly", currency: "EUR", includedContacts: 1_000, blockSize: 1_000, blockPriceMinor: 5_000 },
        { edition: "enterprise", term: "yearly", currency: "EUR", includedContacts: 10_000, blockSize: 10_000, blockPriceMinor: 9_000 },
      ],
    };
    expect(priceRowFor(twoTerms, "starter", "monthly").blockPriceMinor).toBe(5_000);
    expect(priceRowFor(twoTerms, "enterprise", "monthly").blockPriceMinor).toBe(9_000);
    expect(() => priceRowFor(twoTerms, "starter")).toThrow(/several starter rows/);
    expect(() => priceRowFor(twoTerms, "professional")).toThrow(/no row for professional/);
    // No base price: the contact cost alone. Starter monthly 2,500 -> 2 blocks x 50.00.
    expect(monthlyCost(2_500, "starter", twoTerms, "monthly")).toEqual({ amountMinor: 10_000, currency: "EUR" });
  });

  it("rejects bad rows", () => {
    const bad = (patch: object): PriceTable => ({ ...DEFAULT_PRICE_TABLE, rows: [{ ...DEFAULT_PRICE_TABLE.rows[0]!, ...patch }] });
    expect(() => validatePriceTable(bad({ blockSize: 0 }))).toThrow(/blockSize/);
    expect(() => validatePriceTable(bad({ blockPriceMinor: 45.5 }))).toThrow(/blockPriceMinor/);
    expect(() => validatePriceTable(bad({ currency: "usd" }))).toThrow(/currency/);
    expect(() =>
      validatePriceTable({ ...DEFAULT_PRICE_TABLE, rows: [DEFAULT_PRICE_TABLE.rows[0]!, DEFAULT_PRICE_TABLE.rows[0]!] }),
    ).toThrow(/duplicate/);
  });
});
