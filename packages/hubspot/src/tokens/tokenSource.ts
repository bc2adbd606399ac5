/** Where a gateway gets its bearer token; OAuth sources refresh, static ones do not. */
export interface TokenSource {
  /** A token valid for at least a few minutes (refreshes first when close to expiry). */
  accessToken(): Promise<string>;
  /**
   * HubSpot refused `rejected` with 401: refresh once and return the new token, or null when
   * there is nothing to refresh (static token) and the caller should fail.
   */
  afterUnauthorized(rejected: string): Promise<string | null>;
  /** The OAuth app id whose rate allowance the token uses (null: private app / static token). */
  readonly appId: string | null;
  /** How the token authenticates, which decides its rate limits; absent: OAuth when there is an app id. */
  readonly kind?: "oauth" | "static";
  readonly hubId: string;
}

/** A fixed token (private app, Service Key): used as-is, never refreshed. */
export function staticTokenSource(token: string, hubId: string, appId: string | null = null): TokenSource {
  return {
    hubId,
    appId,
    accessToken: async () => token,
    afterUnauthorized: async () => null,
  };
}
