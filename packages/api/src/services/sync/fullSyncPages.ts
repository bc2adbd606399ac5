import type { SyncCheckpoint } from "@marketable/db";
import { SEARCH_PAGE_LIMIT, type ContactPage, type ContactRecord, type PortalGateway } from "@marketable/hubspot";

/**
 * From this many contacts a full sync reads from both ends at once. Below it a portal syncs within
 * a minute at its rate limit anyway, and the list alone leaves the search limit to the rest.
 */
export const SPLIT_FULL_SYNC_FROM = 20_000;

/** Where a full sync stands (its fields are described on SyncCheckpoint), stored with each write. */
export type FullSyncCheckpoint = Pick<SyncCheckpoint, "after" | "split" | "listHigh" | "below" | "listDone" | "searchDone">;

export interface FullSyncPage {
  /** New contacts only: what the other end already brought is left out. */
  contacts: ContactRecord[];
  /** Where the sync stands once these contacts are written. */
  checkpoint: FullSyncCheckpoint;
  /** No page comes after this one. */
  last: boolean;
}

type Fetched = { end: "list" | "search"; page: ContactPage };

/**
 * A full sync's pages, in the order they arrive. A small portal is read by the list alone, in
 * ascending id order. A big one (`split`) is also read by a search in descending id order, the
 * two running at once until they meet: a search page holds 200 contacts for one call of the
 * portal's rate limit (and one of the separate search limit), so the biggest portals, whose pages
 * at their rate limit bound how long a fleet's first sync takes, finish about a quarter sooner.
 * Each end keeps its next page in flight while the caller writes the last one. A contact brought
 * by both ends (they meet inside a page) is handed over once.
 */
export class FullSyncPages {
  private readonly state: FullSyncCheckpoint;
  private readonly inFlight = new Map<Fetched["end"], Promise<Fetched>>();

  constructor(
    private readonly gateway: PortalGateway,
    from: FullSyncCheckpoint | null,
    expected: number | null,
  ) {
    this.state = from ? { ...from } : { split: (expected ?? 0) >= SPLIT_FULL_SYNC_FROM };
    if (!this.state.split) this.state.searchDone = true;
    if (!this.state.listDone) this.fetch("list");
    if (!this.state.searchDone) this.fetch("search");
  }

  /** The next page from whichever end answers first; rejects when a fetch failed (nothing is lost). */
  async next(): Promise<FullSyncPage> {
    const { end, page } = await Promise.race(this.inFlight.values());
    this.inFlight.delete(end);
    const contacts = end === "list" ? this.takeList(page) : this.takeSearch(page);
    if (end === "list" && !this.state.listDone) this.fetch("list");
    if (end === "search" && !this.state.searchDone) this.fetch("search");
    return { contacts, checkpoint: { ...this.state }, last: this.inFlight.size === 0 };
  }

  private fetch(end: Fetched["end"]): void {
    const { after, below, listHigh } = this.state;
    const page =
      end === "list"
        ? this.gateway.listContactsPage({ after, limit: 100 })
        : this.gateway.searchContactsByIdDescending({ below, above: listHigh });
    const tagged = page.then((p) => ({ end, page: p }));
    tagged.catch(() => {}); // raced in next(); a failed sync may leave the other end's unawaited
    this.inFlight.set(end, tagged);
  }

  /** Keeps the list's contacts below the search's lowest; reaching it (or the last page) ends the list. */
  private takeList(page: ContactPage): ContactRecord[] {
    const below = this.state.below === undefined ? Infinity : Number(this.state.below);
    const kept = page.contacts.filter((c) => Number(c.hubspotId) < below);
    const newest = kept.at(-1);
    if (newest) this.state.listHigh = newest.hubspotId;
    if (kept.length < page.contacts.length || !page.nextAfter) this.state.listDone = true;
    else this.state.after = page.nextAfter;
    return kept;
  }

  /** Keeps the search's contacts above the list's highest; a short page or reaching it ends the search. */
  private takeSearch(page: ContactPage): ContactRecord[] {
    const above = this.state.listHigh === undefined ? -Infinity : Number(this.state.listHigh);
    const kept = page.contacts.filter((c) => Number(c.hubspotId) > above);
    const lowest = kept.at(-1);
    if (lowest) this.state.below = lowest.hubspotId;
    if (kept.length < page.contacts.length || page.contacts.length < SEARCH_PAGE_LIMIT) this.state.searchDone = true;
    return kept;
  }
}
