import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createAgency, createMember } from "@marketable/db/seed";
import { createTestDatabase, type TestDatabase } from "@marketable/db/testing";

import { startSmtpReceiver } from "../../test/smtpReceiver";
import { createMailer } from "../mail/mailer";
import { verifyCredentials } from "../verifyCredentials";
import { requestPasswordReset, resetPasswordWithToken } from "./resetTokens";

// Through real SMTP: nodemailer talks to a local receiver, the link in the mail resets the password.
describe("password reset email over SMTP", () => {
  let t: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
    receiver = await startSmtpReceiver();
    const agency = await createAgency(t.db);
    await createMember(t.db, { agencyId: agency.id, role: "member", email: "mailed@example.test", password: "old password 1" });
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  it("delivers a link from SMTP_FROM that sets the new password", async () => {
    const send = createMailer({ smtpUrl: `smtp://127.0.0.1:${receiver.port}`, from: "Marketable <no-reply@portal.example.test>" });
    await requestPasswordReset(t.db, {
      email: "mailed@example.test",
      clientAddress: "10.0.0.9",
      appUrl: "https://portal.example.test",
      send,
    });
    // The answer does not wait for the mail (timing would tell known emails apart).
    await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 10_000 });
    const mail = receiver.received[0]!;
    expect(mail.to).toEqual(["mailed@example.test"]);
    expect(mail.raw).toMatch(/^From: Marketable <no-reply@portal\.example\.test>/m);
    expect(mail.raw).toMatch(/^Subject: Reset your Marketable password/m);
    const token = /https:\/\/portal\.example\.test\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.raw)?.[1];
    expect(token).toBeDefined();
    expect(await resetPasswordWithToken(t.db, { token: token!, newPassword: "mailed new password" })).toEqual({ ok: true });
    expect((await verifyCredentials(t.db, { email: "mailed@example.test", password: "mailed new password" }, null)).ok).toBe(true);
  });
});
