import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseDatabaseUrl } from "./client";
import { verifyPassword } from "./password";
import { agencies, auditLog } from "./schema";
import { createAgency, createMember, seedDemo } from "./seed";
import { availableEngines, createTestDatabase, snapshotDatabase, type TestDatabase } from "./testing";

describe("parseDatabaseUrl", () => {
  it("tells the engines apart", () => {
    expect(parseDatabaseUrl("postgres://u@h/db").kind).toBe("postgres");
    expect(parseDatabaseUrl("postgresql://u@h/db").kind).toBe("postgres");
    expect(parseDatabaseUrl("pglite://memory").kind).toBe("pglite-memory");
    expect(parseDatabaseUrl("pglite:///tmp/x")).toEqual({ kind: "pglite-disk", location: "/tmp/x" });
    expect(parseDatabaseUrl(undefined).kind).toBe("pglite-disk");
  });
  it("refuses anything else with a clear message", () => {
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/DATABASE_URL must be/);
  });
});

const engines = await availableEngines();

describe.each(engines)("schema on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t?.close());

  it("keeps the audit log append-only", async () => {
    const agency = await createAgency(t.db);
    await t.db.insert(auditLog).values({ agencyId: agency.id, action: "test.write" });
    await expect(t.db.update(auditLog).set({ action: "tampered" })).rejects.toThrow();
    await expect(t.db.delete(auditLog)).rejects.toThrow();
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.agencyId, agency.id));
    expect(rows.map((r) => r.action)).toEqual(["test.write"]);
  });

  it("seeds the demo once, with hashed passwords", async () => {
    await t.reset();
    expect(await seedDemo(t.db)).toEqual({ created: true });
    expect(await seedDemo(t.db)).toEqual({ created: false });
    const names = (await t.db.select().from(agencies)).map((a) => a.name).sort();
    expect(names).toEqual(["Northwind Digital", "Rival Media"]);
    const owner = await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, "owner@northwind.test") });
    expect(owner?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(owner!.passwordHash!, "marketable-demo")).toBe(true);
    expect(await verifyPassword(owner!.passwordHash!, "wrong")).toBe(false);
  });

  it("snapshots detect a change and only a change", async () => {
    const agency = await createAgency(t.db);
    const before = await snapshotDatabase(t.db);
    expect(await snapshotDatabase(t.db)).toEqual(before);
    await createMember(t.db, { agencyId: agency.id, role: "admin" });
    expect(await snapshotDatabase(t.db)).not.toEqual(before);
  });

  it("runs on the engine it says", async () => {
    const result = await t.db.execute<{ v: string }>(sql`select version() as v`);
    expect(result.rows[0]!.v).toMatch(/PostgreSQL/);
  });
});
