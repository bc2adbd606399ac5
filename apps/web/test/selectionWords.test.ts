import { describe, expect, it } from "vitest";

import { selectionWords } from "../src/app/(app)/requests/[requestId]/selection-words";

// A request's summary names how its contacts were chosen in the words the Contacts page uses,
// never the stored codes ("hard_bounced", "marketingqualifiedlead", "2026-11-01").
describe("selectionWords", () => {
  it("names a recommendation, a lifecycle stage and a date range in words", () => {
    const words = selectionWords({
      kind: "filter",
      filter: {
        status: "marketing",
        recommendation: "hard_bounced",
        lifecycleStage: "marketingqualifiedlead",
        createdFrom: "2026-11-01",
        createdTo: "2026-11-30",
      },
    });
    expect(words).toBe(
      "Contacts with status marketing, recommendation “hard bounced”, lifecycle stage Marketing Qualified Lead, created between Nov 1, 2026 and Nov 30, 2026",
    );
    expect(words).not.toMatch(/hard_bounced|marketingqualifiedlead|2026-11/);
  });

  it("names the app by the name the portal's contacts carry, or by its id when none is known", () => {
    expect(selectionWords({ kind: "filter", filter: { appId: "1311045" } }, "Typeform")).toBe("Contacts with created by Typeform");
    expect(selectionWords({ kind: "filter", filter: { appId: "1311045" } })).toBe("Contacts with created by app 1311045");
  });

  it("names an open-ended creation range by its one end", () => {
    expect(selectionWords({ kind: "filter", filter: { createdTo: "2026-11-30" } })).toBe("Contacts with created on or before Nov 30, 2026");
    expect(selectionWords({ kind: "filter", filter: { createdFrom: "2026-11-01" } })).toBe("Contacts with created on or after Nov 1, 2026");
  });

  it("says every contact when no filter narrowed them, and counts a pasted list", () => {
    expect(selectionWords({ kind: "filter", filter: {} })).toBe("Every contact of this portal");
    expect(selectionWords({ kind: "csv", rows: 1200 })).toBe("A pasted list of 1,200 rows");
    expect(selectionWords({ kind: "csv", rows: 1 })).toBe("A pasted list of 1 row");
  });
});
