import { TRPCError } from "@trpc/server";
import { z } from "zod";

import { requireHubSpot, requireScheduler } from "../integrationSettings/requireContext";
import { connectStatic } from "../services/connections/connectStatic";
import { disconnectPortal } from "../services/connections/disconnect";
import { startOAuth } from "../services/connections/oauthFlow";
import { dailyApiUsage } from "../services/sync/dailyReserve";
import { requestSync } from "../services/sync/requestSync";
import { syncStatus } from "../services/sync/syncStatus";
import { agencyProcedure, createTRPCRouter, portalProcedure } from "../trpc";
import { hubspotToken, recordId, text } from "../validation/primitives";

export const connectionsRouter = createTRPCRouter({
  /** Begins OAuth: returns HubSpot's authorize URL with a single-use state. */
  startOAuth: agencyProcedure("portal.connect")
    .input(z.object({ portalId: recordId("Choose a portal").optional() }))
    .mutation(({ ctx, input }) => startOAuth(ctx.db, ctx.access, requireHubSpot(ctx), input, ctx.clock.now())),
  connectToken: agencyProcedure("portal.connect")
    .input(
      z.object({
        token: hubspotToken("Paste the whole token"),
        name: text({ max: 120, tooLong: "Keep the name under 120 characters" }).optional(),
        portalId: recordId("Choose a portal").optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const portal = await connectStatic(ctx.db, ctx.access, requireHubSpot(ctx), input, {
        now: ctx.clock.now(),
        requestId: ctx.requestId,
      });
      if (ctx.scheduler) await requestSync(ctx.db, ctx.scheduler, { portalId: portal.id, kind: "full" });
      return { portalId: portal.id, name: portal.name };
    }),
  disconnect: portalProcedure("portal.connect").mutation(({ ctx }) =>
    disconnectPortal(ctx.db, ctx.access, requireHubSpot(ctx), ctx.portal, { now: ctx.clock.now(), requestId: ctx.requestId, log: ctx.log }),
  ),
  syncStatus: portalProcedure("portal.view").query(({ ctx }) => syncStatus(ctx.db, ctx.portal.id, ctx.clock.now())),
  /** Today's HubSpot API usage of the connection: the private apps' shared daily limit, Marketable's share, the reserve. */
  apiUsage: portalProcedure("portal.view").query(({ ctx }) =>
    dailyApiUsage(ctx.db, ctx.portal, ctx.clock.now(), ctx.hubspot?.dailyReservePercent),
  ),
  /** Starts a sync now (or returns the one already under way). */
  sync: portalProcedure("integrations.managePolicy")
    .input(z.object({ kind: z.enum(["full", "incremental"], { message: "Choose a full or an incremental sync" }).default("incremental") }))
    .mutation(async ({ ctx, input }) => {
      if (!ctx.portal.hubId || ctx.portal.connectionStatus !== "connected") {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Connect this portal to HubSpot before syncing it" });
      }
      const run = await requestSync(ctx.db, requireScheduler(ctx), { portalId: ctx.portal.id, kind: input.kind });
      return { runId: run.id, status: run.status };
    }),
});
