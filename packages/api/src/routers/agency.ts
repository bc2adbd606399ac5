import { z } from "zod";

import { currentAgency, switchAgency } from "../services/agency/agencyServices";
import { agencyOverview } from "../services/agency/overview";
import { agencyProcedure, createTRPCRouter } from "../trpc";
import { recordId } from "../validation/primitives";

export const agencyRouter = createTRPCRouter({
  current: agencyProcedure("agency.view").query(({ ctx }) => currentAgency(ctx.db, ctx.access)),
  /** The Home page: drift, syncs running, sync errors, across the portals the caller may see. */
  overview: agencyProcedure("agency.view").query(({ ctx }) => agencyOverview(ctx.db, ctx.access, ctx.clock.now())),
  /** The agencies the caller belongs to (the app shell's agency switcher): read with their access, no query of its own. */
  memberships: agencyProcedure("agency.view").query(({ ctx }) => ctx.access.memberships),
  switch: agencyProcedure("agency.view")
    .input(z.object({ agencyId: recordId("Choose an agency") }))
    .mutation(({ ctx, input }) => switchAgency(ctx.db, ctx.access, input, { requestId: ctx.requestId })),
});
