import { can } from "@marketable/permissions";

import { listPortals, listPortalsInput } from "../services/portals/listPortals";
import { archivePortal, createPortal, updatePortal } from "../services/portals/mutatePortal";
import { portalForViewer } from "../services/portals/portalForViewer";
import { agencyProcedure, createTRPCRouter, portalProcedure } from "../trpc";
import { createPortalInput, portalFields } from "../validation/portal";

/** Fields of the record itself; contract fields (tier, term, renewal) need billing.manage. */
const recordFields = portalFields.pick({ name: true, domain: true, hubId: true, timeZone: true }).partial();
const contractFields = portalFields
  .pick({ edition: true, purchasedTier: true, billingTerm: true, renewalDate: true, currency: true })
  .partial();

export const portalsRouter = createTRPCRouter({
  list: agencyProcedure("agency.view")
    .input(listPortalsInput)
    .query(({ ctx, input }) => listPortals(ctx.db, ctx.access, input, ctx.clock.now())),
  get: portalProcedure("portal.view").query(({ ctx }) => ({
    portal: portalForViewer(ctx.portal, ctx.access.actor, ctx.clock.now()),
    can: {
      edit: can(ctx.access.actor, "portal.connect", ctx.portal.id),
      editContract: can(ctx.access.actor, "billing.manage", ctx.portal.id),
      archive: can(ctx.access.actor, "portal.remove", ctx.portal.id),
      sync: can(ctx.access.actor, "integrations.managePolicy", ctx.portal.id),
      viewIntegrations: can(ctx.access.actor, "integrations.view", ctx.portal.id),
    },
  })),
  create: agencyProcedure("portal.connect")
    .input(createPortalInput)
    .mutation(({ ctx, input }) => createPortal(ctx.db, ctx.access, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
  update: portalProcedure("portal.connect")
    .input(recordFields)
    .mutation(({ ctx, input }) => {
      const { portalId: _portalId, ...fields } = input;
      return updatePortal(ctx.db, ctx.access, ctx.portal, fields, {
        requestId: ctx.requestId,
        now: ctx.clock.now(),
        action: "portal.update",
      });
    }),
  updateContract: portalProcedure("billing.manage")
    .input(contractFields)
    .mutation(({ ctx, input }) => {
      const { portalId: _portalId, ...fields } = input;
      return updatePortal(ctx.db, ctx.access, ctx.portal, fields, {
        requestId: ctx.requestId,
        now: ctx.clock.now(),
        action: "portal.updateContract",
        // Saved by someone with billing.manage: the contract is no longer a placeholder.
        confirmsContract: true,
      });
    }),
  archive: portalProcedure("portal.remove").mutation(({ ctx }) =>
    archivePortal(ctx.db, ctx.access, ctx.portal, { requestId: ctx.requestId, now: ctx.clock.now() }),
  ),
});
