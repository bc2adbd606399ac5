import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";

import { portals, statusRequestContacts, statusRequestEvents, statusRequests, type Access, type DbOrTx } from "@marketable/db";
import { can } from "@marketable/permissions";

import { notFound } from "../../errors";
import { byHubspotId } from "./contactOrder";

/** A portal's requests, newest first. */
export async function listStatusRequests(db: DbOrTx, portalId: string, input: { page: number; pageSize: number }) {
  const where = eq(statusRequests.portalId, portalId);
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(statusRequests)
      .where(where)
      .orderBy(desc(statusRequests.createdAt), desc(statusRequests.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ value: count() }).from(statusRequests).where(where),
  ]);
  return { items, total: total?.value ?? 0, page: input.page, pageSize: input.pageSize };
}

/** One request with its history and per-contact results (first 500 failures first). */
export async function getStatusRequest(db: DbOrTx, portalId: string, id: string) {
  const [request] = await db
    .select()
    .from(statusRequests)
    .where(and(eq(statusRequests.id, id), eq(statusRequests.portalId, portalId)));
  if (!request) throw notFound("Request not found");
  const [events, results, outcomes] = await Promise.all([
    db.select().from(statusRequestEvents).where(eq(statusRequestEvents.requestId, id)).orderBy(asc(statusRequestEvents.id)),
    db
      .select()
      .from(statusRequestContacts)
      .where(eq(statusRequestContacts.requestId, id))
      .orderBy(desc(eq(statusRequestContacts.outcome, "failed")), ...byHubspotId)
      .limit(500),
    db
      .select({ outcome: statusRequestContacts.outcome, value: count() })
      .from(statusRequestContacts)
      .where(eq(statusRequestContacts.requestId, id))
      .groupBy(statusRequestContacts.outcome),
  ]);
  return { request, events, results, outcomes: Object.fromEntries(outcomes.map((o) => [o.outcome, o.value])) as Record<string, number> };
}

/** Requests waiting for approval in every portal the caller may approve for. */
export async function pendingApprovals(db: DbOrTx, access: Access) {
  const rows = await db
    .select({ request: statusRequests, portalName: portals.name })
    .from(statusRequests)
    .innerJoin(portals, eq(portals.id, statusRequests.portalId))
    .where(
      and(eq(statusRequests.agencyId, access.agency.id), inArray(statusRequests.state, ["pending_approval"]), isNull(portals.archivedAt)),
    )
    .orderBy(asc(statusRequests.createdAt));
  return rows
    .filter((r) => can(access.actor, "marketingStatus.approve", r.request.portalId))
    .map((r) => ({ ...r.request, portalName: r.portalName, mine: r.request.requestedBy === access.user.id }));
}
