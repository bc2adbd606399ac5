import { and, asc, eq, gte } from "drizzle-orm";

import {
  addDays,
  headroomPct,
  lowerTierRenewal,
  monthlyCost,
  project,
  savingsAvailable,
  toLocalDate,
  upgradeFor,
  type Inflow,
  type ProjectionInput,
} from "@marketable/billing";
import { appPolicies, portalApps, portalRecommendations, usageSnapshots, type Access, type DbOrTx, type Portal } from "@marketable/db";
import { can } from "@marketable/permissions";

import { portalContracts } from "./contract";
import { contractDates } from "./contractDates";
import { recommendationKinds, recommendationLabels, type RecommendationKind } from "./recommendations";

/** Days of daily history drawn on the chart. */
export const HISTORY_CHART_DAYS = 180;

/** The app's inflow source name in projections. */
export const appSource = (appId: string) => `app:${appId}`;

/**
 * Everything the per-portal billing page shows, from aggregates only (snapshots, app aggregates,
 * stored recommendation counts), plus the projection input so the browser can run what-ifs
 * (packages/billing is pure) without another round trip and without saving anything.
 */
export async function portalBilling(db: DbOrTx, access: Access, portal: Portal, now: Date) {
  const today = toLocalDate(now, portal.timeZone);
  const [contractFor, snapshots, apps, recs] = await Promise.all([
    portalContracts(db, access.agency.id),
    db
      .select({
        day: usageSnapshots.day,
        marketing: usageSnapshots.marketing,
        pendingDemotion: usageSnapshots.pendingDemotion,
        nonMarketing: usageSnapshots.nonMarketing,
      })
      .from(usageSnapshots)
      .where(and(eq(usageSnapshots.portalId, portal.id), gte(usageSnapshots.day, addDays(today, -HISTORY_CHART_DAYS))))
      .orderBy(asc(usageSnapshots.day)),
    db
      .select({ app: portalApps, policy: appPolicies.createMarketing })
      .from(portalApps)
      .leftJoin(appPolicies, and(eq(appPolicies.portalId, portalApps.portalId), eq(appPolicies.appId, portalApps.appId)))
      .where(and(eq(portalApps.portalId, portal.id), eq(portalApps.kind, "creates_contacts")))
      .orderBy(asc(portalApps.label)),
    db.select().from(portalRecommendations).where(eq(portalRecommendations.portalId, portal.id)),
  ]);
  const { contract, stored } = contractFor(portal);
  const table = contract.priceTable;
  const history = snapshots.filter((s) => s.day <= today);
  const latest = history[history.length - 1] ?? null;

  // An app's inflow: the marketing contacts it would create a day at its 30-day creation rate.
  // It is "in the trend" when HubSpot's switch is observed on (its recent contacts are marketing).
  const appRows = apps.map(({ app, policy }) => {
    const observedOn = app.recentCreated > 0 && app.recentMarketing * 2 > app.recentCreated;
    return { appId: app.appId, label: app.label, perDay: Math.round((app.created30d / 30) * 100) / 100, observedOn, policy };
  });
  const inflows: Inflow[] = appRows
    .filter((a) => a.perDay > 0)
    .map((a) => ({ source: appSource(a.appId), perDay: a.perDay, inTrend: a.observedOn, active: a.observedOn }));

  const dates = contractDates(portal, now);
  const period = dates.billingPeriod;
  const termMonths = contract.term === "yearly" ? 12 : 1;
  const monthly = monthlyCost(portal.purchasedTier, contract.edition, table, contract.term);
  const base = {
    portal: {
      id: portal.id,
      name: portal.name,
      hubId: portal.hubId,
      timeZone: portal.timeZone,
      currency: portal.currency,
      edition: portal.edition,
      term: portal.billingTerm,
      // Placeholders from connecting, until someone with billing.manage saves the contract.
      contractNeedsConfirmation: portal.contractNeedsConfirmation,
    },
    priceTable: {
      id: table.id,
      version: table.version,
      source: table.source,
      name: stored?.name ?? "Published starting points (built in)",
      startingPoint: stored ? stored.startingPoint : true,
    },
    canManage: can(access.actor, "billing.manage", portal.id),
    canManageAlerts: can(access.actor, "alerts.manage", portal.id),
    today,
    tierLimit: portal.purchasedTier,
    nextUpdateDate: dates.nextUpdateDate,
    renewalDate: dates.nextRenewal,
    period,
    monthlyCostMinor: monthly.amountMinor,
    costThisPeriodMinor: monthly.amountMinor * termMonths,
    history: history.map((s) => ({ date: s.day, marketing: s.marketing })),
    apps: appRows.map((a) => ({ ...a, source: appSource(a.appId) })),
  };
  if (!latest)
    return {
      ...base,
      usage: null,
      automaticUpgrade: null,
      projectionInput: null,
      projection: null,
      recommendations: [],
      alreadyFits: null,
    };

  const pending = Math.min(latest.pendingDemotion, latest.marketing);
  const projectionInput: ProjectionInput = {
    history: history.slice(-95).map((s) => ({ date: s.day, marketing: s.marketing })),
    contract,
    now,
    inflows,
    requests: [],
    queuedDemotions: pending,
  };
  const projection = project(projectionInput);
  const demotable = latest.marketing - pending;
  const canViewContacts = can(access.actor, "contacts.view", portal.id);
  // The lower tier the portal fits at renewal with nobody removed: each recommendation's row
  // claims only the step below it (every row showed the same step-down, owed to none of them).
  // Which renewal a lower tier can still be asked for: the next one, or after its deadline the one
  // after (the request preview says "too late for this renewal" then; this page must agree).
  const lowerTier = lowerTierRenewal(contract, dates.nextRenewal, today);
  const alreadyFits = {
    ...savingsAvailable({ contract, marketing: latest.marketing, pendingDemotion: pending, removable: 0, now }).stepDown,
    renewal: lowerTier,
  };
  const recommendations = recommendationKinds.map((kind: RecommendationKind) => {
    const rec = recs.find((r) => r.kind === kind);
    const candidates = Math.min(rec?.candidates ?? 0, demotable);
    const savings = savingsAvailable({ contract, marketing: latest.marketing, pendingDemotion: pending, removable: candidates, now });
    const monthlySavingMinor = savings.stepDown.monthlySavingMinor - alreadyFits.monthlySavingMinor;
    return {
      kind,
      label: recommendationLabels[kind],
      candidates,
      computedAt: rec?.computedAt ?? null,
      effectiveDate: savings.effectiveDate,
      monthlyValueMinor: savings.monthlyValueMinor,
      stepDown: {
        fromLimit: alreadyFits.toLimit,
        toLimit: savings.stepDown.toLimit,
        monthlySavingMinor,
        termSavingMinor: savings.stepDown.termSavingMinor - alreadyFits.termSavingMinor,
      },
      // Only to someone who may open the contacts page (not the billing role).
      href: canViewContacts ? `/contacts?portal=${portal.id}&recommendation=${kind}` : null,
    };
  });
  return {
    ...base,
    usage: {
      day: latest.day,
      marketing: latest.marketing,
      pendingDemotion: pending,
      nonMarketing: latest.nonMarketing,
      headroom: portal.purchasedTier - latest.marketing,
      headroomPct: portal.purchasedTier > 0 ? headroomPct(latest.marketing, portal.purchasedTier) : null,
    },
    // Over the contract's tier already: HubSpot has upgraded the account (it does so as the count
    // crosses; its API does not say to what). The tier that covers the count, and its charge.
    automaticUpgrade: upgradeFor(contract, latest.marketing, latest.day),
    projectionInput,
    projection,
    recommendations,
    alreadyFits,
  };
}
