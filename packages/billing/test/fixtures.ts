import type { Contract } from "../src/contract";
import { DEFAULT_PRICE_TABLE } from "../src/prices";

/** A contract on the default (published starting point) price table; override what a test needs. */
export function contract(overrides: Partial<Contract> = {}): Contract {
  return {
    edition: "professional",
    purchasedTier: 7_000,
    term: "yearly",
    renewalDate: "2026-10-01",
    contractStartDate: "2025-10-01",
    updateDateRule: "hubspot",
    timeZone: "UTC",
    currency: "USD",
    priceTable: DEFAULT_PRICE_TABLE,
    ...overrides,
  };
}

/** Daily history points from `start` (inclusive), one per value. */
export function dailyHistory(start: string, values: readonly number[]): { date: string; marketing: number }[] {
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  return values.map((marketing, i) => ({ date: new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10), marketing }));
}
