import type { DbOrTx } from "../client";
import { auditLog } from "../schema";

export interface AuditEntry {
  agencyId: string;
  portalId?: string | null;
  actor?: { id: string; email: string } | null;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** Appends one audit entry (returning its id). Call it with the transaction that makes the change. */
export async function writeAudit(tx: DbOrTx, entry: AuditEntry): Promise<number> {
  const [row] = await tx
    .insert(auditLog)
    .values({
      agencyId: entry.agencyId,
      portalId: entry.portalId ?? null,
      actorUserId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: entry.requestId ?? null,
    })
    .returning({ id: auditLog.id });
  return row!.id;
}
