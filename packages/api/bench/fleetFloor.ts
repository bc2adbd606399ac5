import { bucketFor, limitsForConnection, SEARCH_LIMIT, searchBucket, type Edition } from "@marketable/hubspot";

import { SPLIT_FULL_SYNC_FROM } from "../src/services/sync/fullSyncPages";

/**
 * No initial sync of the fleet beats this: its biggest portal read at its own limits, by the list
 * alone (100 contacts a call) or, from SPLIT_FULL_SYNC_FROM contacts, with searches of 200 at the
 * search limit besides (each also one call of the portal's limit). `published`: HubSpot's figures;
 * `paced`: the limiter's steady rates (its share of each limit, less the burst), what a sync of
 * minutes can really keep to.
 */
export function initialSyncFloorMs(
  clients: readonly { hubId: number; contacts: number; edition: string }[],
  oauthHubs: ReadonlySet<number>,
): { published: number; paced: number } {
  const floor = (paced: boolean) =>
    Math.max(
      ...clients.map((p) => {
        const limit = limitsForConnection(oauthHubs.has(p.hubId) ? "oauth" : "static", p.edition as Edition);
        const split = p.contacts >= SPLIT_FULL_SYNC_FROM;
        const callsPerMs = paced ? bucketFor(limit).ratePerMs : limit.perWindow / limit.windowMs;
        const searchesPerMs = !split ? 0 : paced ? searchBucket().ratePerMs : SEARCH_LIMIT.perWindow / SEARCH_LIMIT.windowMs;
        return p.contacts / (100 * (callsPerMs - searchesPerMs) + 200 * searchesPerMs);
      }),
    );
  return { published: floor(false), paced: floor(true) };
}
