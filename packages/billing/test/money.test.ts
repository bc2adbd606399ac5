import { describe, expect, it } from "vitest";

import { addMoney, divideRoundHalfUp, formatMoney, minorToDecimalString, minorUnitDigits, money, subtractMoney } from "../src/money";

describe("divideRoundHalfUp", () => {
  it.each([
    [5, 2, 3], // 2.5 -> 3
    [3, 2, 2], // 1.5 -> 2
    [7, 3, 2], // 2.33 -> 2
    [8, 3, 3], // 2.67 -> 3
    [-5, 2, -2], // -2.5 -> -2 (half up is towards +infinity)
    [-7, 3, -2], // -2.33 -> -2
    [-8, 3, -3], // -2.67 -> -3
    [10, 5, 2],
    [0, 7, 0],
    [5, -2, -2], // -2.5 -> -2
  ])("%i / %i -> %i", (n, d, expected) => {
    expect(divideRoundHalfUp(n, d)).toBe(expected);
  });

  it("is exact where float division is not: (2^52 + 1) / 2 rounds up", () => {
    // 4503599627370497 / 2 = 2251799813685248.5 -> ...249
    expect(divideRoundHalfUp(4_503_599_627_370_497, 2)).toBe(2_251_799_813_685_249);
  });

  it("refuses non-integers and zero", () => {
    expect(() => divideRoundHalfUp(1.5, 2)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1, 0)).toThrow(RangeError);
  });
});

describe("money", () => {
  it("keeps integer minor units and one currency", () => {
    expect(addMoney(money(150, "USD"), money(250, "USD"))).toEqual({ amountMinor: 400, currency: "USD" });
    expect(subtractMoney(money(150, "USD"), money(250, "USD"))).toEqual({ amountMinor: -100, currency: "USD" });
    expect(() => addMoney(money(1, "USD"), money(1, "EUR"))).toThrow(/no currency conversion/);
    expect(() => money(0.1, "USD")).toThrow(RangeError);
    expect(() => money(1, "usd")).toThrow(RangeError);
  });

  it("knows minor-unit digits", () => {
    expect(minorUnitDigits("USD")).toBe(2);
    expect(minorUnitDigits("JPY")).toBe(0);
    expect(minorUnitDigits("KWD")).toBe(3);
  });

  it("builds the decimal string without floats", () => {
    expect(minorToDecimalString(123450, "USD")).toBe("1234.50");
    expect(minorToDecimalString(5, "USD")).toBe("0.05");
    expect(minorToDecimalString(-5, "USD")).toBe("-0.05");
    expect(minorToDecimalString(1234, "JPY")).toBe("1234");
    expect(minorToDecimalString(1234, "KWD")).toBe("1.234");
    expect(minorToDecimalString(9_007_199_254_740_991, "USD")).toBe("90071992547409.91");
  });

  it("formats with Intl in the given locale", () => {
    const nbsp = /\u00a0/g;
    expect(formatMoney(123450, "USD", "en-US")).toBe("$1,234.50");
    expect(formatMoney(123450, "EUR", "de-DE").replace(nbsp, " ")).toBe("1.234,50 €");
    expect(formatMoney(1234, "JPY", "en-US")).toBe("¥1,234");
    expect(formatMoney(-2500, "USD")).toBe("-$25.00");
    expect(formatMoney(9_007_199_254_740_991, "USD")).toBe("$90,071,992,547,409.91");
  });
});
