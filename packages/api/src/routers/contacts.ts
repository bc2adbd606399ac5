import { can } from "@marketable/permissions";
import { z } from "zod";
import { contactFacets, exportContactsCsv, listContacts } from "../services/contacts/listContacts";
import { createTRPCRouter, portalProcedure } from "../trpc";
import { contactFilter, listContactsInput } from "../validation/contacts";

export const contactsRouter = createTRPCRouter({
  /** One page of the portal's synced contacts, filtered and sorted on the server. */
  list: portalProcedure("contacts.view")
    .input(listContactsInput)
    .query(async ({ ctx, input }) => ({
      ...(await listContacts(ctx.db, ctx.portal.id, input, ctx.clock.now())),
      portal: { id: ctx.portal.id, name: ctx.portal.name, timeZone: ctx.portal.timeZone, currency: ctx.portal.currency },
      canRequest: can(ctx.access.actor, "marketingStatus.request", ctx.portal.id),
    })),
  facets: portalProcedure("contacts.view").query(({ ctx }) => contactFacets(ctx.db, ctx.portal.id)),
  exportCsv: portalProcedure("contacts.view")
    .input(z.object({ filter: contactFilter.default({}) }))
    .query(({ ctx, input }) => exportContactsCsv(ctx.db, ctx.portal.id, input.filter, ctx.clock.now())),
});
