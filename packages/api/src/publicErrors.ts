import type { TRPCError } from "@trpc/server";
import { ZodError } from "zod";

/**
 * Which errors a caller may read, and what they read otherwise. Our refusals (`errors.ts`:
 * NOT_FOUND, FORBIDDEN, BAD_REQUEST with words …) carry no cause, and input validation carries
 * the ZodError of our own schemas: both are written for people. Anything else (a database
 * error, a bug, a library's message) may hold SQL, bound values or other rows' ids, so the
 * caller gets a generic message with the request's id and the server log gets the rest.
 */
export function isDeliberate(error: TRPCError): boolean {
  if (error.code === "INTERNAL_SERVER_ERROR") return false;
  return error.cause === undefined || error.cause instanceof ZodError;
}

export function unexpectedErrorMessage(requestId: string): string {
  return `Something went wrong on our side; reference ${requestId}`;
}

/**
 * The words of a refused input: its schemas' messages (never zod's JSON of the issues). The
 * forms read field by field from the flattened errors that travel beside this.
 */
export function invalidInputMessage(error: ZodError): string {
  const messages = [...new Set(error.issues.map((issue) => issue.message))];
  const shown = messages.slice(0, 3).join("; ");
  return messages.length > 3 ? `${shown}; and ${messages.length - 3} more` : shown || "Check the values entered";
}

/** Errors already written to the log with their request id, so the formatter does not repeat them. */
export const loggedErrors = new WeakSet<object>();
