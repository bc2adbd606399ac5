import { createHash } from "node:crypto";

/** A seeded PRNG (mulberry32): fast, tiny state, and the same sequence for the same seed. */
export type Rng = () => number;

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Turns any string into a 32-bit seed, so seeds can be derived per portal or per endpoint. */
export function seedFrom(...parts: (string | number)[]): number {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  return digest.readUInt32LE(0);
}

export function randomInt(rng: Rng, min: number, maxInclusive: number): number {
  return min + Math.floor(rng() * (maxInclusive - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick() from an empty list");
  return item;
}

/** Picks by weight: `weights` pairs each value with a relative likelihood. */
export function weighted<T>(rng: Rng, weights: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of weights) total += w;
  let r = rng() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  const last = weights[weights.length - 1];
  if (!last) throw new Error("weighted() from an empty list");
  return last[0];
}

/** A UUID-shaped string derived from its inputs: deterministic ids, tokens and secrets. */
export function deterministicUuid(...parts: (string | number)[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
