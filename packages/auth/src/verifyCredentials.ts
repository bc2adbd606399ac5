import { eq } from "drizzle-orm";
import { z } from "zod";

import { loadAccess, users, verifyPassword, writeAudit, type Db } from "@marketable/db";
import { logger } from "@marketable/logger";

import { ADDRESS_THROTTLE, clearFailures, lockedUntil, recordFailure } from "./throttle";

export const credentialsSchema = z.object({
  email: z.email({ message: "Enter a valid email address" }).max(254, "An email address has at most 254 characters").trim().toLowerCase(),
  password: z.string().min(1, "Enter your password").max(200),
});

export type CredentialsResult =
  { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks an email and password. Throttled per email and per client address; the same answer
 * for an unknown email and a wrong password, so sign-in does not reveal who has an account.
 * A success is written to the audit log of the person's current agency.
 */
export async function verifyCredentials(db: Db, raw: unknown, clientAddress: string | null, now = new Date()): Promise<CredentialsResult> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const keys = [`email:${email}`, ...(clientAddress ? [`addr:${clientAddress}`] : [])];
  for (const key of keys) {
    if (await lockedUntil(db, key, now)) {
      logger.warn({ key: key.split(":")[0] }, "sign-in throttled");
      return { ok: false, reason: "throttled" };
    }
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : false;
  if (!user || !valid) {
    await recordFailure(db, keys[0]!, now);
    if (keys[1]) await recordFailure(db, keys[1], now, ADDRESS_THROTTLE);
    logger.info({ reason: "bad credentials" }, "sign-in refused");
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, keys[0]!);
  const access = await loadAccess(db, user.id);
  if (access) {
    await writeAudit(db, {
      agencyId: access.agency.id,
      actor: { id: user.id, email: user.email },
      action: "auth.signIn",
      targetType: "user",
      targetId: user.id,
    });
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
