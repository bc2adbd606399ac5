import { z } from "zod";
import { connectStatic } from "../services/connections/connectStatic";
import { addPartnerClients } from "../services/onboarding/addPartnerClients";
import { createPortalsFromRows, parsePortalsCsv } from "../services/onboarding/importPortalsCsv";
import { listPartnerClients } from "../services/onboarding/partnerClients";
import { requestSync } from "../services/sync/requestSync";
import { agencyProcedure, createTRPCRouter } from "../trpc";
import { requireHubSpot } from "../hubspot/requireContext";

const csv = z
  .string()
  .min(1, "Paste or upload a CSV file")
  .max(2_000_000, "Split files over 2 MB into several imports");


export const onboardingRouter = createTRPCRouter({
  /** Checks a client list without saving anything: rows found and row-level errors. */
  previewCsv: agencyProcedure("portal.connect")
    .input(z.object({ csv }))
    .mutation(({ input }) => {
      const { rows, errors } = parsePortalsCsv(input.csv);
      return { rows: rows.map((r) => ({ line: r.line, name: r.portal.name, hubId: r.portal.hubId ?? null, hasToken: Boolean(r.token) })), errors };
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
          await connectStatic(ctx.db, ctx.access, requireHubSpot(ctx), { token: row.token!, portalId: row.portalId }, { now, requestId: ctx.requestId });
          if (ctx.scheduler) await requestSync(ctx.db, ctx.scheduler, { portalId: row.portalId, kind: "full" });
          connected.push({ line: row.line, name: row.name });
        } catch (error) {
          connectErrors.push({ line: row.line, field: "token", message: error instanceof Error ? error.message : "Connecting failed" });
        }
      }
      return { created: created.map(({ token: _token, ...c }) => c), skipped, connected, errors: connectErrors };
    }),
  partnerClients: agencyProcedure("portal.connect")
    .input(z.object({ token: z.string().trim().min(10, "Paste the partner portal's whole token").max(500) }))
    .mutation(({ ctx, input }) => listPartnerClients(ctx.db, ctx.access, requireHubSpot(ctx), input)),
  addPartnerClients: agencyProcedure("portal.connect")
    .input(
      z.object({
        clients: z
          .array(z.object({ hubId: z.string().regex(/^\d{1,12}$/, "A hub id is a number"), name: z.string().trim().min(1).max(120), domain: z.string().max(253).nullish() }))
          .min(1, "Choose at least one client")
          .max(1000),
      }),
    )
    .mutation(({ ctx, input }) => addPartnerClients(ctx.db, ctx.access, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
});
