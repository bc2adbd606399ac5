import { hash, verify } from "@node-rs/argon2";

/**
 * Passwords are hashed with argon2id (memory-hard), OWASP's minimum parameters: 19 MiB, 2
 * passes. The db package owns this because it owns the users table and its hash format.
 */
const params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must not let anyone in nor crash the sign-in.
    return false;
  }
}
