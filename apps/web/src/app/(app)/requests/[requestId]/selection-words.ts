import { setConditions } from "~/lib/contacts-url";
import { countWords } from "~/lib/count-words";
import { DEFAULT_STAGE_LABELS, labelOf } from "~/lib/hubspot-labels";
import { RECOMMENDATIONS } from "~/lib/recommendation-labels";

import { formatContractDay } from "@marketable/ui/format";

const statusWords: Record<string, string> = { marketing: "marketing", nonMarketing: "non-marketing", pendingDemotion: "pending demotion" };

/** One filter condition in words (`appName`: the filter's app as the portal names it). */
function condition(key: string, value: unknown, appName: string | null): string {
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
      return appName ? `created by ${appName}` : `created by app ${String(value)}`;
    case "lifecycleStage":
      return `lifecycle stage ${labelOf(undefined, DEFAULT_STAGE_LABELS, String(value))}`;
    case "created": {
      const { from, to } = value as { from?: string; to?: string };
      if (from && to) return `created between ${formatContractDay(from)} and ${formatContractDay(to)}`;
      return from ? `created on or after ${formatContractDay(from)}` : `created on or before ${formatContractDay(to!)}`;
    }
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
export function selectionWords(selection: Record<string, unknown>, appName: string | null = null): string {
  if (selection.kind === "csv") return `A pasted list of ${countWords(Number(selection.rows ?? 0), "row")}`;
  if (selection.kind === "ids") return "Contacts selected on the contacts page";
  const { createdFrom, createdTo, ...rest } = (selection.filter ?? {}) as Record<string, unknown>;
  // The two ends of the creation range read as one condition.
  const filter = createdFrom || createdTo ? { ...rest, created: { from: createdFrom, to: createdTo } } : rest;
  const parts = setConditions(filter).map(([k, v]) => condition(k, v, appName));
  return parts.length ? `Contacts with ${parts.join(", ")}` : "Every contact of this portal";
}
