import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import Papa from "papaparse";

import { auditLog, statusRequestContacts, statusRequests, type Access, type DbOrTx, type Portal } from "@marketable/db";
import { can } from "@marketable/permissions";

import { forbidden, notFound } from "../../errors";
import { appLabel } from "../contacts/listContacts";
import { byHubspotId } from "./contactOrder";
import { detailForViewer, seesMoney } from "./moneyForViewer";
import { getStatusRequest } from "./readRequests";

/**
 * Approving requires seeing what is approved: a person who may approve the portal's requests
 * reads a request's contacts even without `contacts.view` (the billing role).
 */
export function assertMayReadRequest(access: Access, portalId: string): void {
  if (!can(access.actor, "contacts.view", portalId) && !can(access.actor, "marketingStatus.approve", portalId)) throw forbidden();
}

/** Everything the request page shows at once: the request, its history, outcome counts, a sample, its audit entries. */
export async function requestPage(db: DbOrTx, access: Access, portal: Portal, requestId: string) {
  assertMayReadRequest(access, portal.id);
  const detail = detailForViewer(access, await getStatusRequest(db, portal.id, requestId));
  const canAudit = can(access.actor, "audit.view");
  // A filter by app reads "created by Typeform", not the app's id.
  const appId = ((detail.request.selection as { filter?: { appId?: unknown } }).filter?.appId ?? null) as string | null;
  const [sample, audit, selectionApp] = await Promise.all([
    db
      .select({ hubspotId: statusRequestContacts.hubspotId, email: statusRequestContacts.email })
      .from(statusRequestContacts)
      .where(eq(statusRequestContacts.requestId, requestId))
      .orderBy(...byHubspotId)
      .limit(10),
    canAudit
      ? db
          .select({ id: auditLog.id, action: auditLog.action, actorEmail: auditLog.actorEmail, at: auditLog.createdAt })
          .from(auditLog)
          .where(and(eq(auditLog.agencyId, access.agency.id), eq(auditLog.targetId, requestId)))
          .orderBy(asc(auditLog.createdAt))
          .limit(50)
      : Promise.resolve(null),
    typeof appId === "string" ? appLabel(db, portal.id, appId) : Promise.resolve(null),
  ]);
  return {
    ...detail,
    sample,
    audit,
    selectionApp,
    portal: {
      id: portal.id,
      name: portal.name,
      timeZone: portal.timeZone,
      currency: seesMoney(access, portal.id) ? portal.currency : null,
    },
    viewer: {
      id: access.user.id,
      canApprove: can(access.actor, "marketingStatus.approve", portal.id),
      canViewContacts: can(access.actor, "contacts.view", portal.id),
    },
  };
}

export type ContactOutcome = "pending" | "changed" | "skipped" | "failed";

async function ownRequest(db: DbOrTx, portalId: string, requestId: string) {
  const [request] = await db
    .select({ id: statusRequests.id })
    .from(statusRequests)
    .where(and(eq(statusRequests.id, requestId), eq(statusRequests.portalId, portalId)));
  if (!request) throw notFound("Request not found");
}

/** A page of a request's contacts with their outcome (failures first), optionally of one outcome. */
export async function requestContacts(
  db: DbOrTx,
  access: Access,
  portalId: string,
  input: { requestId: string; outcome?: ContactOutcome; page: number; pageSize: number },
) {
  assertMayReadRequest(access, portalId);
  await ownRequest(db, portalId, input.requestId);
  const where = and(
    eq(statusRequestContacts.requestId, input.requestId),
    input.outcome ? inArray(statusRequestContacts.outcome, [input.outcome]) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(statusRequestContacts)
      .where(where)
      .orderBy(desc(sql`${statusRequestContacts.outcome} = 'failed'`), ...byHubspotId)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ value: count() }).from(statusRequestContacts).where(where),
  ]);
  return { items, total: total?.value ?? 0, page: input.page, pageSize: input.pageSize };
}

/** Every contact of a request as CSV: id, email, status before, outcome, error. */
export async function requestContactsCsv(db: DbOrTx, access: Access, portalId: string, requestId: string) {
  assertMayReadRequest(access, portalId);
  await ownRequest(db, portalId, requestId);
  const rows = await db
    .select()
    .from(statusRequestContacts)
    .where(eq(statusRequestContacts.requestId, requestId))
    .orderBy(...byHubspotId);
  const csv = Papa.unparse(
    {
      fields: ["hubspot_id", "email", "status_before", "outcome", "error"],
      data: rows.map((r) => [
        r.hubspotId,
        r.email ?? "",
        r.wasPendingDemotion ? "pending demotion" : r.wasMarketable ? "marketing" : "non-marketing",
        r.outcome,
        r.error ?? "",
      ]),
    },
    { escapeFormulae: true },
  );
  return { csv, rows: rows.length };
}
