import { and, eq } from "drizzle-orm";

import { portalConnections, type Db, type PortalConnection } from "@marketable/db";

/** Reads a portal's connection; the default loader of the gateway. */
export async function loadConnection(db: Db, portalId: string): Promise<PortalConnection | null> {
  const rows = await db.select().from(portalConnections).where(eq(portalConnections.portalId, portalId)).limit(1);
  return rows[0] ?? null;
}

/**
 * Replaces the sealed tokens only if the row still holds `expectedAccessTokenEnc`: the compare-and-
 * swap that lets two processes refresh (or re-seal) at once without one overwriting the other's
 * newer tokens. Returns the new row, or null when someone else changed it first.
 */
export async function swapTokens(
  db: Db,
  portalId: string,
  expectedAccessTokenEnc: string,
  next: {
    accessTokenEnc: string;
    refreshTokenEnc: string | null;
    accessTokenExpiresAt: Date | null;
    keyVersion: number;
    lastRefreshedAt?: Date;
  },
): Promise<PortalConnection | null> {
  const rows = await db
    .update(portalConnections)
    .set(next)
    .where(and(eq(portalConnections.portalId, portalId), eq(portalConnections.accessTokenEnc, expectedAccessTokenEnc)))
    .returning();
  return rows[0] ?? null;
}
