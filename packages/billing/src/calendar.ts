// Calendar days in a portal's time zone. HubSpot's billing rules (update dates, renewals,
// pro-rating) are about calendar days where the portal lives, so instants are converted to a
// local day once, at the edge, and all further arithmetic is on calendar days, which carry no
// time zone and no DST: a 23-hour spring-forward day is still one day.
//
// Why integer day numbers rather than date-fns for the arithmetic: the projection walks a year
// of days for 500 portals inside a 100 ms budget, and calendar-day arithmetic is exact with
// integers. @date-fns/tz (TZDate) does the one part that needs a time-zone database: turning an
// instant into the portal's local day and back.
import { TZDate } from "@date-fns/tz";
import { startOfDay } from "date-fns";

/** A calendar day in the portal's time zone, written `YYYY-MM-DD`. Compares correctly as a string. */
export type LocalDate = string;

/** Days since 1970-01-01 of a calendar day (no time zone involved). */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

/** Days in a month (month 1-12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseLocalDate(value: LocalDate): CalendarParts {
  const match = LOCAL_DATE.exec(value);
  if (!match) throw new RangeError(`Expected a YYYY-MM-DD date, got "${value}"`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date: "${value}"`);
  }
  return { year, month, day };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Builds a LocalDate, clamping the day to the month's last day (31 -> 30, 29 -> 28 ...). */
export function clampedLocalDate(year: number, month: number, day: number): LocalDate {
  // Normalise month overflow (month 13 -> January of the next year) so callers can step months.
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function toDayNumber(date: LocalDate): DayNumber {
  const { year, month, day } = parseLocalDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

// The projection formats hundreds of thousands of days that repeat across portals; a small
// memo turns that into map look-ups. Bounded so a long-running process cannot grow it forever.
const dayNumberNames = new Map<DayNumber, LocalDate>();
const MAX_MEMO = 20_000;

export function fromDayNumber(dayNumber: DayNumber): LocalDate {
  const cached = dayNumberNames.get(dayNumber);
  if (cached !== undefined) return cached;
  const name = new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
  if (dayNumberNames.size >= MAX_MEMO) dayNumberNames.clear();
  dayNumberNames.set(dayNumber, name);
  return name;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

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
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid instant");
  const local = new TZDate(instant.getTime(), timeZone);
  const year = local.getFullYear();
  if (Number.isNaN(year)) throw new RangeError(`Unknown IANA time zone: "${timeZone}"`);
  return `${year}-${pad2(local.getMonth() + 1)}-${pad2(local.getDate())}`;
}

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
