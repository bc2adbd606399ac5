import { describe, expect, it } from "vitest";

import {
  addDays,
  clampedLocalDate,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  localDateOf,
  parseLocalDate,
  toDayNumber,
  toLocalDate,
} from "../src/calendar";

describe("calendar days", () => {
  it("day numbers agree with Date.UTC for every day from 1900 to 2100", () => {
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const name = new Date(ms).toISOString().slice(0, 10);
      const n = ms / 86_400_000;
      if (toDayNumber(name) !== n || fromDayNumber(n) !== name) throw new Error(`mismatch at ${name}`);
    }
    expect(toDayNumber("1970-01-01")).toBe(0);
  });

  it("knows month lengths and leap years", () => {
    expect([2024, 2025, 2000, 1900].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 29, 28]);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(clampedLocalDate(2026, 2, 31)).toBe("2026-02-28");
    expect(clampedLocalDate(2026, 13, 31)).toBe("2027-01-31"); // month overflow
    expect(clampedLocalDate(2026, 0, 15)).toBe("2025-12-15"); // month underflow
  });

  it("adds and counts days", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(daysBetween("2028-01-01", "2027-01-01")).toBe(-365);
  });

  it("rejects malformed dates", () => {
    for (const bad of ["2026-2-01", "2026-02-30", "2026-13-01", "2026-00-10", "26-02-01", "2026/02/01", "abcd-ef-gh", ""]) {
      expect(() => parseLocalDate(bad), bad).toThrow(RangeError);
    }
  });

  it("converts instants in the portal's zone, including half-hour and negative offsets", () => {
    const instant = new Date("2026-06-30T19:00:00Z");
    expect(localDateOf(instant, "Asia/Kolkata")).toBe("2026-07-01"); // 00:30 IST (+05:30)
    expect(localDateOf(instant, "Pacific/Honolulu")).toBe("2026-06-30"); // 09:00 HST
    expect(localDateOf(new Date("2026-06-30T10:00:00Z"), "Pacific/Kiritimati")).toBe("2026-07-01"); // +14:00
    expect(toLocalDate("2026-06-30", "Asia/Kolkata")).toBe("2026-06-30"); // already local: unchanged
    expect(() => localDateOf(instant, "Nowhere/City")).toThrow(/time zone/);
    expect(() => localDateOf(new Date(Number.NaN), "UTC")).toThrow(/Invalid instant/);
  });
});
