import { and, eq, lte } from "drizzle-orm";

import { statusRequests, writeAudit, type Access, type Db, type DbOrTx } from "@marketable/db";

import { conflict, forbidden, notFound } from "../../errors";
import type { JobScheduler } from "../../jobs/scheduler";
import { recordRequestNotice } from "../notifications/requestNotices";
import { recordEvent } from "./events";

type Meta = { requestId?: string; now: Date; scheduler?: JobScheduler };

/** Marks every undecided request of the portal whose approval window has passed as expired (audited). */
export async function expireOverdue(db: Db, portalId: string, now: Date, scheduler?: JobScheduler): Promise<number> {
  const expired = await db.transaction(async (tx) => {
    const overdue = await tx
      .update(statusRequests)
      .set({ state: "expired", updatedAt: now, finishedAt: now })
      .where(
        and(
          eq(statusRequests.portalId, portalId),
          eq(statusRequests.state, "pending_approval"),
          lte(statusRequests.approvalExpiresAt, now),
        ),
      )
      .returning();
    for (const request of overdue) {
      await recordEvent(tx, request.id, { kind: "expired", message: "Nobody decided before the approval window closed" }, now);
      await writeAudit(tx, {
        agencyId: request.agencyId,
        portalId: request.portalId,
        action: "marketingStatus.expire",
        targetType: "statusRequest",
        targetId: request.id,
        before: { state: "pending_approval" },
        after: { state: "expired", approvalExpiresAt: request.approvalExpiresAt },
      });
      await recordRequestNotice(tx, request.id, "expired", now);
    }
    return overdue.map((r) => r.id);
  });
  for (const id of expired) await scheduler?.notifyRequest?.(id, "expired");
  return expired.length;
}

async function pendingRequest(tx: DbOrTx, portalId: string, id: string) {
  const [request] = await tx
    .select()
    .from(statusRequests)
    .where(and(eq(statusRequests.id, id), eq(statusRequests.portalId, portalId)))
    .for("update");
  if (!request) throw notFound("Request not found");
  if (request.state !== "pending_approval") throw conflict(`This request is ${request.state.replace(/_/g, " ")}, not waiting for approval`);
  return request;
}

/** Approves a waiting request: someone else than the requester, before it expires. Then queues it. */
export async function approveStatusRequest(
  db: Db,
  access: Access,
  portalId: string,
  input: { requestId: string; note?: string },
  meta: Meta,
) {
  await expireOverdue(db, portalId, meta.now, meta.scheduler);
  const approved = await db.transaction(async (tx) => {
    const request = await pendingRequest(tx, portalId, input.requestId);
    if (request.requestedBy === access.user.id)
      throw forbidden("You cannot approve your own request: someone else with approval rights must");
    const [updated] = await tx
      .update(statusRequests)
      .set({
        state: "queued",
        decidedBy: access.user.id,
        decidedByEmail: access.user.email,
        decidedAt: meta.now,
        decisionNote: input.note ?? null,
        updatedAt: meta.now,
      })
      .where(eq(statusRequests.id, request.id))
      .returning();
    await recordEvent(
      tx,
      request.id,
      { kind: "approved", message: `Approved${input.note ? `: ${input.note}` : ""}; queued to run`, actorEmail: access.user.email },
      meta.now,
    );
    await writeAudit(tx, {
      agencyId: request.agencyId,
      portalId,
      actor: access.user,
      action: "marketingStatus.approve",
      targetType: "statusRequest",
      targetId: request.id,
      before: { state: "pending_approval", requestedBy: request.requestedByEmail },
      after: { state: "queued", changeCount: request.changeCount, note: input.note ?? null },
      requestId: meta.requestId,
    });
    await recordRequestNotice(tx, request.id, "approved", meta.now);
    return updated!;
  });
  await meta.scheduler?.executeStatusRequest?.(approved.id);
  await meta.scheduler?.notifyRequest?.(approved.id, "approved");
  return { id: approved.id, state: approved.state };
}

/** Rejects a waiting request with a note (the requester may withdraw their own this way). */
export async function rejectStatusRequest(
  db: Db,
  access: Access,
  portalId: string,
  input: { requestId: string; note: string },
  meta: Meta,
) {
  await expireOverdue(db, portalId, meta.now, meta.scheduler);
  const result = await db.transaction(async (tx) => {
    const request = await pendingRequest(tx, portalId, input.requestId);
    await tx
      .update(statusRequests)
      .set({
        state: "rejected",
        decidedBy: access.user.id,
        decidedByEmail: access.user.email,
        decidedAt: meta.now,
        decisionNote: input.note,
        updatedAt: meta.now,
        finishedAt: meta.now,
      })
      .where(eq(statusRequests.id, request.id));
    await recordEvent(tx, request.id, { kind: "rejected", message: `Rejected: ${input.note}`, actorEmail: access.user.email }, meta.now);
    await writeAudit(tx, {
      agencyId: request.agencyId,
      portalId,
      actor: access.user,
      action: "marketingStatus.reject",
      targetType: "statusRequest",
      targetId: request.id,
      before: { state: "pending_approval", requestedBy: request.requestedByEmail },
      after: { state: "rejected", note: input.note },
      requestId: meta.requestId,
    });
    await recordRequestNotice(tx, request.id, "rejected", meta.now);
    return { id: request.id, state: "rejected" as const };
  });
  await meta.scheduler?.notifyRequest?.(result.id, "rejected");
  return result;
}
