/**
 * Apps that sync calendars and meetings and never create contacts, by HubSpot app id. Recognised
 * by id, not by name: the name comes from `hs_object_source_detail_1` and any app may call itself
 * "… Calendar …". Extend the list as such apps are met in client portals.
 */
export const CALENDAR_SYNC_APP_IDS: ReadonlySet<string> = new Set([
  // Google Calendar Sync (the id the bundled sandbox gives it).
  "1405118",
]);

export function kindForApp(appId: string): "creates_contacts" | "never_creates_contacts" {
  return CALENDAR_SYNC_APP_IDS.has(appId) ? "never_creates_contacts" : "creates_contacts";
}
