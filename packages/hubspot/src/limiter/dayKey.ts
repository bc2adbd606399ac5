const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day (YYYY-MM-DD) of an instant in a time zone. HubSpot's daily limit resets at
 * midnight in the account's time zone, so the daily count is keyed by it.
 */
export function dayKey(ms: number, timeZone = "UTC"): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(ms));
}
