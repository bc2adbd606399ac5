import { and, desc, eq, gte, ilike, lt, lte, type SQL } from "drizzle-orm";
import Papa from "papaparse";
import type { z } from "zod";

import { auditLog, portals, type Access, type DbOrTx } from "@marketable/db";

import type { auditFilters } from "../../validation/audit";
import { escapeLike } from "../likePattern";

type Filters = z.output<typeof auditFilters>;

function conditions(access: Access, filters: Filters): SQL[] {
  const where: SQL[] = [eq(auditLog.agencyId, access.agency.id)];
  if (filters.action) where.push(ilike(auditLog.action, `${escapeLike(filters.action)}%`));
  if (filters.portalId) where.push(eq(auditLog.portalId, filters.portalId));
  if (filters.targetId) where.push(eq(auditLog.targetId, filters.targetId));
  if (filters.actorEmail) where.push(ilike(auditLog.actorEmail, `%${escapeLike(filters.actorEmail)}%`));
  if (filters.from) where.push(gte(auditLog.createdAt, filters.from));
  if (filters.to) where.push(lte(auditLog.createdAt, filters.to));
  return where;
}

const columns = {
  id: auditLog.id,
  createdAt: auditLog.createdAt,
  action: auditLog.action,
  actorEmail: auditLog.actorEmail,
  portalId: auditLog.portalId,
  portalName: portals.name,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  before: auditLog.before,
  after: auditLog.after,
  requestId: auditLog.requestId,
};

/** Newest first, keyset-paged on id (stable under concurrent appends, fast at any depth). */
export async function listAudit(db: DbOrTx, access: Access, input: Filters & { cursor?: number; limit: number }) {
  const where = conditions(access, input);
  if (input.cursor !== undefined) where.push(lt(auditLog.id, input.cursor));
  const rows = await db
    .select(columns)
    .from(auditLog)
    .leftJoin(portals, eq(portals.id, auditLog.portalId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
}

/** Maximum rows in one CSV export; the UI says so when a filter would exceed it. */
export const AUDIT_EXPORT_LIMIT = 50_000;

export async function exportAuditCsv(db: DbOrTx, access: Access, filters: Filters) {
  const rows = await db
    .select(columns)
    .from(auditLog)
    .leftJoin(portals, eq(portals.id, auditLog.portalId))
    .where(and(...conditions(access, filters)))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_EXPORT_LIMIT);
  const csv = Papa.unparse(
    rows.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      action: r.action,
      actor: r.actorEmail ?? "",
      portal: r.portalName ?? "",
      target_type: r.targetType ?? "",
      target_id: r.targetId ?? "",
      before: r.before === null ? "" : JSON.stringify(r.before),
      after: r.after === null ? "" : JSON.stringify(r.after),
      request_id: r.requestId ?? "",
    })),
    { columns: ["id", "at", "action", "actor", "portal", "target_type", "target_id", "before", "after", "request_id"] },
  );
  return { csv, rows: rows.length, truncated: rows.length === AUDIT_EXPORT_LIMIT };
}
