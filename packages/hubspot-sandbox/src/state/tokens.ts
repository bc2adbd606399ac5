import { randomBytes } from "node:crypto";

/** Every scope the sandbox checks; private-app tokens hold all of them. */
export const ALL_SCOPES = [
  "oauth",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.schemas.contacts.read",
  "crm.schemas.contacts.write",
  "crm.objects.owners.read",
  "crm.import",
  "crm.objects.partner-clients.read",
  "account-info.security.read",
] as const;

export const ACCESS_TOKEN_TTL_MS = 30 * 60_000;
const AUTH_CODE_TTL_MS = 10 * 60_000;

/** Who a bearer token speaks for: a portal, an app in it, and what it may do. */
export interface TokenGrant {
  kind: "private" | "oauth";
  hubId: number;
  appId: number;
  scopes: string[];
  userId: number;
  user: string;
  /** Simulated-clock time; private-app tokens never expire. */
  expiresAt: number;
}

interface RefreshGrant {
  hubId: number;
  appId: number;
  clientId: string;
  scopes: string[];
  userId: number;
  user: string;
  revoked: boolean;
}

interface AuthCode extends RefreshGrant {
  redirectUri: string;
  expiresAt: number;
}

function opaque(prefix: string): string {
  return `${prefix}${randomBytes(24).toString("base64url")}`;
}

/** Bearer tokens (static and OAuth), refresh tokens and one-time authorization codes. */
export class TokenStore {
  private readonly access = new Map<string, TokenGrant>();
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly codes = new Map<string, AuthCode>();

  addPrivateToken(token: string, hubId: number, appId: number): void {
    this.access.set(token, {
      kind: "private",
      hubId,
      appId,
      scopes: [...ALL_SCOPES],
      userId: 0,
      user: "private-app",
      expiresAt: Number.POSITIVE_INFINITY,
    });
  }

  removePortal(hubId: number): void {
    for (const [t, g] of this.access) if (g.hubId === hubId) this.access.delete(t);
    for (const [t, g] of this.refresh) if (g.hubId === hubId) this.refresh.delete(t);
  }

  lookup(token: string): TokenGrant | undefined {
    return this.access.get(token);
  }

  issueCode(grant: Omit<AuthCode, "revoked" | "expiresAt">, now: number): string {
    const code = opaque("sbx-code-");
    this.codes.set(code, { ...grant, revoked: false, expiresAt: now + AUTH_CODE_TTL_MS });
    return code;
  }

  /** Codes are single use: the first exchange consumes them. */
  consumeCode(code: string, now: number): AuthCode | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (!found || found.expiresAt < now) return undefined;
    return found;
  }

  issueRefreshToken(grant: Omit<RefreshGrant, "revoked">): string {
    const token = `na1-${randomBytes(2).toString("hex")}-${randomBytes(2).toString("hex")}-${randomBytes(8).toString("hex")}`;
    this.refresh.set(token, { ...grant, revoked: false });
    return token;
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    const g = this.refresh.get(token);
    return g && !g.revoked ? g : undefined;
  }

  revokeRefreshToken(token: string): boolean {
    const g = this.refresh.get(token);
    if (!g || g.revoked) return false;
    g.revoked = true;
    return true;
  }

  issueAccessToken(grant: Omit<TokenGrant, "kind" | "expiresAt">, now: number): { token: string; expiresAt: number } {
    const token = opaque("sbx-at-");
    const expiresAt = now + ACCESS_TOKEN_TTL_MS;
    this.access.set(token, { ...grant, kind: "oauth", expiresAt });
    return { token, expiresAt };
  }
}
