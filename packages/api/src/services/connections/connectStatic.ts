import { type Access, type Db } from "@marketable/db";
import { createPortalGateway, HubSpotAuthError, staticTokenSource } from "@marketable/hubspot";

import { rejected } from "../../errors";
import type { HubSpotSettings } from "../../integrationSettings/hubspotSettings";
import { savePortalConnection } from "./savePortalConnection";

/**
 * Connects with a static token (private app or service key): the token must open the account
 * details, whose hub id then names the portal. A bad token is a clear form error.
 */
export async function connectStatic(
  db: Db,
  access: Access,
  settings: HubSpotSettings,
  input: { token: string; portalId?: string; name?: string },
  meta: { now: Date; requestId?: string },
) {
  const probe = await createPortalGateway({
    db,
    keyring: settings.keyring,
    basePath: settings.apiBase,
    portal: { portalId: "probe", hubId: "probe", edition: "starter" },
    tokens: staticTokenSource(input.token, "probe"),
    retry: { maxAttempts: 2 },
  });
  let account;
  try {
    account = await probe.getAccountDetails();
  } catch (error) {
    if (error instanceof HubSpotAuthError) throw rejected("HubSpot refused this token: check that it is complete and not revoked");
    throw error;
  }
  return db.transaction((tx) =>
    savePortalConnection(
      tx,
      access,
      settings.keyring,
      {
        portalId: input.portalId,
        kind: "static",
        hubId: account.hubId,
        appId: null,
        scopes: [],
        accessToken: input.token,
        refreshToken: null,
        expiresAt: null,
        account: { ...account, name: input.name?.trim() || account.name },
      },
      meta,
    ),
  );
}
