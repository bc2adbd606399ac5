import { assertCount } from "./assertCount";
import { fromDayNumber, toDayNumber, toLocalDate, type DayNumber } from "./calendar";
import type { HistoryPoint, UsageTrendFit } from "./projectionTypes";

export const DEFAULT_TREND_WINDOW_DAYS = 90;

export interface Fit {
  points: number;
  slope: number;
  residualStdDev: number;
  slopeStdError: number;
  anchorDay: DayNumber;
  anchorValue: number;
}

/**
 * Least-squares line through the history points in (anchor - window, anchor], read from the end;
 * the anchor is the last point on or before today.
 */
export function fitTrend(history: readonly HistoryPoint[], today: DayNumber, windowDays: number): Fit {
  const xs: number[] = [];
  const ys: number[] = [];
  let anchorDay: DayNumber | null = null;
  let anchorValue = 0;
  let previous = Infinity;
  for (let i = history.length - 1; i >= 0; i--) {
    const point = history[i];
    if (!point) continue;
    const day = toDayNumber(point.date);
    if (day >= previous) throw new RangeError(`History must be ascending by date with one point per day (at ${point.date})`);
    previous = day;
    if (day > today) continue; // snapshots dated after `now` are ignored
    if (!Number.isSafeInteger(point.marketing) || point.marketing < 0)
      throw new RangeError(`History count must be a non-negative integer (at ${point.date})`);
    if (anchorDay === null) {
      anchorDay = day;
      anchorValue = point.marketing;
    }
    if (day <= anchorDay - windowDays) break;
    xs.push(day - anchorDay); // 0, -1, -2 ...: small numbers keep the sums exact
    ys.push(point.marketing);
  }
  if (anchorDay === null) throw new RangeError("History has no point on or before today: the projection needs a current count");

  const n = xs.length;
  if (n < 2) return { points: n, slope: 0, residualStdDev: 0, slopeStdError: 0, anchorDay, anchorValue };
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0;
    sy += ys[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] ?? 0) - my);
  }
  const slope = sxy / sxx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] ?? 0) - (my + slope * ((xs[i] ?? 0) - mx));
    ssr += r * r;
  }
  // Two parameters fitted: n - 2 degrees of freedom; with 2 points the line is exact and unknown.
  const residualStdDev = n > 2 ? Math.sqrt(ssr / (n - 2)) : 0;
  return { points: n, slope, residualStdDev, slopeStdError: residualStdDev / Math.sqrt(sxx), anchorDay, anchorValue };
}

/**
 * The least-squares fit of a portal's history as of `now` in its time zone, for storing: project()
 * given it as `fit` gives the same result as given the history (with the same trend window).
 */
export function fitUsageTrend(
  history: readonly HistoryPoint[],
  now: Date,
  timeZone: string,
  windowDays = DEFAULT_TREND_WINDOW_DAYS,
): UsageTrendFit {
  const fit = fitTrend(history, toDayNumber(toLocalDate(now, timeZone)), windowDays);
  return {
    windowDays,
    points: fit.points,
    slopePerDay: fit.slope,
    residualStdDev: fit.residualStdDev,
    slopeStdError: fit.slopeStdError,
    anchorDate: fromDayNumber(fit.anchorDay),
    anchorValue: fit.anchorValue,
  };
}

export function storedFit(stored: UsageTrendFit, windowDays: number): Fit {
  if (stored.windowDays !== windowDays)
    throw new RangeError(`The stored trend was fitted over ${stored.windowDays} days, not ${windowDays}`);
  assertCount(stored.anchorValue, "fit.anchorValue");
  return {
    points: stored.points,
    slope: stored.slopePerDay,
    residualStdDev: stored.residualStdDev,
    slopeStdError: stored.slopeStdError,
    anchorDay: toDayNumber(stored.anchorDate),
    anchorValue: stored.anchorValue,
  };
}
