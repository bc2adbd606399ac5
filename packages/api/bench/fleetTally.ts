// Measuring helpers of the fleet bench (bench/fleet.ts): API calls per portal from the sandbox's
// recorder, stored-vs-sandbox counts, percentiles and the printed lines.
import { inArray, sql } from "drizzle-orm";

import { contacts, type Db } from "@marketable/db";
import type { RecordedResponse, Sandbox } from "@marketable/hubspot-sandbox";

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const pct = (xs: readonly number[], p: number) =>
  xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One figure beside its target, with a verdict when there is one. */
export function line(label: string, value: string, target = "", ok?: boolean): void {
  const verdict = ok === undefined ? "" : ok ? "  met" : "  MISSED";
  console.log(`  ${label.padEnd(44)} ${value.padEnd(56)} ${target ? `target ${target}` : ""}${verdict}`);
}

/** Every authenticated sandbox response, by portal: calls, 429s and the busiest rolling 10 s. */
export class CallTally {
  calls = new Map<number, number>();
  refused429 = 0;
  /** Per portal, call times (ms) since the last reset: for the busiest 10-second window. */
  private times = new Map<number, number[]>();
  record = (r: RecordedResponse) => {
    if (r.hubId === undefined || r.routeUrl.startsWith("/_sandbox") || r.routeUrl.startsWith("/oauth")) return;
    this.calls.set(r.hubId, (this.calls.get(r.hubId) ?? 0) + 1);
    if (r.statusCode === 429) this.refused429++;
    let t = this.times.get(r.hubId);
    if (!t) this.times.set(r.hubId, (t = []));
    t.push(performance.now());
  };
  reset(): void {
    this.calls.clear();
    this.times.clear();
    this.refused429 = 0;
  }
  total(): number {
    let n = 0;
    for (const c of this.calls.values()) n += c;
    return n;
  }
  /** The most calls one portal made in any 10-second window (two pointers over its call times). */
  busiestWindow(hubId: number, windowMs = 10_000): number {
    const t = this.times.get(hubId) ?? [];
    let best = 0;
    for (let lo = 0, hi = 0; hi < t.length; hi++) {
      while (t[hi]! - t[lo]! >= windowMs) lo++;
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }
}

export interface Counts {
  live: number;
  marketing: number;
}

/** What HubSpot holds: live contacts and live marketing contacts of a portal. */
export function sandboxCounts(sandbox: Sandbox, hubId: number): Counts {
  const portal = sandbox.state.portals.get(hubId)!;
  let live = 0;
  let marketing = 0;
  for (const c of portal.contacts.records) {
    if (c.archivedAt !== 0) continue;
    live++;
    if (c.marketable) marketing++;
  }
  return { live, marketing };
}

/** What Marketable has stored, for every portal at once (or only `portalIds`: counting 5 million rows takes seconds). */
export async function storedCounts(db: Db, portalIds?: readonly string[]): Promise<Map<string, Counts>> {
  if (portalIds?.length === 0) return new Map();
  const rows = await db
    .select({
      portalId: contacts.portalId,
      live: sql<number>`count(*) filter (where not ${contacts.archived})::int`,
      marketing: sql<number>`count(*) filter (where not ${contacts.archived} and ${contacts.marketable})::int`,
    })
    .from(contacts)
    .where(portalIds ? inArray(contacts.portalId, [...portalIds]) : undefined)
    .groupBy(contacts.portalId);
  return new Map(rows.map((r) => [r.portalId, { live: r.live, marketing: r.marketing }]));
}
