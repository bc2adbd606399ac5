import { eq } from "drizzle-orm";
import type { z } from "zod";

import { hashPassword, users, verifyPassword, writeAudit, type Db } from "@marketable/db";

import type { changePasswordInput } from "../../validation/account";

export type ChangePasswordResult = { ok: true } | { ok: false; fieldErrors: { currentPassword?: string; newPassword?: string } };

/**
 * A signed-in person changes their own password: the current one must match (a session left
 * open on a shared screen is not enough). Answers field errors in words for the form.
 */
export async function changePassword(
  db: Db,
  actor: { userId: string; agencyId: string },
  input: z.output<typeof changePasswordInput>,
): Promise<ChangePasswordResult> {
  const [user] = await db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user) return { ok: false, fieldErrors: { currentPassword: "Your account was not found: sign in again" } };
  if (!user.passwordHash)
    return { ok: false, fieldErrors: { currentPassword: "This account signs in through single sign-on and has no password here" } };
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    return { ok: false, fieldErrors: { currentPassword: "This is not your current password" } };
  if (input.newPassword === input.currentPassword)
    return { ok: false, fieldErrors: { newPassword: "Choose a password different from the current one" } };
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await writeAudit(tx, {
      agencyId: actor.agencyId,
      actor: { id: user.id, email: user.email },
      action: "account.changePassword",
      targetType: "user",
      targetId: user.id,
    });
  });
  return { ok: true };
}

/**
 * An operator sets someone's password (`admin reset-password`, for deployments without mail).
 * Returns false when no account has this email.
 */
export async function setPasswordByEmail(db: Db, email: string, newPassword: string): Promise<boolean> {
  const passwordHash = await hashPassword(newPassword);
  const updated = await db.update(users).set({ passwordHash }).where(eq(users.email, email.toLowerCase())).returning({ id: users.id });
  return updated.length > 0;
}
