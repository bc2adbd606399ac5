import { PortalGateway } from "./gateway";
import type { PortalGatewayOptions } from "./gatewayTypes";
import { connectionTokenSource } from "./tokens/connectionTokenSource";

/** Builds a portal's gateway over its stored connection (or given tokens). */
export async function createPortalGateway(options: PortalGatewayOptions): Promise<PortalGateway> {
  const tokens =
    options.tokens ??
    (await connectionTokenSource({
      db: options.db,
      keyring: options.keyring,
      portalId: options.portal.portalId,
      basePath: options.basePath,
      oauthApp: options.oauthApp,
      loadConnection: options.loadConnection,
      clock: options.clock,
      log: options.log,
    }));
  return new PortalGateway(options.portal, tokens, { ...options, recordDailyBudget: options.tokens === undefined });
}
