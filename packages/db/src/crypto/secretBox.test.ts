import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { keyringFromEnv, openSecret, resealIfStale, sealSecret, secretKeyVersion } from "./secretBox";

const key = () => randomBytes(32).toString("base64");

describe("secret box", () => {
  it("round-trips and never contains the plaintext", () => {
    const ring = keyringFromEnv(`1:${key()}`);
    const sealed = sealSecret("pat-na1-secret-token", ring);
    expect(sealed).not.toContain("pat-na1");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(openSecret(sealed, ring)).toBe("pat-na1-secret-token");
    expect(sealSecret("same", ring)).not.toBe(sealSecret("same", ring));
  });

  it("refuses tampered ciphertext", () => {
    const ring = keyringFromEnv(`1:${key()}`);
    const sealed = sealSecret("value", ring);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("other").toString("base64url");
    expect(() => openSecret(parts.join("."), ring)).toThrow();
  });

  it("rotates: a new current key opens old values and re-seals them", () => {
    const oldKey = key();
    const before = keyringFromEnv(`1:${oldKey}`);
    const sealed = sealSecret("token", before);
    const after = keyringFromEnv(`2:${key()},1:${oldKey}`);
    expect(openSecret(sealed, after)).toBe("token");
    const resealed = resealIfStale(sealed, after)!;
    expect(secretKeyVersion(resealed)).toBe(2);
    expect(openSecret(resealed, after)).toBe("token");
    expect(resealIfStale(resealed, after)).toBeNull();
    expect(() => openSecret(resealed, before)).toThrow(/No key/);
  });

  it("explains a malformed key setting and refuses a missing one in production", () => {
    expect(() => keyringFromEnv("1:short")).toThrow(/32-byte keys/);
    expect(() => keyringFromEnv(undefined, { allowDevelopmentKey: false })).toThrow(/required/);
  });
});
