import { contacts } from "@marketable/db";
import { and, eq, gte, ilike, isNull, lt, or, type SQL } from "drizzle-orm";
import type { ContactFilter } from "../../validation/contacts";
import { escapeLike } from "../likePattern";

const DAY_MS = 86_400_000;

/** Next calendar day of a YYYY-MM-DD string (for an inclusive "created to"). */
function dayAfter(day: string): Date {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + DAY_MS);
}

/**
 * A portal's contacts matching `filter`, as one SQL condition over the stored contacts.
 * Dates compare in UTC days; archived contacts never match.
 */
export function contactConditions(portalId: string, filter: ContactFilter, now: Date): SQL {
  const parts: (SQL | undefined)[] = [eq(contacts.portalId, portalId), eq(contacts.archived, false)];
  if (filter.status === "marketing") parts.push(eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false));
  if (filter.status === "pendingDemotion") parts.push(eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, true));
  if (filter.status === "nonMarketing") parts.push(eq(contacts.marketable, false));
  if (filter.source) parts.push(eq(contacts.objectSource, filter.source));
  if (filter.appId) parts.push(eq(contacts.objectSourceId, filter.appId));
  if (filter.bounced !== undefined) parts.push(eq(contacts.hardBounced, filter.bounced));
  if (filter.optedOut !== undefined) parts.push(eq(contacts.optedOut, filter.optedOut));
  if (filter.noEngagementDays !== undefined) {
    const since = new Date(now.getTime() - filter.noEngagementDays * DAY_MS);
    parts.push(or(isNull(contacts.lastEngagementAt), lt(contacts.lastEngagementAt, since)));
  }
  if (filter.lifecycleStage) parts.push(eq(contacts.lifecycleStage, filter.lifecycleStage));
  if (filter.createdFrom) parts.push(gte(contacts.createdAt, new Date(`${filter.createdFrom}T00:00:00Z`)));
  if (filter.createdTo) parts.push(lt(contacts.createdAt, dayAfter(filter.createdTo)));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    parts.push(or(ilike(contacts.email, pattern), eq(contacts.hubspotId, filter.search)));
  }
  return and(...parts)!;
}

