import { and, eq, sql } from "drizzle-orm";

import { statusRequestContacts, statusRequests, writeAudit, type Db, type Portal, type StatusRequest } from "@marketable/db";
import { upsertContacts, type ContactRecord, type PortalGateway } from "@marketable/hubspot";

import { inTextArray } from "../../anyOf";
import { recordRequestNotice } from "../../notifications/requestNotices";
import { refreshPortalUsage } from "../../usage/refresh";
import { recordEvent } from "../events";
import { portalCounts } from "../previewRequest";

type Request = StatusRequest;

/** Whether HubSpot now shows the contact in the requested status (a demotion shows as pending). */
function inTarget(record: ContactRecord, target: "marketing" | "non_marketing"): boolean {
  return target === "marketing" ? record.marketable : !record.marketable || record.marketableUntilRenewal;
}

/**
 * Re-reads every contact the request sent, stores them and records each one's result (changed,
 * or failed with HubSpot's error), then finishes the request, once, in one transaction.
 */
export async function verifyAndFinish(
  db: Db,
  gateway: PortalGateway,
  request: Request,
  portal: Portal,
  importErrors: Map<string, string>,
  now: () => Date,
): Promise<{ state: string; usageRefreshed: boolean }> {
  const portalId = portal.id;
  const rows = await db.select().from(statusRequestContacts).where(eq(statusRequestContacts.requestId, request.id));
  const toVerify = rows.filter((r) => r.outcome === "pending" || r.outcome === "failed").map((r) => r.hubspotId);
  const records = toVerify.length ? await gateway.getContactsByIds(toVerify) : [];
  const byId = new Map(records.map((r) => [r.hubspotId, r]));
  const before = await portalCounts(db, portalId);
  return db.transaction(async (tx) => {
    // Claims the finish (and locks the row): an execution that finds the request already finished
    // by another one (a worker taken for dead that was alive after all) writes nothing, so the
    // result, its event and its audit entry exist once.
    const [stillRunning] = await tx
      .update(statusRequests)
      .set({ updatedAt: now() })
      .where(and(eq(statusRequests.id, request.id), eq(statusRequests.state, "running")))
      .returning({ id: statusRequests.id });
    if (!stillRunning) {
      const [current] = await tx.select({ state: statusRequests.state }).from(statusRequests).where(eq(statusRequests.id, request.id));
      return { state: current?.state ?? "missing", usageRefreshed: false };
    }
    if (records.length) await upsertContacts(tx, portalId, records, now());
    const changed: string[] = [];
    const refused: { id: string; error: string }[] = [];
    for (const id of toVerify) {
      const record = byId.get(id);
      if (record && inTarget(record, request.target)) {
        changed.push(id);
      } else {
        refused.push({
          id,
          error: importErrors.get(id) ?? (record ? "HubSpot still shows the previous status" : "The contact no longer exists in HubSpot"),
        });
      }
    }
    if (refused.length) {
      // One statement for every failure (each with its own message), not one per contact.
      await tx.execute(sql`
        update status_request_contacts r set outcome = 'failed', error = f.error
        from unnest(${sql.param(refused.map((f) => f.id))}::text[], ${sql.param(refused.map((f) => f.error))}::text[]) as f(hubspot_id, error)
        where r.request_id = ${request.id} and r.hubspot_id = f.hubspot_id`);
    }
    if (changed.length) {
      await tx
        .update(statusRequestContacts)
        .set({ outcome: "changed", error: null })
        .where(and(eq(statusRequestContacts.requestId, request.id), inTextArray(statusRequestContacts.hubspotId, changed)));
    }
    const totals = await tx
      .select({ outcome: statusRequestContacts.outcome, n: sql<number>`count(*)::int` })
      .from(statusRequestContacts)
      .where(eq(statusRequestContacts.requestId, request.id))
      .groupBy(statusRequestContacts.outcome);
    const n = (o: string) => totals.find((t) => t.outcome === o)?.n ?? 0;
    const succeeded = n("changed");
    const failed = n("failed");
    const state = failed === 0 ? "succeeded" : succeeded === 0 ? "failed" : "partially_failed";
    const after = await portalCounts(tx, portalId);
    await tx
      .update(statusRequests)
      .set({ state, processed: succeeded + failed + n("skipped"), succeeded, failed, lastError: null, updatedAt: now(), finishedAt: now() })
      .where(eq(statusRequests.id, request.id));
    await recordEvent(
      tx,
      request.id,
      {
        kind: "finished",
        message: `Verified in HubSpot: ${succeeded.toLocaleString("en-US")} changed, ${failed.toLocaleString("en-US")} failed, ${n("skipped").toLocaleString("en-US")} skipped`,
        detail: { succeeded, failed, skipped: n("skipped") },
      },
      now(),
    );
    await writeAudit(tx, {
      agencyId: request.agencyId,
      portalId,
      action: "marketingStatus.result",
      targetType: "statusRequest",
      targetId: request.id,
      before: { marketing: before.marketing, pendingDemotion: before.pendingDemotion, nonMarketing: before.nonMarketing },
      after: {
        state,
        succeeded,
        failed,
        skipped: n("skipped"),
        marketing: after.marketing,
        pendingDemotion: after.pendingDemotion,
        nonMarketing: after.nonMarketing,
      },
    });
    await recordRequestNotice(tx, request.id, state === "failed" ? "failed" : "finished", now());
    // What a sync would store from the contacts just read back: the billing panel and the roll-up
    // show the request's effect at once, not at the next sync.
    await refreshPortalUsage(tx, portal, now());
    return { state, usageRefreshed: true };
  });
}
