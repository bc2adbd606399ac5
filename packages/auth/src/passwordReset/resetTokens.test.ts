import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { auditLog, passwordResetTokens, signInThrottle, users } from "@marketable/db";
import { createAgency, createMember } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";

import type { MailMessage } from "../mail/mailer";
import { verifyCredentials } from "../verifyCredentials";
import {
  hashResetToken,
  requestPasswordReset,
  RESET_THROTTLE,
  RESET_TOKEN_TTL_MS,
  resetPasswordWithToken,
  resetTokenState,
} from "./resetTokens";

const engines = await availableEngines();
const appUrl = "https://portal.example.test";

/** The token in the emailed link. */
function tokenIn(message: MailMessage): string {
  const match = /https:\/\/portal\.example\.test\/reset-password\/([A-Za-z0-9_-]+)/.exec(message.text);
  if (!match?.[1]) throw new Error(`no reset link in: ${message.text}`);
  return match[1];
}

describe.each(engines)("password reset tokens on %s", (engine) => {
  let t: TestDatabase;
  let userId: string;
  const sent: MailMessage[] = [];
  const send = async (message: MailMessage) => {
    sent.push(message);
  };
  const ask = (email: string, now?: Date, clientAddress: string | null = null) =>
    requestPasswordReset(t.db, { email, clientAddress, appUrl, send }, now);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const agency = await createAgency(t.db);
    userId = (await createMember(t.db, { agencyId: agency.id, role: "member", email: "person@example.test", password: "old password 1" }))
      .id;
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    sent.length = 0;
    await t.db.delete(signInThrottle).where(like(signInThrottle.key, "reset-%"));
  });

  it("emails a link whose token is stored only as its SHA-256", async () => {
    expect(await ask("Person@Example.test")).toEqual({ ok: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe("person@example.test");
    const token = tokenIn(sent[0]!);
    const rows = await t.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, userId));
    expect(rows.map((r) => r.tokenHash)).toContain(hashResetToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(hashResetToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives the same answer for an unknown email and sends nothing", async () => {
    const before = await t.db.select().from(passwordResetTokens);
    expect(await ask("nobody@example.test")).toEqual({ ok: true });
    expect(sent).toEqual([]);
    expect(await t.db.select().from(passwordResetTokens)).toHaveLength(before.length);
  });

  it("sets the password once, marks the token used and invalidates the person's other links, and audits it", async () => {
    await ask("person@example.test");
    await ask("person@example.test");
    const [first, second] = sent.map(tokenIn);
    expect(await resetPasswordWithToken(t.db, { token: second!, newPassword: "new password 2" })).toEqual({ ok: true });
    expect((await verifyCredentials(t.db, { email: "person@example.test", password: "new password 2" }, null)).ok).toBe(true);
    expect((await verifyCredentials(t.db, { email: "person@example.test", password: "old password 1" }, null)).ok).toBe(false);
    expect(await resetPasswordWithToken(t.db, { token: second!, newPassword: "another password 3" })).toEqual({
      ok: false,
      reason: "used",
    });
    expect(await resetPasswordWithToken(t.db, { token: first!, newPassword: "another password 3" })).toEqual({ ok: false, reason: "used" });
    expect(await resetTokenState(t.db, first!)).toBe("used");
    expect((await verifyCredentials(t.db, { email: "person@example.test", password: "new password 2" }, null)).ok).toBe(true);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "account.resetPassword"));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUserId).toBe(userId);
  });

  it("refuses an expired link and leaves the password as it was", async () => {
    const asked = new Date("2026-12-01T10:00:00Z");
    await ask("person@example.test", asked);
    const token = tokenIn(sent[0]!);
    const [before] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
    const justBefore = new Date(asked.getTime() + RESET_TOKEN_TTL_MS - 1000);
    expect(await resetTokenState(t.db, token, justBefore)).toBe("valid");
    const after = new Date(asked.getTime() + RESET_TOKEN_TTL_MS + 1000);
    expect(await resetTokenState(t.db, token, after)).toBe("expired");
    expect(await resetPasswordWithToken(t.db, { token, newPassword: "too late password" }, after)).toEqual({
      ok: false,
      reason: "expired",
    });
    const [unchanged] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
    expect(unchanged!.hash).toBe(before!.hash);
  });

  it("refuses a token it never issued", async () => {
    expect(await resetPasswordWithToken(t.db, { token: "made-up-token", newPassword: "whatever password" })).toEqual({
      ok: false,
      reason: "unknown",
    });
  });

  it("throttles requests per email, known or not, the same way", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    for (const email of ["person@example.test", "nobody@example.test"]) {
      for (let i = 0; i < RESET_THROTTLE.maxFailures; i++) expect(await ask(email, now)).toEqual({ ok: true });
      expect(await ask(email, now)).toEqual({ ok: false, reason: "throttled" });
    }
    expect(sent).toHaveLength(RESET_THROTTLE.maxFailures);
    expect(await ask("person@example.test", new Date(now.getTime() + RESET_THROTTLE.lockMs + 1000))).toEqual({ ok: true });
  });
});
