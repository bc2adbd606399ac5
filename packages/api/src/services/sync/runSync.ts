import { and, eq, isNull, lt, sql, type SQL } from "drizzle-orm";

import { contacts, portals, portalSyncState, syncRuns, type Db, type Portal, type SyncRun } from "@marketable/db";
import { UPSERT_BATCH_SIZE, upsertContacts, walkContactsModified, type ContactRecord, type PortalGateway } from "@marketable/hubspot";
import type { Logger } from "@marketable/logger";

import type { WorkerDeps } from "../../jobs/workerDeps";
import { evaluateAfterSync } from "../alerts/afterSync";
import { refreshPortalApps } from "../integrations/refreshPortalApps";
import { backfillUsageHistory } from "../usage/history";
import { refreshPortalUsage } from "../usage/refresh";
import { RUN_HEARTBEAT_MS } from "../workers/runLiveness";
import { FullSyncPages, type FullSyncCheckpoint } from "./fullSyncPages";
import { refreshPropertyLabels } from "./propertyLabels";
import { countContacts } from "./syncOrder";
import { SyncRate } from "./syncRate";

/** What varies per call of runSync: the job's stop signal, a test's heartbeat. */
export interface SyncOptions {
  /** Aborted when the worker stops: the run stops after the page in hand and is handed back. */
  signal?: AbortSignal;
  /** Between timer heartbeats (default RUN_HEARTBEAT_MS). */
  heartbeatMs?: number;
}

type SyncCall = WorkerDeps & SyncOptions;

/**
 * How a call ended: finished (or nothing to do); `released` for another worker at a stop (the
 * caller queues it again); `taken_over` when it was taken for dead and resumed elsewhere.
 */
export type SyncOutcome = "finished" | "released" | "taken_over";

/** Thrown inside a page's transaction when the run is no longer ours: the page is rolled back. */
class RunTakenOver extends Error {}

/** A full sync re-reads contacts modified up to this long before it began, to close the gap. */
const OVERLAP_MS = 60_000;

/** A full sync writes what it has fetched at least this long after its last write began. */
const WRITE_EVERY_MS = 1_000;

/**
 * Whether a full sync starts a write of the pages fetched since its last write: once a full batch
 * waits, or once WRITE_EVERY_MS has passed. Each write is a transaction plus the run's progress
 * UPDATE, whatever its size: a write per page (one comes every 100 ms or so) spent a fleet's CPU
 * on those statements instead of rows. The end of the pages, a stop and a failed fetch write what
 * is left regardless (see syncPages).
 */
function writeDue(buffered: number, msSinceLastWrite: number): boolean {
  return buffered >= UPSERT_BATCH_SIZE || msSinceLastWrite >= WRITE_EVERY_MS;
}

/**
 * Runs (or resumes) one sync run. Idempotent and resumable: contacts are written in the same
 * transaction as the run's checkpoint (after the last page in that write), so a crash at any point
 * resumes after the last committed write, and re-writing a page changes nothing. A finished run is
 * a no-op.
 */
export async function runSync(worker: WorkerDeps, runId: string, options: SyncOptions = {}): Promise<SyncOutcome> {
  const deps: SyncCall = { ...worker, ...options };
  const now = () => deps.clock.now();
  const [run] = await deps.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run || run.status === "succeeded" || run.status === "canceled") return "finished";
  const [portal] = await deps.db.select().from(portals).where(eq(portals.id, run.portalId));
  if (!portal?.hubId || portal.archivedAt) {
    await deps.db
      .update(syncRuns)
      .set({ status: "canceled", finishedAt: now(), lastError: "The portal is archived or not connected" })
      .where(eq(syncRuns.id, runId));
    return "finished";
  }
  const startedAt = run.startedAt ?? now();
  const workerId = deps.workerId ?? null;
  await deps.db
    .update(syncRuns)
    .set({ status: "running", startedAt, heartbeatAt: now(), workerId, attempts: sql`${syncRuns.attempts} + 1` })
    .where(eq(syncRuns.id, runId));
  const log = deps.log.child({ runId, portalId: portal.id, kind: run.kind });
  // Only while the run is ours: one taken for dead and resumed elsewhere is left to that worker.
  const ours = and(
    eq(syncRuns.id, runId),
    eq(syncRuns.status, "running"),
    workerId === null ? isNull(syncRuns.workerId) : eq(syncRuns.workerId, workerId),
  );
  const heartbeat = keepHeartbeat(deps, ours, now, log);
  try {
    const gateway = await deps.gatewayFor(portal, deps.log);
    // The rate over this attempt's recent pages (not since the run was first started, and not
    // one page over the whole attempt): what the page shows and divides the remaining count by.
    const rate = new SyncRate();
    const progress = async (tx: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], count: number, checkpoint: typeof run.checkpoint) => {
      const perSecond = rate.add(count, performance.now());
      const [updated] = await tx
        .update(syncRuns)
        .set({
          checkpoint,
          processed: sql`${syncRuns.processed} + ${count}`,
          requests: gateway.stats.requests,
          retries: gateway.stats.retries,
          // Until a second page is in, the rate shown stays the last one measured.
          ...(perSecond !== null ? { ratePerSecond: perSecond } : {}),
          heartbeatAt: now(),
          lastError: null,
        })
        .where(ours)
        .returning({ id: syncRuns.id });
      if (!updated) throw new RunTakenOver(`Sync run ${runId} was resumed by another worker`);
    };
    return await syncPages(deps, { run, portal, gateway, progress, startedAt, ours, log, now });
  } catch (error) {
    if (error instanceof RunTakenOver) {
      log.warn("the run was taken for dead and resumed by another worker; this one stops");
      return "taken_over";
    }
    throw error;
  } finally {
    heartbeat.stop();
  }
}

/**
 * Beats the run's heartbeat by timer (besides every page) while it waits on HubSpot's rate limits
 * or retries, so a live run never looks dead (resumeStaleSyncRuns). One beat at a time.
 */
function keepHeartbeat(deps: SyncCall, ours: SQL | undefined, now: () => Date, log: Logger) {
  let beating = false;
  const timer = setInterval(() => {
    if (beating) return;
    beating = true;
    deps.db
      .update(syncRuns)
      .set({ heartbeatAt: now() })
      .where(ours)
      .catch((error: unknown) => log.warn({ err: error }, "sync heartbeat failed"))
      .finally(() => (beating = false));
  }, deps.heartbeatMs ?? RUN_HEARTBEAT_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

interface PageContext {
  run: SyncRun;
  portal: Portal;
  gateway: PortalGateway;
  progress: (tx: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], count: number, checkpoint: SyncRun["checkpoint"]) => Promise<void>;
  startedAt: Date;
  ours: SQL | undefined;
  log: Logger;
  now: () => Date;
}

/** Hands the run back at a stop: queued again with its checkpoint, for whichever worker is next. */
async function release(deps: SyncCall, ours: SQL | undefined, now: () => Date, log: Logger): Promise<SyncOutcome> {
  await deps.db.update(syncRuns).set({ status: "queued", workerId: null, heartbeatAt: now() }).where(ours);
  log.info("worker stopping: the sync is handed back at its checkpoint");
  return "released";
}

async function syncPages(deps: SyncCall, { run, portal, gateway, progress, startedAt, ours, log, now }: PageContext): Promise<SyncOutcome> {
  const runId = run.id;

  try {
    let highWater: Date;
    if (run.kind === "full") {
      // Fetching and writing overlap: the next pages are fetched while earlier ones are written,
      // and each write takes every page fetched since the last one began (with the checkpoint after
      // the newest), when writeDue says so and the previous one is done; when the database lags,
      // writes grow (up to UPSERT_BATCH_SIZE waiting) instead of holding back the fetching. The
      // last page, a stop and a failed fetch write what is buffered first, so the checkpoint is
      // always after exactly what was written. A crash re-reads at most the pages not yet written
      // (about a second's worth), and re-writing a page changes nothing.
      // Usually probed already, before the job was ranked by it (syncOrder.ts).
      let expected = run.expected;
      if (expected === null) {
        expected = await countContacts(gateway);
        await deps.db.update(syncRuns).set({ expected }).where(eq(syncRuns.id, runId));
      }
      const pages = new FullSyncPages(gateway, run.checkpoint, expected);
      let buffer: ContactRecord[] = [];
      let bufferCheckpoint: FullSyncCheckpoint | null = run.checkpoint;
      // In an object: TypeScript would narrow a plain `let` to null (the closure's writes are unseen).
      const writer: { inFlight: Promise<void> | null; failed: boolean } = { inFlight: null, failed: false };
      // The first page is written at once (the run shows progress early); then by writeDue.
      let lastWriteAt = -Infinity;
      const startWrite = () => {
        lastWriteAt = performance.now();
        const rows = buffer;
        const checkpoint = bufferCheckpoint;
        buffer = [];
        const write: Promise<void> = deps.db
          .transaction(async (tx) => {
            await upsertContacts(tx, portal.id, rows, now());
            await progress(tx, rows.length, checkpoint);
          })
          .then(
            () => {
              if (writer.inFlight === write) writer.inFlight = null;
            },
            (error: unknown) => {
              writer.failed = true; // the loop stops at once (the run was taken over, the database failed)
              throw error;
            },
          );
        write.catch(() => {}); // awaited before the loop goes on or ends
        writer.inFlight = write;
        return write;
      };
      for (;;) {
        if (writer.failed) await writer.inFlight; // throws the write's error
        if (deps.signal?.aborted) {
          // Keep what was fetched: whoever takes the run up resumes after it.
          await writer.inFlight;
          if (buffer.length > 0) await startWrite();
          return await release(deps, ours, now, log);
        }
        let page;
        try {
          page = await pages.next();
        } catch (error) {
          // Keep what was fetched: the retry resumes after it.
          await writer.inFlight;
          if (buffer.length > 0) await startWrite();
          throw error;
        }
        buffer.push(...page.contacts);
        bufferCheckpoint = page.checkpoint;
        if (page.last) {
          await writer.inFlight;
          await startWrite();
          break;
        }
        if (writer.inFlight && buffer.length >= UPSERT_BATCH_SIZE) await writer.inFlight;
        if (!writer.inFlight && writeDue(buffer.length, performance.now() - lastWriteAt)) void startWrite();
      }
      // Contacts not seen since the run began were deleted in HubSpot.
      await deps.db
        .update(contacts)
        .set({ archived: true })
        .where(and(eq(contacts.portalId, portal.id), lt(contacts.syncedAt, startedAt), eq(contacts.archived, false)));
      highWater = new Date(startedAt.getTime() - OVERLAP_MS);
    } else {
      const [state] = await deps.db.select().from(portalSyncState).where(eq(portalSyncState.portalId, portal.id));
      const since = new Date(run.checkpoint?.since ?? state?.modifiedHighWater ?? 0);
      const until = new Date(run.checkpoint?.until ?? now());
      for await (const page of walkContactsModified(gateway, { since, until })) {
        await deps.db.transaction(async (tx) => {
          await upsertContacts(tx, portal.id, page.contacts, now());
          await progress(tx, page.contacts.length, { since: page.safeSince.toISOString(), until: until.toISOString() });
        });
        if (deps.signal?.aborted) return await release(deps, ours, now, log);
      }
      highWater = until;
    }

    await deps.db.transaction(async (tx) => {
      await refreshPortalApps(tx, portal.id, now());
      // History first (days before today only), so the trend fits through it and today.
      await backfillUsageHistory(tx, portal, now());
      await refreshPortalUsage(tx, portal, now());
      const state = {
        modifiedHighWater: highWater,
        lastSyncAt: now(),
        lastError: null,
        ...(run.kind === "full" ? { lastFullSyncAt: now() } : {}),
      };
      await tx
        .insert(portalSyncState)
        .values({ portalId: portal.id, ...state })
        .onConflictDoUpdate({ target: portalSyncState.portalId, set: state });
      await tx.update(syncRuns).set({ status: "succeeded", finishedAt: now(), heartbeatAt: now() }).where(eq(syncRuns.id, runId));
    });
    await refreshPropertyLabels(deps.db, gateway, portal.id, now(), log);
    await evaluateAfterSync(deps, portal, now());
    log.info(
      {
        processed: (await deps.db.select({ p: syncRuns.processed }).from(syncRuns).where(eq(syncRuns.id, runId)))[0]?.p,
        stats: gateway.stats,
      },
      "sync finished",
    );
    return "finished";
  } catch (error) {
    if (error instanceof RunTakenOver) throw error;
    const message = error instanceof Error ? error.message : String(error);
    log.warn({ err: error }, "sync attempt failed");
    await deps.db.update(syncRuns).set({ status: "failed", lastError: message, heartbeatAt: now() }).where(ours);
    await deps.db
      .insert(portalSyncState)
      .values({ portalId: portal.id, lastError: message, lastErrorAt: now() })
      .onConflictDoUpdate({ target: portalSyncState.portalId, set: { lastError: message, lastErrorAt: now() } });
    await evaluateAfterSync(deps, portal, now());
    throw error;
  }
}
