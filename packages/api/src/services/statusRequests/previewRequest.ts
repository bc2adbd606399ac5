import { and, eq, sql, type SQL } from "drizzle-orm";

import { moneySummary, previewStatusChange, type MoneySummary, type StatusChangePreview, type StatusCounts } from "@marketable/billing";
import { contacts, type DbOrTx, type Portal } from "@marketable/db";

import { rejected } from "../../errors";
import type { StatusSelection } from "../../validation/contacts";
import { loadPortalContract } from "../billing/contract";
import { contactConditions } from "../contacts/contactConditions";
import { approvalReasons, confirmationGuard, isWholePortal, loadGuardrails, type ConfirmationGuard } from "./guardrails";
import { MAX_REQUEST_CONTACTS, resolveSelection, type RowError, type SelectedContact } from "./selection";

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

/** `changes()` as SQL over the contacts table, for counting in the database. */
function changesCondition(target: Target): SQL {
  return target === "marketing" ? sql`not ${contacts.marketable}` : sql`${contacts.marketable} and not ${contacts.marketableUntilRenewal}`;
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
  /** What the change is worth, in the portal's currency (the preview and the approval queue show it). */
  money: MoneySummary;
  approvalReasons: string[];
  /** Whole portal or over the agency's share: the count must be typed to submit. */
  confirmation: ConfirmationGuard | null;
  timeZone: string;
}

/** The portal's counts, the billing effect of changing `changeCount` contacts, and why it would need approval. */
async function assess(db: DbOrTx, portal: Portal, target: Target, selection: StatusSelection, changeCount: number, now: Date) {
  const counts = await portalCounts(db, portal.id);
  const contract = await loadPortalContract(db, portal);
  const billing = previewStatusChange(counts, { target, count: changeCount }, contract, now);
  const guardrails = await loadGuardrails(db, portal.agencyId);
  const confirmation = confirmationGuard(
    { target, wholePortal: isWholePortal(selection), changeCount, marketing: counts.marketing, portalName: portal.name },
    guardrails,
  );
  return {
    counts,
    billing,
    money: moneySummary(billing, contract, target),
    approvalReasons: approvalReasons(billing, changeCount, guardrails),
    confirmation,
  };
}

/**
 * Everything shown before a request is submitted, computed from the stored contacts at `now`,
 * with the list of contacts that change (what a request records and executes).
 */
export async function previewRequest(
  db: DbOrTx,
  portal: Portal,
  input: { target: Target; selection: StatusSelection },
  now: Date,
): Promise<RequestPreview> {
  const { contacts: selected, rowErrors } = await resolveSelection(db, portal.id, input.selection, now);
  if (selected.length > MAX_REQUEST_CONTACTS) throw tooMany();
  const changing = selected.filter((c) => changes(c, input.target));
  return {
    target: input.target,
    selected: selected.length,
    unchanged: selected.length - changing.length,
    changing,
    rowErrors,
    ...(await assess(db, portal, input.target, input.selection, changing.length, now)),
    timeZone: portal.timeZone,
  };
}

const tooMany = () => rejected(`Choose at most ${MAX_REQUEST_CONTACTS.toLocaleString("en-US")} contacts in one request`);

/** The preview without the contact list, for the browser. */
export function publicPreview(preview: RequestPreview) {
  const { changing, ...rest } = preview;
  return { ...rest, changeCount: changing.length, sample: changing.slice(0, 10).map((c) => ({ hubspotId: c.hubspotId, email: c.email })) };
}
export type PublicPreview = ReturnType<typeof publicPreview>;

/**
 * What the preview procedure returns. A filter's preview is counted in the database (two
 * aggregates and a 10-row sample) instead of loading up to 100,000 contacts into the server: the
 * same numbers as `publicPreview(previewRequest(…))` at a fraction of the time (see the bench).
 * Pasted lists and selections are resolved row by row: they need row errors.
 */
export async function previewSummary(
  db: DbOrTx,
  portal: Portal,
  input: { target: Target; selection: StatusSelection },
  now: Date,
): Promise<PublicPreview> {
  if (input.selection.kind !== "filter") return publicPreview(await previewRequest(db, portal, input, now));
  const chosen = contactConditions(portal.id, input.selection.filter, now);
  const willChange = changesCondition(input.target);
  const [totals] = await db
    .select({ selected: sql<number>`count(*)::int`, changing: sql<number>`(count(*) filter (where ${willChange}))::int` })
    .from(contacts)
    .where(chosen);
  const selected = totals?.selected ?? 0;
  const changeCount = totals?.changing ?? 0;
  if (selected > MAX_REQUEST_CONTACTS) throw tooMany();
  const sample = await db
    .select({ hubspotId: contacts.hubspotId, email: contacts.email })
    .from(contacts)
    .where(and(chosen, willChange))
    .limit(10);
  return {
    target: input.target,
    selected,
    unchanged: selected - changeCount,
    rowErrors: [],
    ...(await assess(db, portal, input.target, input.selection, changeCount, now)),
    timeZone: portal.timeZone,
    changeCount,
    sample,
  };
}
