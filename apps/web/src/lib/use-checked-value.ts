import { useRef } from "react";
import type { z } from "zod";

/**
 * A typed value checked with the server's own schema before it is sent: `valid` is the last value
 * that passed (what the page queries with), `error` the schema's words for the current one. What
 * was typed stays in the box; the previous results stay on screen. While the schema is still
 * loading (lazy-validation.ts) nothing new counts as valid and nothing is refused yet.
 */
export function useCheckedValue<T>(schema: z.ZodType | undefined, value: T): { valid: T; error: string | undefined } {
  const result = schema?.safeParse(value);
  const last = useRef(value);
  if (result?.success) last.current = value;
  return { valid: last.current, error: result && !result.success ? result.error.issues[0]?.message : undefined };
}
