import { and, eq } from "drizzle-orm";

import { statusRequests, writeAudit, type Db, type StatusRequest } from "@marketable/db";

import { recordRequestNotice, type RequestNoticeKind } from "../../notifications/requestNotices";
import { recordEvent } from "../events";

type Request = StatusRequest;

/** Fails a request that cannot run (its portal gone, its attempts used up), with its event, audit entry and notice. */
export async function finishFailed(db: Db, request: Request, message: string, at: Date): Promise<{ state: string }> {
  return db.transaction(async (tx) => {
    // Claimed like the successful finish: a request another execution finished stays as it is.
    const [claimed] = await tx
      .update(statusRequests)
      .set({ state: "failed", lastError: message, updatedAt: at, finishedAt: at })
      .where(and(eq(statusRequests.id, request.id), eq(statusRequests.state, "running")))
      .returning({ id: statusRequests.id });
    if (!claimed) {
      const [current] = await tx.select({ state: statusRequests.state }).from(statusRequests).where(eq(statusRequests.id, request.id));
      return { state: current?.state ?? "missing" };
    }
    await recordEvent(tx, request.id, { kind: "failed", message }, at);
    await writeAudit(tx, {
      agencyId: request.agencyId,
      portalId: request.portalId,
      action: "marketingStatus.result",
      targetType: "statusRequest",
      targetId: request.id,
      after: { state: "failed", error: message },
    });
    await recordRequestNotice(tx, request.id, "failed", at);
    return { state: "failed" };
  });
}

/** The notice a state reached by an execution sends; none for states that are not an outcome. */
export function noticeForState(state: string): RequestNoticeKind | null {
  if (state === "succeeded" || state === "partially_failed") return "finished";
  if (state === "failed") return "failed";
  if (state === "pending_approval") return "approval_needed";
  return null;
}
