// @marketable/billing: pure billing math for HubSpot Marketing Hub contact tiers.
// No I/O, no clock: every function that depends on time takes `now`.
export {
  addDays,
  assertTimeZone,
  daysBetween,
  type LocalDate,
  localDateOf,
  parseLocalDate,
  startOfLocalDay,
  toLocalDate,
} from "./calendar";
export { type Contract, contractPriceRow, type UpdateDateRule, validateContract } from "./contract";
export { addMoney, divideRoundHalfUp, formatMoney, minorToDecimalString, minorUnitDigits, type Money, money, subtractMoney } from "./money";
export {
  type BillingTerm,
  DEFAULT_PRICE_TABLE,
  type Edition,
  EDITIONS,
  type PriceRow,
  type PriceTable,
  priceRowFor,
  PUBLISHED_STARTING_POINTS_2026,
  validatePriceTable,
} from "./prices";
export { blocksFor, monthlyCost, nextTierAbove, tierLimitFor } from "./tiers";
export {
  currentPeriod,
  currentUpdatePeriod,
  demotionEffectiveDate,
  nextRenewalDate,
  nextUpdateDate,
  type Period,
  termPeriodContaining,
  updateDateAfter,
  updateDateOnOrBefore,
  updateDatesBetween,
  updateDayOfMonth,
} from "./updateDates";
export { prorate, type Upgrade, upgradeFor, upgradeOnDay } from "./proration";
export {
  type CountsSnapshot,
  previewStatusChange,
  type RenewalSnapshot,
  type Snapshots,
  type StatusChangePreview,
  type StatusChangeRequest,
  type StatusCounts,
  type StatusTarget,
} from "./preview";
export {
  DEFAULT_BAND_Z,
  DEFAULT_TREND_WINDOW_DAYS,
  fitUsageTrend,
  type HistoryPoint,
  type Inflow,
  project,
  type ProjectedRequest,
  type Projection,
  type ProjectionInput,
  type ProjectionOptions,
  type ProjectionPoint,
  type ProjectionStep,
  type RequestKind,
  type Trend,
  type UsageTrendFit,
} from "./projection";
export {
  applyWhatIfChanges,
  compareProjections,
  type CrossingChange,
  whatIf,
  type WhatIfChange,
  type WhatIfDelta,
  type WhatIfResult,
} from "./whatIf";
export {
  headroomPct,
  rollupRow,
  type RollupPortal,
  type RollupRow,
  rollupTotals,
  type RollupTotals,
  savingsAvailable,
  type SavingsAvailable,
  type SavingsInput,
} from "./rollup";
export {
  downgradeCase,
  type DowngradeCase,
  LOWER_TIER_NOTICE_BUSINESS_DAYS,
  lowerTierRenewal,
  type LowerTierRenewal,
  lowerTierRequestDeadline,
  monthlyUsage,
  type MonthlyUsage,
  renewalCases,
  type RenewalCases,
  type RenewalOption,
  renewalReviewWindow,
} from "./renewal";
export { type DemotionSummary, type MoneySummary, moneySummary, type PromotionSummary, type RenewalSaving } from "./moneySummary";
