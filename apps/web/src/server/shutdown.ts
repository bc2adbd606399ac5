import "server-only";

import { logger } from "@marketable/logger";

import { closeDbHandle } from "./db";
import { stopQueue } from "./jobs";
import { runtimeEnv } from "./runtimeEnv";

/** Running jobs get this long to finish on a stop; then they are re-queued and resume at the next start. */
const JOB_GRACE_MS = 3_000;
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * On SIGINT/SIGTERM/SIGHUP: stop the job queue, close the database (PGlite writes a clean
 * shutdown, so the next start needs no recovery), then exit. Next's own handler would exit as soon
 * as its HTTP server closed, cutting the database off mid-write: it is left out
 * (`NEXT_MANUAL_SIG_HANDLE=1`, which `npm start` sets; without it, the listeners Next registered
 * before this runs are removed). Repeated signals (one Ctrl-C
 * reaches a process from the terminal and again relayed by `npm start`) wait for the same stop.
 */
export function installGracefulShutdown() {
  if (!runtimeEnv.nextManualSignalHandling()) for (const signal of SIGNALS) process.removeAllListeners(signal);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const log = logger.child({ process: "web" });
    log.info({ signal }, "stopping: job queue, then the database");
    void (async () => {
      let code = 0;
      try {
        await stopQueue(JOB_GRACE_MS);
      } catch (error) {
        code = 1;
        log.error({ err: error }, "job queue did not stop cleanly");
      }
      try {
        await closeDbHandle();
        log.info("database closed");
      } catch (error) {
        code = 1;
        log.error({ err: error }, "database did not close cleanly");
      }
      process.exit(code);
    })();
  };
  for (const signal of SIGNALS) process.on(signal, stop);
}
