import { and, asc, eq } from "drizzle-orm";

import { agencies, agencyMemberships, users, writeAudit, type Access, type Db } from "@marketable/db";
import { can, permissions } from "@marketable/permissions";

import { notFound } from "../../errors";

/** The caller, their agency, role, grants, and the permissions they hold agency-wide. */
export async function currentAgency(db: Db, access: Access) {
  const memberships = await db
    .select({ id: agencies.id, name: agencies.name, role: agencyMemberships.role })
    .from(agencyMemberships)
    .innerJoin(agencies, eq(agencies.id, agencyMemberships.agencyId))
    .where(eq(agencyMemberships.userId, access.user.id))
    .orderBy(asc(agencies.name));
  return {
    user: access.user,
    agency: access.agency,
    role: access.agencyRole,
    grants: [...access.actor.portalRoles.entries()].map(([portalId, role]) => ({ portalId, role })),
    agencyPermissions: permissions.filter((p) => can(access.actor, p)),
    memberships,
  };
}

/** Switches the caller's current agency; an agency they do not belong to is NOT_FOUND. */
export async function switchAgency(db: Db, access: Access, input: { agencyId: string }, meta: { requestId?: string }) {
  return db.transaction(async (tx) => {
    const [membership] = await tx
      .select()
      .from(agencyMemberships)
      .where(and(eq(agencyMemberships.userId, access.user.id), eq(agencyMemberships.agencyId, input.agencyId)));
    if (!membership) throw notFound("Agency not found");
    await tx.update(users).set({ currentAgencyId: input.agencyId }).where(eq(users.id, access.user.id));
    await writeAudit(tx, {
      agencyId: input.agencyId,
      actor: access.user,
      action: "agency.switch",
      targetType: "agency",
      targetId: input.agencyId,
      before: { agencyId: access.agency.id },
      requestId: meta.requestId,
    });
    return { agencyId: input.agencyId };
  });
}
