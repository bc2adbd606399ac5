import { describe, expect, it } from "vitest";

import { SyncRate } from "../src/services/sync/syncRate";

describe("a sync's rate", () => {
  it("is every contact since the first page over the time since, not one page over the whole run", () => {
    const rate = new SyncRate();
    expect(rate.add(100, 5_000)).toBeNull(); // the first page: connecting took 5 s, not counted
    let last: number | null = null;
    for (let page = 1; page <= 20; page++) last = rate.add(100, 5_000 + page * 250);
    // 2,000 contacts in 5 s after the first page: 400/s (the old figure was 100 / 10 s = 10/s).
    expect(last).toBeCloseTo(400, 6);
  });

  it("follows a change of pace within its window", () => {
    const rate = new SyncRate(10_000);
    rate.add(100, 0);
    for (let s = 1; s <= 30; s++) rate.add(100, s * 1000); // 100/s
    let last: number | null = null;
    for (let s = 31; s <= 45; s++) last = rate.add(100, 30_000 + (s - 30) * 2000); // 50/s under a rate limit
    expect(last).toBeCloseTo(50, 0);
  });
});
