import { and, eq } from "drizzle-orm";

import { contacts, type DbOrTx } from "@marketable/db";

import type { StatusSelection } from "../../validation/contacts";
import { inTextArray } from "../anyOf";
import { contactConditions } from "../contacts/contactConditions";

/** A request never touches more contacts than this in one go (HubSpot imports stay manageable). */
export const MAX_REQUEST_CONTACTS = 100_000;

export interface SelectedContact {
  hubspotId: string;
  email: string | null;
  marketable: boolean;
  pendingDemotion: boolean;
}

export interface RowError {
  line: number;
  value: string;
  message: string;
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const ID = /^\d+$/;

const selectColumns = {
  hubspotId: contacts.hubspotId,
  email: contacts.email,
  marketable: contacts.marketable,
  pendingDemotion: contacts.marketableUntilRenewal,
};

/**
 * Pasted CSV: one email or contact id per line (the first column of each row counts; a header
 * line "email" or "id" is skipped). Every row that is malformed or matches no synced contact
 * comes back as a row error with its line number.
 */
function parsePasted(text: string): { emails: Map<string, number>; ids: Map<string, number>; errors: RowError[] } {
  const emails = new Map<string, number>();
  const ids = new Map<string, number>();
  const errors: RowError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const value = (raw.split(/[,;\t]/)[0] ?? "").trim().replace(/^"|"$/g, "").trim();
    if (!value) return;
    if (line === 1 && /^(e-?mail|id|record id|contact id|hs_object_id)$/i.test(value)) return;
    if (ID.test(value)) {
      if (!ids.has(value)) ids.set(value, line);
    } else if (EMAIL.test(value)) {
      const email = value.toLowerCase();
      if (!emails.has(email)) emails.set(email, line);
    } else {
      errors.push({ line, value, message: "Not an email address or a contact id" });
    }
  });
  return { emails, ids, errors };
}

/** The portal's synced contacts a selection designates, and row errors for pasted rows. */
export async function resolveSelection(
  db: DbOrTx,
  portalId: string,
  selection: StatusSelection,
  now: Date,
): Promise<{ contacts: SelectedContact[]; rowErrors: RowError[] }> {
  if (selection.kind === "filter") {
    const rows = await db
      .select(selectColumns)
      .from(contacts)
      .where(contactConditions(portalId, selection.filter, now))
      .limit(MAX_REQUEST_CONTACTS + 1);
    return { contacts: rows, rowErrors: [] };
  }
  const live = and(eq(contacts.portalId, portalId), eq(contacts.archived, false));
  if (selection.kind === "ids") {
    const ids = [...new Set(selection.ids)];
    const rows = await db
      .select(selectColumns)
      .from(contacts)
      .where(and(live, inTextArray(contacts.hubspotId, ids)));
    const found = new Set(rows.map((r) => r.hubspotId));
    const rowErrors = ids.flatMap((id, i) => (found.has(id) ? [] : [{ line: i + 1, value: id, message: "No synced contact has this id" }]));
    return { contacts: rows, rowErrors };
  }
  const pasted = parsePasted(selection.text);
  const byId = pasted.ids.size
    ? await db
        .select(selectColumns)
        .from(contacts)
        .where(and(live, inTextArray(contacts.hubspotId, [...pasted.ids.keys()])))
    : [];
  const byEmail = pasted.emails.size
    ? await db
        .select(selectColumns)
        .from(contacts)
        .where(and(live, inTextArray(contacts.email, [...pasted.emails.keys()])))
    : [];
  const rowErrors = [...pasted.errors];
  const foundIds = new Set(byId.map((r) => r.hubspotId));
  for (const [id, line] of pasted.ids) if (!foundIds.has(id)) rowErrors.push({ line, value: id, message: "No synced contact has this id" });
  const foundEmails = new Set(byEmail.map((r) => r.email));
  for (const [email, line] of pasted.emails)
    if (!foundEmails.has(email)) rowErrors.push({ line, value: email, message: "No synced contact has this email" });
  const unique = new Map<string, SelectedContact>();
  for (const row of [...byId, ...byEmail]) unique.set(row.hubspotId, row);
  rowErrors.sort((a, b) => a.line - b.line);
  return { contacts: [...unique.values()], rowErrors };
}
