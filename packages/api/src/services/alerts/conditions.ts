import { and, desc, eq } from "drizzle-orm";

import { contractPriceRow } from "@marketable/billing";
import { appPolicies, portalApps, portalSyncState, usageSnapshots, type DbOrTx, type Portal } from "@marketable/db";

import { loadPortalContract } from "../billing/contract";
import { driftOf, observedSwitch } from "../integrations/drift";
import type { AlertRules } from "./rules";

/** A condition that holds now; evaluation raises one open alert per `dedupeKey`. */
export interface Condition {
  kind: "threshold" | "spike" | "drift" | "sync_failed";
  severity: "info" | "warning" | "critical";
  dedupeKey: string;
  title: string;
  detail: Record<string, unknown>;
  causePath: string;
}

/** In-app pages an alert links to, so the reader lands where the cause can be fixed. */
export const causePaths = {
  billing: (portalId: string) => `/billing/${portalId}`,
  integrations: (portalId: string) => `/integrations/${portalId}`,
  portal: (portalId: string) => `/portals/${portalId}`,
};

/** The portal's conditions from stored aggregates only (snapshots, app aggregates, sync state). */
export async function currentConditions(db: DbOrTx, portal: Portal, rules: AlertRules): Promise<Condition[]> {
  // One query after another: `db` is the evaluation's transaction, a single connection that
  // runs one query at a time (pg deprecates queueing a second one while the first runs).
  const snapshots = await db
    .select()
    .from(usageSnapshots)
    .where(eq(usageSnapshots.portalId, portal.id))
    .orderBy(desc(usageSnapshots.day))
    .limit(2);
  const apps = await db
    .select({ app: portalApps, policy: appPolicies.createMarketing })
    .from(portalApps)
    .innerJoin(appPolicies, and(eq(appPolicies.portalId, portalApps.portalId), eq(appPolicies.appId, portalApps.appId)))
    .where(eq(portalApps.portalId, portal.id));
  const [syncState] = await db.select().from(portalSyncState).where(eq(portalSyncState.portalId, portal.id));
  const priceRow = contractPriceRow(await loadPortalContract(db, portal));
  const found: Condition[] = [];
  const [today, yesterday] = snapshots;

  if (today && portal.purchasedTier > 0) {
    const usedPct = (today.marketing / portal.purchasedTier) * 100;
    for (const pct of rules.thresholds) {
      if (usedPct < pct) continue;
      found.push({
        kind: "threshold",
        severity: pct >= 100 ? "critical" : pct >= 90 ? "warning" : "info",
        // Keyed by level only: a tier change that keeps usage above the level is the same alert.
        dedupeKey: `threshold:${pct}`,
        title: `${portal.name} is at ${Math.floor(usedPct)}% of its marketing contact tier (${pct}% threshold)`,
        detail: {
          threshold: pct,
          marketing: today.marketing,
          tier: portal.purchasedTier,
          usedPct: Math.round(usedPct * 10) / 10,
          day: today.day,
        },
        causePath: causePaths.billing(portal.id),
      });
    }
  }

  // A spike compares the two newest daily snapshots; it clears on the next day without one.
  if (today && yesterday && yesterday.marketing > 0) {
    const growthPct = ((today.marketing - yesterday.marketing) / yesterday.marketing) * 100;
    if (growthPct >= rules.spikePct) {
      found.push({
        kind: "spike",
        severity: "warning",
        dedupeKey: `spike:${today.day}`,
        title: `${portal.name} gained ${today.marketing - yesterday.marketing} marketing contacts in a day (+${Math.round(growthPct)}%)`,
        detail: {
          day: today.day,
          previousDay: yesterday.day,
          marketing: today.marketing,
          previous: yesterday.marketing,
          growthPct: Math.round(growthPct * 10) / 10,
        },
        causePath: causePaths.billing(portal.id),
      });
    }
  }

  for (const { app, policy } of apps) {
    if (policy === null) continue;
    const observed = observedSwitch(app.recentCreated, app.recentMarketing);
    const drift = driftOf({
      policy,
      observed,
      recentCreated: app.recentCreated,
      recentMarketing: app.recentMarketing,
      created30d: app.created30d,
      marketing: app.marketing,
      priceRow,
    });
    if (!drift.drifting) continue;
    found.push({
      kind: "drift",
      // Drift toward marketing costs money; toward non-marketing it only loses reach.
      severity: policy ? "info" : "warning",
      dedupeKey: `drift:${app.appId}`,
      title: `${app.label} in ${portal.name} creates contacts ${observed === "mixed" ? "inconsistently" : observed === "on" ? "as marketing" : "as non-marketing"} against the policy`,
      detail: {
        appId: app.appId,
        app: app.label,
        policy,
        observed,
        contactsAffected: drift.contactsAffected,
        monthlyCostMinor: drift.monthlyCostMinor,
      },
      causePath: causePaths.integrations(portal.id),
    });
  }

  if (syncState?.lastError) {
    found.push({
      kind: "sync_failed",
      severity: "warning",
      dedupeKey: "sync_failed",
      title: `Syncing ${portal.name} failed`,
      detail: { error: syncState.lastError, at: syncState.lastErrorAt?.toISOString() ?? null },
      causePath: causePaths.portal(portal.id),
    });
  }
  return found;
}
