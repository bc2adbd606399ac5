import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditLog, invitations } from "@marketable/db";
import { availableEngines, snapshotDatabase } from "@marketable/db/testing";

import { acceptInvitation, lookupInvitation } from "../src/services/members/invitations";
import { buildWorld, unique, type World } from "./world";

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message, cause: error.cause };
    throw error;
  }
  throw new Error("expected a refusal");
}

const engines = await availableEngines();

describe.each(engines)("members, portals and audit rules on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
  });
  afterAll(async () => w?.close());

  it("keeps the last owner: neither demoted nor removed, database unchanged", async () => {
    const before = await snapshotDatabase(w.t.db);
    const demote = await rejection(w.as("owner").members.changeRole({ userId: w.users.owner.id, role: "admin" }));
    expect(demote.code).toBe("BAD_REQUEST");
    expect(demote.message).toMatch(/at least one owner/);
    const remove = await rejection(w.as("owner").members.remove({ userId: w.users.owner.id }));
    expect(remove.code).toBe("BAD_REQUEST");
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
  });

  it("lets only an owner grant or take away the owner role", async () => {
    const target = await w.freshMember("admin");
    expect((await rejection(w.as("admin").members.changeRole({ userId: target.id, role: "owner" }))).code).toBe("FORBIDDEN");
    expect((await rejection(w.as("admin").members.remove({ userId: w.users.owner.id }))).code).toBe("FORBIDDEN");
    await w.as("owner").members.changeRole({ userId: target.id, role: "owner" });
    // With two owners, one may step down.
    await w.as("owner").members.changeRole({ userId: target.id, role: "admin" });
  });

  it("writes the audit entry with the change, before and after", async () => {
    const target = await w.freshMember("billing");
    await w.as("admin").members.changeRole({ userId: target.id, role: "admin" });
    const entries = await w.t.db.select().from(auditLog).where(eq(auditLog.targetId, target.id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "member.changeRole",
      actorUserId: w.users.admin.id,
      before: { role: "billing" },
      after: { role: "admin" },
      agencyId: w.agencyA.id,
    });
  });

  it("invites by link: the member signs up with the grants, and the link then stops working", async () => {
    const email = unique("new");
    const invite = await w.as("owner").members.invite({ email, role: "member", grants: [{ portalId: w.p2.id, role: "analyst" }] });
    expect(invite.path).toBe(`/invite/${invite.token}`);
    const stored = await w.t.db.select().from(invitations).where(eq(invitations.id, invite.id));
    expect(stored[0]!.tokenHash).not.toContain(invite.token);
    expect(await lookupInvitation(w.t.db, invite.token, w.clock.now())).toMatchObject({ state: "valid", email, agencyName: "Agency A" });

    const joined = await acceptInvitation(
      w.t.db,
      { token: invite.token, name: "New Person", password: "correct horse battery" },
      w.clock.now(),
    );
    const caller = w.callerFor(joined.userId);
    const visible = await caller.portals.list({});
    expect(visible.items.map((p) => p.name)).toEqual(["P2"]);
    expect(
      (await rejection(acceptInvitation(w.t.db, { token: invite.token, name: "Again", password: "correct horse battery" }, w.clock.now())))
        .message,
    ).toMatch(/already been used/);
  });

  it("refuses an expired invite with a clear message and creates nobody", async () => {
    const invite = await w.as("owner").members.invite({ email: unique("late"), role: "billing", grants: [] });
    const later = new Date(w.clock.now().getTime() + 8 * 86_400_000);
    expect(await lookupInvitation(w.t.db, invite.token, later)).toEqual({ state: "expired" });
    const before = await snapshotDatabase(w.t.db);
    const refusal = await rejection(acceptInvitation(w.t.db, { token: invite.token, name: "Late", password: "long enough pw" }, later));
    expect(refusal.message).toMatch(/expired/);
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
  });

  it("gives zod's field messages for bad input, and changes nothing", async () => {
    const before = await snapshotDatabase(w.t.db);
    const refusal = await rejection(
      w.as("owner").portals.create({
        name: "",
        timeZone: "Mars/Olympus",
        currency: "dollars",
        edition: "starter",
        purchasedTier: -5,
        billingTerm: "monthly",
        renewalDate: "next week",
      }),
    );
    expect(refusal.code).toBe("BAD_REQUEST");
    const text = JSON.stringify(refusal.cause);
    for (const message of [
      "Give the portal a name",
      "Choose a valid time zone",
      "three-letter currency",
      "at least 1 contact",
      "YYYY-MM-DD",
    ]) {
      expect(text).toContain(message);
    }
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
  });

  it("refuses three capital letters that name no currency, at the field, and changes nothing", async () => {
    const before = await snapshotDatabase(w.t.db);
    const contract = {
      timeZone: "Europe/Paris",
      edition: "starter",
      purchasedTier: 1_000,
      billingTerm: "monthly",
      renewalDate: "2027-01-05",
    } as const;
    const refusal = await rejection(w.as("owner").portals.create({ name: "Made-up money", currency: "XYZ", ...contract }));
    expect(refusal.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(refusal.cause)).toContain("That is not a currency code: use one such as USD, EUR or GBP");
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
    const euros = await w.as("owner").portals.create({ name: "Euro client", currency: "EUR", ...contract });
    expect(euros).toMatchObject({ name: "Euro client" });
  });

  it("refuses a second portal with the same hub id as a conflict", async () => {
    const refusal = await rejection(
      w.as("owner").portals.create({
        name: "Dup",
        hubId: "101",
        timeZone: "UTC",
        currency: "USD",
        edition: "starter",
        purchasedTier: 1000,
        billingTerm: "yearly",
        renewalDate: "2027-01-01",
      }),
    );
    expect(refusal.code).toBe("CONFLICT");
    expect(refusal.message).toMatch(/hub id 101/);
  });

  it("shows a manager exactly their granted portals, sorted and searchable", async () => {
    const page = await w.as("manager").portals.list({ sort: "name", direction: "desc" });
    expect(page.items.map((p) => p.name)).toEqual(["P2", "P1"]);
    expect(page.total).toBe(2);
    expect((await w.as("manager").portals.list({ search: "P2" })).items.map((p) => p.name)).toEqual(["P2"]);
  });

  it("pages the audit log by cursor without gaps or repeats, and exports the filter as CSV", async () => {
    const first = await w.as("owner").audit.list({ limit: 3 });
    const second = await w.as("owner").audit.list({ limit: 3, cursor: first.nextCursor! });
    expect(first.items).toHaveLength(3);
    const ids = [...first.items, ...second.items].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const csv = await w.as("owner").audit.exportCsv({ action: "member.changeRole" });
    const lines = csv.csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe("id,at,action,actor,portal,target_type,target_id,before,after,request_id");
    expect(lines.length - 1).toBe(csv.rows);
    expect(lines.slice(1).every((line) => line.includes("member.changeRole"))).toBe(true);
  });

  it("switches agency only into one the person belongs to", async () => {
    const { addMembership } = await import("@marketable/db/seed");
    await addMembership(w.t.db, { agencyId: w.agencyB.id, userId: w.users.billing.id, role: "admin" });
    await w.as("billing").agency.switch({ agencyId: w.agencyB.id });
    expect((await w.as("billing").agency.current()).agency.id).toBe(w.agencyB.id);
    await w.as("billing").agency.switch({ agencyId: w.agencyA.id });
    expect((await w.as("billing").agency.current()).role).toBe("billing");
  });
});
