import { and, asc, eq } from "drizzle-orm";

import type { Actor, AgencyRole, PortalRole } from "@marketable/permissions";

import type { DbOrTx } from "../client";
import { agencies, agencyMemberships, portalGrants, users } from "../schema";

export interface Access {
  user: { id: string; email: string; name: string | null };
  agency: { id: string; name: string; slug: string };
  agencyRole: AgencyRole;
  actor: Actor & { portalRoles: Map<string, PortalRole> };
  /** Every agency the user belongs to (read with the chosen one anyway): the agency switcher's list. */
  memberships: { id: string; name: string }[];
}

/**
 * Re-reads, on every request, who the user is in which agency: the agency they chose if they
 * are still a member of it, else their oldest membership. Roles are never taken from the
 * session cookie. Returns null for a user with no membership.
 */
export async function loadAccess(db: DbOrTx, userId: string): Promise<Access | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const memberships = await db
    .select({ agency: agencies, role: agencyMemberships.role })
    .from(agencyMemberships)
    .innerJoin(agencies, eq(agencies.id, agencyMemberships.agencyId))
    .where(eq(agencyMemberships.userId, userId))
    .orderBy(asc(agencyMemberships.createdAt), asc(agencies.name));
  const chosen = memberships.find((m) => m.agency.id === user.currentAgencyId) ?? memberships[0];
  if (!chosen) return null;
  const grants = await db
    .select({ portalId: portalGrants.portalId, role: portalGrants.role })
    .from(portalGrants)
    .where(and(eq(portalGrants.userId, userId), eq(portalGrants.agencyId, chosen.agency.id)));
  return {
    user: { id: user.id, email: user.email, name: user.name },
    agency: { id: chosen.agency.id, name: chosen.agency.name, slug: chosen.agency.slug },
    agencyRole: chosen.role,
    actor: { agencyRole: chosen.role, portalRoles: new Map(grants.map((g) => [g.portalId, g.role])) },
    memberships: memberships.map((m) => ({ id: m.agency.id, name: m.agency.name })),
  };
}
