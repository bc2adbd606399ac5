import { z } from "zod";

import { can } from "@marketable/permissions";

import { contactFacets, exportContactsCsv, listContacts } from "../services/contacts/listContacts";
import { deleteFilter, listSavedFilters, saveFilter, type FilterOwner } from "../services/contacts/savedFilters";
import { createTRPCRouter, portalProcedure } from "../trpc";
import { contactFilter, listContactsInput } from "../validation/contacts";
import { deleteFilterInput, saveFilterInput } from "../validation/savedFilters";

const ownerOf = (ctx: { portal: { id: string; agencyId: string }; userId: string }): FilterOwner => ({
  agencyId: ctx.portal.agencyId,
  portalId: ctx.portal.id,
  userId: ctx.userId,
});

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
  // Saved filters: the caller's own, per portal. Whoever may view the contacts may keep views
  // of them; no audit entry, as a saved filter is a personal preference that changes no data.
  savedFilters: portalProcedure("contacts.view").query(async ({ ctx }) => ({ filters: await listSavedFilters(ctx.db, ownerOf(ctx)) })),
  saveFilter: portalProcedure("contacts.view")
    .input(saveFilterInput)
    .mutation(({ ctx, input }) => saveFilter(ctx.db, ownerOf(ctx), input, ctx.clock.now())),
  deleteFilter: portalProcedure("contacts.view")
    .input(deleteFilterInput)
    .mutation(({ ctx, input }) => deleteFilter(ctx.db, ownerOf(ctx), input.id)),
});
