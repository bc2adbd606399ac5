import { previewStatusChange, type StatusChangePreview, type StatusCounts } from "@marketable/billing";
import { contacts, type DbOrTx, type portals } from "@marketable/db";
import { and, eq, sql } from "drizzle-orm";
import { rejected } from "../../errors";
import type { StatusSelection } from "../../validation/contacts";
import { approvalReasons, loadGuardrails } from "./guardrails";
import { portalContract } from "./portalContract";
import { MAX_REQUEST_CONTACTS, resolveSelection, type RowError, type SelectedContact } from "./selection";

type Portal = typeof portals.$inferSelect;
export type Target = "marketing" | "nonMarketing";

/** The portal's marketing counts from its synced contacts (pending demotions count as marketing). */
export async function portalCounts(db: DbOrTx, portalId: string): Promise<StatusCounts> {
  const [row] = await db
    .select({
      marketing: sql<number>`(count(*) filter (where ${contacts.marketable}))::int`,
      pendingDemotion: sql<number>`(count(*) filter (where ${contacts.marketable} and ${contacts.marketableUntilRenewal}))::int`,
      nonMarketing: sql<number>`(count(*) filter (where not ${contacts.marketable}))::int`,
    })
    .from(contacts)
    .where(and(eq(contacts.portalId, portalId), eq(contacts.archived, false)));
  return { marketing: row?.marketing ?? 0, pendingDemotion: row?.pendingDemotion ?? 0, nonMarketing: row?.nonMarketing ?? 0 };
}

/**
 * Whether a contact actually changes: a "marketing" target skips contacts already marketing;
 * "non-marketing" skips non-marketing contacts and those already pending demotion.
 */
export function changes(contact: Pick<SelectedContact, "marketable" | "pendingDemotion">, target: Target): boolean {
  return target === "marketing" ? !contact.marketable : contact.marketable && !contact.pendingDemotion;
}

export interface RequestPreview {
  target: Target;
  selected: number;
  /** Selected but already in the target status (or already pending demotion). */
  unchanged: number;
  changing: SelectedContact[];
  rowErrors: RowError[];
  counts: StatusCounts;
  billing: StatusChangePreview;
  approvalReasons: string[];
  timeZone: string;
}

/** Everything shown before a request is submitted, computed from the stored contacts at `now`. */
export async function previewRequest(db: DbOrTx, portal: Portal, input: { target: Target; selection: StatusSelection }, now: Date): Promise<RequestPreview> {
  const { contacts: selected, rowErrors } = await resolveSelection(db, portal.id, input.selection, now);
  if (selected.length > MAX_REQUEST_CONTACTS) throw rejected(`Choose at most ${MAX_REQUEST_CONTACTS.toLocaleString("en-US")} contacts in one request`);
  const changing = selected.filter((c) => changes(c, input.target));
  const counts = await portalCounts(db, portal.id);
  const billing = previewStatusChange(counts, { target: input.target, count: changing.length }, portalContract(portal), now);
  const guardrails = await loadGuardrails(db, portal.agencyId);
  return {
    target: input.target,
    selected: selected.length,
    unchanged: selected.length - changing.length,
    changing,
    rowErrors,
    counts,
    billing,
    approvalReasons: approvalReasons(billing, changing.length, guardrails),
    timeZone: portal.timeZone,
  };
}

/** The preview without the contact list, for the browser. */
export function publicPreview(preview: RequestPreview) {
  const { changing, ...rest } = preview;
  return { ...rest, changeCount: changing.length, sample: changing.slice(0, 10).map((c) => ({ hubspotId: c.hubspotId, email: c.email })) };
}
