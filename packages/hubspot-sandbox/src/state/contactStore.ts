import { type ContactRecord } from "./contact";

/**
 * A portal's contacts: one array ordered by id (ids only grow, so appends keep the order and
 * paging is a binary search), plus an index by lower-cased email. Archived contacts stay in the
 * array (HubSpot lists them with `archived=true`) and leave the email index.
 */
export class ContactStore {
  readonly records: ContactRecord[] = [];
  private readonly emailIndex = new Map<string, ContactRecord>();
  nextId: number;
  /** Live contacts whose hs_marketable_status is "true"; kept current by rules/marketing.ts. */
  marketingCount = 0;
  liveCount = 0;

  constructor(firstId = 1) {
    this.nextId = firstId;
  }

  allocateId(): number {
    return this.nextId++;
  }

  add(c: ContactRecord): void {
    const last = this.records[this.records.length - 1];
    if (last && last.id >= c.id) throw new Error(`contact ids must grow: ${c.id} after ${last.id}`);
    if (c.id >= this.nextId) this.nextId = c.id + 1;
    this.records.push(c);
    if (c.archivedAt === 0) {
      this.liveCount++;
      if (c.marketable) this.marketingCount++;
      if (c.email) this.emailIndex.set(c.email.toLowerCase(), c);
    }
  }

  /** Index of the first record whose id is >= `id`. */
  lowerBound(id: number): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid]!.id < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get(id: number): ContactRecord | undefined {
    const c = this.records[this.lowerBound(id)];
    return c && c.id === id ? c : undefined;
  }

  getLive(id: number): ContactRecord | undefined {
    const c = this.get(id);
    return c && c.archivedAt === 0 ? c : undefined;
  }

  byEmail(email: string): ContactRecord | undefined {
    return this.emailIndex.get(email.toLowerCase());
  }

  /** Call after a live contact's email changed. */
  reindexEmail(c: ContactRecord, previous: string | null): void {
    if (previous) {
      const key = previous.toLowerCase();
      if (this.emailIndex.get(key) === c) this.emailIndex.delete(key);
    }
    if (c.email && c.archivedAt === 0) this.emailIndex.set(c.email.toLowerCase(), c);
  }

  markArchived(c: ContactRecord, at: number): void {
    if (c.archivedAt !== 0) return;
    c.archivedAt = at;
    this.liveCount--;
    if (c.marketable) this.marketingCount--;
    if (c.email && this.emailIndex.get(c.email.toLowerCase()) === c) this.emailIndex.delete(c.email.toLowerCase());
  }
}
