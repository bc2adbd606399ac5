/** "Blue Harbor Dental contacts 2026-12-03.csv": the portal's name (safe for file systems) and the day in its time zone. */
export function csvFileName(portalName: string, at: Date, timeZone: string, what = "contacts"): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  const safe = portalName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 80) || "portal";
  return `${safe} ${what} ${day}.csv`;
}
