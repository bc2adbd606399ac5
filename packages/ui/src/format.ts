/**
 * Number and date formatting on Intl only, so server and browser agree and nothing depends on
 * the machine's locale or time zone: callers pass both explicitly (defaults: en-US, UTC).
 */

export const DEFAULT_LOCALE = "en-US";

export type FormatNumberOptions = Intl.NumberFormatOptions & { locale?: string };

// Building an Intl formatter costs far more than formatting with one, and a page of tables formats
// thousands of values: on the server that was the largest single cost of rendering the roll-up.
// One formatter per locale and options, kept (the set in use is small: a few locales, currencies
// and zones); a runaway set of keys is dropped rather than grown without bound.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    if (formatters.size >= 500) formatters.clear();
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}
const numberFormat = (locale: string, options: Intl.NumberFormatOptions) =>
  cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

/** 12480 -> "12,480". null/undefined/NaN -> "—" so tables never show "NaN". */
export function formatNumber(value: number | bigint | null | undefined, options: FormatNumberOptions = {}): string {
  if (value == null || (typeof value === "number" && !Number.isFinite(value))) return "—";
  const { locale = DEFAULT_LOCALE, ...rest } = options;
  return numberFormat(locale, { maximumFractionDigits: 2, ...rest }).format(value);
}

/** Money in the portal's currency: formatCurrency(1234.5, "EUR", "de-DE") -> "1.234,50 €". */
export function formatCurrency(value: number | null | undefined, currency: string, locale: string = DEFAULT_LOCALE): string {
  return formatNumber(value, { locale, style: "currency", currency, maximumFractionDigits: undefined });
}

export type DateInput = Date | string | number;

export function toDate(input: DateInput): Date {
  return input instanceof Date ? input : new Date(input);
}

/** "Mar 4, 2026, 2:05 PM" in the given IANA zone. */
export function formatDateInZone(
  date: DateInput,
  timeZone: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" },
  locale: string = DEFAULT_LOCALE,
): string {
  return dateTimeFormat(locale, { ...options, timeZone }).format(toDate(date));
}

/** The calendar day (as a UTC day number) that an instant falls on in a time zone. */
function dayNumberInZone(date: Date, timeZone: string): number {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Math.round(Date.UTC(get("year"), get("month") - 1, get("day")) / 86_400_000);
}

/**
 * "in 3 days", "yesterday", "in 2 hours", "5 minutes ago". Days count calendar days in the
 * given zone (a renewal at 00:30 tomorrow in the portal's zone is "tomorrow", even if that is
 * still today in UTC); within the same day it falls back to hours and minutes.
 */
export function formatRelative(date: DateInput, now: DateInput, timeZone: string, locale: string = DEFAULT_LOCALE): string {
  const target = toDate(date);
  const reference = toDate(now);
  const rtf = cached(`r|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  const days = dayNumberInZone(target, timeZone) - dayNumberInZone(reference, timeZone);
  if (days === 0) {
    const seconds = (target.getTime() - reference.getTime()) / 1000;
    if (Math.abs(seconds) < 60) return rtf.format(0, "second");
    if (Math.abs(seconds) < 3600) return rtf.format(Math.trunc(seconds / 60), "minute");
    return rtf.format(Math.trunc(seconds / 3600), "hour");
  }
  if (Math.abs(days) < 7) return rtf.format(days, "day");
  if (Math.abs(days) < 31) return rtf.format(Math.round(days / 7), "week");
  if (Math.abs(days) < 365) return rtf.format(Math.round(days / 30.44), "month");
  return rtf.format(Math.round(days / 365.25), "year");
}

// The app's two kinds of date (one format each, used on every page):
// - a contract date (renewal, update date, billing period, deadline) is a calendar day in the
//   portal's time zone, already computed there as "YYYY-MM-DD": shown as "Dec 5, 2026", never
//   shifted by the viewer's zone;
// - an event (a sync, a request, an audit entry) is an instant, shown in the viewer's zone with
//   the zone named: "Dec 2, 2026, 1:36 PM UTC".
const contractDayFormat = new Intl.DateTimeFormat(DEFAULT_LOCALE, { dateStyle: "medium", timeZone: "UTC" });

/** A contract date ("2026-12-05", a day in the portal's zone) as "Dec 5, 2026". */
export function formatContractDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? "—" : contractDayFormat.format(date);
}

/** An event's instant in `timeZone` (the viewer's) with the zone named: "Dec 2, 2026, 1:36 PM UTC". */
export function formatEventTime(date: DateInput, timeZone: string, locale: string = DEFAULT_LOCALE): string {
  const d = toDate(date);
  if (Number.isNaN(d.getTime())) return "—";
  return dateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(d);
}
