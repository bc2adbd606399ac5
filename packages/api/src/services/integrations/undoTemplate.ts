import { and, eq, gt, inArray, or } from "drizzle-orm";

import { appPolicies, appPolicyTemplates, auditLog, writeAudit, type Access, type Db } from "@marketable/db";

import { conflict, notFound, rejected } from "../../errors";
import type { TemplateBefore } from "./setPolicy";

/** How long after saving an agency-wide policy it can be undone (the page offers 10 s; the server allows slack for a slow network). */
export const TEMPLATE_UNDO_SECONDS = 60;

/**
 * Puts back what one agency-wide policy change replaced (the template and every portal's policy),
 * within TEMPLATE_UNDO_SECONDS, once, and only if nothing changed that app's policies since.
 * Audited as `integrations.undoTemplate` pointing at the undone entry.
 */
export async function undoAppPolicyTemplate(db: Db, access: Access, input: { auditId: number }, meta: { requestId?: string; now: Date }) {
  return db.transaction(async (tx) => {
    const [entry] = await tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.id, input.auditId), eq(auditLog.agencyId, access.agency.id), eq(auditLog.action, "integrations.setTemplate")));
    if (!entry?.targetId) throw notFound("That policy change was not found");
    const after = entry.after as { at?: string; app?: string } | null;
    const at = after?.at ? new Date(after.at) : entry.createdAt;
    if (meta.now.getTime() - at.getTime() > TEMPLATE_UNDO_SECONDS * 1000) throw rejected("Too late to undo: set the policy again instead");
    const appId = entry.targetId;
    // Undone already, or the app's policy changed since: undoing would overwrite newer choices.
    const later = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.agencyId, access.agency.id),
          or(
            and(eq(auditLog.action, "integrations.undoTemplate"), eq(auditLog.targetId, String(entry.id))),
            and(
              gt(auditLog.id, entry.id),
              inArray(auditLog.action, ["integrations.setTemplate", "integrations.setPolicy"]),
              eq(auditLog.targetId, appId),
            ),
          ),
        ),
      )
      .limit(1);
    if (later.length > 0) throw conflict("This change was undone already, or the app's policy changed since");
    const before = entry.before as TemplateBefore;
    if (before.createMarketing === null) {
      await tx
        .delete(appPolicyTemplates)
        .where(and(eq(appPolicyTemplates.agencyId, access.agency.id), eq(appPolicyTemplates.appId, appId)));
    } else {
      await tx
        .update(appPolicyTemplates)
        .set({ createMarketing: before.createMarketing, updatedBy: access.user.id, updatedAt: meta.now })
        .where(and(eq(appPolicyTemplates.agencyId, access.agency.id), eq(appPolicyTemplates.appId, appId)));
    }
    for (const p of before.portals) {
      const where = and(eq(appPolicies.portalId, p.portalId), eq(appPolicies.appId, appId), eq(appPolicies.agencyId, access.agency.id));
      if (p.createMarketing === null) await tx.delete(appPolicies).where(where);
      else
        await tx
          .update(appPolicies)
          .set({ createMarketing: p.createMarketing, fromTemplate: p.fromTemplate, updatedBy: access.user.id, updatedAt: meta.now })
          .where(where);
    }
    await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "integrations.undoTemplate",
      targetType: "audit",
      targetId: String(entry.id),
      before: entry.after,
      after: { createMarketing: before.createMarketing, app: after?.app ?? appId, portals: before.portals.length },
      requestId: meta.requestId,
    });
    return { appId, restoredPortals: before.portals.length };
  });
}
