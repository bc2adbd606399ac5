import { eq } from "drizzle-orm";

import { openSecret, portalConnections, portals, writeAudit, type Access, type Db, type Portal } from "@marketable/db";
import { revokeRefreshToken } from "@marketable/hubspot";
import type { Logger } from "@marketable/logger";

import { notFound } from "../../errors";
import type { HubSpotSettings } from "../../integrationSettings/hubspotSettings";

/** Revokes the refresh token at HubSpot (best effort) and deletes the portal's tokens; audited. */
export async function disconnectPortal(
  db: Db,
  access: Access,
  settings: HubSpotSettings,
  portal: Portal,
  meta: { now: Date; requestId?: string; log: Logger },
) {
  const [connection] = await db.select().from(portalConnections).where(eq(portalConnections.portalId, portal.id));
  if (!connection) throw notFound("This portal is not connected");
  if (connection.refreshTokenEnc) {
    try {
      await revokeRefreshToken(settings.apiBase, openSecret(connection.refreshTokenEnc, settings.keyring));
    } catch (error) {
      // The tokens are deleted here whatever HubSpot says; a failed revoke is logged, not fatal.
      meta.log.warn({ err: error, portalId: portal.id }, "refresh token revoke failed");
    }
  }
  await db.transaction(async (tx) => {
    await tx.delete(portalConnections).where(eq(portalConnections.portalId, portal.id));
    await tx.update(portals).set({ connectionStatus: "disconnected", updatedAt: meta.now }).where(eq(portals.id, portal.id));
    await writeAudit(tx, {
      agencyId: access.agency.id,
      portalId: portal.id,
      actor: access.user,
      action: "portal.disconnect",
      targetType: "portal",
      targetId: portal.id,
      before: { kind: connection.kind, hubId: connection.hubId },
      requestId: meta.requestId,
    });
  });
  return { portalId: portal.id, disconnected: true as const };
}
