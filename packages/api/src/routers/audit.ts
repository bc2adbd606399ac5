import { z } from "zod";
import { exportAuditCsv, listAudit } from "../services/audit/listAudit";
import { agencyProcedure, createTRPCRouter } from "../trpc";
import { auditFilters } from "../validation/audit";

export const auditRouter = createTRPCRouter({
  list: agencyProcedure("audit.view")
    .input(auditFilters.extend({ cursor: z.number().int().optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.access, input)),
  exportCsv: agencyProcedure("audit.view")
    .input(auditFilters)
    .query(({ ctx, input }) => exportAuditCsv(ctx.db, ctx.access, input)),
});
