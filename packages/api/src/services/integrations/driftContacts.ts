import { and, desc, eq, sql } from "drizzle-orm";

import { contacts, type DbOrTx } from "@marketable/db";

import type { ContactFilter } from "../../validation/contacts";
import { contactConditions } from "../contacts/contactConditions";
import { OBSERVED_WINDOW } from "./refreshPortalApps";

export interface DriftContacts {
  /** The Contacts page filter: the app's contacts against the policy, created since the observed window began. */
  filter: ContactFilter;
  /** How many contacts that filter lists now (the figure on the link). */
  count: number;
}

/**
 * The contacts behind a drift, as a contact filter: the app's contacts created on or after the day
 * of the oldest contact in the window that decided the observed switch ("since the switch"), with
 * the status the policy forbids (marketing under "no", non-marketing under "yes"). The count is
 * the filter's own, so the link and the Contacts page agree.
 */
export async function driftContacts(
  db: DbOrTx,
  portalId: string,
  appId: string,
  policy: boolean,
  recentCreated: number,
  now: Date,
): Promise<DriftContacts> {
  const [oldest] = await db
    .select({ createdAt: contacts.createdAt })
    .from(contacts)
    .where(
      and(
        eq(contacts.portalId, portalId),
        eq(contacts.objectSource, "INTEGRATION"),
        eq(contacts.objectSourceId, appId),
        eq(contacts.archived, false),
      ),
    )
    .orderBy(sql`${contacts.createdAt} desc nulls last`, desc(contacts.hubspotId))
    .offset(Math.max(0, Math.min(recentCreated, OBSERVED_WINDOW) - 1))
    .limit(1);
  const filter: ContactFilter = { appId, status: policy ? "nonMarketing" : "marketing" };
  if (oldest?.createdAt) filter.createdFrom = oldest.createdAt.toISOString().slice(0, 10);
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(contacts)
    .where(contactConditions(portalId, filter, now));
  return { filter, count: row?.count ?? 0 };
}
