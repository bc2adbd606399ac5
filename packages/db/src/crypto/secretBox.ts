import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets at rest (HubSpot tokens) are sealed with AES-256-GCM. A keyring holds numbered keys;
 * the first is current and seals new values, the others still open old ones until rotation has
 * re-sealed every row. Format: `v<version>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export interface Keyring {
  current: { version: number; key: Buffer };
  byVersion: Map<number, Buffer>;
}

/** A fixed, public key for the embedded demo only: never used when a real key is configured. */
const DEVELOPMENT_KEY = createHash("sha256").update("marketable embedded development key, not a secret").digest();

/**
 * Reads `MARKETABLE_ENCRYPTION_KEYS`: comma-separated `version:base64key` pairs, current first,
 * each key 32 bytes. Without it, embedded mode uses a development key and production refuses.
 */
export function keyringFromEnv(
  value: string | undefined,
  options: { allowDevelopmentKey: boolean } = { allowDevelopmentKey: true },
): Keyring {
  if (!value) {
    if (!options.allowDevelopmentKey) throw new Error("MARKETABLE_ENCRYPTION_KEYS is required to store HubSpot tokens");
    return { current: { version: 0, key: DEVELOPMENT_KEY }, byVersion: new Map([[0, DEVELOPMENT_KEY]]) };
  }
  const entries = value.split(",").map((pair) => {
    const [version, encoded] = pair.trim().split(":");
    const key = Buffer.from(encoded ?? "", "base64");
    if (!/^\d+$/.test(version ?? "") || key.length !== 32) {
      throw new Error("MARKETABLE_ENCRYPTION_KEYS must be version:base64 pairs of 32-byte keys, e.g. 2:…,1:…");
    }
    return [Number(version), key] as const;
  });
  const [first] = entries;
  return { current: { version: first![0], key: first![1] }, byVersion: new Map(entries) };
}

export function sealSecret(plaintext: string, keyring: Keyring): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    `v${keyring.current.version}`,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    data.toString("base64url"),
  ].join(".");
}

export function secretKeyVersion(sealed: string): number {
  const match = /^v(\d+)\./.exec(sealed);
  if (!match) throw new Error("Not a sealed secret");
  return Number(match[1]);
}

export function openSecret(sealed: string, keyring: Keyring): string {
  const [version, iv, tag, data] = sealed.split(".");
  const key = keyring.byVersion.get(secretKeyVersion(sealed));
  if (!key || !iv || !tag || data === undefined || !version) throw new Error(`No key for sealed secret ${version ?? "?"}`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** Re-seals under the current key when an older key sealed it; returns null when already current. */
export function resealIfStale(sealed: string, keyring: Keyring): string | null {
  return secretKeyVersion(sealed) === keyring.current.version ? null : sealSecret(openSecret(sealed, keyring), keyring);
}
