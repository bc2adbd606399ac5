import { eq, sql } from "drizzle-orm";

import { signInThrottle, type Db } from "@marketable/db";

export interface ThrottleLimits {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** After this many failures inside the window, the key is locked for the lock period. */
export const THROTTLE = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

/** Per-address limit is looser: an office shares one address. */
export const ADDRESS_THROTTLE = { ...THROTTLE, maxFailures: 30 } as const;

export async function lockedUntil(db: Db, key: string, now: Date): Promise<Date | null> {
  const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, key));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts one failure; starts a new window when the old one has passed; locks at the limit. */
export async function recordFailure(db: Db, key: string, now: Date, limits: ThrottleLimits = THROTTLE) {
  const windowStart = new Date(now.getTime() - limits.windowMs);
  await db
    .insert(signInThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then 1 else ${signInThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then ${now} else ${signInThrottle.windowStartedAt} end`,
      },
    });
  await db
    .update(signInThrottle)
    .set({ lockedUntil: new Date(now.getTime() + limits.lockMs), failures: 0, windowStartedAt: now })
    .where(sql`${signInThrottle.key} = ${key} and ${signInThrottle.failures} >= ${limits.maxFailures}`);
}

export async function clearFailures(db: Db, key: string) {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
