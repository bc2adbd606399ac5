import { describeValues } from "~/lib/audit-sentences";
import { describe, expect, it } from "vitest";

// The audit page's "Before and after" reads as words, not the stored codes.
describe("describeValues", () => {
  it("says stored codes, days and counts in words, leaves names and emails as written, and ids out", () => {
    expect(
      describeValues({
        state: "pending_approval",
        target: "nonMarketing",
        updateDateRule: "renewal_day",
        renewalDate: "1999-01-01",
        purchasedTier: 2014,
        nonMarketing: 12,
        before: "non_marketing",
        name: "Northwind Bakery",
        email: "owner@northwind.test",
        hubId: "20140001",
        portalId: "4b1c0d0e",
      }),
    ).toEqual([
      ["state", "pending approval"],
      ["target", "non-marketing"],
      ["update date rule", "renewal day"],
      ["renewal date", "Jan 1, 1999"],
      ["purchased tier", "2,014"],
      ["non-marketing", "12"],
      ["before", "non-marketing"],
      ["name", "Northwind Bakery"],
      ["email", "owner@northwind.test"],
    ]);
  });
});
