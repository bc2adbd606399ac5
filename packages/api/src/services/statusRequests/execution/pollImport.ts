import { eq } from "drizzle-orm";

import { statusRequests, type Db, type StatusRequest } from "@marketable/db";
import type { PortalGateway } from "@marketable/hubspot";

import { recordEvent } from "../events";
import { stopIfStopping } from "./handBack";

type Request = StatusRequest;

const FINAL_IMPORT_STATES = new Set(["DONE", "FAILED", "CANCELED"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PollOptions {
  /** Between import status polls (HubSpot imports take seconds to minutes). */
  pollIntervalMs?: number;
  /** Give up polling after this long; the job's retry polls the same import again. */
  pollTimeoutMs?: number;
  signal?: AbortSignal;
}

/** Polls the request's import until HubSpot has finished it, recording its progress and state changes. */
export async function pollImport(deps: { db: Db } & PollOptions, gateway: PortalGateway, request: Request, now: () => Date): Promise<void> {
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
      await recordEvent(
        deps.db,
        request.id,
        { kind: "import_state", message: `HubSpot import #${request.importId} is ${state.toLowerCase()}` },
        now(),
      );
      last = state;
    }
    if (FINAL_IMPORT_STATES.has(state)) return;
    stopIfStopping(deps.signal);
    if (Date.now() > deadline) throw new Error(`HubSpot import ${request.importId} is still ${state}`);
    await sleep(interval);
  }
}

/** Import row errors by contact id: line 1 is the header, line n + 1 the n-th id sent. */
export async function errorsByContact(gateway: PortalGateway, importId: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const sent = new Set(ids); // a 100,000-row import can have as many errors: no linear search each
  for (const e of await gateway.getImportErrors(importId)) {
    const id = e.invalidValue && sent.has(e.invalidValue) ? e.invalidValue : e.lineNumber ? ids[e.lineNumber - 2] : undefined;
    if (id) out.set(id, `${e.errorType}${e.message ? `: ${e.message}` : ""}`);
  }
  return out;
}
