import { DEFAULT_STAGE_LABELS, labelOf } from "~/lib/hubspot-labels";
import { RECOMMENDATIONS } from "~/lib/recommendation-labels";

import { formatContractDay } from "@marketable/ui/format";

const statusWords: Record<string, string> = { marketing: "marketing", nonMarketing: "non-marketing", pendingDemotion: "pending demotion" };

/** One filter condition in words. */
function condition(key: string, value: unknown): string {
  switch (key) {
    case "status":
      return `status ${statusWords[String(value)] ?? String(value)}`;
    case "bounced":
      return value ? "hard bounced" : "not hard bounced";
    case "optedOut":
      return value ? "opted out" : "not opted out";
    case "noEngagementDays":
      return `no engagement for ${String(value)} days`;
    case "appId":
      return `created by app ${String(value)}`;
    case "lifecycleStage":
      return `lifecycle stage ${labelOf(undefined, DEFAULT_STAGE_LABELS, String(value))}`;
    case "createdFrom":
      return `created on or after ${formatContractDay(String(value))}`;
    case "createdTo":
      return `created on or before ${formatContractDay(String(value))}`;
    case "recommendation": {
      const label = RECOMMENDATIONS.find((r) => r.value === value)?.label ?? String(value);
      return `recommendation “${label.charAt(0).toLowerCase()}${label.slice(1)}”`;
    }
    case "search":
      return `matching “${String(value)}”`;
    default:
      return `${key} ${String(value)}`;
  }
}

/** How a request's contacts were chosen, in words ("every contact of this portal" when no filter narrowed them). */
export function selectionWords(selection: Record<string, unknown>): string {
  if (selection.kind === "csv") return `A pasted list of ${Number(selection.rows ?? 0).toLocaleString("en-US")} rows`;
  if (selection.kind === "ids") return "Contacts selected on the contacts page";
  const filter = (selection.filter ?? {}) as Record<string, unknown>;
  const parts = Object.entries(filter)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => condition(k, v));
  return parts.length ? `Contacts with ${parts.join(", ")}` : "Every contact of this portal";
}
