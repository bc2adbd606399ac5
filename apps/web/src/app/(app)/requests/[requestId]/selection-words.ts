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
      return `lifecycle stage ${String(value)}`;
    case "createdFrom":
      return `created from ${String(value)}`;
    case "createdTo":
      return `created to ${String(value)}`;
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
