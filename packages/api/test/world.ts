import { createHash, randomBytes } from "node:crypto";

import {
  alerts,
  contacts,
  invitations,
  portalApps,
  portalConnections,
  portalGrants,
  savedContactFilters,
  sealSecret,
  statusRequests,
} from "@marketable/db";
import { createAgency, createMember, createPortal, grantPortal } from "@marketable/db/seed";
import { createTestDatabase, type Engine, type TestDatabase } from "@marketable/db/testing";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createCaller } from "../src/root";
import { recordingScheduler, sandboxHubSpot } from "./hubspotSandbox";

export const actors = ["owner", "admin", "billing", "manager", "analyst", "client", "outsider"] as const;
export type ActorName = (typeof actors)[number];

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}@example.test`;

/**
 * Two agencies. Agency A has one person per role; the manager, analyst and client are granted
 * portal P1 (the manager also P2); P3 is granted to nobody. The outsider owns agency B.
 */
export async function buildWorld(engine: Engine) {
  const t: TestDatabase = await createTestDatabase(engine);
  const hub = await sandboxHubSpot();
  const scheduler = recordingScheduler();
  const clock = fixedClock("2026-11-29T12:00:00Z");
  const agencyA = await createAgency(t.db, { name: "Agency A" });
  const agencyB = await createAgency(t.db, { name: "Agency B" });
  const p1 = await createPortal(t.db, { agencyId: agencyA.id, name: "P1", hubId: "101", connectionStatus: "connected" });
  const p2 = await createPortal(t.db, { agencyId: agencyA.id, name: "P2", hubId: "102" });
  const p3 = await createPortal(t.db, { agencyId: agencyA.id, name: "P3", hubId: "103" });
  const bPortal = await createPortal(t.db, { agencyId: agencyB.id, name: "B1", hubId: "201" });
  const member = (role: "owner" | "admin" | "billing" | "member", agencyId = agencyA.id) =>
    createMember(t.db, { agencyId, role, email: unique(role) });
  const users = {
    owner: await member("owner"),
    admin: await member("admin"),
    billing: await member("billing"),
    manager: await member("member"),
    analyst: await member("member"),
    client: await member("member"),
    outsider: await member("owner", agencyB.id),
  } satisfies Record<ActorName, { id: string }>;
  await grantPortal(t.db, { agencyId: agencyA.id, userId: users.manager.id, portalId: p1.id, role: "manager" });
  await grantPortal(t.db, { agencyId: agencyA.id, userId: users.manager.id, portalId: p2.id, role: "manager" });
  await grantPortal(t.db, { agencyId: agencyA.id, userId: users.analyst.id, portalId: p1.id, role: "analyst" });
  await grantPortal(t.db, { agencyId: agencyA.id, userId: users.client.id, portalId: p1.id, role: "client" });

  // Salesforce has created contacts in P1 (so it has integrations to look at); B has none of it.
  await t.db.insert(portalApps).values([
    { portalId: p1.id, appId: "1160452", label: "Salesforce", contacts: 10, marketing: 10, recentCreated: 10, recentMarketing: 10 },
    { portalId: bPortal.id, appId: "777", label: "Rival CRM", contacts: 1 },
  ]);

  const callerFor = (userId: string | null) =>
    createCaller(createTRPCContext({ db: t.db, userId, clock, hubspot: hub.settings, scheduler }));

  return {
    t,
    hub,
    scheduler,
    async close() {
      await hub.sandbox.close();
      await t.close();
    },
    /** A connected portal P1's grantees can see, for procedures that consume a connection. */
    async freshConnectedPortal() {
      const portal = await createPortal(t.db, {
        agencyId: agencyA.id,
        name: "Connected",
        connectionStatus: "connected",
        hubId: `9${counter++}`,
      });
      for (const role of ["manager", "analyst", "client"] as const) {
        await grantPortal(t.db, { agencyId: agencyA.id, userId: users[role].id, portalId: portal.id, role });
      }
      await t.db.insert(portalConnections).values({
        portalId: portal.id,
        agencyId: agencyA.id,
        kind: "static",
        hubId: portal.hubId!,
        accessTokenEnc: sealSecret("pat-na1-not-a-real-token", hub.settings.keyring),
        keyVersion: hub.settings.keyring.current.version,
      });
      return portal;
    },
    clock,
    agencyA,
    agencyB,
    p1,
    p2,
    p3,
    bPortal,
    users,
    callerFor,
    as: (name: ActorName) => callerFor(users[name].id),
    /** A fresh member of agency A, for mutations that consume their target. */
    freshMember: (role: "member" | "billing" | "admin" = "member") => member(role),
    async freshGrantedMember() {
      const user = await member("member");
      await t.db.insert(portalGrants).values({ agencyId: agencyA.id, userId: user.id, portalId: p1.id, role: "analyst" });
      return user;
    },
    /** Marketing contacts in P1 that no request has touched yet: ids to request a change for. */
    async freshContacts(n = 2, portalId = p1.id) {
      const ids = Array.from({ length: n }, () => String(1_000_000 + counter++));
      await t.db
        .insert(contacts)
        .values(ids.map((hubspotId) => ({ portalId, hubspotId, email: `c${hubspotId}@example.test`, marketable: true })));
      return ids;
    },
    /** A request in P1, made by the client, waiting for approval. */
    async freshPendingRequest(requestedBy: ActorName = "client") {
      const [row] = await t.db
        .insert(statusRequests)
        .values({
          agencyId: agencyA.id,
          portalId: p1.id,
          target: "non_marketing",
          reason: "test",
          state: "pending_approval",
          selection: { kind: "ids" },
          changeCount: 0,
          preview: {},
          previewAt: clock.now(),
          approvalReasons: ["test"],
          requestedBy: users[requestedBy].id,
          requestedByEmail: users[requestedBy].email,
          approvalExpiresAt: new Date(clock.now().getTime() + 86_400_000),
          createdAt: clock.now(),
          updatedAt: clock.now(),
        })
        .returning();
      return row!;
    },
    /** An open alert on P1, for mutations that consume it (acknowledging). */
    async freshAlert() {
      const [row] = await t.db
        .insert(alerts)
        .values({
          agencyId: agencyA.id,
          portalId: p1.id,
          kind: "threshold",
          severity: "warning",
          dedupeKey: `test:${counter++}`,
          title: "P1 is at 91%",
          detail: {},
          causePath: `/billing/${p1.id}`,
        })
        .returning();
      return row!;
    },
    /** A saved filter on P1 owned by `owner` (inserted directly: any actor, allowed or not). */
    async freshSavedFilter(owner: ActorName) {
      const [row] = await t.db
        .insert(savedContactFilters)
        .values({
          agencyId: agencyA.id,
          portalId: p1.id,
          userId: users[owner].id,
          name: `Saved ${counter++}`,
          filter: { status: "marketing" },
        })
        .returning();
      return row!;
    },
    async freshInvitation() {
      const [row] = await t.db
        .insert(invitations)
        .values({
          agencyId: agencyA.id,
          email: unique("invitee"),
          role: "member",
          tokenHash: createHash("sha256").update(randomBytes(16)).digest("hex"),
          expiresAt: new Date(clock.now().getTime() + 86_400_000),
        })
        .returning();
      return row!;
    },
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
