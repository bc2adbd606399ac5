import { z } from "zod";

import { exportAuditCsv, listAudit } from "../services/audit/listAudit";
import { agencyProcedure, createTRPCRouter } from "../trpc";
import { auditFilters } from "../validation/audit";
import { count } from "../validation/primitives";

export const auditRouter = createTRPCRouter({
  list: agencyProcedure("audit.view")
    .input(
      auditFilters.extend({
        // Entry ids are bigserial: any safe integer is a valid place to continue from.
        cursor: z.int("Continue from an entry of the list").optional(),
        limit: count({ min: 1, max: 200, unit: "entries" }).default(50),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.access, input)),
  exportCsv: agencyProcedure("audit.view")
    .input(auditFilters)
    .query(({ ctx, input }) => exportAuditCsv(ctx.db, ctx.access, input)),
});
