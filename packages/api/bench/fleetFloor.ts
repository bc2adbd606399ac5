import { EDITION_LIMITS, OAUTH_LIMIT, SEARCH_LIMIT, type Edition } from "@marketable/hubspot";

import { SPLIT_FULL_SYNC_FROM } from "../src/services/sync/fullSyncPages";

/**
 * No initial sync of the fleet beats this: its biggest portal read at its own published limits,
 * by the list alone (100 contacts a call) or, from SPLIT_FULL_SYNC_FROM contacts, with searches of
 * 200 at the search limit besides (each also one call of the portal's limit).
 */
export function initialSyncFloorMs(
  clients: readonly { hubId: number; contacts: number; edition: string }[],
  oauthHubs: ReadonlySet<number>,
): number {
  return Math.max(
    ...clients.map((p) => {
      const limit = oauthHubs.has(p.hubId) ? OAUTH_LIMIT : EDITION_LIMITS[p.edition as Edition];
      const callsPerMs = limit.perWindow / limit.windowMs;
      const searchesPerMs = p.contacts >= SPLIT_FULL_SYNC_FROM ? SEARCH_LIMIT.perWindow / SEARCH_LIMIT.windowMs : 0;
      return p.contacts / (100 * (callsPerMs - searchesPerMs) + 200 * searchesPerMs);
    }),
  );
}
