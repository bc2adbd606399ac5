import { Client } from "@hubspot/api-client";

import { HubSpotApiError, HubSpotAuthError } from "./errors";
import { classify } from "./transport/failure";

/**
 * OAuth 2 helpers. The SDK's `oauth.getAuthorizationUrl()` ignores `basePath`, so the authorize
 * URL is built here (HubSpot: https://app.hubspot.com/oauth/authorize; the sandbox:
 * `<sandbox url>/oauth/authorize`).
 */
export function authorizeUrl(input: {
  baseAuthorizeUrl: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  optionalScopes?: readonly string[];
  state: string;
}): string {
  const url = new URL(input.baseAuthorizeUrl);
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("scope", input.scopes.join(" "));
  if (input.optionalScopes?.length) url.searchParams.set("optional_scope", input.optionalScopes.join(" "));
  url.searchParams.set("state", input.state);
  return url.toString();
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives (HubSpot: 1800). */
  expiresIn: number;
}

export interface TokenIntrospection {
  hubId: string;
  appId: string;
  scopes: string[];
  user: string | null;
  expiresIn: number;
  /** The account's own domain (e.g. `acme.com` or `acme-123.hs-sites.com`), when HubSpot gives one. */
  hubDomain: string | null;
}

/** A client with no token and no SDK limiter/retry options (those are process-wide: docs/hubspot.md). */
function bareClient(basePath: string): Client {
  return new Client({ basePath: basePath.replace(/\/+$/, "") });
}

/** `POST /oauth/v1/token` with a refresh_token or authorization_code grant. */
export async function requestTokens(input: {
  basePath: string;
  clientId: string;
  clientSecret: string;
  grant: { type: "authorization_code"; code: string; redirectUri: string } | { type: "refresh_token"; refreshToken: string };
}): Promise<OAuthTokens> {
  const client = bareClient(input.basePath);
  const g = input.grant;
  try {
    const res = await client.oauth.tokensApi.create(
      g.type,
      g.type === "authorization_code" ? g.code : undefined,
      g.type === "authorization_code" ? g.redirectUri : undefined,
      input.clientId,
      input.clientSecret,
      g.type === "refresh_token" ? g.refreshToken : undefined,
    );
    return {
      accessToken: res.accessToken,
      refreshToken: res.refreshToken ?? (g.type === "refresh_token" ? g.refreshToken : ""),
      expiresIn: res.expiresIn,
    };
  } catch (error) {
    const f = classify(error);
    // 400 invalid_grant (bad/revoked refresh token or code) and 401 invalid_client: the user must reconnect.
    if (f?.kind === "status" && (f.status === 400 || f.status === 401)) {
      throw new HubSpotAuthError(`OAuth ${g.type} refused: ${f.body?.message ?? f.status}`, f.status, f.body);
    }
    throw error;
  }
}

/** Exchanges the authorization code from the redirect for tokens and reads which portal/app/scopes they are for. */
export async function exchangeCode(input: {
  basePath: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  code: string;
}): Promise<{ tokens: OAuthTokens; introspect: TokenIntrospection }> {
  const tokens = await requestTokens({ ...input, grant: { type: "authorization_code", code: input.code, redirectUri: input.redirectUri } });
  return { tokens, introspect: await introspectAccessToken(input.basePath, tokens.accessToken) };
}

/** `GET /oauth/v1/access-tokens/{token}`: hub id, app id, scopes. */
export async function introspectAccessToken(basePath: string, accessToken: string): Promise<TokenIntrospection> {
  const client = bareClient(basePath);
  const res = await client.apiRequest({
    method: "GET",
    path: `/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`,
    authType: "none",
  });
  const body = (await res.json().catch(() => ({}))) as {
    hub_id?: number;
    app_id?: number;
    scopes?: string[];
    user?: string;
    expires_in?: number;
    hub_domain?: string;
    message?: string;
  };
  if (!res.ok) throw new HubSpotAuthError(`Token introspection failed: ${body.message ?? res.status}`, res.status);
  return {
    hubId: String(body.hub_id),
    appId: String(body.app_id),
    scopes: body.scopes ?? [],
    user: body.user ?? null,
    expiresIn: body.expires_in ?? 0,
    hubDomain: body.hub_domain?.trim() || null,
  };
}

/** `DELETE /oauth/v1/refresh-tokens/{token}`: disconnecting a portal revokes its refresh token. */
export async function revokeRefreshToken(basePath: string, refreshToken: string): Promise<void> {
  const client = bareClient(basePath);
  // No JSON content type: an empty body declared as JSON is a 400.
  const res = await client.apiRequest({
    method: "DELETE",
    path: `/oauth/v1/refresh-tokens/${encodeURIComponent(refreshToken)}`,
    authType: "none",
    defaultJson: false,
  });
  // 404: already revoked or unknown, which is the state we want.
  if (!res.ok && res.status !== 404)
    throw new HubSpotApiError(`Revoking the refresh token failed: HTTP ${res.status}`, res.status, undefined, "oauth.revoke");
}
