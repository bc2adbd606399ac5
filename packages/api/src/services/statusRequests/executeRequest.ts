import { and, eq, inArray, isNull, sql } from "drizzle-orm";

import { portals, statusRequestContacts, statusRequests, type StatusRequest } from "@marketable/db";

import type { WorkerDeps } from "../../jobs/workerDeps";
import { evaluateAfterSync } from "../alerts/afterSync";
import { RUN_HEARTBEAT_MS } from "../workers/runLiveness";
import { recordEvent } from "./events";
import { finishFailed, noticeForState } from "./execution/finishFailed";
import { HandedBack, stopIfStopping } from "./execution/handBack";
import { errorsByContact, pollImport, type PollOptions } from "./execution/pollImport";
import { recomputeIfStale } from "./execution/recomputePreview";
import { startImport } from "./execution/startImport";
import { verifyAndFinish } from "./execution/verifyAndFinish";

export { importNameFor } from "./execution/startImport";

/** What varies per call: the job's stop signal (aborted: stop at the next safe point and hand the request back), test timings. */
export interface ExecuteOptions extends PollOptions {
  /** Between heartbeats (default STATUS_HEARTBEAT_MS). */
  heartbeatMs?: number;
}

/**
 * How often a running execution touches its request's `updated_at` (its heartbeat), whatever it is
 * doing: waiting for HubSpot's import, re-reading 100,000 contacts under rate limits. Well under
 * the 45 s after which resumeStaleStatusRequests takes an execution for dead.
 */
export const STATUS_HEARTBEAT_MS = RUN_HEARTBEAT_MS;

/**
 * A request still unfinished after this many executions is failed rather than retried forever
 * (the queue retries a job 5 times; resumes after dead workers and the sweep add more).
 */
export const MAX_EXECUTION_ATTEMPTS = 12;

type Request = StatusRequest;

/**
 * Runs one queued request: recompute a stale preview, create the HubSpot import (once: its name
 * is recorded before it is created and its id right after, so a retry finds it instead of
 * importing twice), poll it, read the contacts back, store them and record each contact's result.
 * Safe to call again at any point; a finished request is a no-op.
 */
export async function executeStatusRequest(
  worker: WorkerDeps,
  requestId: string,
  options: ExecuteOptions = {},
): Promise<{ state: string }> {
  const deps = { ...worker, ...options };
  const now = () => deps.clock.now();
  const db = deps.db;
  const [claimed] = await db
    .update(statusRequests)
    .set({ state: "running", attempts: sql`${statusRequests.attempts} + 1`, updatedAt: now(), workerId: deps.workerId ?? null })
    .where(and(eq(statusRequests.id, requestId), inArray(statusRequests.state, ["queued", "running"])))
    .returning();
  if (!claimed) {
    const [existing] = await db.select({ state: statusRequests.state }).from(statusRequests).where(eq(statusRequests.id, requestId));
    return { state: existing?.state ?? "missing" };
  }
  let request: Request = claimed;
  // Only while the request is ours: one taken for dead and resumed elsewhere is left to that worker.
  const ours = and(
    eq(statusRequests.id, requestId),
    eq(statusRequests.state, "running"),
    deps.workerId === undefined ? isNull(statusRequests.workerId) : eq(statusRequests.workerId, deps.workerId),
  );
  const log = deps.log.child({ statusRequestId: requestId, portalId: request.portalId });
  // The heartbeat tells a live execution from a dead worker's (resumeStaleStatusRequests).
  // One beat at a time: while the finishing transaction holds the row, a beat waits on its lock,
  // and further ticks must not pile up behind it, each holding a pool connection.
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    db.update(statusRequests)
      .set({ updatedAt: now() })
      .where(ours)
      .catch((error: unknown) => log.warn({ err: error }, "status request heartbeat failed"))
      .finally(() => (beating = false));
  }, deps.heartbeatMs ?? STATUS_HEARTBEAT_MS);
  heartbeat.unref();
  const [portal] = await db.select().from(portals).where(eq(portals.id, request.portalId));
  // The in-app notices are written with each step; the email and webhook go after its commit.
  const told = async (outcome: { state: string }) => {
    const kind = noticeForState(outcome.state);
    if (kind) await deps.scheduler.notifyRequest?.(requestId, kind);
    return { state: outcome.state };
  };
  try {
    if (!portal?.hubId || portal.archivedAt || portal.connectionStatus !== "connected") {
      return await told(await finishFailed(db, request, "The portal is archived or not connected to HubSpot", now()));
    }
    if (request.attempts > MAX_EXECUTION_ATTEMPTS) {
      const imported = request.importId
        ? ` HubSpot import ${request.importId} may have been applied: the next sync shows each contact's status.`
        : "";
      return await told(
        await finishFailed(
          db,
          request,
          `Gave up after ${MAX_EXECUTION_ATTEMPTS} attempts (last error: ${request.lastError ?? "none recorded"}).${imported}`,
          now(),
        ),
      );
    }
    await recordEvent(db, request.id, { kind: "started", message: `Execution started (attempt ${request.attempts})` }, now());

    if (!request.importName) {
      const recomputed = await recomputeIfStale(db, request, portal, now());
      if (recomputed) request = recomputed;
      if (request.state !== "running") return await told({ state: request.state });
    }

    const pending = await db
      .select({ hubspotId: statusRequestContacts.hubspotId })
      .from(statusRequestContacts)
      .where(and(eq(statusRequestContacts.requestId, request.id), eq(statusRequestContacts.outcome, "pending")));
    const gateway = await deps.gatewayFor(portal, deps.log);

    stopIfStopping(deps.signal);
    if (!request.importId && pending.length > 0) {
      request = await startImport(
        db,
        gateway,
        request,
        pending.map((p) => p.hubspotId),
        now,
      );
    }
    let importErrors = new Map<string, string>();
    if (request.importId) {
      await pollImport(deps, gateway, request, now);
      importErrors = await errorsByContact(
        gateway,
        request.importId,
        pending.map((p) => p.hubspotId),
      );
    }
    stopIfStopping(deps.signal);
    const finished = await verifyAndFinish(db, gateway, request, portal, importErrors, now);
    // The portal's usage changed with this request: its alerts (a promotion over 90 % of the
    // tier, say) are raised now rather than at the next sync.
    if (finished.usageRefreshed) {
      // The portal row as it is now (rules or contract may have changed during a long execution).
      const [current] = await db.select().from(portals).where(eq(portals.id, portal.id));
      if (current) await evaluateAfterSync({ db, log, scheduler: deps.scheduler }, current, now());
    }
    return await told({ state: finished.state });
  } catch (error) {
    if (error instanceof HandedBack) {
      // Still running, unowned and fresh: the job the caller sends picks it up at once.
      await db.update(statusRequests).set({ workerId: null, updatedAt: now() }).where(ours);
      log.info("worker stopping: the status request is handed back");
      return { state: "released" };
    }
    const message = error instanceof Error ? error.message : String(error);
    log.warn({ err: error }, "status request attempt failed");
    // Only on a request still running: another execution may have finished it meanwhile.
    const [stillRunning] = await db
      .update(statusRequests)
      .set({ lastError: message, updatedAt: now() })
      .where(and(eq(statusRequests.id, request.id), eq(statusRequests.state, "running")))
      .returning({ id: statusRequests.id });
    if (stillRunning)
      await recordEvent(
        db,
        request.id,
        { kind: "attempt_failed", message: `Attempt ${request.attempts} failed: ${message}; it will be retried` },
        now(),
      );
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}
