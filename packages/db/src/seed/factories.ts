import type { AgencyRole, PortalRole } from "@marketable/permissions";

import type { DbOrTx } from "../client";
import { hashPassword } from "../password";
import { agencies, agencyMemberships, contacts, portalGrants, portals, users, type NewContact, type NewPortal } from "../schema";

/**
 * Seed factories shared by the demo seed and the tests: each inserts one row with sensible
 * defaults and returns it. They write no audit entries; services do that.
 */
let sequence = 0;
const next = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export async function createUser(db: DbOrTx, input: { email?: string; name?: string; password?: string; passwordHash?: string } = {}) {
  const id = next();
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  const [user] = await db
    .insert(users)
    .values({ email: (input.email ?? `user-${id}@example.test`).toLowerCase(), name: input.name ?? `User ${id}`, passwordHash })
    .returning();
  return user!;
}

export async function createAgency(db: DbOrTx, input: { name?: string; slug?: string } = {}) {
  const id = next();
  const [agency] = await db
    .insert(agencies)
    .values({ name: input.name ?? `Agency ${id}`, slug: input.slug ?? `agency-${id}` })
    .returning();
  return agency!;
}

export async function addMembership(db: DbOrTx, input: { agencyId: string; userId: string; role: AgencyRole }) {
  const [membership] = await db.insert(agencyMemberships).values(input).returning();
  return membership!;
}

export type PortalInput = Partial<NewPortal> & { agencyId: string };

export async function createPortal(db: DbOrTx, input: PortalInput) {
  const id = next();
  const [portal] = await db
    .insert(portals)
    .values({
      name: `Portal ${id}`,
      edition: "professional",
      purchasedTier: 2_000,
      billingTerm: "yearly",
      renewalDate: "2027-06-01",
      updateDateRule: "first_of_month",
      timeZone: "UTC",
      currency: "USD",
      ...input,
    })
    .returning();
  return portal!;
}

export async function grantPortal(db: DbOrTx, input: { agencyId: string; userId: string; portalId: string; role: PortalRole }) {
  const [grant] = await db.insert(portalGrants).values(input).returning();
  return grant!;
}

/** A user with a membership in one step: the common case in tests. */
export async function createMember(
  db: DbOrTx,
  input: { agencyId: string; role: AgencyRole; email?: string; name?: string; password?: string; passwordHash?: string },
) {
  const user = await createUser(db, input);
  await addMembership(db, { agencyId: input.agencyId, userId: user.id, role: input.role });
  return user;
}

export type ContactInput = Partial<NewContact> & { hubspotId: string };

/** Inserts synced contacts for a portal (tests and demo data without a sync). */
export async function insertContacts(db: DbOrTx, portalId: string, rows: ContactInput[]) {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(contacts).values(rows.slice(i, i + 1000).map((row) => ({ portalId, ...row })));
  }
}
