import { createHash, randomBytes } from "node:crypto";

import { and, eq, gt, isNull } from "drizzle-orm";

import { findVisiblePortal, oauthStates, type Access, type Db } from "@marketable/db";
import { authorizeUrl, createPortalGateway, exchangeCode, staticTokenSource } from "@marketable/hubspot";

import { notFound, rejected } from "../../errors";
import type { HubSpotSettings } from "../../integrationSettings/hubspotSettings";
import { savePortalConnection } from "./savePortalConnection";

const STATE_TTL_MS = 10 * 60_000;
const hash = (state: string) => createHash("sha256").update(state).digest("hex");

/**
 * Step 1: a single-use `state` bound to this person and agency, and HubSpot's authorize URL. A
 * portal to connect must be one the caller sees, like every portal procedure's: another
 * agency's or an unknown id is NOT_FOUND, and no state is stored for it.
 */
export async function startOAuth(db: Db, access: Access, settings: HubSpotSettings, input: { portalId?: string }, now: Date) {
  if (input.portalId && !(await findVisiblePortal(db, access, input.portalId))) throw notFound("Portal not found");
  const state = randomBytes(24).toString("base64url");
  await db.insert(oauthStates).values({
    stateHash: hash(state),
    agencyId: access.agency.id,
    userId: access.user.id,
    portalId: input.portalId ?? null,
    expiresAt: new Date(now.getTime() + STATE_TTL_MS),
  });
  return {
    url: authorizeUrl({
      baseAuthorizeUrl: settings.authorizeUrl,
      clientId: settings.clientId,
      redirectUri: settings.redirectUri,
      scopes: settings.scopes,
      state,
    }),
  };
}

/**
 * Step 2 (the callback): checks the state belongs to this person and is fresh, exchanges the
 * code, reads the account, and saves the sealed tokens on the portal. Returns the portal.
 */
export async function completeOAuth(
  db: Db,
  access: Access,
  settings: HubSpotSettings,
  input: { code: string; state: string },
  meta: { now: Date; requestId?: string },
) {
  const [claimed] = await db
    .update(oauthStates)
    .set({ usedAt: meta.now })
    .where(
      and(
        eq(oauthStates.stateHash, hash(input.state)),
        eq(oauthStates.userId, access.user.id),
        eq(oauthStates.agencyId, access.agency.id),
        isNull(oauthStates.usedAt),
        gt(oauthStates.expiresAt, meta.now),
      ),
    )
    .returning();
  if (!claimed) throw rejected("This HubSpot connection attempt has expired or was already used. Start again.");
  const { tokens, introspect } = await exchangeCode({
    basePath: settings.apiBase,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: settings.redirectUri,
    code: input.code,
  });
  const gateway = await createPortalGateway({
    db,
    keyring: settings.keyring,
    basePath: settings.apiBase,
    portal: { portalId: claimed.portalId ?? `pending-${introspect.hubId}`, hubId: introspect.hubId, edition: "starter" },
    tokens: staticTokenSource(tokens.accessToken, introspect.hubId, introspect.appId),
  });
  const account = await gateway.getAccountDetails();
  return db.transaction((tx) =>
    savePortalConnection(
      tx,
      access,
      settings.keyring,
      {
        portalId: claimed.portalId,
        kind: "oauth",
        hubId: introspect.hubId,
        appId: introspect.appId,
        scopes: introspect.scopes,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: new Date(meta.now.getTime() + tokens.expiresIn * 1000),
        // The account's name when HubSpot gives it, else the token's hub domain.
        account: { ...account, domain: introspect.hubDomain },
      },
      meta,
    ),
  );
}
