// Preview of a marketing-status change before it is committed: how many contacts change, when,
// and what the tier and the monthly cost become now, at the next update date and at renewal.
//
// HubSpot's rules applied:
// - set to marketing: counts at once; if that goes over the purchased tier, the account is
//   upgraded at once with a pro-rated charge (see proration.ts);
// - set to non-marketing: queued; the contacts stay marketing (pending demotion) until the next
//   update date, when they and every other pending demotion drop off;
// - the tier is never lowered automatically: at renewal a lower tier can be requested, so the
//   renewal snapshot gives both the tier in force and the lowest tier that would fit.
import { assertCount } from "./assertCount";
import { toLocalDate, type LocalDate } from "./calendar";
import { contractPriceRow, type Contract } from "./contract";
import { upgradeOnDay, type Upgrade } from "./proration";
import { monthlyCostMinorForRow, tierLimitForRow } from "./tiers";
import { nextRenewalDate, updateDateAfter } from "./updateDates";

export type StatusTarget = "marketing" | "nonMarketing";

export interface StatusCounts {
  /** Contacts with hs_marketable_status = "true" (pending demotions included: they still count). */
  marketing: number;
  /** Marketing contacts with hs_marketable_until_renewal = "true" (leave at the next update date). */
  pendingDemotion: number;
  nonMarketing: number;
}

export interface StatusChangeRequest {
  target: StatusTarget;
  /** Contacts that actually change status (already-matching contacts excluded by the caller). */
  count: number;
}

export interface CountsSnapshot extends StatusCounts {
  date: LocalDate;
  /** Contact limit in force (never lowered automatically). */
  tierLimit: number;
  /** Monthly price of `tierLimit`. */
  monthlyCostMinor: number;
  /** tierLimit - marketing (negative would mean over the tier; the upgrade prevents that). */
  headroom: number;
}

export interface RenewalSnapshot extends CountsSnapshot {
  /** The lowest tier covering the marketing count, which could be requested for the renewal. */
  lowestTierLimit: number;
  lowestMonthlyCostMinor: number;
}

export interface Snapshots {
  now: CountsSnapshot;
  atNextUpdateDate: CountsSnapshot;
  atRenewal: RenewalSnapshot;
}

export interface StatusChangePreview extends Snapshots {
  currency: string;
  today: LocalDate;
  nextUpdateDate: LocalDate;
  renewalDate: LocalDate;
  /** Contacts whose status changes today (set to marketing). */
  effectiveNow: number;
  /** Contacts queued until the next update date (set to non-marketing). */
  effectiveAtUpdateDate: number;
  /** When the request's change counts: today, or the next update date. */
  effectiveDate: LocalDate;
  /** True when the request takes the marketing count over the purchased tier. */
  crossesTier: boolean;
  /** The automatic upgrade the request triggers, with its pro-rated charge, or null. */
  upgrade: Upgrade | null;
  /** The same three snapshots without the request, for comparison. */
  baseline: Snapshots;
  /** Request minus baseline, monthly: negative is a saving. */
  monthlyCostDeltaMinor: { now: number; atNextUpdateDate: number; atRenewalLowestTier: number };
}

function snapshotsFor(
  contract: Contract,
  counts: StatusCounts,
  today: LocalDate,
  nextUpdate: LocalDate,
  renewal: LocalDate,
): Snapshots & { upgrade: Upgrade | null } {
  const row = contractPriceRow(contract);
  const upgrade = upgradeOnDay(contract, contract.purchasedTier, counts.marketing, today);
  const tierLimit = upgrade ? upgrade.newLimit : contract.purchasedTier;
  const monthlyCostMinor = monthlyCostMinorForRow(row, tierLimit);
  const snapshot = (date: LocalDate, c: StatusCounts): CountsSnapshot => ({
    date,
    ...c,
    tierLimit,
    monthlyCostMinor,
    headroom: tierLimit - c.marketing,
  });

  const now = snapshot(today, counts);
  const afterUpdate: StatusCounts = {
    marketing: counts.marketing - counts.pendingDemotion,
    pendingDemotion: 0,
    nonMarketing: counts.nonMarketing + counts.pendingDemotion,
  };
  const atNextUpdateDate = snapshot(nextUpdate, afterUpdate);
  // A yearly renewal can fall before the next update date (renewal mid-month, updates on the 1st):
  // then the queued demotions have not happened yet at renewal.
  const renewalCounts = renewal >= nextUpdate ? afterUpdate : counts;
  const lowestTierLimit = Math.min(tierLimit, tierLimitForRow(row, renewalCounts.marketing));
  const atRenewal: RenewalSnapshot = {
    ...snapshot(renewal, renewalCounts),
    lowestTierLimit,
    lowestMonthlyCostMinor: monthlyCostMinorForRow(row, lowestTierLimit),
  };
  return { now, atNextUpdateDate, atRenewal, upgrade };
}

/**
 * Preview `request` against the portal's current `counts` at `now`. Throws a RangeError when the
 * request changes more contacts than can change (more than the non-marketing contacts, or more
 * than the marketing contacts not already pending demotion).
 */
export function previewStatusChange(
  counts: StatusCounts,
  request: StatusChangeRequest,
  contract: Contract,
  now: Date,
): StatusChangePreview {
  assertCount(counts.marketing, "counts.marketing");
  assertCount(counts.pendingDemotion, "counts.pendingDemotion");
  assertCount(counts.nonMarketing, "counts.nonMarketing");
  assertCount(request.count, "request.count");
  if (counts.pendingDemotion > counts.marketing) throw new RangeError("pendingDemotion cannot exceed marketing");

  const today = toLocalDate(now, contract.timeZone);
  const nextUpdate = updateDateAfter(contract, today);
  const renewal = nextRenewalDate(contract, today);

  let after: StatusCounts;
  if (request.target === "marketing") {
    if (request.count > counts.nonMarketing)
      throw new RangeError(`Only ${counts.nonMarketing} non-marketing contacts can be set to marketing`);
    after = { ...counts, marketing: counts.marketing + request.count, nonMarketing: counts.nonMarketing - request.count };
  } else {
    const demotable = counts.marketing - counts.pendingDemotion;
    if (request.count > demotable) throw new RangeError(`Only ${demotable} marketing contacts are not already pending demotion`);
    after = { ...counts, pendingDemotion: counts.pendingDemotion + request.count };
  }

  const baseline = snapshotsFor(contract, counts, today, nextUpdate, renewal);
  const withRequest = snapshotsFor(contract, after, today, nextUpdate, renewal);
  const isMarketing = request.target === "marketing";
  // An upgrade the baseline already needs (a stale purchasedTier) is not the request's doing.
  const upgrade = withRequest.upgrade && withRequest.upgrade.newLimit !== baseline.upgrade?.newLimit ? withRequest.upgrade : null;

  return {
    currency: contractPriceRow(contract).currency,
    today,
    nextUpdateDate: nextUpdate,
    renewalDate: renewal,
    effectiveNow: isMarketing ? request.count : 0,
    effectiveAtUpdateDate: isMarketing ? 0 : request.count,
    effectiveDate: isMarketing ? today : nextUpdate,
    crossesTier: upgrade !== null,
    upgrade,
    now: withRequest.now,
    atNextUpdateDate: withRequest.atNextUpdateDate,
    atRenewal: withRequest.atRenewal,
    baseline: { now: baseline.now, atNextUpdateDate: baseline.atNextUpdateDate, atRenewal: baseline.atRenewal },
    monthlyCostDeltaMinor: {
      now: withRequest.now.monthlyCostMinor - baseline.now.monthlyCostMinor,
      atNextUpdateDate: withRequest.atNextUpdateDate.monthlyCostMinor - baseline.atNextUpdateDate.monthlyCostMinor,
      atRenewalLowestTier: withRequest.atRenewal.lowestMonthlyCostMinor - baseline.atRenewal.lowestMonthlyCostMinor,
    },
  };
}
