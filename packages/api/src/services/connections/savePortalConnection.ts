import { and, eq, isNull } from "drizzle-orm";

import { portalConnections, portals, sealSecret, writeAudit, type Access, type Keyring, type Tx } from "@marketable/db";

import { conflict, notFound } from "../../errors";

export interface NewConnection {
  kind: "oauth" | "static";
  hubId: string;
  appId: string | null;
  scopes: string[];
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  /** `name`: the account's name or one typed by the person connecting; `domain`: the token's hub domain. */
  account: { timeZone: string; currency: string; uiDomain: string; name?: string | null; domain?: string | null };
}

/** HubSpot's UI hosts (`app.hubspot.com`, `app-eu1.hubspot.com`): what portals were once wrongly named after. */
const UI_HOST = /^app(-[a-z0-9]+)?\.hubspot\.com$/i;

/**
 * A connected portal's name: the account's name, else its own domain, else its hub id. Never the
 * UI host, which is the same for every account in a data centre.
 */
export function connectedPortalName(account: NewConnection["account"], hubId: string): string {
  const name = account.name?.trim();
  if (name) return name;
  const domain = account.domain?.trim();
  if (domain && !UI_HOST.test(domain)) return domain;
  return `HubSpot ${hubId}`;
}

/**
 * Attaches HubSpot credentials to a portal record: the one named (reconnect), else the agency's
 * portal with that hub id, else a new record whose contract fields wait for someone to set them.
 * Tokens are sealed before they reach the database. One transaction, audited.
 */
export async function savePortalConnection(
  tx: Tx,
  access: Access,
  keyring: Keyring,
  input: NewConnection & { portalId?: string | null },
  meta: { requestId?: string; now: Date },
) {
  let [portal] = input.portalId
    ? await tx
        .select()
        .from(portals)
        .where(and(eq(portals.id, input.portalId), eq(portals.agencyId, access.agency.id), isNull(portals.archivedAt)))
    : await tx
        .select()
        .from(portals)
        .where(and(eq(portals.agencyId, access.agency.id), eq(portals.hubId, input.hubId)));
  if (input.portalId && !portal) throw notFound("Portal not found");
  if (portal?.hubId && portal.hubId !== input.hubId) {
    throw conflict(`This portal is HubSpot hub ${portal.hubId}, but the account you chose is hub ${input.hubId}`);
  }
  const details = {
    hubId: input.hubId,
    timeZone: input.account.timeZone,
    currency: input.account.currency,
    connectionStatus: "connected" as const,
    archivedAt: null,
    updatedAt: meta.now,
  };
  if (portal) {
    // A portal named after HubSpot's UI host by an earlier version gets the account's name now.
    const rename = UI_HOST.test(portal.name) ? { name: connectedPortalName(input.account, input.hubId) } : {};
    [portal] = await tx
      .update(portals)
      .set({ ...details, ...rename })
      .where(eq(portals.id, portal.id))
      .returning();
  } else {
    const renewal = new Date(meta.now);
    renewal.setUTCFullYear(renewal.getUTCFullYear() + 1);
    [portal] = await tx
      .insert(portals)
      .values({
        ...details,
        agencyId: access.agency.id,
        name: connectedPortalName(input.account, input.hubId),
        domain: input.account.domain && !UI_HOST.test(input.account.domain) ? input.account.domain : null,
        // Contract placeholders until billing sets the real ones: HubSpot exposes no contract API.
        // Marked, so every page showing the contract says it needs confirming until then.
        contractNeedsConfirmation: true,
        edition: "professional",
        purchasedTier: 2_000,
        billingTerm: "yearly",
        updateDateRule: "first_of_month",
        renewalDate: renewal.toISOString().slice(0, 10),
      })
      .returning();
  }
  const sealed = {
    kind: input.kind,
    hubId: input.hubId,
    appId: input.appId,
    scopes: input.scopes,
    accessTokenEnc: sealSecret(input.accessToken, keyring),
    refreshTokenEnc: input.refreshToken ? sealSecret(input.refreshToken, keyring) : null,
    accessTokenExpiresAt: input.expiresAt,
    keyVersion: keyring.current.version,
    connectedBy: access.user.id,
    connectedAt: meta.now,
    lastRefreshedAt: null,
  };
  await tx
    .insert(portalConnections)
    .values({ portalId: portal!.id, agencyId: access.agency.id, ...sealed })
    .onConflictDoUpdate({ target: portalConnections.portalId, set: sealed });
  await writeAudit(tx, {
    agencyId: access.agency.id,
    portalId: portal!.id,
    actor: access.user,
    action: "portal.connect",
    targetType: "portal",
    targetId: portal!.id,
    after: { kind: input.kind, hubId: input.hubId, appId: input.appId, scopes: input.scopes },
    requestId: meta.requestId,
  });
  return portal!;
}
