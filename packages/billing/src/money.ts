// Money is integer minor units (cents, pence, yen) with an ISO 4217 currency. Nothing here
// multiplies money by a float: divisions go through `divideRoundHalfUp`, exact on BigInt.

export interface Money {
  /** Integer amount in the currency's minor unit (cents for USD, yen for JPY). */
  amountMinor: number;
  /** ISO 4217 code, upper case, e.g. "USD". */
  currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;

export function assertMinor(amountMinor: number, what = "amount"): void {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`${what} must be an integer number of minor units, got ${amountMinor}`);
  }
}

export function assertCurrency(currency: string): void {
  if (!CURRENCY.test(currency)) throw new RangeError(`Expected an ISO 4217 currency code, got "${currency}"`);
}

export function money(amountMinor: number, currency: string): Money {
  assertMinor(amountMinor);
  assertCurrency(currency);
  return { amountMinor, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new RangeError(`Cannot combine ${a.currency} with ${b.currency}: billing does no currency conversion`);
  }
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

/**
 * numerator / denominator rounded to the nearest integer, halves rounded up (towards +infinity):
 * 2.5 -> 3, -2.5 -> -2. Exact for any safe integers (BigInt inside), which matters because a
 * float division of a large charge can land a hair below the true half.
 */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  assertMinor(numerator, "numerator");
  assertMinor(denominator, "denominator");
  if (denominator === 0) throw new RangeError("Division by zero");
  let n = BigInt(numerator);
  let d = BigInt(denominator);
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  // floor((2n + d) / 2d), with a floor that is correct for negative values too.
  const top = 2n * n + d;
  const bottom = 2n * d;
  let q = top / bottom;
  if (top % bottom !== 0n && top < 0n) q -= 1n;
  return Number(q);
}

// Intl formatters are costly to build and a roll-up formats money for every portal: one per
// locale and currency, kept (currencies in use are few; a runaway set is dropped, not grown).
const currencyFormats = new Map<string, Intl.NumberFormat>();
function currencyFormat(locale: string, currency: string) {
  const key = `${locale}|${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    if (currencyFormats.size >= 500) currencyFormats.clear();
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    currencyFormats.set(key, format);
  }
  return format;
}

const minorDigits = new Map<string, number>();

/** Digits of the currency's minor unit per Intl (USD 2, JPY 0, KWD 3). */
export function minorUnitDigits(currency: string): number {
  assertCurrency(currency);
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits = currencyFormat("en-US", currency).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigits.set(currency, digits);
  }
  return digits;
}

/** The decimal string of an integer minor amount, built without floating point ("-1234.5" for -123450 with 2 digits -> "-1234.50"). */
export function minorToDecimalString(amountMinor: number, currency: string): Intl.StringNumericLiteral {
  assertMinor(amountMinor);
  const digits = minorUnitDigits(currency);
  const negative = amountMinor < 0;
  const abs = String(Math.abs(amountMinor)).padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits);
  const fraction = digits > 0 ? `.${abs.slice(abs.length - digits)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}` as Intl.StringNumericLiteral;
}

/**
 * Formats integer minor units for people, e.g. formatMoney(123450, "USD", "en-US") -> "$1,234.50",
 * formatMoney(123450, "EUR", "de-DE") -> "1.234,50 €". Intl formats the exact decimal string,
 * so no float ever holds the amount.
 */
export function formatMoney(amountMinor: number, currency: string, locale = "en-US"): string {
  const decimal = minorToDecimalString(amountMinor, currency);
  // Intl.NumberFormat formats exact decimal strings (ES2023), so no float ever holds the amount.
  return currencyFormat(locale, currency).format(decimal);
}
