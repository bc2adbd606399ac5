import { hostname } from "node:os";

import type { DbHandle } from "@marketable/db";

/** Slots tried per name: more worker processes than this under one name is a configuration error. */
const MAX_SLOTS = 64;

export interface WorkerIdentity {
  /** `<name>#<slot>`, stored on the runs this process works on. */
  id: string;
  /**
   * Set when PostgreSQL dropped the session that holds the id: another process may now take it,
   * so this one should stop (the worker exits and its supervisor restarts it).
   */
  lost: Promise<Error>;
  release(): Promise<void>;
}

/**
 * A worker id that no other live process holds, so a process can tell its own earlier life's
 * runs from a live neighbour's. The name is `WORKER_ID` (default: the host name); the slot is the
 * lowest number whose PostgreSQL advisory lock is free, held for the process's life on a session
 * of its own. A killed process's session ends with it and frees its slot, so the process started
 * in its place gets the same id and knows that every run still marked with it is dead. (Two
 * workers on one host are `host#0` and `host#1`; with several dead, each restart takes one slot
 * and its runs.) Embedded PGlite is one process: always slot 0, nothing to lock.
 */
export async function claimWorkerId(handle: DbHandle, name: string = hostname()): Promise<WorkerIdentity> {
  if (handle.kind !== "postgres") return { id: `${name}#0`, lost: new Promise<Error>(() => {}), release: async () => {} };
  // A session of its own for the process's life: the lock lives exactly as long as it does.
  const client = await handle.pool.connect();
  let resolveLost: (error: Error) => void = () => {};
  const lost = new Promise<Error>((resolve) => (resolveLost = resolve));
  let released = false;
  client.on("error", (error) => {
    if (!released) resolveLost(error);
  });
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const id = `${name}#${slot}`;
    const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtextextended($1, 0)) as ok", [
      `marketable-worker:${id}`,
    ]);
    if (rows[0]?.ok) {
      return {
        id,
        lost,
        async release() {
          if (released) return;
          released = true;
          // Ending the session frees the lock; the connection is not reused by the pool.
          client.release(true);
        },
      };
    }
  }
  client.release();
  throw new Error(`More than ${MAX_SLOTS} live workers are named "${name}": give each group its own WORKER_ID`);
}
