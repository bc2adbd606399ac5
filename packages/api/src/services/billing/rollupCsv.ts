import Papa from "papaparse";

import { minorToDecimalString } from "@marketable/billing";

import type { RollupItem } from "./rollup";

/**
 * The roll-up as CSV, one line per table row in the table's order. Money is a plain decimal in
 * the row's currency (no symbols or separators) so spreadsheets read it as numbers.
 */
export function rollupCsv(rows: RollupItem[]) {
  return Papa.unparse(
    rows.map((r) => ({
      portal: r.name,
      portal_id: r.portalId,
      currency: r.currency,
      marketing_contacts: r.marketing ?? "",
      tier_limit: r.tierLimit,
      headroom_pct: r.headroomPct ?? "",
      projected_crossing_date: r.crossingDate ?? "",
      monthly_cost: minorToDecimalString(r.monthlyCostMinor, r.currency),
      savings_available_monthly: minorToDecimalString(r.removableValueMonthlyMinor, r.currency),
      removable_contacts: r.removable,
      renewal_date: r.renewalDate,
      usage_day: r.usageDay ?? "",
    })),
    { newline: "\n" },
  );
}
