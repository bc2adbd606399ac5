import { TRPCError } from "@trpc/server";
import { z } from "zod";

import { requireHubSpot } from "../integrationSettings/requireContext";
import { connectStatic } from "../services/connections/connectStatic";
import { addPartnerClients } from "../services/onboarding/addPartnerClients";
import { createPortalsFromRows, parsePortalsCsv } from "../services/onboarding/importPortalsCsv";
import { listPartnerClients } from "../services/onboarding/partnerClients";
import { requestSync } from "../services/sync/requestSync";
import { agencyProcedure, createTRPCRouter } from "../trpc";
import { hubspotId, hubspotToken, text } from "../validation/primitives";

const csv = text({
  trim: false,
  min: 1,
  max: 2_000_000,
  tooShort: "Paste or upload a CSV file",
  tooLong: "Split files over 2 MB into several imports",
});

export const onboardingRouter = createTRPCRouter({
  /** Checks a client list without saving anything: rows found and row-level errors. */
  previewCsv: agencyProcedure("portal.connect")
    .input(z.object({ csv }))
    .mutation(({ input }) => {
      const { rows, errors } = parsePortalsCsv(input.csv);
      return {
        rows: rows.map((r) => ({ line: r.line, name: r.portal.name, hubId: r.portal.hubId ?? null, hasToken: Boolean(r.token) })),
        errors,
      };
    }),
  /**
   * Creates the portals of a client list (all or nothing), then connects the rows that carry a
   * token and queues their first sync; a token HubSpot refuses is reported on its line.
   */
  importCsv: agencyProcedure("portal.connect")
    .input(z.object({ csv }))
    .mutation(async ({ ctx, input }) => {
      const { rows, errors } = parsePortalsCsv(input.csv);
      if (errors.length > 0) return { created: [], skipped: [], connected: [], errors };
      const now = ctx.clock.now();
      const { created, skipped } = await createPortalsFromRows(ctx.db, ctx.access, rows, { requestId: ctx.requestId, now });
      const connected: { line: number; name: string }[] = [];
      const connectErrors: { line: number; field: string; message: string }[] = [];
      for (const row of created.filter((c) => c.token)) {
        try {
          await connectStatic(
            ctx.db,
            ctx.access,
            requireHubSpot(ctx),
            { token: row.token!, portalId: row.portalId },
            { now, requestId: ctx.requestId },
          );
          if (ctx.scheduler) await requestSync(ctx.db, ctx.scheduler, { portalId: row.portalId, kind: "full" });
          connected.push({ line: row.line, name: row.name });
        } catch (error) {
          // Only our own refusals are worded for people; anything else stays in the server log.
          if (!(error instanceof TRPCError)) ctx.log.error({ err: error, line: row.line }, "connecting an imported portal failed");
          connectErrors.push({
            line: row.line,
            field: "token",
            message:
              error instanceof TRPCError ? error.message : "Connecting to HubSpot failed: try this portal's token again from its page",
          });
        }
      }
      return { created: created.map(({ token: _token, ...c }) => c), skipped, connected, errors: connectErrors };
    }),
  partnerClients: agencyProcedure("portal.connect")
    .input(z.object({ token: hubspotToken("Paste the partner portal's whole token") }))
    .mutation(({ ctx, input }) => listPartnerClients(ctx.db, ctx.access, requireHubSpot(ctx), input)),
  addPartnerClients: agencyProcedure("portal.connect")
    .input(
      z.object({
        clients: z
          .array(
            z.object({
              hubId: hubspotId("A hub id is a number").regex(/^\d{1,12}$/, "A hub id is a number"),
              name: text({ min: 1, max: 120, tooShort: "Name the client", tooLong: "Keep the name under 120 characters" }),
              domain: text({ max: 253, tooLong: "A domain has at most 253 characters" }).nullish(),
            }),
            { message: "Choose the clients to add" },
          )
          .min(1, "Choose at least one client")
          .max(1000, "Add at most 1,000 clients at once"),
      }),
    )
    .mutation(({ ctx, input }) => addPartnerClients(ctx.db, ctx.access, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
});
