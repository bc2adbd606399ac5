import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";

import {
  lowerTierRenewal,
  monthlyUsage,
  renewalCases,
  renewalReviewWindow,
  startOfLocalDay,
  toLocalDate,
  type ProjectedRequest,
} from "@marketable/billing";
import { auditLog, portalRecommendations, statusRequests, usageSnapshots, type Access, type DbOrTx, type Portal } from "@marketable/db";

import { portalContracts } from "./contract";
import { portalBilling } from "./portalBilling";

/** Executed requests listed in a pack; a term with more says so rather than growing the document. */
export const RENEWAL_PACK_MAX_CHANGES = 500;

/** Requests that ran and changed contacts. */
const EXECUTED = ["succeeded", "partially_failed"] as const;
/** Requests that will still change contacts: the projection counts them (pending ones as pending). */
const OPEN = ["pending_approval", "queued", "running"] as const;

const direction = (target: "marketing" | "non_marketing"): "marketing" | "nonMarketing" =>
  target === "marketing" ? "marketing" : "nonMarketing";

interface CountsInAudit {
  marketing?: number;
}

/**
 * A portal's renewal pack: the contract, usage over the review window (the current term; the
 * last 12 months for monthly terms) from daily snapshots, the marketing-status changes made
 * through Marketable in that window (with the counts before and after, from the audit log), the
 * recommendations, and the case for a lower tier at renewal (packages/billing). Read-only, from
 * aggregates and request rows; never from contact rows.
 */
export async function renewalPack(db: DbOrTx, access: Access, portal: Portal, now: Date) {
  const [billing, contractFor] = await Promise.all([portalBilling(db, access, portal, now), portalContracts(db, access.agency.id)]);
  const { contract } = contractFor(portal);
  const today = toLocalDate(now, portal.timeZone);
  const window = renewalReviewWindow(contract, today);
  const windowStartsAt = startOfLocalDay(window.start, portal.timeZone);

  const [snapshots, executed, open, [anyCandidates]] = await Promise.all([
    db
      .select({ day: usageSnapshots.day, marketing: usageSnapshots.marketing })
      .from(usageSnapshots)
      .where(and(eq(usageSnapshots.portalId, portal.id), gte(usageSnapshots.day, window.start), lte(usageSnapshots.day, today)))
      .orderBy(asc(usageSnapshots.day)),
    db
      .select()
      .from(statusRequests)
      .where(
        and(
          eq(statusRequests.portalId, portal.id),
          inArray(statusRequests.state, [...EXECUTED]),
          gte(sql`coalesce(${statusRequests.finishedAt}, ${statusRequests.updatedAt})`, windowStartsAt),
        ),
      )
      .orderBy(asc(statusRequests.finishedAt), asc(statusRequests.id))
      .limit(RENEWAL_PACK_MAX_CHANGES + 1),
    db
      .select({
        id: statusRequests.id,
        state: statusRequests.state,
        target: statusRequests.target,
        changeCount: statusRequests.changeCount,
      })
      .from(statusRequests)
      .where(and(eq(statusRequests.portalId, portal.id), inArray(statusRequests.state, [...OPEN])))
      .orderBy(asc(statusRequests.createdAt)),
    db
      .select({ candidates: portalRecommendations.candidates })
      .from(portalRecommendations)
      .where(and(eq(portalRecommendations.portalId, portal.id), eq(portalRecommendations.kind, "any"))),
  ]);
  const listed = executed.slice(0, RENEWAL_PACK_MAX_CHANGES);

  // The executor's result entry holds the portal's counts before and after (one per finished request).
  const results = listed.length
    ? await db
        .select({ targetId: auditLog.targetId, before: auditLog.before, after: auditLog.after })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.agencyId, access.agency.id),
            eq(auditLog.action, "marketingStatus.result"),
            inArray(
              auditLog.targetId,
              listed.map((r) => r.id),
            ),
          ),
        )
        .orderBy(desc(auditLog.id))
    : [];
  const resultOf = new Map<string, { before: CountsInAudit | null; after: CountsInAudit | null }>();
  for (const r of results) {
    if (r.targetId && !resultOf.has(r.targetId))
      resultOf.set(r.targetId, { before: r.before as CountsInAudit | null, after: r.after as CountsInAudit | null });
  }

  const changes = listed.map((r) => {
    const counts = resultOf.get(r.id);
    return {
      id: r.id,
      date: toLocalDate(r.finishedAt ?? r.updatedAt, portal.timeZone),
      requestedBy: r.requestedByEmail,
      approvedBy: r.decidedByEmail,
      direction: direction(r.target),
      changed: r.succeeded,
      failed: r.failed,
      marketingBefore: counts?.before?.marketing ?? null,
      marketingAfter: counts?.after?.marketing ?? null,
      reason: r.reason,
      state: r.state,
    };
  });
  const openRequests = open.map((r) => ({ id: r.id, state: r.state, direction: direction(r.target), count: r.changeCount }));

  const history = snapshots.map((s) => ({ date: s.day, marketing: s.marketing }));
  const months = monthlyUsage(history);
  const peak = months.reduce<{ value: number; date: string } | null>(
    (best, m) => (best && best.value >= m.peak ? best : { value: m.peak, date: m.peakDate }),
    null,
  );

  // Once the next renewal's deadline to request a lower tier has passed, it renews unchanged: the
  // case is for the renewal after it, and the page says so.
  const { missed, renewalDate: caseRenewal, requestBy: caseRequestBy } = lowerTierRenewal(contract, billing.renewalDate, today);
  /** The next renewal's deadline, passed or not. */
  const requestBy = missed?.requestBy ?? caseRequestBy;
  let cases = null;
  if (billing.projectionInput && billing.usage) {
    // Open requests are not in the snapshots yet: approved ones will run, pending ones may.
    const requests: ProjectedRequest[] = openRequests.map((r) => ({
      id: r.id,
      kind: r.state === "pending_approval" ? "pending" : "approved",
      target: r.direction,
      count: r.count,
    }));
    const demotable = billing.usage.marketing - billing.usage.pendingDemotion;
    cases = renewalCases({ ...billing.projectionInput, requests }, Math.min(anyCandidates?.candidates ?? 0, demotable), caseRenewal);
  }

  return {
    portal: billing.portal,
    today,
    contract: {
      edition: contract.edition,
      term: contract.term,
      tier: contract.purchasedTier,
      renewalDate: billing.renewalDate,
      requestBy,
      /** The next renewal's lower-tier deadline has passed: the downgrade case is for the renewal after it. */
      missedDeadline: missed,
      termPeriod: billing.period,
      nextUpdateDate: billing.nextUpdateDate,
      monthlyCostMinor: billing.monthlyCostMinor,
      priceTable: billing.priceTable,
    },
    window,
    usage: billing.usage,
    history: { months, days: history.length, firstDay: history[0]?.date ?? null, peak },
    changes,
    changesTruncated: executed.length > RENEWAL_PACK_MAX_CHANGES,
    openRequests,
    recommendations: billing.recommendations.map((r) => ({
      kind: r.kind,
      label: r.label,
      candidates: r.candidates,
      monthlyValueMinor: r.monthlyValueMinor,
    })),
    projection: cases
      ? {
          expectedAtRenewal: cases.projection.expectedAtHorizon,
          crossingDate: cases.projection.crossingDate,
          upgradeChargesMinor: cases.projection.upgradeChargesMinor,
        }
      : null,
    downgrade: cases?.downgrade ?? null,
    withRecommendations: cases?.withRecommendations
      ? { candidates: cases.withRecommendations.candidates, downgrade: cases.withRecommendations.downgrade }
      : null,
  };
}

export type RenewalPack = Awaited<ReturnType<typeof renewalPack>>;
