import { statusRequestContacts, statusRequests, portals, type Db, writeAudit } from "@marketable/db";
import { createPortalGateway, upsertContacts, type ContactRecord, type PortalGateway } from "@marketable/hubspot";
import type { Logger } from "@marketable/logger";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { HubSpotSettings } from "../../hubspot/settings";
import { inTextArray } from "../textArray";
import { recordRequestNotice, type RequestNoticeKind } from "../notifications/requestNotices";
import { recordEvent } from "./events";
import { loadGuardrails } from "./guardrails";
import { changes, portalCounts, publicPreview, type RequestPreview } from "./previewRequest";
import { moneySummary, previewStatusChange } from "@marketable/billing";
import { approvalReasons } from "./guardrails";
import { loadPortalContract } from "../billing/contract";
import { evaluateAfterSync, type AlertDeliveryScheduler } from "../alerts/afterSync";
import { refreshPortalUsage } from "../usage/refresh";
import { RUN_HEARTBEAT_MS } from "../workers/runLiveness";

export interface ExecuteDeps {
  db: Db;
  settings: HubSpotSettings;
  log: Logger;
  now?: () => Date;
  gatewayFor?: (portal: typeof portals.$inferSelect) => Promise<PortalGateway>;
  /** Between import status polls (HubSpot imports take seconds to minutes). */
  pollIntervalMs?: number;
  /** Give up polling after this long; the job's retry polls the same import again. */
  pollTimeoutMs?: number;
  /** Between heartbeats (default STATUS_HEARTBEAT_MS). */
  heartbeatMs?: number;
  /** Webhook deliveries of the alerts a finished request raises; absent, they stay pending. */
  alerts?: AlertDeliveryScheduler;
  /** Queues the email and webhook of a step that ends the run (finished, failed, back to approval). */
  notify?: (requestId: string, kind: RequestNoticeKind) => Promise<void>;
  /** The worker executing it (claimWorkerId), marked on the request: see resumeStaleStatusRequests. */
  workerId?: string;
  /** Aborted when the worker stops: the execution stops at its next safe point and is handed back. */
  signal?: AbortSignal;
}

/** Thrown at a safe point (the import recorded, nothing half-written) when the worker is stopping. */
class HandedBack extends Error {}
const stopIfStopping = (signal?: AbortSignal) => {
  if (signal?.aborted) throw new HandedBack("The worker is stopping");
};

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

/** A preview older than this is recomputed from the stored contacts before the import. */
export const PREVIEW_STALE_MS = 5 * 60_000;
const FINAL_IMPORT_STATES = new Set(["DONE", "FAILED", "CANCELED"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const importNameFor = (requestId: string) => `marketable-status-${requestId}`;

function defaultGateway(deps: ExecuteDeps, portal: typeof portals.$inferSelect) {
  return createPortalGateway({
    db: deps.db,
    keyring: deps.settings.keyring,
    basePath: deps.settings.apiBase,
    oauthApp: { clientId: deps.settings.clientId, clientSecret: deps.settings.clientSecret },
    portal: { portalId: portal.id, hubId: portal.hubId!, edition: portal.edition, timeZone: portal.timeZone },
    log: deps.log,
  });
}

/** Whether HubSpot now shows the contact in the requested status (a demotion shows as pending). */
function inTarget(record: ContactRecord, target: "marketing" | "non_marketing"): boolean {
  return target === "marketing" ? record.marketable : !record.marketable || record.marketableUntilRenewal;
}

type Request = typeof statusRequests.$inferSelect;

/**
 * Runs one queued request: recompute a stale preview, create the HubSpot import (once: its name
 * is recorded before it is created and its id right after, so a retry finds it instead of
 * importing twice), poll it, read the contacts back, store them and record each contact's result.
 * Safe to call again at any point; a finished request is a no-op.
 */
export async function executeStatusRequest(deps: ExecuteDeps, requestId: string): Promise<{ state: string }> {
  const now = deps.now ?? (() => new Date());
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
    if (kind) await deps.notify?.(requestId, kind);
    return { state: outcome.state };
  };
  try {
    if (!portal?.hubId || portal.archivedAt || portal.connectionStatus !== "connected") {
      return await told(await finishFailed(db, request, "The portal is archived or not connected to HubSpot", now()));
    }
    if (request.attempts > MAX_EXECUTION_ATTEMPTS) {
      const imported = request.importId ? ` HubSpot import ${request.importId} may have been applied: the next sync shows each contact's status.` : "";
      return await told(await finishFailed(db, request, `Gave up after ${MAX_EXECUTION_ATTEMPTS} attempts (last error: ${request.lastError ?? "none recorded"}).${imported}`, now()));
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
    const gateway = await (deps.gatewayFor ?? ((p) => defaultGateway(deps, p)))(portal);

    stopIfStopping(deps.signal);
    if (!request.importId && pending.length > 0) {
      request = await startImport(db, gateway, request, pending.map((p) => p.hubspotId), now);
    }
    let importErrors = new Map<string, string>();
    if (request.importId) {
      await pollImport(deps, gateway, request, now);
      importErrors = await errorsByContact(gateway, request.importId, pending.map((p) => p.hubspotId));
    }
    stopIfStopping(deps.signal);
    const finished = await verifyAndFinish(db, gateway, request, portal, importErrors, now);
    // The portal's usage changed with this request: its alerts (a promotion over 90 % of the
    // tier, say) are raised now rather than at the next sync.
    if (finished.usageRefreshed) {
      // The portal row as it is now (rules or contract may have changed during a long execution).
      const [current] = await db.select().from(portals).where(eq(portals.id, portal.id));
      if (current) await evaluateAfterSync({ db, log, alerts: deps.alerts }, current, now());
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
    if (stillRunning) await recordEvent(db, request.id, { kind: "attempt_failed", message: `Attempt ${request.attempts} failed: ${message}; it will be retried` }, now());
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

/** A preview older than PREVIEW_STALE_MS is recomputed: contacts that no longer change are skipped. */
async function recomputeIfStale(db: Db, request: Request, portal: typeof portals.$inferSelect, at: Date): Promise<Request | null> {
  if (at.getTime() - request.previewAt.getTime() < PREVIEW_STALE_MS) return null;
  return db.transaction(async (tx) => {
    const target = request.target === "marketing" ? "marketing" : "nonMarketing";
    const current = await tx.execute<{ hubspot_id: string; marketable: boolean | null; pending: boolean | null }>(sql`
      select r.hubspot_id, c.marketable, c.marketable_until_renewal as pending
      from status_request_contacts r
      left join contacts c on c.portal_id = ${request.portalId} and c.hubspot_id = r.hubspot_id and not c.archived
      where r.request_id = ${request.id} and r.outcome = 'pending'`);
    const stale = current.rows.filter((r) => r.marketable === null || !changes({ marketable: r.marketable, pendingDemotion: r.pending ?? false }, target)).map((r) => r.hubspot_id);
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
    const preview: RequestPreview = { target, selected: current.rows.length, unchanged: stale.length, changing: [], rowErrors: [], counts, billing, money: moneySummary(billing, contract, target), approvalReasons: reasons, confirmation: null, timeZone: portal.timeZone };
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
        approvalExpiresAt: needsApproval ? new Date(at.getTime() + (await loadGuardrails(tx, request.agencyId)).approvalTtlHours * 3_600_000) : request.approvalExpiresAt,
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

async function startImport(db: Db, gateway: PortalGateway, request: Request, ids: string[], now: () => Date): Promise<Request> {
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
    const rows = await tx.update(statusRequests).set({ importName: name, importId, importState: existing?.state ?? "STARTED", updatedAt: now() }).where(eq(statusRequests.id, request.id)).returning();
    await recordEvent(
      tx,
      request.id,
      { kind: "import_created", message: existing ? `Found HubSpot import #${importId} from an earlier attempt (not imported again)` : `HubSpot import #${importId} created for ${ids.length.toLocaleString("en-US")} contacts`, detail: { importId, contacts: ids.length } },
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

async function pollImport(deps: ExecuteDeps, gateway: PortalGateway, request: Request, now: () => Date): Promise<void> {
  const interval = deps.pollIntervalMs ?? 1_000;
  const deadline = Date.now() + (deps.pollTimeoutMs ?? 20 * 60_000);
  let last = request.importState;
  let lastProcessed = -1;
  for (;;) {
    const current = await gateway.getImport(request.importId!);
    const state = current.state;
    // HubSpot's counters say how far the import got: the progress bar follows them.
    const processed = (current.counters.UPDATED_OBJECTS ?? 0) + (current.counters.ERRORS ?? 0);
    if (processed !== lastProcessed) {
      await deps.db.update(statusRequests).set({ processed, updatedAt: now() }).where(eq(statusRequests.id, request.id));
      lastProcessed = processed;
    }
    if (state !== last) {
      await deps.db.update(statusRequests).set({ importState: state, updatedAt: now() }).where(eq(statusRequests.id, request.id));
      await recordEvent(deps.db, request.id, { kind: "import_state", message: `HubSpot import #${request.importId} is ${state.toLowerCase()}` }, now());
      last = state;
    }
    if (FINAL_IMPORT_STATES.has(state)) return;
    stopIfStopping(deps.signal);
    if (Date.now() > deadline) throw new Error(`HubSpot import ${request.importId} is still ${state}`);
    await sleep(interval);
  }
}

/** Import row errors by contact id: line 1 is the header, line n + 1 the n-th id sent. */
async function errorsByContact(gateway: PortalGateway, importId: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const sent = new Set(ids); // a 100,000-row import can have as many errors: no linear search each
  for (const e of await gateway.getImportErrors(importId)) {
    const id = e.invalidValue && sent.has(e.invalidValue) ? e.invalidValue : e.lineNumber ? ids[e.lineNumber - 2] : undefined;
    if (id) out.set(id, `${e.errorType}${e.message ? `: ${e.message}` : ""}`);
  }
  return out;
}

async function verifyAndFinish(
  db: Db,
  gateway: PortalGateway,
  request: Request,
  portal: typeof portals.$inferSelect,
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
        refused.push({ id, error: importErrors.get(id) ?? (record ? "HubSpot still shows the previous status" : "The contact no longer exists in HubSpot") });
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
      { kind: "finished", message: `Verified in HubSpot: ${succeeded.toLocaleString("en-US")} changed, ${failed.toLocaleString("en-US")} failed, ${n("skipped").toLocaleString("en-US")} skipped`, detail: { succeeded, failed, skipped: n("skipped") } },
      now(),
    );
    await writeAudit(tx, {
      agencyId: request.agencyId,
      portalId,
      action: "marketingStatus.result",
      targetType: "statusRequest",
      targetId: request.id,
      before: { marketing: before.marketing, pendingDemotion: before.pendingDemotion, nonMarketing: before.nonMarketing },
      after: { state, succeeded, failed, skipped: n("skipped"), marketing: after.marketing, pendingDemotion: after.pendingDemotion, nonMarketing: after.nonMarketing },
    });
    await recordRequestNotice(tx, request.id, state === "failed" ? "failed" : "finished", now());
    // What a sync would store from the contacts just read back: the billing panel and the roll-up
    // show the request's effect at once, not at the next sync.
    await refreshPortalUsage(tx, portal, now());
    return { state, usageRefreshed: true };
  });
}

async function finishFailed(db: Db, request: Request, message: string, at: Date): Promise<{ state: string }> {
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
function noticeForState(state: string): RequestNoticeKind | null {
  if (state === "succeeded" || state === "partially_failed") return "finished";
  if (state === "failed") return "failed";
  if (state === "pending_approval") return "approval_needed";
  return null;
}
