import { createHash, randomBytes } from "node:crypto";

import { and, eq, isNull, ne } from "drizzle-orm";
import { z } from "zod";

import { hashPassword, loadAccess, passwordResetTokens, users, writeAudit, type Db } from "@marketable/db";
import { logger } from "@marketable/logger";

import type { MailMessage } from "../mail/mailer";
import { clearFailures, lockedUntil, recordFailure, type ThrottleLimits } from "../throttle";
import { resetEmail } from "./resetEmail";

/** How long an emailed link works. */
export const RESET_TOKEN_TTL_MS = 60 * 60_000;

/**
 * Every request counts (not only failures), so the link cannot be used to flood someone's inbox
 * or to probe addresses quickly; per address looser, as for sign-in.
 */
export const RESET_THROTTLE: ThrottleLimits = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const RESET_ADDRESS_THROTTLE: ThrottleLimits = { ...RESET_THROTTLE, maxFailures: 30 };

export const resetRequestSchema = z.object({ email: z.email({ message: "Enter a valid email address" }).trim().toLowerCase() });

/** Only the hash is stored: a leaked table cannot reset anyone's password. */
export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type ResetRequestResult = { ok: true } | { ok: false; reason: "throttled" };

/**
 * Someone asks for a reset link. The answer is the same whether or not the email has an account;
 * when it has, a single-use link valid RESET_TOKEN_TTL_MS is sent through `send`.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; clientAddress: string | null; appUrl: string; send: (message: MailMessage) => Promise<void> },
  now = new Date(),
): Promise<ResetRequestResult> {
  const email = input.email.trim().toLowerCase();
  const keys: [string, ThrottleLimits][] = [[`reset-email:${email}`, RESET_THROTTLE]];
  if (input.clientAddress) keys.push([`reset-addr:${input.clientAddress}`, RESET_ADDRESS_THROTTLE]);
  for (const [key] of keys) {
    if (await lockedUntil(db, key, now)) {
      logger.warn({ key: key.split(":")[0] }, "password reset throttled");
      return { ok: false, reason: "throttled" };
    }
  }
  for (const [key, limits] of keys) await recordFailure(db, key, now, limits);
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email));
  if (!user) {
    logger.info("password reset asked for an unknown email");
    return { ok: true };
  }
  const token = randomBytes(32).toString("base64url");
  await db
    .insert(passwordResetTokens)
    .values({ userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) });
  const link = new URL(`/reset-password/${token}`, input.appUrl).toString();
  // Not awaited: an SMTP round trip only for known emails would tell them apart by the time the
  // answer takes. A failure leaves the answer the same; the operator sees why in the log.
  void input.send(resetEmail(user.email, link, RESET_TOKEN_TTL_MS)).catch((error: unknown) => {
    logger.error({ err: error }, "password reset email could not be sent");
  });
  return { ok: true };
}

export type ResetTokenState = "valid" | "unknown" | "expired" | "used";

export const resetTokenMessages: Record<Exclude<ResetTokenState, "valid">, string> = {
  unknown: "This reset link is not valid. Ask for a new one from the sign-in page.",
  expired: "This reset link has expired. Ask for a new one from the sign-in page.",
  used: "This reset link was already used. Ask for a new one from the sign-in page if you need to.",
};

async function findToken(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, hashResetToken(token)));
  return row;
}

function stateOf(row: { expiresAt: Date; usedAt: Date | null } | undefined, now: Date): ResetTokenState {
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  return row.expiresAt <= now ? "expired" : "valid";
}

/** Whether a link still works, for the reset page to say so before the form. */
export async function resetTokenState(db: Db, token: string, now = new Date()): Promise<ResetTokenState> {
  return stateOf(await findToken(db, token), now);
}

export type ResetPasswordResult = { ok: true } | { ok: false; reason: Exclude<ResetTokenState, "valid"> };

/**
 * Sets the password from a link: claims the token (atomically, so two tabs cannot both use it),
 * marks the person's other outstanding tokens used, clears their sign-in lock, and audits it.
 */
export async function resetPasswordWithToken(
  db: Db,
  input: { token: string; newPassword: string },
  now = new Date(),
): Promise<ResetPasswordResult> {
  const row = await findToken(db, input.token);
  const state = stateOf(row, now);
  if (!row || state !== "valid") return { ok: false, reason: state === "valid" ? "unknown" : state };
  const passwordHash = await hashPassword(input.newPassword);
  const done = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.id, row.id), isNull(passwordResetTokens.usedAt)))
      .returning({ id: passwordResetTokens.id });
    if (claimed.length === 0) return false;
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.userId, row.userId), isNull(passwordResetTokens.usedAt), ne(passwordResetTokens.id, row.id)));
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, row.userId))
      .returning({ id: users.id, email: users.email });
    if (!user) return false;
    const access = await loadAccess(tx, user.id);
    if (access) {
      await writeAudit(tx, {
        agencyId: access.agency.id,
        actor: { id: user.id, email: user.email },
        action: "account.resetPassword",
        targetType: "user",
        targetId: user.id,
      });
    }
    return user.email;
  });
  if (!done) return { ok: false, reason: "used" };
  await clearFailures(db, `email:${done}`);
  return { ok: true };
}
