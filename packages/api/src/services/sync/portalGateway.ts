import type { Db, Portal } from "@marketable/db";
import { createPortalGateway } from "@marketable/hubspot";
import type { Logger } from "@marketable/logger";
import type { HubSpotSettings } from "../../hubspot/settings";

/** A connected portal's gateway over its stored connection (syncs and webhooks share it). */
export function gatewayForPortal(deps: { db: Db; settings: HubSpotSettings; log: Logger }, portal: Portal) {
  return createPortalGateway({
    db: deps.db,
    keyring: deps.settings.keyring,
    basePath: deps.settings.apiBase,
    oauthApp: { clientId: deps.settings.clientId, clientSecret: deps.settings.clientSecret },
    portal: { portalId: portal.id, hubId: portal.hubId!, edition: portal.edition, timeZone: portal.timeZone },
    log: deps.log,
  });
}
