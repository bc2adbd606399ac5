import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { LineChart } from "./line-chart";

describe("LineChart", () => {
  const data = [
    { date: "2026-03-01", value: 9100, low: null, high: null },
    { date: "2026-03-02", value: 9350 },
    { date: "2026-03-03", value: null, low: 9400, high: 9900 },
  ];

  it("is a named figure with an accessible description", () => {
    render(
      <LineChart
        data={data}
        title="Marketing contacts"
        description="Projected to reach the tier limit on Mar 14."
        referenceLine={{ value: 10000, label: "Tier limit" }}
      />,
    );
    const figure = screen.getByRole("figure", { name: "Marketing contacts" });
    const descId = figure.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(descId)?.textContent).toBe("Projected to reach the tier limit on Mar 14.");
  });

  it("gives the numbers in a screen-reader table, band and reference line included", () => {
    render(
      <LineChart
        data={data}
        title="Marketing contacts"
        valueLabel="Contacts"
        bandLabel="Projected range"
        referenceLine={{ value: 10000, label: "Tier limit" }}
      />,
    );
    const table = screen.getByRole("table", { name: "Marketing contacts (Tier limit: 10,000)" });
    // Hidden by a wrapping block: "sr-only" on the table itself would not clip its rows' height.
    expect(table.parentElement!.className).toContain("sr-only");
    expect(table.className).not.toContain("sr-only");
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual(["Date", "Contacts", "Projected range"]);
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(["Mar 19,100—", "Mar 29,350—", "Mar 3—9,400 – 9,900"]);
  });

  it("omits the band column when no point has a range", () => {
    render(<LineChart data={[{ date: "2026-03-01", value: 5 }]} title="Syncs" />);
    const table = screen.getByRole("table", { name: "Syncs" });
    expect(within(table).getAllByRole("columnheader")).toHaveLength(2);
  });
});
