import { minorToDecimalString, minorUnitDigits } from "@marketable/billing/money";

/** "225.5" in USD → 22550 minor units, by string digits (never float arithmetic); null when not a price. */
export function parseMoneyInput(text: string, currency: string): number | null {
  const digits = minorUnitDigits(currency);
  const match = /^\s*(\d{1,12})(?:\.(\d*))?\s*$/.exec(text.replace(/,/g, ""));
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

export const moneyInputValue = (minor: number, currency: string): string => minorToDecimalString(minor, currency);
