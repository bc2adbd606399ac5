import { describe, expect, it } from "vitest";

import { localDateOf, startOfLocalDay } from "../src/calendar";
import {
  currentPeriod,
  currentUpdatePeriod,
  demotionEffectiveDate,
  nextRenewalDate,
  nextUpdateDate,
  updateDatesBetween,
  updateDayOfMonth,
} from "../src/updateDates";
import { contract } from "./fixtures";

const at = (iso: string) => new Date(iso);

describe("update dates, monthly term: the monthly renewal day", () => {
  // Contract started on the 31st: update dates clamp to each month's last day.
  const monthly31 = contract({ term: "monthly", contractStartDate: "2026-01-31", renewalDate: "2026-02-28" });

  it.each([
    // now (UTC portal)          next update date  why
    ["2026-02-10T12:00:00Z", "2026-02-28"], // 31 -> 28 in February 2026
    ["2026-02-28T12:00:00Z", "2026-03-31"], // on the update date: it happened at 00:00, next is March
    ["2026-02-27T23:59:59Z", "2026-02-28"],
    ["2026-04-15T00:00:00Z", "2026-04-30"], // 31 -> 30 in April
    ["2026-12-31T08:00:00Z", "2027-01-31"], // year rollover
  ])("started on the 31st, now %s -> %s", (now, expected) => {
    expect(nextUpdateDate(monthly31, at(now))).toBe(expected);
  });

  it("clamps to 29 February in a leap year", () => {
    const leap = contract({ term: "monthly", contractStartDate: "2024-01-30", renewalDate: "2024-02-29" });
    expect(nextUpdateDate(leap, at("2024-02-10T12:00:00Z"))).toBe("2024-02-29");
    expect(nextUpdateDate(leap, at("2024-02-29T12:00:00Z"))).toBe("2024-03-30"); // back to the 30th, no drift
  });

  it("lists every update date between two days, inclusive", () => {
    expect(updateDatesBetween(monthly31, "2026-01-01", "2026-06-30")).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
      "2026-06-30",
    ]);
    expect(updateDatesBetween(monthly31, "2026-02-28", "2026-02-28")).toEqual(["2026-02-28"]);
    expect(updateDatesBetween(monthly31, "2026-03-01", "2026-03-30")).toEqual([]);
  });

  it("uses the monthly renewal day for both update dates and renewals", () => {
    const monthly15 = contract({ term: "monthly", contractStartDate: "2025-11-15", renewalDate: "2026-04-15" });
    expect(updateDayOfMonth(monthly15)).toBe(15);
    expect(currentUpdatePeriod(monthly15, at("2026-03-20T10:00:00Z"))).toEqual({ start: "2026-03-15", end: "2026-04-15" });
    expect(currentPeriod(monthly15, at("2026-03-20T10:00:00Z"))).toEqual({ start: "2026-03-15", end: "2026-04-15" });
    expect(nextRenewalDate(monthly15, at("2026-03-20T10:00:00Z"))).toBe("2026-04-15");
    expect(nextRenewalDate(monthly15, at("2026-04-15T10:00:00Z"))).toBe("2026-05-15");
  });
});

describe("update dates, yearly term: the 1st of each month", () => {
  const yearly = contract({ term: "yearly", renewalDate: "2026-09-15", contractStartDate: "2025-09-15" });

  it.each([
    ["2026-02-28T12:00:00Z", "2026-03-01"],
    ["2026-03-01T00:00:00Z", "2026-04-01"], // on the 1st: already happened at midnight
    ["2026-03-01T10:00:00Z", "2026-04-01"],
    ["2026-12-15T10:00:00Z", "2027-01-01"],
  ])("now %s -> %s", (now, expected) => {
    expect(nextUpdateDate(yearly, at(now))).toBe(expected);
  });

  it("renews on the renewal date's anniversary, not on update dates", () => {
    expect(updateDayOfMonth(yearly)).toBe(1);
    expect(nextRenewalDate(yearly, at("2026-03-01T10:00:00Z"))).toBe("2026-09-15");
    expect(nextRenewalDate(yearly, at("2026-09-15T10:00:00Z"))).toBe("2027-09-15"); // on the day: the new term has begun
    expect(currentPeriod(yearly, at("2026-03-01T10:00:00Z"))).toEqual({ start: "2025-09-15", end: "2026-09-15" });
    expect(currentUpdatePeriod(yearly, at("2026-03-20T10:00:00Z"))).toEqual({ start: "2026-03-01", end: "2026-04-01" });
  });

  it("clamps a 29 February renewal to 28 February in common years", () => {
    const leapRenewal = contract({ renewalDate: "2024-02-29", contractStartDate: "2023-03-01" });
    expect(nextRenewalDate(leapRenewal, at("2026-01-10T12:00:00Z"))).toBe("2026-02-28");
    expect(currentPeriod(leapRenewal, at("2026-01-10T12:00:00Z"))).toEqual({ start: "2025-02-28", end: "2026-02-28" });
    expect(nextRenewalDate(leapRenewal, at("2027-03-01T12:00:00Z"))).toBe("2028-02-29");
  });

  it("lists the 1st of each month", () => {
    expect(updateDatesBetween(yearly, "2026-01-15", "2026-05-01")).toEqual(["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"]);
  });

  it("follows an explicit rule over the term's default", () => {
    const forced = contract({ term: "yearly", contractStartDate: "2025-09-15", updateDateRule: "monthlyRenewalDay" });
    expect(nextUpdateDate(forced, at("2026-03-01T10:00:00Z"))).toBe("2026-03-15");
    const monthlyOnFirst = contract({ term: "monthly", contractStartDate: "2025-09-15", updateDateRule: "firstOfMonth" });
    expect(nextUpdateDate(monthlyOnFirst, at("2026-03-10T10:00:00Z"))).toBe("2026-04-01");
  });
});

describe("demotions queued around an update date", () => {
  const yearly = contract({ term: "yearly" }); // updates on the 1st

  it("queued the day before an update date: leaves the next day", () => {
    expect(demotionEffectiveDate(yearly, at("2026-04-30T23:59:00Z"))).toBe("2026-05-01");
  });

  it("queued on the update date itself: waits for the following update date", () => {
    expect(demotionEffectiveDate(yearly, at("2026-05-01T00:00:00Z"))).toBe("2026-06-01");
    expect(demotionEffectiveDate(yearly, "2026-05-01")).toBe("2026-06-01");
  });
});

describe("time zones near midnight", () => {
  // 2026-03-01T04:30Z is 23:30 on 28 Feb in New York (EST, UTC-5) but already 1 March in UTC
  // and 13:30 on 1 March in Tokyo.
  const instant = at("2026-03-01T04:30:00Z");

  it("the local day decides", () => {
    expect(localDateOf(instant, "America/New_York")).toBe("2026-02-28");
    expect(localDateOf(instant, "UTC")).toBe("2026-03-01");
    expect(localDateOf(at("2026-02-28T15:30:00Z"), "Asia/Tokyo")).toBe("2026-03-01"); // 00:30 JST
  });

  it("a yearly portal in New York still has its 1 March update ahead; in UTC it is past", () => {
    expect(nextUpdateDate(contract({ timeZone: "America/New_York" }), instant)).toBe("2026-03-01");
    expect(nextUpdateDate(contract({ timeZone: "UTC" }), instant)).toBe("2026-04-01");
    // Tokyo at 00:30 on 1 March: today is the update date, so the next is 1 April.
    expect(nextUpdateDate(contract({ timeZone: "Asia/Tokyo" }), at("2026-02-28T15:30:00Z"))).toBe("2026-04-01");
  });

  it("a demotion queued at 23:30 local on the eve of an update date leaves the next day", () => {
    // 2026-05-01T06:30Z is 23:30 on 30 April in Los Angeles (PDT, UTC-7).
    const la = contract({ timeZone: "America/Los_Angeles" });
    expect(demotionEffectiveDate(la, at("2026-05-01T06:30:00Z"))).toBe("2026-05-01");
    expect(demotionEffectiveDate(la, at("2026-05-01T07:00:00Z"))).toBe("2026-06-01"); // 00:00 PDT on 1 May
  });
});

describe("DST", () => {
  // New York springs forward on Sunday 2026-03-08 (02:00 EST -> 03:00 EDT): that day has 23 hours.
  const ny = contract({ term: "monthly", contractStartDate: "2026-01-08", renewalDate: "2026-02-08", timeZone: "America/New_York" });

  it("the update day starts at local midnight on either side of the change", () => {
    expect(nextUpdateDate(ny, at("2026-03-08T04:59:59Z"))).toBe("2026-03-08"); // 23:59:59 EST on 7 March
    expect(nextUpdateDate(ny, at("2026-03-08T05:00:00Z"))).toBe("2026-04-08"); // 00:00 EST on 8 March
    expect(startOfLocalDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z"); // EDT
  });

  it("a 25-hour autumn day in London is still one calendar day", () => {
    // London falls back on Sunday 2026-10-25 (02:00 BST -> 01:00 GMT).
    expect(startOfLocalDay("2026-10-25", "Europe/London").toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(startOfLocalDay("2026-10-26", "Europe/London").toISOString()).toBe("2026-10-26T00:00:00.000Z");
    expect(localDateOf(at("2026-10-25T23:30:00Z"), "Europe/London")).toBe("2026-10-25"); // 23:30 GMT
  });

  it("where DST skips midnight (Santiago, 6 Sep 2026), the day starts at 01:00", () => {
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(localDateOf(at("2026-09-06T03:59:59Z"), "America/Santiago")).toBe("2026-09-05");
  });

  it("periods are counted in calendar days, not hours", () => {
    // March 2026 in New York has 743 hours but 31 days.
    const nyFirst = contract({ term: "monthly", contractStartDate: "2026-01-01", renewalDate: "2026-02-01", timeZone: "America/New_York" });
    expect(currentPeriod(nyFirst, at("2026-03-08T12:00:00Z"))).toEqual({ start: "2026-03-01", end: "2026-04-01" });
  });
});

describe("input checks", () => {
  it("rejects unknown time zones and malformed dates", () => {
    expect(() => nextUpdateDate(contract({ timeZone: "Mars/Olympus" }), at("2026-03-01T00:00:00Z"))).toThrow(/time zone/);
    expect(() => updateDatesBetween(contract(), "2026-02-30", "2026-03-01")).toThrow(/Not a calendar date/);
    expect(() => updateDatesBetween(contract(), "1 March", "2026-03-01")).toThrow(/YYYY-MM-DD/);
  });
});
