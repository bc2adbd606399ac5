import { eq } from "drizzle-orm";
import type { z } from "zod";

import { portals, writeAudit, type Access, type Db, type Portal } from "@marketable/db";

import { conflict } from "../../errors";
import { updateDateRuleFor, type createPortalInput, type updatePortalInput } from "../../validation/portal";
import { isUniqueViolation } from "../dbErrors";

interface Meta {
  requestId?: string;
  now: Date;
}

function duplicateHub(hubId: string | undefined) {
  return conflict(`This agency already has a portal with HubSpot hub id ${hubId ?? ""}`.trim());
}

/** Creates a manual portal record with its contract; audited in the same transaction. */
export async function createPortal(db: Db, access: Access, input: z.output<typeof createPortalInput>, meta: Meta) {
  try {
    return await db.transaction(async (tx) => {
      const [portal] = await tx
        .insert(portals)
        .values({ ...input, agencyId: access.agency.id, updateDateRule: updateDateRuleFor(input.billingTerm), connectionStatus: "manual" })
        .returning();
      await writeAudit(tx, {
        agencyId: access.agency.id,
        portalId: portal!.id,
        actor: access.user,
        action: "portal.create",
        targetType: "portal",
        targetId: portal!.id,
        after: input,
        requestId: meta.requestId,
      });
      return portal!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateHub(input.hubId);
    throw error;
  }
}

/** Edits a portal's record or contract; the audit entry keeps the fields before and after. */
export async function updatePortal(
  db: Db,
  access: Access,
  portal: Portal,
  input: z.output<typeof updatePortalInput>,
  meta: Meta & { action: string; confirmsContract?: boolean },
) {
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<Portal>;
  if (meta.confirmsContract && portal.contractNeedsConfirmation) changes.contractNeedsConfirmation = false;
  if (changes.billingTerm) changes.updateDateRule = updateDateRuleFor(changes.billingTerm);
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, portal[k as keyof Portal]]));
  try {
    return await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(portals)
        .set({ ...changes, updatedAt: meta.now })
        .where(eq(portals.id, portal.id))
        .returning();
      await writeAudit(tx, {
        agencyId: access.agency.id,
        portalId: portal.id,
        actor: access.user,
        action: meta.action,
        targetType: "portal",
        targetId: portal.id,
        before,
        after: changes,
        requestId: meta.requestId,
      });
      return updated!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateHub(changes.hubId ?? undefined);
    throw error;
  }
}

/** Archives (hides) a portal; its history and audit stay. */
export async function archivePortal(db: Db, access: Access, portal: Portal, meta: Meta) {
  return db.transaction(async (tx) => {
    await tx.update(portals).set({ archivedAt: meta.now, updatedAt: meta.now }).where(eq(portals.id, portal.id));
    await writeAudit(tx, {
      agencyId: access.agency.id,
      portalId: portal.id,
      actor: access.user,
      action: "portal.archive",
      targetType: "portal",
      targetId: portal.id,
      before: { name: portal.name },
      requestId: meta.requestId,
    });
    return { id: portal.id, archived: true as const };
  });
}
