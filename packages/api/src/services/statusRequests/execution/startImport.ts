import { and, eq, isNull } from "drizzle-orm";

import { statusRequests, writeAudit, type Db, type StatusRequest } from "@marketable/db";
import type { PortalGateway } from "@marketable/hubspot";

import { recordEvent } from "../events";

type Request = StatusRequest;

export const importNameFor = (requestId: string) => `marketable-status-${requestId}`;

/**
 * Creates the request's HubSpot import once: its name is recorded before it is created and its id
 * right after, so a retry finds it by name instead of importing twice.
 */
export async function startImport(db: Db, gateway: PortalGateway, request: Request, ids: string[], now: () => Date): Promise<Request> {
  const name = importNameFor(request.id);
  // Recorded before the import exists: after a crash we look for it by name rather than create another.
  const attemptedBefore = request.importName !== null;
  if (!attemptedBefore) {
    // Claimed: of two executions at once (a worker taken for dead that was alive), one creates the
    // import; the other stops here and its retry finds the import by name.
    const [claimed] = await db
      .update(statusRequests)
      .set({ importName: name, importStartedAt: now(), updatedAt: now() })
      .where(and(eq(statusRequests.id, request.id), isNull(statusRequests.importName)))
      .returning({ id: statusRequests.id });
    if (!claimed) throw new Error("Another attempt is creating this request's HubSpot import; this one will retry and find it");
  }
  const existing = attemptedBefore ? await gateway.findImportByName(name) : null;
  const importId = existing?.id ?? (await gateway.createMarketingStatusImport({ ids, marketable: request.target === "marketing", name }));
  const [updated] = await db.transaction(async (tx) => {
    const rows = await tx
      .update(statusRequests)
      .set({ importName: name, importId, importState: existing?.state ?? "STARTED", updatedAt: now() })
      .where(eq(statusRequests.id, request.id))
      .returning();
    await recordEvent(
      tx,
      request.id,
      {
        kind: "import_created",
        message: existing
          ? `Found HubSpot import #${importId} from an earlier attempt (not imported again)`
          : `HubSpot import #${importId} created for ${ids.length.toLocaleString("en-US")} contacts`,
        detail: { importId, contacts: ids.length },
      },
      now(),
    );
    await writeAudit(tx, {
      agencyId: request.agencyId,
      portalId: request.portalId,
      action: "marketingStatus.execute",
      targetType: "statusRequest",
      targetId: request.id,
      after: { importId, contacts: ids.length, target: request.target, reused: Boolean(existing) },
    });
    return rows;
  });
  return updated!;
}
