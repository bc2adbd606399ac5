import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { agencyMemberships, auditLog, invitations, users, verifyPassword } from "@marketable/db";
import { createAgency, createUser } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";

import { changePassword, setPasswordByEmail } from "../src/services/account/passwords";
import { createAgencyWithOwner, CreateOwnerError } from "../src/services/members/createOwner";
import { acceptInvitation, lookupInvitation } from "../src/services/members/invitations";
import { createOwnerInput } from "../src/validation/account";

const engines = await availableEngines();

describe.each(engines)("the first owner and passwords on %s", (engine) => {
  let t: TestDatabase;
  const now = new Date("2026-12-02T12:00:00Z");

  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t.close();
  });

  it("create-owner makes the agency and an owner invite link that signs the owner up", async () => {
    const created = await createAgencyWithOwner(t.db, createOwnerInput.parse({ agency: "Acme Studio", email: "Ada@Acme.example" }), now);
    expect(created.agency.slug).toBe("acme-studio");
    const token = created.path.replace("/invite/", "");
    expect(await lookupInvitation(t.db, token, now)).toMatchObject({
      state: "valid",
      email: "ada@acme.example",
      agencyName: "Acme Studio",
      role: "owner",
    });
    // Only the hash is stored.
    const stored = await t.db.select().from(invitations).where(eq(invitations.agencyId, created.agency.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toBe(token);

    const joined = await acceptInvitation(t.db, { token, name: "Ada", password: "ada's first password" }, now);
    const [membership] = await t.db
      .select()
      .from(agencyMemberships)
      .where(and(eq(agencyMemberships.agencyId, created.agency.id), eq(agencyMemberships.userId, joined.userId)));
    expect(membership?.role).toBe("owner");

    await expect(
      createAgencyWithOwner(t.db, createOwnerInput.parse({ agency: "Acme  Studio!", email: "b@acme.example" }), now),
    ).rejects.toThrow(CreateOwnerError);
  });

  it("changes one's own password only with the current one, and audits it", async () => {
    const agency = await createAgency(t.db);
    const user = await createUser(t.db, { password: "the old password" });
    const actor = { userId: user.id, agencyId: agency.id };
    const hashNow = async () => (await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id)))[0]!.hash!;

    expect(await changePassword(t.db, actor, { currentPassword: "a wrong guess", newPassword: "a new password" })).toEqual({
      ok: false,
      fieldErrors: { currentPassword: "This is not your current password" },
    });
    expect(await changePassword(t.db, actor, { currentPassword: "the old password", newPassword: "the old password" })).toEqual({
      ok: false,
      fieldErrors: { newPassword: "Choose a password different from the current one" },
    });
    expect(await verifyPassword(await hashNow(), "the old password")).toBe(true);

    expect(await changePassword(t.db, actor, { currentPassword: "the old password", newPassword: "a new password" })).toEqual({ ok: true });
    expect(await verifyPassword(await hashNow(), "a new password")).toBe(true);
    expect(await verifyPassword(await hashNow(), "the old password")).toBe(false);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.agencyId, agency.id), eq(auditLog.action, "account.changePassword")));
    expect(audit.map((a) => a.actorUserId)).toEqual([user.id]);
  });

  it("an SSO-only account has no password to change", async () => {
    const agency = await createAgency(t.db);
    const user = await createUser(t.db);
    expect(
      await changePassword(t.db, { userId: user.id, agencyId: agency.id }, { currentPassword: "anything", newPassword: "a new password" }),
    ).toMatchObject({ ok: false });
  });

  it("reset by command sets the password of the account with that email", async () => {
    const user = await createUser(t.db, { email: "forgot@acme.example", password: "forgotten password" });
    expect(await setPasswordByEmail(t.db, "Forgot@Acme.example", "remembered password")).toBe(true);
    const [row] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row!.hash!, "remembered password")).toBe(true);
    expect(await setPasswordByEmail(t.db, "nobody@acme.example", "remembered password")).toBe(false);
  });
});
