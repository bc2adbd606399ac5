import { z } from "zod";

export const auditFilters = z.object({
  action: z.string().trim().max(100).optional(),
  portalId: z.uuid().optional(),
  actorEmail: z.string().trim().max(320).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
