import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";

import { portals } from "@marketable/db";
import { can } from "@marketable/permissions";

import { integrationsMatrixPage } from "../services/integrations/matrixPage";
import { listPolicyTemplates, previewPolicyTemplate } from "../services/integrations/policyTemplates";
import { portalIntegrations } from "../services/integrations/portalIntegrations";
import { setAppPolicy, setAppPolicyTemplate } from "../services/integrations/setPolicy";
import { undoAppPolicyTemplate } from "../services/integrations/undoTemplate";
import { agencyProcedure, createTRPCRouter, portalProcedure } from "../trpc";
import { count, pageNumber, text } from "../validation/primitives";

const createMarketing = z.boolean({ message: "Choose whether the app may create marketing contacts" });
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
      return integrationsMatrixPage(ctx.db, visible, input, ctx.clock.now());
    }),
  portal: portalProcedure("integrations.view").query(async ({ ctx }) => ({
    portal: { id: ctx.portal.id, name: ctx.portal.name, hubId: ctx.portal.hubId, currency: ctx.portal.currency },
    canManage: can(ctx.access.actor, "integrations.managePolicy", ctx.portal.id),
    canRequest: can(ctx.access.actor, "marketingStatus.request", ctx.portal.id),
    apps: await portalIntegrations(ctx.db, ctx.portal, ctx.clock.now()),
  })),
  setPolicy: portalProcedure("integrations.managePolicy")
    .input(z.object({ appId, createMarketing: z.boolean({ message: "Choose whether the app may create marketing contacts" }).nullable() }))
    .mutation(({ ctx, input }) => setAppPolicy(ctx.db, ctx.access, ctx.portal, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
  setTemplate: agencyProcedure("integrations.managePolicy")
    .input(z.object({ appId, createMarketing: z.boolean({ message: "Choose whether the app may create marketing contacts" }) }))
    .mutation(({ ctx, input }) => setAppPolicyTemplate(ctx.db, ctx.access, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
  /** The agency-wide policies screen: every app of the agency's portals with its template. */
  templates: agencyProcedure("integrations.managePolicy").query(({ ctx }) => listPolicyTemplates(ctx.db, ctx.access)),
  /** Before saving an agency-wide policy: the portals and contacts that would drift under it. */
  previewTemplate: agencyProcedure("integrations.managePolicy")
    .input(z.object({ appId, createMarketing }))
    .query(({ ctx, input }) => previewPolicyTemplate(ctx.db, ctx.access, input, ctx.clock.now())),
  /** Puts back what one agency-wide policy change replaced, for a few seconds after it. */
  undoTemplate: agencyProcedure("integrations.managePolicy")
    .input(
      z.object({
        auditId: z.int("Choose a policy change").min(1, "Choose a policy change").max(Number.MAX_SAFE_INTEGER, "Choose a policy change"),
      }),
    )
    .mutation(({ ctx, input }) => undoAppPolicyTemplate(ctx.db, ctx.access, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
});
