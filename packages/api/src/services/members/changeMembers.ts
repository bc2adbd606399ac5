import { and, eq, isNull } from "drizzle-orm";

import { agencyMemberships, portalGrants, portals, writeAudit, type Access, type Db } from "@marketable/db";
import type { AgencyRole, PortalRole } from "@marketable/permissions";

import { notFound, rejected } from "../../errors";
import { assertMayTouchOwnerRole, assertNotLastOwner, findMembership } from "./memberRules";

interface Meta {
  requestId?: string;
}

export async function changeMemberRole(db: Db, access: Access, input: { userId: string; role: AgencyRole }, meta: Meta) {
  return db.transaction(async (tx) => {
    const membership = await findMembership(tx, access, input.userId);
    assertMayTouchOwnerRole(access, membership.role, input.role);
    if (membership.role === input.role) return { userId: input.userId, role: input.role };
    await assertNotLastOwner(tx, access.agency.id, membership.role);
    await tx
      .update(agencyMemberships)
      .set({ role: input.role })
      .where(and(eq(agencyMemberships.agencyId, access.agency.id), eq(agencyMemberships.userId, input.userId)));
    // Portal grants only mean something for members; agency-wide roles already see every portal.
    if (input.role !== "member") {
      await tx.delete(portalGrants).where(and(eq(portalGrants.agencyId, access.agency.id), eq(portalGrants.userId, input.userId)));
    }
    await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "member.changeRole",
      targetType: "user",
      targetId: input.userId,
      before: { role: membership.role },
      after: { role: input.role },
      requestId: meta.requestId,
    });
    return { userId: input.userId, role: input.role };
  });
}

export async function grantPortalAccess(db: Db, access: Access, input: { userId: string; portalId: string; role: PortalRole }, meta: Meta) {
  return db.transaction(async (tx) => {
    const membership = await findMembership(tx, access, input.userId);
    const [portal] = await tx
      .select({ id: portals.id })
      .from(portals)
      .where(and(eq(portals.id, input.portalId), eq(portals.agencyId, access.agency.id), isNull(portals.archivedAt)));
    if (!portal) throw notFound("Portal not found");
    if (membership.role !== "member") {
      throw rejected("Owners, admins and billing already see every portal; portal roles are for members");
    }
    const [previous] = await tx
      .select({ role: portalGrants.role })
      .from(portalGrants)
      .where(and(eq(portalGrants.userId, input.userId), eq(portalGrants.portalId, input.portalId)));
    await tx
      .insert(portalGrants)
      .values({ agencyId: access.agency.id, userId: input.userId, portalId: input.portalId, role: input.role })
      .onConflictDoUpdate({ target: [portalGrants.userId, portalGrants.portalId], set: { role: input.role } });
    await writeAudit(tx, {
      agencyId: access.agency.id,
      portalId: input.portalId,
      actor: access.user,
      action: "member.grantPortal",
      targetType: "user",
      targetId: input.userId,
      before: previous ? { role: previous.role } : null,
      after: { role: input.role },
      requestId: meta.requestId,
    });
    return { userId: input.userId, portalId: input.portalId, role: input.role };
  });
}

export async function revokePortalAccess(db: Db, access: Access, input: { userId: string; portalId: string }, meta: Meta) {
  return db.transaction(async (tx) => {
    await findMembership(tx, access, input.userId);
    const removed = await tx
      .delete(portalGrants)
      .where(
        and(eq(portalGrants.agencyId, access.agency.id), eq(portalGrants.userId, input.userId), eq(portalGrants.portalId, input.portalId)),
      )
      .returning();
    if (removed.length === 0) throw notFound("Grant not found");
    await writeAudit(tx, {
      agencyId: access.agency.id,
      portalId: input.portalId,
      actor: access.user,
      action: "member.revokePortal",
      targetType: "user",
      targetId: input.userId,
      before: { role: removed[0]!.role },
      requestId: meta.requestId,
    });
    return { userId: input.userId, portalId: input.portalId };
  });
}

export async function removeMember(db: Db, access: Access, input: { userId: string }, meta: Meta) {
  return db.transaction(async (tx) => {
    const membership = await findMembership(tx, access, input.userId);
    assertMayTouchOwnerRole(access, membership.role);
    await assertNotLastOwner(tx, access.agency.id, membership.role);
    await tx.delete(portalGrants).where(and(eq(portalGrants.agencyId, access.agency.id), eq(portalGrants.userId, input.userId)));
    await tx
      .delete(agencyMemberships)
      .where(and(eq(agencyMemberships.agencyId, access.agency.id), eq(agencyMemberships.userId, input.userId)));
    await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "member.remove",
      targetType: "user",
      targetId: input.userId,
      before: { role: membership.role },
      requestId: meta.requestId,
    });
    return { userId: input.userId, removed: true as const };
  });
}
