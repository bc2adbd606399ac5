import type { LocalDate } from "./calendar";
import type { Contract } from "./contract";
import type { StatusTarget } from "./preview";
import type { Upgrade } from "./proration";

/* The inputs and the result of project() (projection.ts) and of the stored trend fit (trendFit.ts). */

export interface HistoryPoint {
  /** Local day of the daily usage snapshot. */
  date: LocalDate;
  /** Marketing contacts that day (pending demotions included: they still count). */
  marketing: number;
}

/** Marketing contacts an app (or another source) creates per day while its policy says "marketing". */
export interface Inflow {
  /** App id or source name, e.g. "app:12345" or "forms". */
  source: string;
  /** Marketing contacts per day (may be fractional, e.g. 12.5). */
  perDay: number;
  /** The history already contains this inflow (the app has been creating marketing contacts). Default true. */
  inTrend?: boolean;
  /** The inflow continues from today on. Default true; a what-if policy flip sets it false. */
  active?: boolean;
}

export type RequestKind = "approved" | "pending";

/** A status-change request not yet reflected in the history. */
export interface ProjectedRequest {
  id?: string;
  kind: RequestKind;
  target: StatusTarget;
  /** Contacts that actually change. */
  count: number;
  /** When it runs (set to marketing counts that day; set to non-marketing is queued that day). Default today. */
  effectiveAt?: LocalDate | Date;
}

export interface ProjectionOptions {
  /** Days of history the trend is fitted to (default 90). */
  trendWindowDays?: number;
  /** Band width in standard deviations (default 1.2816: an 80% band). */
  bandZ?: number;
  /** Count pending requests as if approved (default true). */
  includePending?: boolean;
  /**
   * Build the day-by-day series (default true). The roll-up projects 500 portals per request and
   * reads only the totals and dates, so it turns this off: `series` is then empty.
   */
  series?: boolean;
}

/**
 * A fitted trend as stored after each sync (see fitUsageTrend): the projection's inputs from the
 * history, so a caller projecting many portals need not read their histories.
 */
export interface UsageTrendFit {
  windowDays: number;
  points: number;
  slopePerDay: number;
  residualStdDev: number;
  slopeStdError: number;
  anchorDate: LocalDate;
  anchorValue: number;
}

export interface ProjectionInput {
  /** Daily usage snapshots, ascending by date. Only the trailing trend window is read. */
  history: readonly HistoryPoint[];
  /** A stored fit of the history (same trend window) used instead of fitting `history`. */
  fit?: UsageTrendFit;
  contract: Contract;
  now: Date;
  inflows?: readonly Inflow[];
  requests?: readonly ProjectedRequest[];
  /** Contacts currently pending demotion (leave at the next update date). */
  queuedDemotions?: number;
  /** Last day + 1 of the projection (exclusive). Default: the next renewal date. */
  horizon?: LocalDate | Date;
  options?: ProjectionOptions;
}

export interface ProjectionPoint {
  date: LocalDate;
  expected: number;
  low: number;
  high: number;
  /** Limit in force that day on the expected path (after any automatic upgrade). */
  tierLimit: number;
}

export interface ProjectionStep {
  date: LocalDate;
  /** Change in marketing contacts that day (negative for demotions). */
  delta: number;
  reason: "request" | "queuedDemotion";
  requestId?: string;
  kind?: RequestKind;
}

export interface Trend {
  /** History points the line was fitted to. */
  points: number;
  windowDays: number;
  fittedSlopePerDay: number;
  /** Sum of inflows already in the history. */
  inTrendInflowPerDay: number;
  /** Growth not explained by the listed inflows (forms, imports, churn ...). */
  organicSlopePerDay: number;
  /** Sum of inflows active from now on. */
  activeInflowPerDay: number;
  projectedSlopePerDay: number;
  residualStdDev: number;
  slopeStdError: number;
  anchorDate: LocalDate;
  anchorValue: number;
}

export interface Projection {
  currency: string;
  today: LocalDate;
  /** First day not projected (the renewal date by default). */
  horizon: LocalDate;
  purchasedTier: number;
  trend: Trend;
  steps: ProjectionStep[];
  /** One point per day from today to the day before the horizon. */
  series: ProjectionPoint[];
  /** Update dates in [today, horizon]. */
  updateDates: LocalDate[];
  /** First day the expected count goes over the purchased tier, or null. */
  crossingDate: LocalDate | null;
  /** First day the high edge of the band goes over the purchased tier (the pessimistic date). */
  crossingDateHigh: LocalDate | null;
  /** First day the low edge goes over it (the optimistic date). */
  crossingDateLow: LocalDate | null;
  /** Automatic upgrades on the expected path, in order. */
  upgrades: Upgrade[];
  /** Sum of the upgrades' pro-rated charges. */
  upgradeChargesMinor: number;
  /** Recurring price of the tier(s) in force from today to the horizon, pro-rated by days per term period. */
  recurringThroughHorizonMinor: number;
  /** recurringThroughHorizonMinor + upgradeChargesMinor. */
  costThroughHorizonMinor: number;
  /** Expected marketing contacts on the horizon day (after update-date demotions that day). */
  expectedAtHorizon: number;
  tierAtHorizon: number;
  monthlyCostAtHorizonMinor: number;
  /** The lowest tier covering `expectedAtHorizon`: what could be requested for the renewal. */
  lowestTierAtHorizon: number;
  lowestMonthlyCostAtHorizonMinor: number;
}
