import Papa from "papaparse";

import { minorToDecimalString, type DowngradeCase } from "@marketable/billing";

import type { RenewalPack } from "./renewalPack";

/** Section titles, in order: each starts with its title alone on a line, then a header line. */
export const RENEWAL_CSV_SECTIONS = [
  "Contract",
  "Usage history (monthly)",
  "Changes through Marketable",
  "Recommendations",
  "Downgrade case",
] as const;

type Row = Record<string, string | number>;

/** The scenario rows of the downgrade case, in the order the page's table shows them. */
export function downgradeScenarios(pack: Pick<RenewalPack, "downgrade" | "withRecommendations">) {
  const d = pack.downgrade;
  if (!d) return [];
  const rows: { scenario: string; option: DowngradeCase["unchanged"] }[] = [
    { scenario: "Renew unchanged", option: d.unchanged },
    { scenario: "Lower tier for the expected count", option: d.expected },
    { scenario: "Lower tier for the band's high edge (cautious)", option: d.cautious },
  ];
  if (pack.withRecommendations)
    rows.push({
      scenario: `After demoting ${pack.withRecommendations.candidates.toLocaleString("en-US")} recommended contacts`,
      option: pack.withRecommendations.downgrade.expected,
    });
  return rows;
}

/**
 * The renewal pack as one CSV file of titled sections separated by a blank line, so it opens in a
 * spreadsheet as it reads on the page. Money is a plain decimal in the portal's currency (no
 * symbols or separators) so spreadsheets read it as numbers; dates are the portal's local days.
 */
export function renewalPackCsv(pack: RenewalPack) {
  const currency = pack.portal.currency;
  const amount = (minor: number) => minorToDecimalString(minor, currency);
  const c = pack.contract;
  const contract: Row[] = [
    { field: "portal", value: pack.portal.name },
    { field: "hub_id", value: pack.portal.hubId ?? "" },
    { field: "edition", value: c.edition },
    { field: "term", value: c.term },
    { field: "tier", value: c.tier },
    { field: "monthly_cost", value: amount(c.monthlyCostMinor) },
    { field: "currency", value: currency },
    { field: "term_start", value: c.termPeriod.start },
    { field: "renewal_date", value: c.renewalDate },
    { field: "request_lower_tier_by", value: c.requestBy },
    { field: "price_table", value: c.priceTable.name },
    { field: "price_table_version", value: c.priceTable.version },
    { field: "review_window_start", value: pack.window.start },
    { field: "prepared_on", value: pack.today },
  ];
  const history: Row[] = pack.history.months.map((m) => ({
    month: m.month,
    days: m.days,
    peak: m.peak,
    peak_date: m.peakDate,
    average: m.average,
    last: m.last,
  }));
  const changes: Row[] = pack.changes.map((ch) => ({
    date: ch.date,
    requested_by: ch.requestedBy,
    approved_by: ch.approvedBy ?? "",
    direction: ch.direction === "marketing" ? "to marketing" : "to non-marketing",
    contacts_changed: ch.changed,
    contacts_failed: ch.failed,
    marketing_before: ch.marketingBefore ?? "",
    marketing_after: ch.marketingAfter ?? "",
    reason: ch.reason,
  }));
  const recommendations: Row[] = pack.recommendations.map((r) => ({
    kind: r.kind,
    label: r.label,
    candidates: r.candidates,
    monthly_value: amount(r.monthlyValueMinor),
  }));
  const downgrade: Row[] = downgradeScenarios(pack).map(({ scenario, option }) => ({
    scenario,
    holds: option.holds,
    tier: option.tier,
    monthly_cost: amount(option.monthlyCostMinor),
    term_cost: amount(option.termCostMinor),
    monthly_saving: amount(option.monthlySavingMinor),
    term_saving: amount(option.termSavingMinor),
  }));
  const fields = {
    contract: ["field", "value"],
    history: ["month", "days", "peak", "peak_date", "average", "last"],
    changes: [
      "date",
      "requested_by",
      "approved_by",
      "direction",
      "contacts_changed",
      "contacts_failed",
      "marketing_before",
      "marketing_after",
      "reason",
    ],
    recommendations: ["kind", "label", "candidates", "monthly_value"],
    downgrade: ["scenario", "holds", "tier", "monthly_cost", "term_cost", "monthly_saving", "term_saving"],
  };
  // Headers are given explicitly so an empty section still names its columns (Papa then ends the
  // header with a newline of its own: trimmed, so that sections stay one blank line apart).
  const section = (title: string, columns: string[], rows: Row[]) =>
    [
      Papa.unparse([[title]], { newline: "\n" }),
      Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((col) => r[col] ?? "")) }, { newline: "\n" }).replace(/\n+$/, ""),
    ].join("\n");
  const [contractTitle, historyTitle, changesTitle, recommendationsTitle, downgradeTitle] = RENEWAL_CSV_SECTIONS;
  return (
    [
      section(contractTitle, fields.contract, contract),
      section(historyTitle, fields.history, history),
      section(changesTitle, fields.changes, changes),
      section(recommendationsTitle, fields.recommendations, recommendations),
      section(downgradeTitle, fields.downgrade, downgrade),
    ].join("\n\n") + "\n"
  );
}

/** "alpine-outfitters-renewal-2026-12-20.csv" */
export function renewalPackFilename(pack: RenewalPack) {
  const slug =
    pack.portal.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "portal";
  return `${slug}-renewal-${pack.contract.renewalDate}.csv`;
}
