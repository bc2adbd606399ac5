// Calendar days in a portal's time zone. HubSpot's billing rules (update dates, renewals,
// pro-rating) are about calendar days where the portal lives, so instants are converted to a
// local day once, at the edge, and all further arithmetic is on calendar days, which carry no
// time zone and no DST: a 23-hour spring-forward day is still one day.
//
// The day arithmetic is in days.ts (integers, no time zone). @date-fns/tz (TZDate) does the one
// part here that needs a time-zone database: turning an instant into the portal's local day and back.
import { TZDate, tzOffset } from "@date-fns/tz";
import { startOfDay } from "date-fns";

import { fromDayNumber, parseLocalDate, type LocalDate } from "./days";

export * from "./days";

const MS_PER_DAY = 86_400_000;

/** Throws a RangeError unless `timeZone` is an IANA zone this runtime knows. */
const knownTimeZones = new Set<string>();

export function assertTimeZone(timeZone: string): void {
  if (knownTimeZones.has(timeZone)) return; // building a formatter costs ~20 us; projections call this per portal
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new RangeError(`Unknown IANA time zone: "${timeZone}"`);
  }
  knownTimeZones.add(timeZone);
}

/** The calendar day an instant falls on in `timeZone` (e.g. 04:30Z on 1 March is 28 Feb in New York). */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid instant");
  // The roll-up asks this for the same instant and a handful of zones once per portal (500
  // times a request): remember the last answer per zone rather than formatting again.
  const cached = lastLocalDate.get(timeZone);
  if (cached?.ms === ms) return cached.date;
  // @date-fns/tz's offset look-up (one cached Intl formatter per zone); the wall-clock day is
  // then the UTC day of instant + offset. Cheaper than building a TZDate per call.
  const offsetMinutes = tzOffset(timeZone, instant);
  if (Number.isNaN(offsetMinutes)) throw new RangeError(`Unknown IANA time zone: "${timeZone}"`);
  const date = fromDayNumber(Math.floor((ms + offsetMinutes * 60_000) / MS_PER_DAY));
  if (lastLocalDate.size > 1_000) lastLocalDate.clear();
  lastLocalDate.set(timeZone, { ms, date });
  return date;
}

const lastLocalDate = new Map<string, { ms: number; date: LocalDate }>();

/**
 * The instant a local day begins in `timeZone`. Where DST skips midnight (e.g. America/Santiago),
 * the day begins at the first instant that exists, 01:00.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  assertTimeZone(timeZone);
  const { year, month, day } = parseLocalDate(date);
  return new Date(startOfDay(new TZDate(year, month - 1, day, 12, timeZone)).getTime());
}

/** Accepts either an instant (converted in `timeZone`) or an already-local day. */
export function toLocalDate(value: Date | LocalDate, timeZone: string): LocalDate {
  if (typeof value === "string") {
    parseLocalDate(value);
    return value;
  }
  return localDateOf(value, timeZone);
}
