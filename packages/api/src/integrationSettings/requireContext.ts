import { TRPCError } from "@trpc/server";

import type { Context } from "../context";

/** The server's HubSpot settings, or a clear refusal where none are configured. */
export function requireHubSpot(ctx: Context) {
  if (!ctx.hubspot) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "HubSpot is not configured on this server" });
  return ctx.hubspot;
}

/** The job scheduler, or a clear refusal where no queue runs. */
export function requireScheduler(ctx: Context) {
  if (!ctx.scheduler) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "No job queue runs on this server" });
  return ctx.scheduler;
}
