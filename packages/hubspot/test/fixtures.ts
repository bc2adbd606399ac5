import { randomBytes } from "node:crypto";

import { keyringFromEnv, portalConnections, sealSecret, type Db, type Keyring } from "@marketable/db";
import { createAgency, createPortal } from "@marketable/db/seed";
import type { Sandbox } from "@marketable/hubspot-sandbox";

import type { Clock } from "../src/clock";
import type { Edition } from "../src/limiter/editionLimits";

/** Two key versions: 2 is current, 1 still opens older ciphertexts (rotation tests). */
export const keyring: Keyring = keyringFromEnv(`2:${randomBytes(32).toString("base64")},1:${randomBytes(32).toString("base64")}`);
export const oldKeyring: Keyring = { current: { version: 1, key: keyring.byVersion.get(1)! }, byVersion: keyring.byVersion };

export type TestConnection =
  | { kind: "static"; token: string }
  | { kind: "oauth"; accessToken: string; refreshToken: string; expiresAt: Date; appId: string; sealWith?: Keyring };

/** An agency, a portal row for a sandbox hub and its sealed connection. Returns our portal id. */
export async function seedPortal(db: Db, input: { hubId: string; edition: Edition; connection: TestConnection }): Promise<string> {
  const agency = await createAgency(db);
  const portal = await createPortal(db, { agencyId: agency.id, hubId: input.hubId, edition: input.edition, connectionStatus: "connected" });
  const c = input.connection;
  const seal = (s: string) => sealSecret(s, c.kind === "oauth" && c.sealWith ? c.sealWith : keyring);
  await db.insert(portalConnections).values({
    portalId: portal.id,
    agencyId: agency.id,
    kind: c.kind,
    hubId: input.hubId,
    appId: c.kind === "oauth" ? c.appId : null,
    accessTokenEnc: seal(c.kind === "static" ? c.token : c.accessToken),
    refreshTokenEnc: c.kind === "oauth" ? seal(c.refreshToken) : null,
    accessTokenExpiresAt: c.kind === "oauth" ? c.expiresAt : null,
    keyVersion: c.kind === "oauth" && c.sealWith ? c.sealWith.current.version : keyring.current.version,
  });
  return portal.id;
}

/** Real sleeping, the sandbox's simulated "now" (token expiry follows it). */
export function sandboxClock(sandbox: Sandbox): Clock {
  return { now: () => sandbox.state.now(), sleep: (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms))) };
}

/** Counts the sandbox's responses by status, to prove what HubSpot would have seen. */
export function responseCounter() {
  const counts = new Map<number, number>();
  let total = 0;
  return {
    record: (r: { statusCode: number }) => {
      total++;
      counts.set(r.statusCode, (counts.get(r.statusCode) ?? 0) + 1);
    },
    count: (status: number) => counts.get(status) ?? 0,
    get total() {
      return total;
    },
    reset: () => {
      counts.clear();
      total = 0;
    },
  };
}

/** The ids of a sandbox portal's live (non-archived) contacts. */
export function liveContactIds(sandbox: Sandbox, hubId: number): string[] {
  const portal = sandbox.state.portal(hubId)!;
  return portal.contacts.records.filter((c) => c.archivedAt === 0).map((c) => String(c.id));
}
