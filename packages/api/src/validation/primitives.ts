import { z } from "zod";

/**
 * The input primitives every procedure (and every form that shares its schema) builds on. Each
 * one refuses, in words, what would otherwise reach PostgreSQL and fail there as a 500: NUL
 * bytes and lone UTF-16 surrogates (text and jsonb refuse both), strings and numbers beyond a
 * column's range, and dates outside a sane window. Pure zod: client components import this.
 */

/** Under the `u` flag a surrogate pair is one code point, so this matches lone surrogates only. */
const LONE_SURROGATE = /\p{Surrogate}/u;

export const textMessages = {
  nul: "Remove the NUL character (\\0): it cannot be stored",
  surrogate: "This text has a broken character (a lone UTF-16 surrogate): retype it",
};

export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

export interface TextOptions {
  max: number;
  /** At least this many characters after trimming (0: may be empty). */
  min?: number;
  tooLong?: string;
  tooShort?: string;
  /** Pasted files and lists keep their whitespace. */
  trim?: boolean;
  /** When the value is not a string at all. */
  notText?: string;
}

/** Text: trimmed, bounded, no NUL, well-formed Unicode. */
export function text({ max, min = 0, tooLong, tooShort, trim = true, notText }: TextOptions) {
  let schema = z.string({ message: notText ?? "Enter text" });
  if (trim) schema = schema.trim();
  if (min > 0) schema = schema.min(min, tooShort ?? (min === 1 ? "This cannot be empty" : `Use at least ${min} characters`));
  return schema
    .max(max, tooLong ?? `Keep this to ${max.toLocaleString("en-US")} characters or fewer`)
    .refine((value) => !value.includes("\u0000"), textMessages.nul)
    .refine((value) => !LONE_SURROGATE.test(value), textMessages.surrogate);
}

export const EMAIL_MAX = 254;

/**
 * An email address (RFC 5321's 254 characters at most), trimmed and lower-cased. The length is
 * checked before the address pattern, which need not scan a 10,000-character string.
 */
export function emailAddress(message = "Enter a valid email address") {
  return z
    .string({ message })
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX, `An email address has at most ${EMAIL_MAX} characters`)
    .pipe(z.email({ message }));
}

export const URL_MAX = 2_048;

/** An absolute URL of at most 2,048 characters. */
export function webUrl(message = "Enter the full URL, starting with https://") {
  return z
    .string({ message })
    .trim()
    .max(URL_MAX, `Keep the URL to ${URL_MAX.toLocaleString("en-US")} characters or fewer`)
    .pipe(z.url({ message }));
}

/** A row of ours (a UUID); `message` names what to choose, e.g. "Choose a portal". */
export function recordId(message = "Choose an item from the list") {
  return z.uuid({ message });
}

/** A HubSpot numeric id (hub, contact, app): digits only, at most 20 of them. */
export function hubspotId(message = "A HubSpot id is a number") {
  return z
    .string({ message })
    .trim()
    .regex(/^\d{1,20}$/, message);
}

/**
 * A HubSpot access token, private-app token or service key as pasted: printable ASCII only, as
 * it travels in an HTTP header (anything else would fail there, not here).
 */
export function hubspotToken(tooShort = "Paste the whole token") {
  return text({ min: 10, max: 500, tooShort, tooLong: "That is longer than any HubSpot token" }).regex(
    /^[\x21-\x7e]+$/,
    "A HubSpot token has no spaces or special characters: paste it again",
  );
}

/** The dates a person may mean: anything PostgreSQL and the billing math handle without surprise. */
export const EARLIEST_YEAR = 1970;
export const LATEST_YEAR = 2100;
const EARLIEST = new Date(Date.UTC(EARLIEST_YEAR, 0, 1));
const LATEST = new Date(Date.UTC(LATEST_YEAR, 11, 31, 23, 59, 59, 999));
const outOfRange = `Enter a date between ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/** A calendar day as YYYY-MM-DD, years 1970 to 2100. */
export function calendarDay(message = "Enter a date as YYYY-MM-DD") {
  return z.iso.date({ message }).refine((value) => {
    // zod runs this even when the format check failed: leave that case to its message.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return true;
    const year = Number(value.slice(0, 4));
    return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
  }, outOfRange);
}

const CURRENCY_WORDS = "Use a three-letter currency code, such as USD";
/** ISO 4217 codes as the runtime knows them ("XYZ" is three letters but no currency). */
const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

/** A currency code: three capital letters that name a real currency. */
export function currencyCode() {
  return text({ max: 3, tooLong: CURRENCY_WORDS })
    .regex(/^[A-Z]{3}$/, CURRENCY_WORDS)
    .refine(
      (code) => !/^[A-Z]{3}$/.test(code) || knownCurrencies.has(code),
      "That is not a currency code: use one such as USD, EUR or GBP",
    );
}

/** An instant (a Date, or text a Date can be read from), years 1970 to 2100. */
export function instant(message = "Enter a valid date") {
  return z.coerce.date({ message }).min(EARLIEST, outOfRange).max(LATEST, outOfRange);
}

export interface CountOptions {
  min?: number;
  max: number;
  /** What is counted, for the messages: "days", "contacts" … */
  unit?: string;
  notWhole?: string;
  tooSmall?: string;
  tooLarge?: string;
}

/** A whole number within bounds (NaN, Infinity and fractions refused). */
export function count({ min = 0, max, unit, notWhole, tooSmall, tooLarge }: CountOptions) {
  const what = unit ? ` ${unit}` : "";
  return z
    .int(notWhole ?? `Enter a whole number${unit ? ` of ${unit}` : ""}`)
    .min(min, tooSmall ?? `Enter at least ${min.toLocaleString("en-US")}${what}`)
    .max(max, tooLarge ?? `Enter at most ${max.toLocaleString("en-US")}${what}`);
}

/** The most money one field may hold, in minor units: ten billion in any currency. */
export const MONEY_MAX_MINOR = 1_000_000_000_000;

/** An amount of money in whole minor units (cents), never negative, bounded. */
export function moneyMinor(what = "amount") {
  return z
    .number({ message: `Enter the ${what}` })
    .int(`The ${what} is in whole minor units (cents)`)
    .min(0, `The ${what} cannot be negative`)
    .max(MONEY_MAX_MINOR, `The ${what} is larger than any price`);
}

/** A page number of a paged list. */
export const pageNumber = count({ min: 1, max: 1_000_000, unit: "pages", notWhole: "Choose a page" });
