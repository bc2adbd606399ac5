import { randomBytes } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { alertWebhooks, portalConnections } from "../schema";
import { createAgency, createPortal } from "../seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "../testing";
import { resealSecrets } from "./resealSecrets";
import { keyringFromEnv, openSecret, sealSecret, secretKeyVersion } from "./secretBox";

const oldKey = `1:${randomBytes(32).toString("base64")}`;
const newKey = `2:${randomBytes(32).toString("base64")}`;
const engines = await availableEngines();

describe.each(engines)("resealSecrets on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t?.close());

  it("re-seals tokens and webhook secrets sealed with the old key under the new one, and says the old key can go", async () => {
    const before = keyringFromEnv(oldKey);
    const agency = await createAgency(t.db);
    const oauthPortal = await createPortal(t.db, { agencyId: agency.id });
    const staticPortal = await createPortal(t.db, { agencyId: agency.id });
    await t.db.insert(portalConnections).values([
      {
        portalId: oauthPortal.id,
        agencyId: agency.id,
        kind: "oauth",
        hubId: "101",
        accessTokenEnc: sealSecret("access-101", before),
        refreshTokenEnc: sealSecret("refresh-101", before),
        keyVersion: 1,
      },
      {
        portalId: staticPortal.id,
        agencyId: agency.id,
        kind: "static",
        hubId: "102",
        accessTokenEnc: sealSecret("pat-102", before),
        refreshTokenEnc: null,
        keyVersion: 1,
      },
    ]);
    await t.db
      .insert(alertWebhooks)
      .values({ agencyId: agency.id, url: "https://hooks.example.test/a", secretEnc: sealSecret("whsec_old", before) });

    // Rotation: the new key first, the old one kept so that old values still open.
    const rotated = keyringFromEnv(`${newKey},${oldKey}`);
    const report = await resealSecrets(t.db, rotated);
    expect(report.resealed).toEqual({ connections: 2, alertWebhooks: 1 });
    expect(report.versionsInUse).toEqual({ 2: 4 });
    expect(report.removableVersions).toEqual([1]);

    // Readable with the new key alone: the old key really can go.
    const afterOnly = keyringFromEnv(newKey);
    const [oauth] = await t.db.select().from(portalConnections).where(eq(portalConnections.portalId, oauthPortal.id));
    const [pat] = await t.db.select().from(portalConnections).where(eq(portalConnections.portalId, staticPortal.id));
    const [hook] = await t.db.select().from(alertWebhooks).where(eq(alertWebhooks.agencyId, agency.id));
    expect([secretKeyVersion(oauth!.accessTokenEnc), secretKeyVersion(oauth!.refreshTokenEnc!), oauth!.keyVersion]).toEqual([2, 2, 2]);
    expect(openSecret(oauth!.accessTokenEnc, afterOnly)).toBe("access-101");
    expect(openSecret(oauth!.refreshTokenEnc!, afterOnly)).toBe("refresh-101");
    expect(openSecret(pat!.accessTokenEnc, afterOnly)).toBe("pat-102");
    expect(pat!.refreshTokenEnc).toBeNull();
    expect(openSecret(hook!.secretEnc, afterOnly)).toBe("whsec_old");

    // A second pass has nothing left to do.
    const again = await resealSecrets(t.db, rotated);
    expect(again.resealed).toEqual({ connections: 0, alertWebhooks: 0 });
  });

  it("refuses, changing nothing, when a secret was sealed with a key the keyring lacks", async () => {
    const agency = await createAgency(t.db);
    const lost = keyringFromEnv(`3:${randomBytes(32).toString("base64")}`);
    const sealed = sealSecret("whsec_lost", lost);
    await t.db.insert(alertWebhooks).values({ agencyId: agency.id, url: "https://hooks.example.test/b", secretEnc: sealed });
    await expect(resealSecrets(t.db, keyringFromEnv(`${newKey},${oldKey}`))).rejects.toThrow(/No key for sealed secret v3/);
    const [hook] = await t.db.select().from(alertWebhooks).where(eq(alertWebhooks.agencyId, agency.id));
    expect(hook!.secretEnc).toBe(sealed);
  });
});
