// Calendar-day arithmetic with no time zone: a LocalDate is a day where the portal lives, already
// converted (calendar.ts does the conversion). No imports, so the browser can use it (`@marketable/
// billing/days`) without the time-zone library.
//
// Why integer day numbers rather than date-fns for the arithmetic: the projection walks a year
// of days for 500 portals inside a 100 ms budget, and calendar-day arithmetic is exact with
// integers.

/** A calendar day in the portal's time zone, written `YYYY-MM-DD`. Compares correctly as a string. */
export type LocalDate = string;

/** Days since 1970-01-01 of a calendar day (no time zone involved). */
export type DayNumber = number;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface CalendarParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (month 1-12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}

function digit(value: string, index: number): number {
  const d = value.charCodeAt(index) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

// Hand-rolled rather than a RegExp + Date: the projection parses tens of thousands of these.
export function parseLocalDate(value: LocalDate): CalendarParts {
  if (typeof value !== "string" || value.length !== 10 || value[4] !== "-" || value[7] !== "-") {
    throw new RangeError(`Expected a YYYY-MM-DD date, got "${String(value)}"`);
  }
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const month = digit(value, 5) * 10 + digit(value, 6);
  const day = digit(value, 8) * 10 + digit(value, 9);
  if (Number.isNaN(year + month + day)) throw new RangeError(`Expected a YYYY-MM-DD date, got "${value}"`);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date: "${value}"`);
  }
  return { year, month, day };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatParts(year: number, month: number, day: number): LocalDate {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Builds a LocalDate, clamping the day to the month's last day (31 -> 30, 29 -> 28 ...). */
export function clampedLocalDate(year: number, month: number, day: number): LocalDate {
  // Normalise month overflow (month 13 -> January of the next year) so callers can step months.
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return formatParts(y, m, Math.min(day, daysInMonth(y, m)));
}

// Days from civil and back: H. Hinnant's proleptic Gregorian algorithms, integers only.
function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(dayNumber: DayNumber): CalendarParts {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function toDayNumber(date: LocalDate): DayNumber {
  const { year, month, day } = parseLocalDate(date);
  return daysFromCivil(year, month, day);
}

// The projection names hundreds of thousands of days that repeat across portals; a small memo
// turns that into map look-ups. Bounded so a long-running process cannot grow it forever.
const dayNumberNames = new Map<DayNumber, LocalDate>();
const MAX_MEMO = 20_000;

export function fromDayNumber(dayNumber: DayNumber): LocalDate {
  const cached = dayNumberNames.get(dayNumber);
  if (cached !== undefined) return cached;
  const { year, month, day } = civilFromDays(dayNumber);
  const name = formatParts(year, month, day);
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
