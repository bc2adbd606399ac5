import type { Db, Portal } from "@marketable/db";
import { createPortalGateway, type PortalGateway } from "@marketable/hubspot";
import type { Logger } from "@marketable/logger";

import type { HubSpotSettings } from "../integrationSettings/hubspotSettings";

/**
 * Builds a connected portal's gateway: syncs, webhooks and status-request executions share it.
 * `log` is the caller's (a webhook's request logger, say); absent, the factory's own.
 */
export type GatewayFactory = (portal: Portal, log?: Logger) => Promise<PortalGateway>;

/** The gateway factory over each portal's stored connection (its OAuth or private-app token). */
export function portalGatewayFactory(deps: { db: Db; settings: HubSpotSettings; log: Logger }): GatewayFactory {
  return (portal, log) =>
    createPortalGateway({
      db: deps.db,
      keyring: deps.settings.keyring,
      basePath: deps.settings.apiBase,
      oauthApp: { clientId: deps.settings.clientId, clientSecret: deps.settings.clientSecret },
      portal: { portalId: portal.id, hubId: portal.hubId!, edition: portal.edition, timeZone: portal.timeZone },
      log: log ?? deps.log,
    });
}
