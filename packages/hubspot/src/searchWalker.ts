import type { PortalGateway } from "./gateway";
import type { ContactRecord } from "./mapping";

/** HubSpot's search returns at most 10,000 results per query (docs/hubspot.md). */
export const SEARCH_RESULT_CAP = 10_000;

export interface WalkOptions {
  since: Date;
  until?: Date;
  /** Page size, ≤ 200. */
  limit?: number;
  properties?: readonly string[];
}

export interface WalkPage {
  contacts: ContactRecord[];
  /** Restarts so far because a query reached the 10,000-result cap. */
  restarts: number;
  /**
   * Every contact modified before this instant (and at/after `since`) has been yielded: a safe
   * checkpoint to resume from, and the sync's high-water mark once the walk ends.
   */
  safeSince: Date;
}

/**
 * Walks every contact modified in [since, until), in ascending `lastmodifieddate` order, never
 * asking HubSpot for result 10,000 or beyond. When a query's window reaches the cap it starts a
 * new query at the last `lastmodifieddate` seen (GTE, so contacts sharing that instant are not
 * lost) and drops the ones already yielded at that instant. If 10,000 contacts share one instant,
 * that instant is walked on its own by id.
 *
 * Contacts modified while the walk runs may move past `until` (caught by the next incremental
 * sync, which starts at the high-water mark) or be yielded twice (upserts are idempotent).
 */
export async function* walkContactsModified(gateway: PortalGateway, options: WalkOptions): AsyncGenerator<WalkPage> {
  const limit = options.limit ?? 200;
  let from = options.since;
  let seenAtFrom = new Set<string>();
  let restarts = 0;
  for (;;) {
    let offset = 0;
    let lastTs: number | null = null;
    let idsAtLastTs = new Set<string>();
    let exhausted = false;
    for (;;) {
      const page = await gateway.searchContactsModifiedSince({
        since: from,
        until: options.until,
        after: String(offset),
        limit,
        properties: options.properties,
      });
      const fresh = page.contacts.filter((c) => !(c.updatedAt?.getTime() === from.getTime() && seenAtFrom.has(c.hubspotId)));
      for (const c of page.contacts) {
        const ts = c.updatedAt?.getTime() ?? null;
        if (ts === null) continue;
        if (ts !== lastTs) {
          lastTs = ts;
          idsAtLastTs = new Set();
        }
        idsAtLastTs.add(c.hubspotId);
      }
      if (!page.nextAfter) {
        exhausted = true;
        yield { contacts: fresh, restarts, safeSince: options.until ?? new Date(lastTs ?? from.getTime()) };
        break;
      }
      offset = Number(page.nextAfter);
      // Everything strictly before the last instant seen is complete.
      yield { contacts: fresh, restarts, safeSince: new Date(lastTs ?? from.getTime()) };
      if (offset + limit > SEARCH_RESULT_CAP) break;
    }
    if (exhausted) return;
    restarts++;
    if (lastTs === null) return;
    if (lastTs === from.getTime()) {
      // A whole window at one instant: walk that instant by id, then continue just after it.
      const already = new Set([...seenAtFrom, ...idsAtLastTs]);
      for await (const contacts of walkInstant(gateway, from, limit, options.properties)) {
        yield { contacts: contacts.filter((c) => !already.has(c.hubspotId)), restarts, safeSince: from };
      }
      from = new Date(from.getTime() + 1);
      seenAtFrom = new Set();
    } else {
      from = new Date(lastTs);
      seenAtFrom = idsAtLastTs;
    }
  }
}

/** All contacts modified exactly at `at`, by id, restarting above the last id before the cap. */
async function* walkInstant(
  gateway: PortalGateway,
  at: Date,
  limit: number,
  properties?: readonly string[],
): AsyncGenerator<ContactRecord[]> {
  let afterId: string | undefined;
  for (;;) {
    let offset = 0;
    let lastId: string | undefined;
    for (;;) {
      const page = await gateway.searchContactsModifiedAt({ at, afterId, after: String(offset), limit, properties });
      if (page.contacts.length > 0) lastId = page.contacts[page.contacts.length - 1]!.hubspotId;
      yield page.contacts;
      if (!page.nextAfter) return;
      offset = Number(page.nextAfter);
      if (offset + limit > SEARCH_RESULT_CAP) break;
    }
    if (!lastId) return;
    afterId = lastId;
  }
}
