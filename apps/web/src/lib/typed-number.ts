import type { z } from "zod";

/**
 * A whole number as typed ("1,500" or "1500") checked with the server's schema. Anything else
 * ("abc", "-500", "1.5") gets the schema's words and is never rounded, stripped or flipped into a
 * number it was not: `value` is undefined until the text is a valid number.
 */
export function readWholeNumber(text: string, schema: z.ZodType<number>): { value?: number; error?: string } {
  const trimmed = text.trim();
  if (trimmed === "") return {};
  // Thousands separators only where they belong: "1,500" yes, "1,5" no.
  const plain = /^-?\d{1,3}(,\d{3})+$/.test(trimmed) ? trimmed.replace(/,/g, "") : trimmed;
  const number = /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : Number.NaN;
  const result = schema.safeParse(number);
  return result.success ? { value: result.data } : { error: result.error.issues[0]?.message ?? "Enter a whole number" };
}
