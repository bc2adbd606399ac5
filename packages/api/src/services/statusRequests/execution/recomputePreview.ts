import { and, eq, sql } from "drizzle-orm";

import { moneySummary, previewStatusChange } from "@marketable/billing";
import { statusRequestContacts, statusRequests, writeAudit, type Db, type Portal, type StatusRequest } from "@marketable/db";

import { inTextArray } from "../../anyOf";
import { loadPortalContract } from "../../billing/contract";
import { recordRequestNotice } from "../../notifications/requestNotices";
import { recordEvent } from "../events";
import { approvalReasons, loadGuardrails } from "../guardrails";
import { changes, portalCounts, publicPreview, type RequestPreview } from "../previewRequest";

type Request = StatusRequest;

/** A preview older than this is recomputed from the stored contacts before the import. */
export const PREVIEW_STALE_MS = 5 * 60_000;

/** A preview older than PREVIEW_STALE_MS is recomputed: contacts that no longer change are skipped. */
export async function recomputeIfStale(db: Db, request: Request, portal: Portal, at: Date): Promise<Request | null> {
  if (at.getTime() - request.previewAt.getTime() < PREVIEW_STALE_MS) return null;
  return db.transaction(async (tx) => {
    const target = request.target === "marketing" ? "marketing" : "nonMarketing";
    const current = await tx.execute<{ hubspot_id: string; marketable: boolean | null; pending: boolean | null }>(sql`
      select r.hubspot_id, c.marketable, c.marketable_until_renewal as pending
      from status_request_contacts r
      left join contacts c on c.portal_id = ${request.portalId} and c.hubspot_id = r.hubspot_id and not c.archived
      where r.request_id = ${request.id} and r.outcome = 'pending'`);
    const stale = current.rows
      .filter((r) => r.marketable === null || !changes({ marketable: r.marketable, pendingDemotion: r.pending ?? false }, target))
      .map((r) => r.hubspot_id);
    if (stale.length) {
      await tx
        .update(statusRequestContacts)
        .set({ outcome: "skipped", error: "Already in the requested status when the request ran" })
        .where(and(eq(statusRequestContacts.requestId, request.id), inTextArray(statusRequestContacts.hubspotId, stale)));
    }
    const changeCount = current.rows.length - stale.length;
    const counts = await portalCounts(tx, request.portalId);
    const contract = await loadPortalContract(tx, portal);
    const billing = previewStatusChange(counts, { target, count: changeCount }, contract, at);
    const reasons = approvalReasons(billing, changeCount, await loadGuardrails(tx, request.agencyId));
    const preview: RequestPreview = {
      target,
      selected: current.rows.length,
      unchanged: stale.length,
      changing: [],
      rowErrors: [],
      counts,
      billing,
      money: moneySummary(billing, contract, target),
      approvalReasons: reasons,
      confirmation: null,
      timeZone: portal.timeZone,
    };
    // A request that ran without approval and now trips a guardrail goes back for approval.
    const needsApproval = reasons.length > 0 && request.decidedBy === null;
    const [updated] = await tx
      .update(statusRequests)
      .set({
        preview: { ...publicPreview(preview), changeCount },
        previewAt: at,
        changeCount,
        approvalReasons: reasons,
        state: needsApproval ? "pending_approval" : "running",
        approvalExpiresAt: needsApproval
          ? new Date(at.getTime() + (await loadGuardrails(tx, request.agencyId)).approvalTtlHours * 3_600_000)
          : request.approvalExpiresAt,
        updatedAt: at,
      })
      .where(eq(statusRequests.id, request.id))
      .returning();
    await recordEvent(
      tx,
      request.id,
      {
        kind: "preview_recomputed",
        message: `Preview recomputed before running: ${changeCount} of ${request.changeCount} contacts still change${needsApproval ? `; now waits for approval: ${reasons.join("; ")}` : ""}`,
        detail: { before: request.changeCount, after: changeCount, skipped: stale.length },
      },
      at,
    );
    if (needsApproval) {
      await writeAudit(tx, {
        agencyId: request.agencyId,
        portalId: request.portalId,
        action: "marketingStatus.reapproval",
        targetType: "statusRequest",
        targetId: request.id,
        before: { state: "queued", changeCount: request.changeCount },
        after: { state: "pending_approval", changeCount, approvalReasons: reasons },
      });
      await recordRequestNotice(tx, request.id, "approval_needed", at);
    }
    return updated!;
  });
}
