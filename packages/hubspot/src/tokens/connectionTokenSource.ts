import { openSecret, sealSecret, secretKeyVersion, type Db, type Keyring, type PortalConnection } from "@marketable/db";
import type { Logger } from "@marketable/logger";

import { systemClock, type Clock } from "../clock";
import { ConnectionError, HubSpotAuthError } from "../errors";
import { requestTokens } from "../oauth";
import { backoffDelay, DEFAULT_RETRY_POLICY } from "../transport/backoff";
import { loadConnection, swapTokens } from "./connectionStore";
import type { TokenSource } from "./tokenSource";

export interface ConnectionTokenOptions {
  db: Db;
  keyring: Keyring;
  portalId: string;
  /** HubSpot (or sandbox) base URL, for the token endpoint. */
  basePath: string;
  /** The product's OAuth app; required for OAuth connections. */
  oauthApp?: { clientId: string; clientSecret: string };
  /** Defaults to reading `portal_connections`. */
  loadConnection?: (portalId: string) => Promise<PortalConnection | null>;
  /** Refresh when the access token has less than this left (default 5 minutes). */
  refreshWithinMs?: number;
  clock?: Clock;
  log?: Logger;
}

/**
 * Tokens of a stored connection. Static tokens are used as they are. OAuth access tokens are
 * refreshed shortly before they expire and once after a 401; the new tokens are sealed under the
 * current key and saved with a compare-and-swap on the old ciphertext, so when two processes
 * refresh at once the loser re-reads and uses the winner's tokens (both are valid at HubSpot).
 */
export async function connectionTokenSource(options: ConnectionTokenOptions): Promise<TokenSource> {
  const load = options.loadConnection ?? ((id: string) => loadConnection(options.db, id));
  const first = await load(options.portalId);
  if (!first) throw new ConnectionError(`Portal ${options.portalId} has no HubSpot connection`);
  return new ConnectionTokens(options, load, first);
}

class ConnectionTokens implements TokenSource {
  readonly hubId: string;
  readonly appId: string | null;
  readonly kind: "oauth" | "static";
  private row: PortalConnection;
  private inflight: Promise<PortalConnection> | null = null;
  private readonly clock: Clock;
  private readonly refreshWithinMs: number;

  constructor(
    private readonly options: ConnectionTokenOptions,
    private readonly load: (portalId: string) => Promise<PortalConnection | null>,
    row: PortalConnection,
  ) {
    this.row = row;
    this.hubId = row.hubId;
    this.appId = row.kind === "oauth" ? row.appId : null;
    this.kind = row.kind;
    this.clock = options.clock ?? systemClock;
    this.refreshWithinMs = options.refreshWithinMs ?? 5 * 60_000;
  }

  async accessToken(): Promise<string> {
    if (this.row.kind === "oauth" && this.expiresSoon(this.row)) this.row = await this.refresh(this.row.accessTokenEnc);
    else if (this.isStale(this.row)) this.row = await this.reseal(this.row);
    return openSecret(this.row.accessTokenEnc, this.options.keyring);
  }

  async afterUnauthorized(rejected: string): Promise<string | null> {
    if (this.row.kind !== "oauth") return null;
    // Another process may have refreshed already: use its token if it is not the one refused.
    const latest = await this.mustLoad();
    if (openSecret(latest.accessTokenEnc, this.options.keyring) !== rejected && !this.expiresSoon(latest)) {
      this.row = latest;
      return openSecret(latest.accessTokenEnc, this.options.keyring);
    }
    this.row = await this.refresh(latest.accessTokenEnc, true);
    return openSecret(this.row.accessTokenEnc, this.options.keyring);
  }

  private expiresSoon(row: PortalConnection): boolean {
    return !row.accessTokenExpiresAt || row.accessTokenExpiresAt.getTime() - this.clock.now() < this.refreshWithinMs;
  }

  private isStale(row: PortalConnection): boolean {
    return secretKeyVersion(row.accessTokenEnc) !== this.options.keyring.current.version;
  }

  private async mustLoad(): Promise<PortalConnection> {
    const row = await this.load(this.options.portalId);
    if (!row) throw new ConnectionError(`Portal ${this.options.portalId} has no HubSpot connection`);
    return row;
  }

  /** One refresh at a time per process; concurrent callers share it. */
  private refresh(staleAccessTokenEnc: string, force = false): Promise<PortalConnection> {
    this.inflight ??= this.doRefresh(staleAccessTokenEnc, force).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async doRefresh(staleAccessTokenEnc: string, force: boolean): Promise<PortalConnection> {
    const { keyring, oauthApp, portalId, basePath, db } = this.options;
    for (let round = 0; round < 3; round++) {
      const current = await this.mustLoad();
      // Someone else refreshed since we looked: take theirs.
      if (current.accessTokenEnc !== staleAccessTokenEnc && !this.expiresSoon(current)) return current;
      if (!force && !this.expiresSoon(current)) return current;
      if (!oauthApp) throw new ConnectionError("An OAuth connection needs the app's client id and secret to refresh");
      if (!current.refreshTokenEnc) throw new HubSpotAuthError("The OAuth connection has no refresh token", 401);
      const tokens = await this.withRetries(() =>
        requestTokens({
          basePath,
          ...oauthApp,
          grant: { type: "refresh_token", refreshToken: openSecret(current.refreshTokenEnc!, keyring) },
        }),
      );
      const now = this.clock.now();
      const saved = await swapTokens(db, portalId, current.accessTokenEnc, {
        accessTokenEnc: sealSecret(tokens.accessToken, keyring),
        refreshTokenEnc: sealSecret(tokens.refreshToken, keyring),
        accessTokenExpiresAt: new Date(now + tokens.expiresIn * 1000),
        keyVersion: keyring.current.version,
        lastRefreshedAt: new Date(now),
      });
      if (saved) {
        this.options.log?.info({ portalId }, "hubspot access token refreshed");
        return saved;
      }
      // Lost the race: the other process's tokens are in the row now; loop to re-read them.
      staleAccessTokenEnc = current.accessTokenEnc;
      force = false;
    }
    return this.mustLoad();
  }

  /** Re-seals tokens sealed under an older key version (key rotation), compare-and-swap as well. */
  private async reseal(row: PortalConnection): Promise<PortalConnection> {
    const { keyring, db, portalId } = this.options;
    const saved = await swapTokens(db, portalId, row.accessTokenEnc, {
      accessTokenEnc: sealSecret(openSecret(row.accessTokenEnc, keyring), keyring),
      refreshTokenEnc: row.refreshTokenEnc ? sealSecret(openSecret(row.refreshTokenEnc, keyring), keyring) : null,
      accessTokenExpiresAt: row.accessTokenExpiresAt,
      keyVersion: keyring.current.version,
    });
    return saved ?? this.mustLoad();
  }

  /** The token endpoint can fail transiently like any other; auth refusals are not retried. */
  private async withRetries<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (error instanceof HubSpotAuthError || attempt >= 4) throw error;
        await this.clock.sleep(backoffDelay(attempt, DEFAULT_RETRY_POLICY));
      }
    }
  }
}
