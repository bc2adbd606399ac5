import { and, eq, inArray } from "drizzle-orm";

import { portals, writeAudit, type Access, type Db } from "@marketable/db";

/**
 * Creates manual portal records for chosen partner clients; each is then connected through OAuth
 * from its page. HubSpot has no contract API, so contract fields start at defaults to review.
 */
export async function addPartnerClients(
  db: Db,
  access: Access,
  input: { clients: { hubId: string; name: string; domain?: string | null }[] },
  meta: { requestId?: string; now: Date },
) {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ hubId: portals.hubId })
      .from(portals)
      .where(
        and(
          eq(portals.agencyId, access.agency.id),
          inArray(
            portals.hubId,
            input.clients.map((c) => c.hubId),
          ),
        ),
      );
    const taken = new Set(existing.map((e) => e.hubId));
    const renewal = new Date(meta.now);
    renewal.setUTCFullYear(renewal.getUTCFullYear() + 1);
    const fresh = input.clients.filter((c) => !taken.has(c.hubId));
    const created = fresh.length
      ? await tx
          .insert(portals)
          .values(
            fresh.map((c) => ({
              agencyId: access.agency.id,
              hubId: c.hubId,
              name: c.name,
              domain: c.domain ?? null,
              edition: "professional" as const,
              purchasedTier: 2_000,
              billingTerm: "yearly" as const,
              updateDateRule: "first_of_month" as const,
              renewalDate: renewal.toISOString().slice(0, 10),
              // Placeholders: the pages say so until billing confirms the contract.
              contractNeedsConfirmation: true,
            })),
          )
          .returning({ id: portals.id, name: portals.name, hubId: portals.hubId })
      : [];
    await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "portal.importPartnerClients",
      targetType: "agency",
      targetId: access.agency.id,
      after: { created: created.map((c) => c.hubId), alreadyPresent: [...taken] },
      requestId: meta.requestId,
    });
    return { created, alreadyPresent: [...taken] };
  });
}
