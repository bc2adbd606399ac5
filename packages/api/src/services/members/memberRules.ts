import { and, count, eq } from "drizzle-orm";

import { agencyMemberships, type Access, type DbOrTx } from "@marketable/db";
import type { AgencyRole } from "@marketable/permissions";

import { forbidden, notFound, rejected } from "../../errors";

/** The target's membership in the caller's agency, or NOT_FOUND (never a hint at other agencies). */
export async function findMembership(db: DbOrTx, access: Access, userId: string) {
  const [membership] = await db
    .select()
    .from(agencyMemberships)
    .where(and(eq(agencyMemberships.agencyId, access.agency.id), eq(agencyMemberships.userId, userId)));
  if (!membership) throw notFound("Member not found");
  return membership;
}

/** Only an owner may make, change or remove an owner. */
export function assertMayTouchOwnerRole(access: Access, ...roles: AgencyRole[]) {
  if (roles.includes("owner") && access.agencyRole !== "owner") {
    throw forbidden("Only an owner can grant, change or remove the owner role");
  }
}

/** An agency always keeps at least one owner. */
export async function assertNotLastOwner(db: DbOrTx, agencyId: string, membershipRole: AgencyRole) {
  if (membershipRole !== "owner") return;
  const [owners] = await db
    .select({ value: count() })
    .from(agencyMemberships)
    .where(and(eq(agencyMemberships.agencyId, agencyId), eq(agencyMemberships.role, "owner")));
  if ((owners?.value ?? 0) <= 1) throw rejected("An agency needs at least one owner: make someone else owner first");
}
