import { createAgency, createPortal } from "@marketable/db/seed";
import { createTestDatabase } from "@marketable/db/testing";
import { CONTACT_PROPERTIES, toContactRecord, upsertContacts, type ContactRecord } from "@marketable/hubspot";
import { toApiContact, type Sandbox } from "@marketable/hubspot-sandbox";

/**
 * The database's own ingest ceiling, the fleet bench's yardstick: the sandbox's contacts, mapped as
 * a sync maps them, written straight into a fresh database by `writers` writers (one per worker),
 * with no HubSpot in between. The same rows the initial sync stores.
 */
export async function measureIngestCeiling(
  sandbox: Sandbox,
  clients: readonly { hubId: number }[],
  writers: number,
): Promise<{ rows: number; ms: number }> {
  const db = await createTestDatabase("postgres");
  try {
    const agency = await createAgency(db.db, { name: "Ceiling" });
    const next: { id: string; hubId: number }[] = [];
    for (const p of clients)
      next.push({ id: (await createPortal(db.db, { agencyId: agency.id, hubId: String(p.hubId) })).id, hubId: p.hubId });
    let rows = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let p = next.shift(); p; p = next.shift()) {
          const records = sandbox.state.portals.get(p.hubId)!.contacts.records;
          // Built per batch (as a page would be), so memory stays that of one batch per writer.
          for (let i = 0; i < records.length; i += 5_000) {
            const batch: ContactRecord[] = records.slice(i, i + 5_000).map((c) => toContactRecord(toApiContact(c, CONTACT_PROPERTIES)));
            // Not `rows += await …`: that reads `rows` before the await, and the other writer's
            // rows added meanwhile were lost (the ceiling counted about half the rows it wrote).
            const written = await upsertContacts(db.db, p.id, batch);
            rows += written;
          }
        }
      }),
    );
    return { rows, ms: performance.now() - started };
  } finally {
    await db.close();
  }
}
