import { and, asc, desc, eq, isNull } from "drizzle-orm";

import { agencyMemberships, invitations, portalGrants, portals, users, type Access, type DbOrTx } from "@marketable/db";

/** The agency's members with their portal grants, and its open invitations. */
export async function listMembers(db: DbOrTx, access: Access, now: Date) {
  const agencyId = access.agency.id;
  const [members, grants, invites] = await Promise.all([
    db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: agencyMemberships.role,
        joinedAt: agencyMemberships.createdAt,
      })
      .from(agencyMemberships)
      .innerJoin(users, eq(users.id, agencyMemberships.userId))
      .where(eq(agencyMemberships.agencyId, agencyId))
      .orderBy(asc(users.email)),
    db
      .select({ userId: portalGrants.userId, portalId: portalGrants.portalId, role: portalGrants.role, portalName: portals.name })
      .from(portalGrants)
      .innerJoin(portals, eq(portals.id, portalGrants.portalId))
      .where(eq(portalGrants.agencyId, agencyId)),
    db
      .select()
      .from(invitations)
      .where(and(eq(invitations.agencyId, agencyId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(desc(invitations.createdAt)),
  ]);
  return {
    members: members.map((m) => ({ ...m, grants: grants.filter((g) => g.userId === m.userId) })),
    invitations: invites.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      grants: i.grants,
      expiresAt: i.expiresAt,
      expired: i.expiresAt.getTime() <= now.getTime(),
      createdAt: i.createdAt,
    })),
  };
}
