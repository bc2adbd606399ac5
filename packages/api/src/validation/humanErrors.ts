import { z } from "zod";

/**
 * Zod's fallback messages, written for people. Every schema of ours names its own message; this
 * map answers for the rest (a field missing, a wrong type, a library's default bound), so no one
 * reads "Invalid input: expected string, received undefined". It is installed by importing
 * `@marketable/api/validation` (server and browser alike); a schema's own message wins over it.
 */
const n = (value: number | bigint) => Number(value).toLocaleString("en-US");

export const humanZodError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "This is required";
      if (issue.expected === "number" || issue.expected === "int") return "Enter a number";
      if (issue.expected === "string") return "Enter text";
      if (issue.expected === "boolean") return "Choose yes or no";
      if (issue.expected === "date") return "Enter a valid date";
      if (issue.expected === "array") return "Choose one or more items";
      return "This value is not of the expected kind";
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1 ? "This cannot be empty" : `Use at least ${n(issue.minimum)} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at least ${n(issue.minimum)}`;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return `Enter ${n(issue.minimum)} or more`;
      return "This value is too small";
    case "too_big":
      if (issue.origin === "string") return `Keep this to ${n(issue.maximum)} characters or fewer`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${n(issue.maximum)}`;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return `Enter ${n(issue.maximum)} or less`;
      return "This value is too large";
    case "invalid_format":
      if (issue.format === "email") return "Enter a valid email address";
      if (issue.format === "url") return "Enter the full URL, starting with https://";
      if (issue.format === "uuid") return "Choose an item from the list";
      if (issue.format === "date") return "Enter a date as YYYY-MM-DD";
      return "This is not in the expected format";
    case "not_multiple_of":
      return `Enter a multiple of ${n(Number(issue.divisor))}`;
    case "invalid_value":
      return "Choose one of the options";
    case "unrecognized_keys":
      return "Remove the fields this form does not have";
    case "invalid_union":
      return "This value is not one of the accepted kinds";
    default:
      return "Check this value";
  }
};

z.config({ customError: humanZodError });
