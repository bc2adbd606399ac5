import { sql } from "drizzle-orm";

import type { MoneySummary } from "@marketable/billing";
import { statusRequestContacts, type Access, type DbOrTx } from "@marketable/db";

import { pendingApprovals } from "./readRequests";

const SAMPLE = 5;

/**
 * The approvals inbox: every request waiting for a decision that the viewer may approve, across
 * all their portals, oldest first, each with a few of its contacts. The viewer's own requests are
 * listed (someone else must decide them) but not counted in the badge.
 */
export async function approvalsInbox(db: DbOrTx, access: Access, now: Date) {
  const waiting = (await pendingApprovals(db, access)).filter((r) => !r.approvalExpiresAt || r.approvalExpiresAt > now);
  const ids = waiting.map((r) => r.id);
  const samples = ids.length
    ? await db.execute<{ request_id: string; hubspot_id: string; email: string | null }>(sql`
        select request_id, hubspot_id, email from (
          select request_id, hubspot_id, email, row_number() over (partition by request_id order by hubspot_id) as n
          from ${statusRequestContacts} where request_id = any(${sql.param(ids)}::uuid[])
        ) s where n <= ${SAMPLE}`)
    : { rows: [] };
  const byRequest = new Map<string, { hubspotId: string; email: string | null }[]>();
  for (const row of samples.rows)
    byRequest.set(row.request_id, [...(byRequest.get(row.request_id) ?? []), { hubspotId: row.hubspot_id, email: row.email }]);
  const items = waiting.map((r) => ({
    id: r.id,
    portalId: r.portalId,
    portalName: r.portalName,
    target: r.target,
    changeCount: r.changeCount,
    reason: r.reason,
    requestedByEmail: r.requestedByEmail,
    createdAt: r.createdAt,
    previewAt: r.previewAt,
    approvalExpiresAt: r.approvalExpiresAt,
    approvalReasons: r.approvalReasons,
    // Requests stored before the money summary existed have none: they show the reasons only.
    money: (r.preview as { money?: MoneySummary }).money ?? null,
    mine: r.mine,
    sample: byRequest.get(r.id) ?? [],
  }));
  return { items, toDecide: items.filter((r) => !r.mine).length };
}
