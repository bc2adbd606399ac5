import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog } from "@marketable/db";
import { createAgency, createMember } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";

import { THROTTLE } from "./throttle";
import { verifyCredentials } from "./verifyCredentials";

const engines = await availableEngines();

describe.each(engines)("credentials on %s", (engine) => {
  let t: TestDatabase;
  let userId: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const agency = await createAgency(t.db);
    userId = (await createMember(t.db, { agencyId: agency.id, role: "owner", email: "person@example.test", password: "right password" }))
      .id;
  });
  afterAll(async () => t?.close());

  it("accepts the right password (email case-insensitively) and audits the sign-in", async () => {
    const result = await verifyCredentials(t.db, { email: "Person@Example.test", password: "right password" }, "10.0.0.1");
    expect(result).toEqual({ ok: true, user: { id: userId, email: "person@example.test", name: expect.any(String) as string } });
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.actorUserId, userId));
    expect(entries.map((e) => e.action)).toContain("auth.signIn");
  });

  it("answers the same for an unknown email and a wrong password", async () => {
    expect(await verifyCredentials(t.db, { email: "nobody@example.test", password: "x" }, null)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(t.db, { email: "person@example.test", password: "wrong" }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyCredentials(t.db, { email: "not-an-email", password: "x" }, null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an email after repeated failures, even against the right password, until the lock ends", async () => {
    const now = new Date("2026-11-29T10:00:00Z");
    await verifyCredentials(t.db, { email: "person@example.test", password: "right password" }, null, now);
    for (let i = 0; i < THROTTLE.maxFailures; i++) {
      await verifyCredentials(t.db, { email: "person@example.test", password: `wrong ${i}` }, null, now);
    }
    expect(await verifyCredentials(t.db, { email: "person@example.test", password: "right password" }, null, now)).toEqual({
      ok: false,
      reason: "throttled",
    });
    const after = new Date(now.getTime() + THROTTLE.lockMs + 1000);
    expect((await verifyCredentials(t.db, { email: "person@example.test", password: "right password" }, null, after)).ok).toBe(true);
  });
});
