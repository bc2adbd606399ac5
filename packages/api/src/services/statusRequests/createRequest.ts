import { sql } from "drizzle-orm";
import type { z } from "zod";

import { statusRequests, writeAudit, type Access, type Db, type Portal } from "@marketable/db";

import { rejected } from "../../errors";
import type { JobScheduler } from "../../jobs/scheduler";
import type { createStatusRequestInput } from "../../validation/contacts";
import { recordRequestNotice } from "../notifications/requestNotices";
import { recordEvent } from "./events";
import { loadGuardrails } from "./guardrails";
import { previewRequest, publicPreview } from "./previewRequest";

const HOUR_MS = 3_600_000;

export const targetColumn = (target: "marketing" | "nonMarketing") => (target === "marketing" ? "marketing" : "non_marketing");
export const targetLabel = (target: "marketing" | "non_marketing" | "nonMarketing") =>
  target === "marketing" ? "marketing" : "non-marketing";

/**
 * Records a status request with its preview. Under the guardrails it is queued at once; otherwise
 * it waits for approval by someone else. The job is sent after the transaction commits.
 */
export async function createStatusRequest(
  db: Db,
  access: Access,
  portal: Portal,
  input: z.infer<typeof createStatusRequestInput>,
  meta: { requestId?: string; now: Date; scheduler?: JobScheduler },
) {
  const created = await db.transaction(async (tx) => {
    const preview = await previewRequest(tx, portal, input, meta.now);
    if (preview.changing.length === 0) {
      throw rejected(
        input.target === "marketing"
          ? "No selected contact would change: they are all marketing already"
          : "No selected contact would change: they are all non-marketing or pending demotion already",
      );
    }
    // The dialog asks for the typed count; the server holds the same line for any other caller.
    if (preview.confirmation && input.confirmCount !== preview.confirmation.count) {
      throw rejected(
        input.confirmCount === undefined
          ? `${preview.confirmation.message}. Type ${preview.confirmation.count.toLocaleString("en-US")} to confirm`
          : `The typed count does not match: type ${preview.confirmation.count.toLocaleString("en-US")} to confirm`,
      );
    }
    const guardrails = await loadGuardrails(tx, portal.agencyId);
    const needsApproval = preview.approvalReasons.length > 0;
    const summary = publicPreview(preview);
    const [request] = await tx
      .insert(statusRequests)
      .values({
        agencyId: portal.agencyId,
        portalId: portal.id,
        target: targetColumn(input.target),
        reason: input.reason,
        state: needsApproval ? "pending_approval" : "queued",
        selection:
          input.selection.kind === "csv"
            ? { kind: "csv", rows: input.selection.text.split(/\r?\n/).filter(Boolean).length }
            : input.selection,
        changeCount: preview.changing.length,
        preview: { ...summary, rowErrors: summary.rowErrors.slice(0, 100) },
        previewAt: meta.now,
        approvalReasons: preview.approvalReasons,
        requestedBy: access.user.id,
        requestedByEmail: access.user.email,
        approvalExpiresAt: needsApproval ? new Date(meta.now.getTime() + guardrails.approvalTtlHours * HOUR_MS) : null,
        createdAt: meta.now,
        updatedAt: meta.now,
      })
      .returning();
    // One statement, one array parameter per column (docs/toolchain.md: unnest is 4x faster than values()).
    const rows = preview.changing;
    await tx.execute(sql`
      insert into status_request_contacts (request_id, hubspot_id, email, was_marketable, was_pending_demotion)
      select ${request!.id}::uuid, u.*
      from unnest(
        ${sql.param(rows.map((c) => c.hubspotId))}::text[],
        ${sql.param(rows.map((c) => c.email))}::text[],
        ${sql.param(rows.map((c) => c.marketable))}::boolean[],
        ${sql.param(rows.map((c) => c.pendingDemotion))}::boolean[]
      ) as u`);
    const count = preview.changing.length.toLocaleString("en-US");
    await recordEvent(
      tx,
      request!.id,
      {
        kind: "requested",
        message: `Requested ${targetLabel(input.target)} for ${count} contacts: ${input.reason}`,
        actorEmail: access.user.email,
      },
      meta.now,
    );
    await recordEvent(
      tx,
      request!.id,
      needsApproval
        ? { kind: "awaiting_approval", message: `Waits for approval: ${preview.approvalReasons.join("; ")}` }
        : { kind: "queued", message: "Under the agency's thresholds: queued to run without approval" },
      meta.now,
    );
    await writeAudit(tx, {
      agencyId: portal.agencyId,
      portalId: portal.id,
      actor: access.user,
      action: "marketingStatus.request",
      targetType: "statusRequest",
      targetId: request!.id,
      before: { marketing: preview.billing.baseline.now.marketing, pendingDemotion: preview.billing.baseline.now.pendingDemotion },
      after: {
        target: input.target,
        changeCount: preview.changing.length,
        marketing: preview.billing.now.marketing,
        pendingDemotion: preview.billing.now.pendingDemotion,
        state: request!.state,
        approvalReasons: preview.approvalReasons,
      },
      requestId: meta.requestId,
    });
    if (needsApproval) await recordRequestNotice(tx, request!.id, "approval_needed", meta.now);
    return request!;
  });
  if (created.state === "queued") await meta.scheduler?.executeStatusRequest?.(created.id);
  else await meta.scheduler?.notifyRequest?.(created.id, "approval_needed");
  return { id: created.id, state: created.state, changeCount: created.changeCount, approvalReasons: created.approvalReasons };
}
