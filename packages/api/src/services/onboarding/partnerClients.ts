import { eq } from "drizzle-orm";

import { portals, type Access, type Db } from "@marketable/db";
import { createPortalGateway, HubSpotAuthError, staticTokenSource } from "@marketable/hubspot";

import { rejected } from "../../errors";
import type { HubSpotSettings } from "../../integrationSettings/hubspotSettings";

/**
 * The agency's client list from HubSpot's partner clients API, read with the agency's own
 * (partner) portal token, marked with the clients the agency already has in Marketable.
 */
export async function listPartnerClients(db: Db, access: Access, settings: HubSpotSettings, input: { token: string }) {
  const gateway = await createPortalGateway({
    db,
    keyring: settings.keyring,
    basePath: settings.apiBase,
    portal: { portalId: `partner-${access.agency.id}`, hubId: "partner", edition: "professional" },
    tokens: staticTokenSource(input.token, "partner"),
    retry: { maxAttempts: 3 },
  });
  let clients;
  try {
    clients = await gateway.listPartnerClients();
  } catch (error) {
    if (error instanceof HubSpotAuthError) throw rejected("HubSpot refused the partner portal's token");
    throw error;
  }
  const known = new Set(
    (await db.select({ hubId: portals.hubId }).from(portals).where(eq(portals.agencyId, access.agency.id))).map((p) => p.hubId),
  );
  return clients.map((client) => ({ ...client, alreadyAdded: known.has(client.hubId) }));
}
