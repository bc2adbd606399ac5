import { describe, expect, it } from "vitest";
import { z } from "zod";

import { humanZodError } from "../src/validation";

// Importing the validation module installs the map; these schemas name no messages of their own.
const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.error!.issues[0]!.message;
};

describe("zod's fallback messages are written for people", () => {
  it("says what to do, never a type name or JSON", () => {
    expect(messageOf(z.object({ name: z.string() }), {})).toBe("This is required");
    expect(messageOf(z.number(), "abc")).toBe("Enter a number");
    expect(messageOf(z.string().max(5), "toolong")).toBe("Keep this to 5 characters or fewer");
    expect(messageOf(z.number().min(0), -500)).toBe("Enter 0 or more");
    expect(messageOf(z.number().max(10_000), 20_000)).toBe("Enter 10,000 or less");
    expect(messageOf(z.email(), "not-an-email")).toBe("Enter a valid email address");
    expect(messageOf(z.enum(["a", "b"]), "c")).toBe("Choose one of the options");
  });

  it("leaves a schema's own message alone", () => {
    expect(messageOf(z.number().min(0, "The price cannot be negative"), -1)).toBe("The price cannot be negative");
    expect(typeof humanZodError).toBe("function");
  });
});
