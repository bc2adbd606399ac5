import { portalConnections, sealSecret, type Db } from "@marketable/db";
import { createAgency, createPortal } from "@marketable/db/seed";
import { privateAppToken, PRODUCT_APP, type Sandbox } from "@marketable/hubspot-sandbox";

import type { HubSpotSettings } from "../src/integrationSettings/hubspotSettings";

export interface FleetPortal {
  hubId: number;
  edition: "starter" | "professional" | "enterprise";
  oauth: boolean;
}

/**
 * The fleet agency and its portals, connected as users would have: an OAuth install of the
 * product's app where the sandbox has one (`oauthHubs`), a private app's token otherwise. Each
 * portal by its id, with its hub, edition and connection kind.
 */
export async function connectFleet(
  db: Db,
  sandbox: Sandbox,
  settings: HubSpotSettings,
  clients: readonly { hubId: number; name: string; edition: FleetPortal["edition"] }[],
  oauthHubs: ReadonlySet<number>,
): Promise<Map<string, FleetPortal>> {
  const agency = await createAgency(db, { name: "Fleet agency" });
  const byPortalId = new Map<string, FleetPortal>();
  const seal = (s: string) => sealSecret(s, settings.keyring);
  const keyVersion = settings.keyring.current.version;
  for (const p of clients) {
    const row = await createPortal(db, {
      agencyId: agency.id,
      hubId: String(p.hubId),
      name: p.name,
      edition: p.edition,
      connectionStatus: "connected",
    });
    const oauth = oauthHubs.has(p.hubId);
    const connection = { portalId: row.id, agencyId: agency.id, hubId: String(p.hubId), keyVersion };
    if (oauth) {
      const tokens = sandbox.admin.mintToken(p.hubId, PRODUCT_APP.appId);
      await db.insert(portalConnections).values({
        ...connection,
        kind: "oauth",
        appId: String(PRODUCT_APP.appId),
        accessTokenEnc: seal(tokens.access_token),
        refreshTokenEnc: seal(tokens.refresh_token),
        accessTokenExpiresAt: new Date(sandbox.state.now() + tokens.expires_in * 1000),
      });
    } else {
      await db.insert(portalConnections).values({ ...connection, kind: "static", accessTokenEnc: seal(privateAppToken(p.hubId)) });
    }
    byPortalId.set(row.id, { hubId: p.hubId, edition: p.edition, oauth });
  }
  return byPortalId;
}
