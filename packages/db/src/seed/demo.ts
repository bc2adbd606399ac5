import { createHash } from "node:crypto";

import { eq } from "drizzle-orm";

import { DEFAULT_PRICE_TABLE } from "@marketable/billing";

import type { Db } from "../client";
import { hashPassword } from "../password";
import { agencies, invitations, priceTables } from "../schema";
import { addMembership, createAgency, createPortal, createUser, grantPortal, type PortalInput } from "./factories";

/** The demo password for every demo sign-in; printed by `npm start`. Never used outside the demo. */
export const DEMO_PASSWORD = "marketable-demo";

export const demoAgency = { name: "Northwind Digital", slug: "northwind" } as const;
export const otherDemoAgency = { name: "Rival Media", slug: "rival" } as const;

export const demoUsers = [
  { email: "owner@northwind.test", name: "Olivia Owner", role: "owner" },
  { email: "admin@northwind.test", name: "Adam Admin", role: "admin" },
  { email: "manager@northwind.test", name: "Mia Manager", role: "manager" },
  { email: "analyst@northwind.test", name: "Ana Analyst", role: "analyst" },
  { email: "billing@northwind.test", name: "Bill Billing", role: "billing" },
  { email: "client@northwind.test", name: "Cleo Client", role: "client" },
] as const;

/**
 * A demo invite that expired long ago, so the Team page shows what an expired invite looks like
 * and the end-to-end suite can open its link. It can never be used.
 */
export const EXPIRED_DEMO_INVITE_TOKEN = "demo-expired-invitation-token-0000000000";

export const otherAgencyOwner = { email: "owner@rival.test", name: "Rita Rival" } as const;

type DemoPortal = Omit<PortalInput, "agencyId">;

/**
 * The demo agency's portals: the first four portals of the bundled sandbox's demo preset (same
 * hub ids), which the embedded server connects and syncs at boot.
 */
export const demoPortals: DemoPortal[] = [
  {
    name: "Northwind Bakery",
    domain: "northwind-bakery.com",
    hubId: "20000001",
    edition: "starter",
    purchasedTier: 5_000,
    billingTerm: "monthly",
    renewalDate: "2027-01-05",
    updateDateRule: "renewal_day",
    timeZone: "America/New_York",
    currency: "USD",
  },
  {
    name: "Blue Harbor Dental",
    domain: "blueharbordental.com",
    hubId: "20000002",
    edition: "starter",
    purchasedTier: 7_000,
    billingTerm: "yearly",
    renewalDate: "2027-03-12",
    updateDateRule: "first_of_month",
    timeZone: "America/Los_Angeles",
    currency: "USD",
  },
  {
    name: "Alpine Outfitters",
    domain: "alpine-outfitters.ch",
    hubId: "20000003",
    edition: "starter",
    purchasedTier: 10_000,
    billingTerm: "monthly",
    renewalDate: "2026-12-20",
    updateDateRule: "renewal_day",
    timeZone: "Europe/Zurich",
    currency: "CHF",
  },
  {
    name: "Cedar & Pine Realty",
    domain: "cedarpinerealty.com",
    hubId: "20000004",
    edition: "professional",
    purchasedTier: 17_000,
    billingTerm: "monthly",
    renewalDate: "2027-01-01",
    updateDateRule: "renewal_day",
    timeZone: "America/Chicago",
    currency: "USD",
  },
];

export const otherAgencyPortals: DemoPortal[] = [
  {
    name: "Rival Client Co",
    domain: "rivalclient.example",
    hubId: "20000012",
    edition: "starter",
    purchasedTier: 1_000,
    billingTerm: "monthly",
    renewalDate: "2027-02-10",
    updateDateRule: "renewal_day",
    timeZone: "UTC",
    currency: "USD",
  },
];

/**
 * Seeds the demo agency (a user per role, the manager granted two portals, the analyst and
 * client one each) and a second agency. Idempotent: does nothing when the demo agency exists.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const existing = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.slug, demoAgency.slug));
  if (existing.length > 0) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction(async (tx) => {
    const agency = await createAgency(tx, demoAgency);
    const portals = [];
    for (const portal of demoPortals) portals.push(await createPortal(tx, { ...portal, agencyId: agency.id }));
    for (const person of demoUsers) {
      const user = await createUser(tx, { email: person.email, name: person.name, passwordHash });
      const agencyRole = person.role === "manager" || person.role === "analyst" || person.role === "client" ? "member" : person.role;
      await addMembership(tx, { agencyId: agency.id, userId: user.id, role: agencyRole });
      const granted =
        person.role === "manager" ? portals.slice(0, 2) : person.role === "analyst" || person.role === "client" ? portals.slice(0, 1) : [];
      for (const portal of granted) {
        await grantPortal(tx, {
          agencyId: agency.id,
          userId: user.id,
          portalId: portal.id,
          role: person.role as "manager" | "analyst" | "client",
        });
      }
    }

    await tx.insert(invitations).values({
      agencyId: agency.id,
      email: "late@northwind.test",
      role: "member",
      tokenHash: createHash("sha256").update(EXPIRED_DEMO_INVITE_TOKEN).digest("hex"),
      expiresAt: new Date("2026-01-01T00:00:00Z"),
      createdAt: new Date("2025-12-25T00:00:00Z"),
    });

    // The published starting points, one table per currency the demo portals are billed in,
    // labelled as editable placeholders (CHF copies the USD figures; it is not a conversion).
    for (const currency of [...new Set(demoPortals.map((p) => p.currency ?? "USD"))]) {
      await tx.insert(priceTables).values({
        agencyId: agency.id,
        tableKey: `starting-points-${currency.toLowerCase()}`,
        version: 1,
        name: `Published starting points (${currency})`,
        currency,
        effectiveFrom: DEFAULT_PRICE_TABLE.effectiveFrom,
        source:
          "Editable starting points: third-party reads of HubSpot's published 2026 prices, not a quote. Replace with the client's negotiated prices." +
          (currency === "USD" ? "" : ` The USD figures are copied as ${currency} amounts, not converted.`),
        startingPoint: true,
        rows: DEFAULT_PRICE_TABLE.rows.map((row) => ({ ...row, currency })),
      });
    }

    const rival = await createAgency(tx, otherDemoAgency);
    const rivalOwner = await createUser(tx, { ...otherAgencyOwner, passwordHash });
    await addMembership(tx, { agencyId: rival.id, userId: rivalOwner.id, role: "owner" });
    for (const portal of otherAgencyPortals) await createPortal(tx, { ...portal, agencyId: rival.id });
  });
  return { created: true };
}

/** Lines `npm start` prints so a newcomer can sign in as each role. */
export function demoSignIns(): string[] {
  return [
    ...demoUsers.map((u) => `${u.role.padEnd(8)} ${u.email}`),
    `${"outsider".padEnd(8)} ${otherAgencyOwner.email} (owner of ${otherDemoAgency.name})`,
    `password for all: ${DEMO_PASSWORD}`,
  ];
}
