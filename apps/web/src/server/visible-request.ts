import "server-only";

import { and, eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";

import { findVisiblePortal, statusRequests } from "@marketable/db";
import { can } from "@marketable/permissions";

import { getDb } from "./db";
import { requireAccess } from "./guards";

const requestId = z.uuid();

/**
 * A status request the viewer may read, else `notFound()`: another agency's, one of a portal they
 * do not see, an unknown or a malformed id all end the same way. Readers are those who view the
 * portal's contacts or approve its requests (the billing role must see what it approves).
 */
export const requireVisibleRequest = cache(async (id: string) => {
  const access = await requireAccess();
  if (!requestId.safeParse(id).success) notFound();
  const db = await getDb();
  const [row] = await db
    .select({ portalId: statusRequests.portalId })
    .from(statusRequests)
    .where(and(eq(statusRequests.id, id), eq(statusRequests.agencyId, access.agency.id)));
  const portal = row ? await findVisiblePortal(db, access, row.portalId) : null;
  if (!portal) notFound();
  if (!can(access.actor, "contacts.view", portal.id) && !can(access.actor, "marketingStatus.approve", portal.id)) notFound();
  return { access, portal, requestId: id };
});
