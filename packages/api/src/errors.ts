import { TRPCError } from "@trpc/server";

/** "Not found" for anything outside the caller's reach: never a hint that it exists. */
export function notFound(what = "Not found"): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: what });
}

export function forbidden(message = "You do not have permission to do this"): TRPCError {
  return new TRPCError({ code: "FORBIDDEN", message });
}

/** A request that is well-formed but breaks a rule (last owner, expired invite …). */
export function rejected(message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message });
}

export function conflict(message: string): TRPCError {
  return new TRPCError({ code: "CONFLICT", message });
}
