/** "Blue Harbor Dental contacts 2026-12-03.csv": the portal's name (safe for file systems) and the day in its time zone. */
export function csvFileName(portalName: string, at: Date, timeZone: string, what = "contacts"): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  // Characters file systems refuse, and control characters (code points below 32).
  const safe =
    [...portalName]
      .map((c) => (c.charCodeAt(0) < 32 ? " " : c))
      .join("")
      .replace(/[\\/:*?"<>|]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 80) || "portal";
  return `${safe} ${what} ${day}.csv`;
}
