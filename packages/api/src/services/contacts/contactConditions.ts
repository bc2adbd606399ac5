import { and, eq, gte, ilike, isNull, lt, or, sql, type SQL } from "drizzle-orm";

import { appPolicies, contacts } from "@marketable/db";

import type { ContactFilter } from "../../validation/contacts";
import { NO_ENGAGEMENT_DAYS } from "../billing/recommendations";
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
  if (filter.status === "marketable") parts.push(eq(contacts.marketable, true));
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
  if (filter.recommendation) parts.push(recommendationCondition(portalId, filter.recommendation, now));
  return and(...parts)!;
}

/**
 * The same contacts `refreshRecommendations` counts for a kind (demotable: marketing and not
 * pending demotion), so "Review contacts" opens exactly the recommendation's count.
 */
function recommendationCondition(portalId: string, kind: NonNullable<ContactFilter["recommendation"]>, now: Date): SQL {
  const demotable = and(eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false))!;
  const of = (condition: SQL | undefined) => and(demotable, condition)!;
  switch (kind) {
    case "hard_bounced":
      return of(eq(contacts.hardBounced, true));
    case "opted_out":
      return of(eq(contacts.optedOut, true));
    case "no_engagement": {
      const cutoff = new Date(now.getTime() - NO_ENGAGEMENT_DAYS * DAY_MS);
      return of(sql`coalesce(${contacts.lastEngagementAt}, ${contacts.createdAt}) < ${cutoff}`);
    }
    case "policy_no_app":
      return of(
        sql`${contacts.objectSource} = 'INTEGRATION' and ${contacts.objectSourceId} in (select ${appPolicies.appId} from ${appPolicies} where ${appPolicies.portalId} = ${portalId} and ${appPolicies.createMarketing} = false)`,
      );
    case "duplicate_email":
      // All but the first of each email, in the order refreshRecommendations numbers them:
      // created (nulls last), then HubSpot id.
      return of(sql`${contacts.email} is not null and exists (
        select 1 from ${contacts} as earlier
        where earlier.portal_id = ${contacts.portalId} and not earlier.archived and lower(earlier.email) = lower(${contacts.email})
          and (earlier.created_at < ${contacts.createdAt}
            or (earlier.created_at is not null and ${contacts.createdAt} is null)
            or (earlier.created_at is not distinct from ${contacts.createdAt} and earlier.hubspot_id < ${contacts.hubspotId})))`);
  }
}
