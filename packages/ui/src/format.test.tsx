import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { formatContractDay, formatCurrency, formatDateInZone, formatEventTime, formatNumber, formatRelative } from "./format";
import { NumberCell } from "./number-cell";
import { RelativeDate } from "./relative-date";

describe("formatNumber", () => {
  it("adds thousands separators for the locale", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(1234567.891, { locale: "de-DE" })).toBe("1.234.567,89");
    expect(formatNumber(12480n)).toBe("12,480");
  });

  it("shows a dash for missing values instead of NaN", () => {
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber(Number.NaN)).toBe("—");
  });

  it("formats money in the given currency", () => {
    expect(formatCurrency(1234.5, "USD")).toBe("$1,234.50");
  });

  it("NumberCell renders the formatted value with tabular figures", () => {
    const { container } = render(<NumberCell value={98000} />);
    const span = container.querySelector("span");
    expect(span?.textContent).toBe("98,000");
    expect(span?.className).toContain("tabular-nums");
  });
});

describe("dates in a time zone", () => {
  // 2026-03-04 23:30 UTC is already March 5 in Berlin and still March 4 in New York.
  const instant = new Date("2026-03-04T23:30:00Z");

  it("shows a contract day as that day, whatever the zone, and an event in the viewer's zone, named", () => {
    expect(formatContractDay("2026-12-05")).toBe("Dec 5, 2026");
    expect(formatContractDay("not a day")).toBe("—");
    expect(formatEventTime("2026-12-02T13:36:00Z", "UTC")).toBe("Dec 2, 2026, 1:36 PM UTC");
    expect(formatEventTime("2026-12-02T13:36:00Z", "America/New_York")).toBe("Dec 2, 2026, 8:36 AM EST");
  });

  it("formats the date in the given IANA zone", () => {
    expect(formatDateInZone(instant, "Europe/Berlin", { dateStyle: "medium" })).toBe("Mar 5, 2026");
    expect(formatDateInZone(instant, "America/New_York", { dateStyle: "medium" })).toBe("Mar 4, 2026");
  });

  it("counts calendar days in the zone for the relative hint", () => {
    const now = new Date("2026-03-02T12:00:00Z");
    expect(formatRelative(instant, now, "Europe/Berlin")).toBe("in 3 days");
    expect(formatRelative(instant, now, "America/New_York")).toBe("in 2 days");
    expect(formatRelative(new Date("2026-03-03T09:00:00Z"), now, "UTC")).toBe("tomorrow");
    expect(formatRelative(new Date("2026-02-28T09:00:00Z"), now, "UTC")).toBe("2 days ago");
  });

  it("falls back to hours and minutes within the same day", () => {
    const now = new Date("2026-03-02T08:00:00Z");
    expect(formatRelative(new Date("2026-03-02T11:00:00Z"), now, "UTC")).toBe("in 3 hours");
    expect(formatRelative(new Date("2026-03-02T07:55:00Z"), now, "UTC")).toBe("5 minutes ago");
    expect(formatRelative(now, now, "UTC")).toBe("now");
  });

  it("uses weeks, months and years for distant dates", () => {
    const now = new Date("2026-03-02T12:00:00Z");
    expect(formatRelative(new Date("2026-03-16T12:00:00Z"), now, "UTC")).toBe("in 2 weeks");
    expect(formatRelative(new Date("2026-06-02T12:00:00Z"), now, "UTC")).toBe("in 3 months");
    expect(formatRelative(new Date("2024-03-02T12:00:00Z"), now, "UTC")).toBe("2 years ago");
  });

  it("RelativeDate renders the zoned date, the hint and a machine-readable instant", () => {
    const { container } = render(
      <RelativeDate date="2026-03-04T23:30:00Z" now="2026-03-02T12:00:00Z" timeZone="Europe/Berlin" format={{ dateStyle: "medium" }} />,
    );
    const time = container.querySelector("time");
    expect(time?.textContent).toBe("Mar 5, 2026 (in 3 days)");
    expect(time?.getAttribute("datetime")).toBe("2026-03-04T23:30:00.000Z");
    // Only the parts ICU versions agree on: the zoned calendar day and the zone's name.
    expect(time?.getAttribute("title")).toMatch(/^Thursday, March 5, 2026.*GMT\+1 \(Europe\/Berlin\)$/);
  });
});
