import { and, eq, sql } from "drizzle-orm";

import { appPolicies, contacts, portalRecommendations, type DbOrTx } from "@marketable/db";

import { recommendationKinds } from "../../validation/contacts";

export { recommendationKinds };
export type RecommendationKind = (typeof recommendationKinds)[number];

/** "No engagement for N days": N. */
export const NO_ENGAGEMENT_DAYS = 180;

export const recommendationLabels: Record<RecommendationKind, string> = {
  hard_bounced: "Hard bounced",
  opted_out: "Unsubscribed from all email",
  no_engagement: `No engagement for ${NO_ENGAGEMENT_DAYS} days`,
  policy_no_app: 'Created by apps whose policy is "no"',
  duplicate_email: "Duplicate email (all but the oldest)",
};

const DAY_MS = 86_400_000;

/**
 * Counts one portal's non-marketing candidates per kind (marketing contacts not already pending
 * demotion), plus "any" (each contact once), in one query over its contacts, and stores them.
 * Run after each sync; pages read `portal_recommendations`, never contact rows.
 */
export async function refreshRecommendations(db: DbOrTx, portalId: string, now: Date) {
  const cutoff = new Date(now.getTime() - NO_ENGAGEMENT_DAYS * DAY_MS);
  const noApps = (
    await db
      .select({ appId: appPolicies.appId })
      .from(appPolicies)
      .where(and(eq(appPolicies.portalId, portalId), eq(appPolicies.createMarketing, false)))
  ).map((r) => r.appId);
  const result = await db.execute<Record<RecommendationKind | "any", number>>(sql`
    with ranked as (
      select ${contacts.marketable} and not ${contacts.marketableUntilRenewal} as demotable,
             ${contacts.hardBounced} as hard_bounced,
             ${contacts.optedOut} as opted_out,
             coalesce(${contacts.lastEngagementAt}, ${contacts.createdAt}) < ${cutoff} as no_engagement,
             (${contacts.objectSource} = 'INTEGRATION' and ${contacts.objectSourceId} = any(${sql.param(noApps)}::text[])) as policy_no_app,
             (${contacts.email} is not null and row_number() over (
                partition by lower(${contacts.email}) order by ${contacts.createdAt} nulls last, ${contacts.hubspotId}) > 1) as duplicate_email
      from ${contacts}
      where ${contacts.portalId} = ${portalId} and not ${contacts.archived}
    )
    select (count(*) filter (where demotable and hard_bounced))::int as hard_bounced,
           (count(*) filter (where demotable and opted_out))::int as opted_out,
           (count(*) filter (where demotable and no_engagement))::int as no_engagement,
           (count(*) filter (where demotable and policy_no_app))::int as policy_no_app,
           (count(*) filter (where demotable and duplicate_email))::int as duplicate_email,
           (count(*) filter (where demotable and (hard_bounced or opted_out or coalesce(no_engagement, false)
                                                  or coalesce(policy_no_app, false) or duplicate_email)))::int as any
    from ranked`);
  const counts = result.rows[0]!;
  const kinds = [...recommendationKinds, "any"] as const;
  for (const kind of kinds) {
    const values = {
      candidates: Number(counts[kind] ?? 0),
      parameterDays: kind === "no_engagement" ? NO_ENGAGEMENT_DAYS : null,
      computedAt: now,
    };
    await db
      .insert(portalRecommendations)
      .values({ portalId, kind, ...values })
      .onConflictDoUpdate({ target: [portalRecommendations.portalId, portalRecommendations.kind], set: values });
  }
  return counts;
}
