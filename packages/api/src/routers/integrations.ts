import { portals } from "@marketable/db";
import { can } from "@marketable/permissions";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { integrationsMatrixPage } from "../services/integrations/matrixPage";
import { portalIntegrations } from "../services/integrations/portalIntegrations";
import { setAppPolicy, setAppPolicyTemplate } from "../services/integrations/setPolicy";
import { agencyProcedure, createTRPCRouter, portalProcedure } from "../trpc";
import { count, pageNumber, text } from "../validation/primitives";

const appId = text({ min: 1, max: 64, tooShort: "Choose an app", tooLong: "An app id has at most 64 characters" });

const matrixInput = z
  .object({
    search: text({ max: 120, tooLong: "Keep the search under 120 characters" }).optional(),
    page: pageNumber.optional(),
    pageSize: count({ min: 1, max: 200, unit: "rows" }).optional(),
  })
  .optional();

export const integrationsRouter = createTRPCRouter({
  /** One page of portals × apps, of the portals whose integrations the caller may see. */
  matrix: agencyProcedure("agency.view")
    .input(matrixInput)
    .query(async ({ ctx, input }) => {
      const all = await ctx.db
        .select()
        .from(portals)
        .where(and(eq(portals.agencyId, ctx.access.agency.id), isNull(portals.archivedAt)));
      const visible = all.filter((p) => can(ctx.access.actor, "integrations.view", p.id));
      return integrationsMatrixPage(ctx.db, visible, input);
    }),
  portal: portalProcedure("integrations.view").query(async ({ ctx }) => ({
    portal: { id: ctx.portal.id, name: ctx.portal.name, hubId: ctx.portal.hubId, currency: ctx.portal.currency },
    canManage: can(ctx.access.actor, "integrations.managePolicy", ctx.portal.id),
    apps: await portalIntegrations(ctx.db, ctx.portal),
  })),
  setPolicy: portalProcedure("integrations.managePolicy")
    .input(z.object({ appId, createMarketing: z.boolean({ message: "Choose whether the app may create marketing contacts" }).nullable() }))
    .mutation(({ ctx, input }) =>
      setAppPolicy(ctx.db, ctx.access, ctx.portal, input, { requestId: ctx.requestId, now: ctx.clock.now() }),
    ),
  setTemplate: agencyProcedure("integrations.managePolicy")
    .input(z.object({ appId, createMarketing: z.boolean({ message: "Choose whether the app may create marketing contacts" }) }))
    .mutation(({ ctx, input }) => setAppPolicyTemplate(ctx.db, ctx.access, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
});
