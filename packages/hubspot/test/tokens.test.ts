import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { openSecret, portalConnections, type Keyring } from "@marketable/db";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { PRODUCT_APP, startSandbox, type Sandbox } from "@marketable/hubspot-sandbox";

import {
  authorizeUrl,
  createPortalGateway,
  exchangeCode,
  HubSpotAuthError,
  requestTokens,
  revokeRefreshToken,
  type PortalGateway,
} from "../src";
import { keyring, oldKeyring, responseCounter, sandboxClock, seedPortal, type TestConnection } from "./fixtures";

const engines = await availableEngines();
const HUB = 20000002;
const MINUTE = 60_000;

describe.each(engines)("OAuth connections (%s)", (engine) => {
  let sandbox: Sandbox;
  let tdb: TestDatabase;
  const counter = responseCounter();

  beforeAll(async () => {
    sandbox = await startSandbox({ preset: "small", seed: 5, port: 0, limits: true, recorder: counter.record });
    tdb = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await sandbox?.close();
    await tdb?.close();
  });
  beforeEach(async () => {
    counter.reset();
    await tdb.reset();
  });

  /** Tokens minted by the sandbox for the product's app, stored sealed with the given expiry. */
  async function oauthPortal(expiresInMs = 30 * MINUTE, sealWith?: Keyring) {
    const minted = sandbox.admin.mintToken(HUB, PRODUCT_APP.appId);
    const connection: TestConnection = {
      kind: "oauth",
      accessToken: minted.access_token,
      refreshToken: minted.refresh_token,
      expiresAt: new Date(sandbox.state.now() + expiresInMs),
      appId: String(PRODUCT_APP.appId),
      sealWith,
    };
    const portalId = await seedPortal(tdb.db, { hubId: String(HUB), edition: "professional", connection });
    return { portalId, minted };
  }

  function gatewayFor(portalId: string): Promise<PortalGateway> {
    return createPortalGateway({
      db: tdb.db,
      keyring,
      portal: { portalId, hubId: String(HUB), edition: "professional" },
      basePath: sandbox.url,
      oauthApp: { clientId: sandbox.oauth.clientId, clientSecret: sandbox.oauth.clientSecret },
      clock: sandboxClock(sandbox),
    });
  }

  async function connectionRow(portalId: string) {
    const [row] = await tdb.db.select().from(portalConnections).where(eq(portalConnections.portalId, portalId));
    return row!;
  }

  async function rawRow(portalId: string): Promise<string> {
    const rows = await tdb.db.execute<{ row: string }>(
      sql`select to_jsonb(c)::text as row from portal_connections c where portal_id = ${portalId}`,
    );
    return rows.rows[0]!.row;
  }

  it("refreshes shortly before expiry and saves the new tokens sealed", async () => {
    const { portalId, minted } = await oauthPortal();
    const gateway = await gatewayFor(portalId);
    await gateway.listContactsPage({ limit: 5 });
    const before = await connectionRow(portalId);
    expect(before.lastRefreshedAt).toBeNull();

    sandbox.admin.advance({ ms: 26 * MINUTE }); // 4 minutes left: inside the 5-minute margin
    await gateway.listContactsPage({ limit: 5 });
    const after = await connectionRow(portalId);
    expect(after.lastRefreshedAt).not.toBeNull();
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);
    const fresh = openSecret(after.accessTokenEnc, keyring);
    expect(fresh).not.toBe(minted.access_token);
    expect(after.accessTokenExpiresAt!.getTime()).toBeGreaterThan(sandbox.state.now() + 25 * MINUTE);
    expect(counter.count(401)).toBe(0);
    const raw = await rawRow(portalId);
    for (const secret of [fresh, minted.access_token, minted.refresh_token]) expect(raw).not.toContain(secret);
  });

  it("refreshes once after a 401 and retries the call", async () => {
    // The row claims two hours; HubSpot's clock says the token expired (sandbox clock +31 min).
    const { portalId } = await oauthPortal(120 * MINUTE);
    const gateway = await gatewayFor(portalId);
    sandbox.admin.advance({ ms: 31 * MINUTE });
    const page = await gateway.listContactsPage({ limit: 5 });
    expect(page.contacts).toHaveLength(5);
    expect(counter.count(401)).toBe(1);
    expect(gateway.stats.unauthorized).toBe(1);
    const row = await connectionRow(portalId);
    expect(row.lastRefreshedAt).not.toBeNull();
    expect(row.keyVersion).toBe(keyring.current.version);
  });

  it("re-seals tokens sealed under an older key version", async () => {
    const { portalId, minted } = await oauthPortal(30 * MINUTE, oldKeyring);
    expect((await connectionRow(portalId)).keyVersion).toBe(1);
    const gateway = await gatewayFor(portalId);
    await gateway.listContactsPage({ limit: 1 });
    const row = await connectionRow(portalId);
    expect(row.keyVersion).toBe(2);
    expect(row.accessTokenEnc.startsWith("v2.")).toBe(true);
    expect(row.refreshTokenEnc!.startsWith("v2.")).toBe(true);
    expect(openSecret(row.accessTokenEnc, keyring)).toBe(minted.access_token);
    expect(openSecret(row.refreshTokenEnc!, keyring)).toBe(minted.refresh_token);
  });

  it("two processes refreshing at once both end with working tokens and one consistent row", async () => {
    const { portalId } = await oauthPortal();
    const a = await gatewayFor(portalId);
    const b = await gatewayFor(portalId);
    sandbox.admin.advance({ ms: 27 * MINUTE });
    const pages = await Promise.all([a.listContactsPage({ limit: 2 }), b.listContactsPage({ limit: 2 }), a.listContactsPage({ limit: 3 })]);
    expect(pages.map((p) => p.contacts.length)).toEqual([2, 2, 3]);
    const row = await connectionRow(portalId);
    expect(row.lastRefreshedAt).not.toBeNull();
    // The stored token is valid at HubSpot and both gateways keep working.
    const introspected = await fetch(`${sandbox.url}/oauth/v1/access-tokens/${openSecret(row.accessTokenEnc, keyring)}`);
    expect(introspected.status).toBe(200);
    await a.listContactsPage({ limit: 1 });
    await b.listContactsPage({ limit: 1 });
    expect(counter.count(401)).toBe(0);
  });

  it("a revoked refresh token ends in HubSpotAuthError (the portal needs reconnecting)", async () => {
    const { portalId, minted } = await oauthPortal();
    sandbox.admin.revokeRefreshToken(minted.refresh_token);
    const gateway = await gatewayFor(portalId);
    sandbox.admin.advance({ ms: 28 * MINUTE });
    await expect(gateway.listContactsPage({ limit: 1 })).rejects.toBeInstanceOf(HubSpotAuthError);
  });
});

describe("OAuth helpers against the sandbox", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ preset: "small", seed: 9, port: 0 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("authorize URL → approve → exchange the code → introspect → revoke", async () => {
    const redirectUri = "http://127.0.0.1:3000/api/hubspot/callback";
    const url = authorizeUrl({
      baseAuthorizeUrl: `${sandbox.url}/oauth/authorize`,
      clientId: sandbox.oauth.clientId,
      redirectUri,
      scopes: ["oauth", "crm.objects.contacts.read", "crm.import"],
      state: "state-123",
    });
    expect(new URL(url).searchParams.get("scope")).toBe("oauth crm.objects.contacts.read crm.import");
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Approve");

    // What the browser posts when the user approves portal HUB on the sandbox's page.
    const approve = await fetch(`${sandbox.url}/oauth/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: sandbox.oauth.clientId,
        redirect_uri: redirectUri,
        scope: "oauth crm.objects.contacts.read crm.import",
        state: "state-123",
        hubId: String(HUB),
        decision: "approve",
      }),
    });
    expect(approve.status).toBe(302);
    const location = new URL(approve.headers.get("location")!);
    expect(location.searchParams.get("state")).toBe("state-123");
    const code = location.searchParams.get("code")!;

    const { tokens, introspect } = await exchangeCode({
      basePath: sandbox.url,
      clientId: sandbox.oauth.clientId,
      clientSecret: sandbox.oauth.clientSecret,
      redirectUri,
      code,
    });
    expect(tokens.expiresIn).toBe(1800);
    expect(introspect).toMatchObject({ hubId: String(HUB), appId: String(PRODUCT_APP.appId) });
    expect(introspect.scopes).toContain("crm.import");

    // A code is single use.
    await expect(
      exchangeCode({
        basePath: sandbox.url,
        clientId: sandbox.oauth.clientId,
        clientSecret: sandbox.oauth.clientSecret,
        redirectUri,
        code,
      }),
    ).rejects.toBeInstanceOf(HubSpotAuthError);

    await revokeRefreshToken(sandbox.url, tokens.refreshToken);
    await expect(
      requestTokens({
        basePath: sandbox.url,
        clientId: sandbox.oauth.clientId,
        clientSecret: sandbox.oauth.clientSecret,
        grant: { type: "refresh_token", refreshToken: tokens.refreshToken },
      }),
    ).rejects.toBeInstanceOf(HubSpotAuthError);
  });
});
