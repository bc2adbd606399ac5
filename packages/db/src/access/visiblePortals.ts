import { and, eq, inArray, isNull, type SQL } from "drizzle-orm";

import { can } from "@marketable/permissions";

import type { DbOrTx } from "../client";
import { portals } from "../schema";
import type { Access } from "./loadAccess";

/**
 * The SQL condition for "portals this person may see" in their current agency: every portal
 * for agency-wide viewers, else only granted ones. Archived portals are hidden.
 */
export function visiblePortalsCondition(access: Access): SQL {
  const inAgency = and(eq(portals.agencyId, access.agency.id), isNull(portals.archivedAt))!;
  if (can(access.actor, "portal.view")) return inAgency;
  const granted = [...access.actor.portalRoles.keys()];
  if (granted.length === 0) return and(inAgency, eq(portals.id, "00000000-0000-0000-0000-000000000000"))!;
  return and(inAgency, inArray(portals.id, granted))!;
}

/** A portal of the caller's agency that they may see, or null (the caller answers NOT_FOUND). */
export async function findVisiblePortal(db: DbOrTx, access: Access, portalId: string) {
  const [portal] = await db
    .select()
    .from(portals)
    .where(and(eq(portals.id, portalId), eq(portals.agencyId, access.agency.id), isNull(portals.archivedAt)));
  if (!portal || !can(access.actor, "portal.view", portal.id)) return null;
  return portal;
}
